"""The shared fake Bot API plus Telegram's flood limit and a stall to kill a broadcast in.

`max_per_second`: sendMessage beyond that many in any one-second window gets a 429, as
Telegram does. `stall_after`: the Nth sendMessage is carried out (the chat has it) but its
response is held until `release()`, so a test can kill the bot while it waits.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter, deque
from dataclasses import dataclass

from aiohttp import web
from fakebot import Call, FakeBotApi


@dataclass
class PacedFakeBotApi(FakeBotApi):
    max_per_second: int | None = None
    stall_after: int | None = None

    def __post_init__(self) -> None:
        super().__post_init__()
        self.rate_limited = 0
        self._accepted: deque[float] = deque()
        self._sends = 0
        self.stalled: asyncio.Event | None = None
        self._release: asyncio.Event | None = None

    async def start(self) -> PacedFakeBotApi:
        self.stalled = asyncio.Event()
        self._release = asyncio.Event()
        return await super().start()

    async def stop(self) -> None:
        self.release()
        await super().stop()

    def release(self) -> None:
        """Answer the held request and stop stalling."""
        self.stall_after = None
        if self._release is not None:
            self._release.set()

    def summaries_per_chat(self) -> Counter:
        """How many delivered sendMessage calls each chat got."""
        return Counter(call.params["chat_id"] for call in self.delivered("sendMessage"))

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["method"] != "sendMessage":
            return await super()._handle(request)
        now = time.monotonic()
        if self.max_per_second is not None:
            while self._accepted and now - self._accepted[0] >= 1.0:
                self._accepted.popleft()
            if len(self._accepted) >= self.max_per_second:
                self.rate_limited += 1
                self._record(Call("sendMessage", {}, {}, at=now, outcome="rate_limited"))
                body = {
                    "ok": False,
                    "error_code": 429,
                    "description": "Too Many Requests: retry after 1",
                    "parameters": {"retry_after": 1},
                }
                return web.json_response(body, status=429)
            self._accepted.append(now)
        self._sends += 1
        stall = self.stall_after is not None and self._sends == self.stall_after
        response = await super()._handle(request)
        if stall:
            self.stalled.set()
            await self._release.wait()
        return response
