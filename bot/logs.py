"""Logging set-up that keeps the bot token and webhook secret out of every log line."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable
from typing import TextIO

REDACTED = "[REDACTED]"

# httpx logs each request URL at INFO, and Bot API URLs carry the token.
QUIET_LOGGERS = ("httpx", "httpcore", "tornado.access", "aiohttp.access")


class RedactingFormatter(logging.Formatter):
    """Formats as usual, then blanks every secret, tracebacks included."""

    def __init__(self, secrets: Iterable[str], fmt: str | None = None) -> None:
        super().__init__(fmt or "%(asctime)s %(levelname)s %(name)s: %(message)s")
        # Longest first so that a secret containing another is removed whole.
        self._secrets = sorted({s for s in secrets if s}, key=len, reverse=True)

    def redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        return text

    def format(self, record: logging.LogRecord) -> str:
        return self.redact(super().format(record))


def configure_logging(
    level: str, secrets: Iterable[str], stream: TextIO | None = None
) -> logging.Handler:
    """Send logs to one redacting handler on the root logger; returns that handler."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(RedactingFormatter(secrets))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    return handler
