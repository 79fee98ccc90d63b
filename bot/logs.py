"""Logging set-up: one key=value line per event, the bot token and webhook secret never in it."""

from __future__ import annotations

import logging
import re
import sys
import threading
import time
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TextIO
from urllib.parse import quote

REDACTED = "[REDACTED]"

# httpx logs each request URL at INFO, and Bot API URLs carry the token.
QUIET_LOGGERS = ("httpx", "httpcore", "tornado.access", "aiohttp.access")


class RedactingFormatter(logging.Formatter):
    """Formats as usual, then blanks every secret, tracebacks included."""

    def __init__(self, secrets: Iterable[str], fmt: str | None = None) -> None:
        super().__init__(fmt or "%(asctime)s %(levelname)s %(name)s: %(message)s")
        # URLs may carry a secret percent-encoded (the token's colon as %3A).
        forms = {form for s in secrets if s for form in (s, quote(s, safe=""), quote(s))}
        # Longest first so that a secret containing another is removed whole.
        self._secrets = sorted(forms, key=len, reverse=True)

    def redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        return text

    def format(self, record: logging.LogRecord) -> str:
        return self.redact(super().format(record))


# Characters that would end or garble a line; a person's text at DEBUG may hold any of them.
_LINE_BREAKING = re.compile("[\x00-\x1f\x7f\x85\u2028\u2029]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _value(text: str) -> str:
    """A logfmt value: bare when it can be, else quoted with every line break escaped."""
    if text and not _LINE_BREAKING.search(text) and not any(c in text for c in ' "=\\'):
        return text
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = _LINE_BREAKING.sub(
        lambda match: _ESCAPES.get(match.group(), f"\\u{ord(match.group()):04x}"), escaped
    )
    return f'"{escaped}"'


class LogfmtFormatter(RedactingFormatter):
    """`time=… level=… logger=… msg="…"`, then `exc="…"`: one line per event, whatever the
    message or traceback holds, so log search and line-based shippers see whole events.

    Fields passed as `extra={"fields": {...}}` are appended as key=value pairs.
    """

    def format(self, record: logging.LogRecord) -> str:
        moment = datetime.fromtimestamp(record.created).astimezone()
        pairs = [
            ("time", moment.isoformat(timespec="milliseconds")),
            ("level", record.levelname),
            ("logger", record.name),
            ("msg", record.getMessage()),
        ]
        pairs.extend((str(k), str(v)) for k, v in getattr(record, "fields", {}).items())
        if record.exc_info:
            pairs.append(("exc", self.formatException(record.exc_info)))
        if record.stack_info:
            pairs.append(("stack", self.formatStack(record.stack_info)))
        # Redacted before quoting, so escaping can never split a secret and hide it.
        return " ".join(f"{key}={_value(self.redact(value))}" for key, value in pairs)


class RepeatFilter(logging.Filter):
    """Lets through at most `burst` records from one place (logger, level, message template)
    in each `window` of seconds; the rest are counted, and the next record from that place to
    pass carries `repeated=N`. A storm of one error (a connection flood, a failing loop) then
    writes a few lines a window instead of thousands a second."""

    def __init__(
        self, window: float = 10.0, burst: int = 5, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__()
        self.window = window
        self.burst = burst
        self.clock = clock
        self._lock = threading.Lock()
        # place -> [window start, records let through in it, records held back]
        self._places: dict[tuple, list] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        # The template, not the formatted text: a storm varies in its arguments (addresses).
        place = (record.name, record.levelno, str(record.msg), record.pathname, record.lineno)
        now = self.clock()
        with self._lock:
            seen = self._places.get(place)
            if seen is None or now - seen[0] >= self.window:
                held_back = seen[2] if seen else 0
                self._places[place] = [now, 1, 0]
            elif seen[1] < self.burst:
                seen[1] += 1
                held_back = 0
            else:
                seen[2] += 1
                return False
        if held_back:
            record.fields = {**getattr(record, "fields", {}), "repeated": held_back}
        return True


def configure_logging(
    level: str, secrets: Iterable[str], stream: TextIO | None = None
) -> logging.Handler:
    """Send logs to one redacting handler on the root logger; returns that handler."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(LogfmtFormatter(secrets))
    handler.addFilter(RepeatFilter())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    # At DEBUG everything shows (redacted); otherwise per-request lines are noise.
    quiet = logging.DEBUG if root.level <= logging.DEBUG else logging.WARNING
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(quiet)
    return handler
