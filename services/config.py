"""Settings read once from the environment into a frozen dataclass."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

TELEGRAM_API_URL = "https://api.telegram.org/bot"
TELEGRAM_FILE_URL = "https://api.telegram.org/file/bot"
# The subscriptions state file; kept apart from the report data, never in git.
BOT_STATE_DB = str(Path(__file__).resolve().parent.parent / "var" / "state.duckdb")


@dataclass(frozen=True)
class Settings:
    """Everything the bot reads from the environment; see the README's settings table."""

    telegram_bot_token: str | None = None
    telegram_api_url: str = TELEGRAM_API_URL
    telegram_file_url: str = TELEGRAM_FILE_URL
    webhook_url: str | None = None
    webhook_secret: str | None = None
    webhook_listen: str = "0.0.0.0"
    port: int = 8080
    log_level: str = "INFO"
    request_timeout: float = 10.0
    max_retries: int = 3
    retry_backoff: float = 0.5
    messages_per_second: int = 30
    # Settings built in code (tests) keep state in memory; from_env defaults to the file.
    bot_state_db: str = ":memory:"
    bot_today: date | None = None
    # Summaries sent at once in a broadcast; each is one that a SIGKILL may leave unconfirmed.
    broadcast_in_flight: int = 1
    # Telegram user ids allowed to use /sql; empty = everyone (public data, sandboxed).
    sql_users: frozenset[int] = frozenset()
    # Who may use the bot at all (empty = everyone), who may use /stats and /reload.
    allowed_users: frozenset[int] = frozenset()
    allowed_chats: frozenset[int] = frozenset()
    admins: frozenset[int] = frozenset()
    # Questions a person may ask per minute; 0 = no limit.
    user_rate: int = 20

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> Settings:
        """Read the settings; an unset or empty variable keeps its default."""

        def text(name: str, default: str | None) -> str | None:
            value = environ.get(name, "").strip()
            return value or default

        def number(name: str, default: float, kind: type) -> float:
            raw = text(name, None)
            if raw is None:
                return default
            try:
                return kind(raw)
            except ValueError:
                raise ValueError(f"{name} must be a number, got {raw!r}") from None

        return cls(
            telegram_bot_token=text("TELEGRAM_BOT_TOKEN", None),
            telegram_api_url=text("TELEGRAM_API_URL", TELEGRAM_API_URL),
            telegram_file_url=text("TELEGRAM_FILE_URL", TELEGRAM_FILE_URL),
            webhook_url=text("WEBHOOK_URL", None),
            webhook_secret=text("WEBHOOK_SECRET", None),
            webhook_listen=text("WEBHOOK_LISTEN", "0.0.0.0"),
            port=number("PORT", 8080, int),
            log_level=text("LOG_LEVEL", "INFO").upper(),
            request_timeout=number("TELEGRAM_TIMEOUT", 10.0, float),
            max_retries=number("TELEGRAM_MAX_RETRIES", 3, int),
            messages_per_second=number("TELEGRAM_MESSAGES_PER_SECOND", 30, int),
            bot_state_db=text("BOT_STATE_DB", BOT_STATE_DB),
            bot_today=_day("BOT_TODAY", text("BOT_TODAY", None)),
            broadcast_in_flight=number("BOT_BROADCAST_IN_FLIGHT", 1, int),
            sql_users=_user_ids("BOT_SQL_USERS", text("BOT_SQL_USERS", "")),
            allowed_users=_user_ids("BOT_ALLOWED_USERS", text("BOT_ALLOWED_USERS", "")),
            allowed_chats=_user_ids("BOT_ALLOWED_CHATS", text("BOT_ALLOWED_CHATS", "")),
            admins=_user_ids("BOT_ADMINS", text("BOT_ADMINS", "")),
            user_rate=number("BOT_USER_RATE", 20, int),
        )

    @property
    def mode(self) -> str:
        """`webhook`, `polling` or `console`: what `python -m bot run` does by default."""
        if not self.telegram_bot_token:
            return "console"
        return "webhook" if self.webhook_url else "polling"

    @property
    def secret_token(self) -> str:
        """The webhook secret; derived from the bot token when not set, so restarts agree."""
        if self.webhook_secret:
            return self.webhook_secret
        digest = hashlib.sha256(f"webhook:{self.telegram_bot_token}".encode()).hexdigest()
        return digest[:32]

    @property
    def webhook_path(self) -> str:
        """The path the webhook server listens on: the path part of WEBHOOK_URL."""
        return urlsplit(self.webhook_url or "").path or "/"

    def secrets(self) -> tuple[str, ...]:
        """Strings that must never reach a log line."""
        values = (self.telegram_bot_token, self.webhook_secret)
        derived = (self.secret_token,) if self.telegram_bot_token else ()
        return tuple(value for value in (*values, *derived) if value)

    def __repr__(self) -> str:
        # The dataclass repr would print the token wherever settings get logged.
        return f"Settings(mode={self.mode!r}, api={self.telegram_api_url!r}, port={self.port})"


def _user_ids(name: str, raw: str) -> frozenset[int]:
    """Telegram user ids separated by commas or spaces, e.g. BOT_SQL_USERS=1001,1002."""
    try:
        return frozenset(int(part) for part in raw.replace(",", " ").split())
    except ValueError:
        raise ValueError(f"{name} must be user ids like 1001,1002, got {raw!r}") from None


def _day(name: str, raw: str | None) -> date | None:
    """A pinned "today" such as BOT_TODAY=2021-09-06, for demonstrations and tests."""
    if raw is None:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ValueError(f"{name} must be a date like 2021-09-06, got {raw!r}") from None
