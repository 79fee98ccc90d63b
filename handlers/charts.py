"""/chart: a bar chart of the report sent as a photo (집행률, 예산, 세입, or one division)."""

from __future__ import annotations

import asyncio
import html

from telegram import InputFile, Update
from telegram.constants import ChatAction

from handlers.context import BotContext
from knowledge.files.charts import UnknownChart, render_chart

COMMANDS = (("chart", "차트 (예: /chart 집행률, /chart 사회협력과)"),)


async def send_chart(update: Update, context: BotContext) -> None:
    """Draw the chart off the event loop and send it with its title as the caption."""
    message = update.effective_message
    await context.bot.send_chat_action(message.chat_id, ChatAction.UPLOAD_PHOTO)
    sandbox = context.sandbox
    try:
        chart = await asyncio.to_thread(render_chart, sandbox, context.request.text)
    except UnknownChart as unknown:
        await message.reply_text(html.escape(str(unknown)))
        return
    await message.reply_photo(
        InputFile(chart.data, filename=chart.filename), caption=html.escape(chart.caption)
    )


ROUTES = {"/chart": send_chart}
