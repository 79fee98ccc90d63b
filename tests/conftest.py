"""Shared fixtures: the engine, and the Telegram bot against a fake Bot API on 127.0.0.1."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import duckdb
import pytest
from fakebot import FakeBotApi
from telegram import Update
from telegram.ext import Application

from bot.app import build_application
from knowledge import Engine
from knowledge.report.ingest import load_report
from knowledge.sql.sandbox import Sandbox
from services.config import Settings

REPORT = Path(__file__).resolve().parents[1] / "data" / "report_2021-08-13.txt"


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine.load()


@pytest.fixture(scope="session")
def report_connection() -> duckdb.DuckDBPyConnection:
    """The report ingested on its own connection, independent of the engine's."""
    connection = duckdb.connect(":memory:")
    load_report(connection, REPORT)
    return connection


@pytest.fixture(scope="session")
def sandbox(
    report_connection: duckdb.DuckDBPyConnection, tmp_path_factory: pytest.TempPathFactory
) -> Sandbox:
    """The read-only copy /sql runs on, in a temporary directory."""
    return Sandbox.from_connection(report_connection, tmp_path_factory.mktemp("sandbox"))


@pytest.fixture
async def fake_bot_api() -> AsyncIterator[FakeBotApi]:
    """A fake Bot API server on 127.0.0.1; see tests/fakebot.py."""
    async with FakeBotApi() as api:
        yield api


@pytest.fixture
def bot_settings(fake_bot_api: FakeBotApi) -> Settings:
    """Settings pointing at the fake server, with timeouts short enough for tests."""
    return Settings(
        telegram_bot_token=fake_bot_api.token,
        telegram_api_url=fake_bot_api.base_url,
        telegram_file_url=fake_bot_api.file_url,
        request_timeout=0.5,
        retry_backoff=0.05,
    )


@pytest.fixture
async def telegram_app(
    bot_settings: Settings, engine: Engine, fake_bot_api: FakeBotApi
) -> AsyncIterator[Application]:
    """The real Application, initialised (getMe and post_init done) but not polling: drive it with
    `await app.process_update(Update.de_json(api.message_update("..."), app.bot))`. The
    server's record starts empty after that start-up."""
    app = build_application(bot_settings, engine)
    async with app:
        await app.post_init(app)
        fake_bot_api.calls.clear()
        yield app
        await app.post_shutdown(app)


@pytest.fixture
async def running_bot(telegram_app: Application) -> AsyncIterator[Application]:
    """The application polling the fake server: `fake_bot_api.push(update)` reaches it."""
    await telegram_app.start()
    await telegram_app.updater.start_polling(
        poll_interval=0.0, timeout=1, allowed_updates=Update.ALL_TYPES
    )
    yield telegram_app
    await telegram_app.updater.stop()
    await telegram_app.stop()
