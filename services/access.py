"""Who may use the bot (BOT_ALLOWED_USERS / BOT_ALLOWED_CHATS) and who administers it (BOT_ADMINS)."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass


@dataclass(frozen=True)
class AccessPolicy:
    """Both lists empty: open to everyone. Otherwise a listed person (anywhere) or anyone in a
    listed chat may ask; admins always may."""

    users: frozenset[int] = frozenset()
    chats: frozenset[int] = frozenset()
    admins: frozenset[int] = frozenset()

    @property
    def is_open(self) -> bool:
        return not self.users and not self.chats

    def allows(self, user_id: int | None, chat_id: int | None) -> bool:
        if self.is_open:
            return True
        return (
            user_id in self.admins
            or (user_id is not None and user_id in self.users)
            or (chat_id is not None and chat_id in self.chats)
        )

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.admins


class Remembered:
    """A bounded set: ids told something once, oldest forgotten first beyond `size`."""

    def __init__(self, size: int = 100_000) -> None:
        self.size = size
        self._ids: OrderedDict[int, None] = OrderedDict()

    def add(self, key: int) -> bool:
        """Remember `key`; True when it was new (so the caller should tell them)."""
        if key in self._ids:
            return False
        self._ids[key] = None
        if len(self._ids) > self.size:
            self._ids.popitem(last=False)
        return True

    def __len__(self) -> int:
        return len(self._ids)
