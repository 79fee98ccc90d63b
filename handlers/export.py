"""/export: the budget lines (all, or one division's) as CSV and XLSX documents."""

from __future__ import annotations

import asyncio
import html

from telegram import InputFile, Update
from telegram.constants import ChatAction

from handlers.context import BotContext
from knowledge.files.export import FORMATS, UnknownDivision, export_lines

COMMANDS = (("export", "세부사업 CSV·엑셀 파일 (예: /export 사회협력과)"),)


async def send_export(update: Update, context: BotContext) -> None:
    """Build both files off the event loop and send them as documents."""
    message = update.effective_message
    await context.bot.send_chat_action(message.chat_id, ChatAction.UPLOAD_DOCUMENT)
    sandbox = context.sandbox
    division = context.request.text
    try:
        files = [
            await asyncio.to_thread(export_lines, sandbox, division, file_format)
            for file_format in FORMATS
        ]
    except UnknownDivision as unknown:
        await message.reply_text(html.escape(str(unknown)))
        return
    for exported in files:
        await message.reply_document(
            InputFile(exported.data, filename=exported.filename),
            caption=html.escape(f"{exported.filename} · 세부사업 {exported.row_count}개"),
        )


ROUTES = {"/export": send_export}
