"""Button callback data that names only what the bot offered: signed, or a key kept here.

Any client can send any callback data, so a tap is trusted only when its data carries our
signature (a keyed hash of its payload; the key is derived from the bot token, so buttons
keep working across restarts). A payload too long for Telegram's 64 bytes is kept here under
a signed key instead; such keys are forgotten on restart, oldest first beyond `kept`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections import OrderedDict
from dataclasses import dataclass

from services.limits import CALLBACK_DATA_LIMIT

SIGNATURE_CHARACTERS = 8
SEPARATOR = "|"
# The payload is inline ("i") or kept here under a key ("k").
INLINE, KEPT = "i", "k"


@dataclass(frozen=True)
class Button:
    """What a tapped button stands for: its kind (e.g. "q" for a question) and payload;
    payload None when we offered it but no longer hold what it stood for (a restart)."""

    kind: str
    payload: str | None


class ButtonBook:
    """Makes callback data for offered buttons and reads taps back; refuses anything else."""

    def __init__(self, secret: bytes | None = None, kept: int = 10_000) -> None:
        # Without a secret (console, tests) buttons are good for this process only.
        self._secret = secret or secrets.token_bytes(32)
        self._kept: OrderedDict[str, str] = OrderedDict()
        self._limit = kept

    @classmethod
    def for_token(cls, token: str) -> ButtonBook:
        """A book whose signatures survive restarts of the bot with this token."""
        return cls(hashlib.sha256(f"buttons:{token}".encode()).digest())

    def offer(self, kind: str, payload: str) -> str:
        """The callback data for a button standing for (`kind`, `payload`)."""
        data = self._signed(f"{INLINE}{kind}:{payload}")
        if len(data.encode()) <= CALLBACK_DATA_LIMIT:
            return data
        key = base64.urlsafe_b64encode(
            hashlib.blake2b(f"{kind}:{payload}".encode(), digest_size=12).digest()
        ).decode()
        self._kept[key] = payload
        self._kept.move_to_end(key)
        while len(self._kept) > self._limit:
            self._kept.popitem(last=False)
        return self._signed(f"{KEPT}{kind}:{key}")

    def read(self, data: str) -> Button | None:
        """The button behind a tap, or None for data we did not offer or no longer hold."""
        body, separator, signature = data.rpartition(SEPARATOR)
        if not separator or not hmac.compare_digest(signature, self._signature(body)):
            return None
        mode, (kind, separator, content) = body[:1], body[1:].partition(":")
        if not separator or mode not in (INLINE, KEPT):
            return None
        return Button(kind, content if mode == INLINE else self._kept.get(content))

    def _signature(self, body: str) -> str:
        digest = hmac.new(self._secret, body.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode()[:SIGNATURE_CHARACTERS]

    def _signed(self, body: str) -> str:
        return f"{body}{SEPARATOR}{self._signature(body)}"
