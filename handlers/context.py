"""The typed context every callback gets: what the features share, by name instead of by key.

`bot.app` fills `BotData` once (build, then post_init); callbacks read it through `BotContext`,
as in python-telegram-bot's contexttypesbot example.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from telegram.ext import CallbackContext, ContextTypes, ExtBot

from handlers.requests import Request
from knowledge import Answer, Engine
from knowledge.conversation import Conversation, Conversations
from knowledge.engine import DATA_DIR
from knowledge.sql.sandbox import Sandbox
from services.buttons import ButtonBook
from services.config import Settings
from services.delivery import Broadcaster
from services.gate import Gate
from services.subscriptions import SubscriptionStore
from services.usage import UsageLog


@dataclass
class BotData:
    """Everything the features share; one per Application (its `bot_data`)."""

    settings: Settings = field(default_factory=Settings)
    engine: Engine | None = None
    # One thread owns the engine's DuckDB connection; every question is answered on it.
    engine_executor: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(max_workers=1, thread_name_prefix="engine")
    )
    gate: Gate = field(default_factory=Gate)
    buttons: ButtonBook = field(default_factory=ButtonBook)
    sandbox: Sandbox | None = None
    # None when the state file is unusable: questions are answered, subscriptions are off.
    subscriptions: SubscriptionStore | None = None
    usage: UsageLog | None = None
    broadcaster: Broadcaster | None = None
    # The folder /reload reads (tests point it at a copy), and the lock of a reload.
    data_dir: Path = DATA_DIR
    reloading: asyncio.Lock = field(default_factory=asyncio.Lock)
    # What each conversation was about (a private chat, a person in a group): follow-ups.
    conversations: Conversations = field(default_factory=Conversations)
    # Each person's /sql running beside their chat (handlers.sql): one at a time each.
    sql_running: dict[int | None, asyncio.Task] = field(default_factory=dict)


class BotContext(CallbackContext[ExtBot, dict, dict, BotData]):
    """CallbackContext with the shared objects as properties, and the engine's one door."""

    # What the gate read from this update (see handlers.guard), for the feature that serves it.
    request: Request | None = None

    @property
    def settings(self) -> Settings:
        return self.bot_data.settings

    @property
    def engine(self) -> Engine:
        if self.bot_data.engine is None:
            raise RuntimeError("the engine is loaded in post_init; it has not run")
        return self.bot_data.engine

    @property
    def gate(self) -> Gate:
        return self.bot_data.gate

    @property
    def buttons(self) -> ButtonBook:
        return self.bot_data.buttons

    @property
    def sandbox(self) -> Sandbox:
        if self.bot_data.sandbox is None:
            raise RuntimeError("the sandbox is built in post_init; it has not run")
        return self.bot_data.sandbox

    @property
    def subscriptions(self) -> SubscriptionStore | None:
        """The subscription store, or None when the state file is unusable."""
        return self.bot_data.subscriptions

    @property
    def broadcaster(self) -> Broadcaster | None:
        return self.bot_data.broadcaster

    @property
    def usage(self) -> UsageLog | None:
        return self.bot_data.usage

    @property
    def conversations(self) -> Conversations:
        return self.bot_data.conversations

    async def ask(self, question: str, conversation: Conversation | None = None) -> Answer:
        """The engine's answer (a follow-up within `conversation`), computed on its own
        thread: the one place handlers ask it."""
        loop = asyncio.get_running_loop()
        engine = self.engine
        # Relative months (이번 달) count from BOT_TODAY when it is set.
        today = self.bot_data.settings.bot_today
        return await loop.run_in_executor(
            self.bot_data.engine_executor, partial(engine.ask, question, today, conversation)
        )


CONTEXT_TYPES = ContextTypes(context=BotContext, bot_data=BotData)
