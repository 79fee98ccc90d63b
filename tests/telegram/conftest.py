"""Helpers for the Telegram tests: feed one update dict to the real Application."""

import asyncio

import pytest
from telegram import Update
from telegram.ext import Application

from bot.app import build_application
from handlers import render
from knowledge import Answer, Engine
from services.config import Settings

# Questions likely to be ambiguous; the engine decides which ones are.
AMBIGUOUS_CANDIDATES = (
    "혁신파크 예산",
    "혁신파크",
    "참여예산 예산",
    "시민참여 예산",
    "협치 예산",
    "마을 예산",
    "공익활동 예산",
)


async def start_app(settings: Settings, engine: Engine) -> Application:
    """A real Application as `run_polling` starts it (initialize, then post_init), not polling."""
    app = build_application(settings, engine)
    await app.initialize()
    await app.post_init(app)
    return app


async def stop_app(app: Application) -> None:
    await app.shutdown()
    await app.post_shutdown(app)


async def process(app: Application, update: dict) -> None:
    """Deliver one update (a Bot API dict) to the application, as polling would, and wait
    for a /sql it started beside the chat."""
    await app.process_update(Update.de_json(update, app.bot))
    await asyncio.gather(*app.bot_data.sql_running.values(), return_exceptions=True)


def rendered(answer: Answer) -> list[str]:
    return render.render_html(answer)


def ambiguous_question(engine: Engine) -> str:
    """A question the engine answers with candidates to pick from."""
    for question in AMBIGUOUS_CANDIDATES:
        if engine.ask(question).choices:
            return question
    raise AssertionError(f"the engine offers no choices for any of {AMBIGUOUS_CANDIDATES}")


@pytest.fixture
def ambiguous(engine: Engine) -> str:
    return ambiguous_question(engine)
