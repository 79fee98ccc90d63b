"""A fake Telegram Bot API on 127.0.0.1: serves queued updates, records every call, injects faults.

Usage (see the `fake_bot_api` fixture in tests/conftest.py):

    api.push(api.message_update("갈등관리협치과 집행률"))   # delivered through getUpdates
    [call] = await api.wait_for("sendMessage")              # Call(method, params, files, result)
    api.fail_next("sendMessage", Fault.server_error())      # the next sendMessage gets a 500
    api.fail_next("sendMessage", Fault.held(1.0), chat_id=7)  # only a send to chat 7
    api.chaos = lambda method, params: Fault.reset() if random() < 0.1 else None
    await api.outage(2.0)                                   # connections refused for 2 s
    await api.wait_quiet()                                  # nothing more is being sent

Every Bot API method is accepted: send*/edit* return a plausible Message, get* a plausible
object, anything else `true`. Files (multipart uploads) are kept and served under /file/bot.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import re
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

TOKEN = "4242:TEST-token-abcdefghijklmnopqrstuvwxyz0123"
BOT_USER = {
    "id": 4242,
    "is_bot": True,
    "first_name": "업무보고 도우미",
    "username": "report_test_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": True,
}
PERSON = {"id": 1001, "is_bot": False, "first_name": "민지", "language_code": "ko"}
GROUP_CHAT = {"id": -100123, "type": "supergroup", "title": "시민협력국 회의"}

# Longest that getUpdates waits for an update, whatever timeout the client asks for:
# keeps test shutdown fast.
LONG_POLL_CAP = 0.5

# Parameters sent as raw strings that must not be JSON-decoded (a text "123" stays a str).
STRING_PARAMS = frozenset(
    {
        "text",
        "caption",
        "query",
        "callback_query_id",
        "inline_query_id",
        "parse_mode",
        "action",
        "title",
        "description",
        "url",
        "secret_token",
        "next_offset",
        "language_code",
        "inline_message_id",
        "file_id",
    }
)
MESSAGE_METHODS = re.compile(r"^(send|edit|copy|forward)[A-Z]")


@dataclass(frozen=True)
class Fault:
    """A wrong answer for one request: a 429, a 5xx, or a reply later than the client waits."""

    kind: str
    retry_after: int = 1
    status: int = 500
    delay: float = 0.0
    description: str = "Internal Server Error"

    @classmethod
    def rate_limited(cls, retry_after: int = 1) -> Fault:
        return cls("rate_limited", retry_after=retry_after)

    @classmethod
    def server_error(cls, status: int = 500) -> Fault:
        return cls("server_error", status=status)

    @classmethod
    def rejected(cls, status: int = 400, description: str = "Bad Request") -> Fault:
        """A 4xx: Telegram refuses the request (bad HTML, chat not found, …)."""
        return cls("rejected", status=status, description=description)

    @classmethod
    def slow(cls, delay: float) -> Fault:
        """The request is carried out (a message is delivered), the response comes late."""
        return cls("slow", delay=delay)

    @classmethod
    def held(cls, delay: float) -> Fault:
        """The request waits `delay` before it is carried out; a client that hangs up
        meanwhile leaves it undone ("abandoned")."""
        return cls("held", delay=delay)

    @classmethod
    def reset(cls) -> Fault:
        """The connection drops before the request is carried out: nothing happened."""
        return cls("reset")

    @classmethod
    def lost(cls) -> Fault:
        """The request is carried out, then the connection drops before the answer."""
        return cls("lost")


@dataclass
class UploadedFile:
    name: str
    filename: str | None
    content_type: str | None
    data: bytes


@dataclass
class Call:
    """One request the bot made, as the server understood it."""

    method: str
    params: dict[str, Any]
    files: dict[str, UploadedFile]
    at: float
    outcome: str = "ok"
    result: Any = None

    @property
    def delivered(self) -> bool:
        """Whether the server carried it out (a slow response still counts)."""
        return self.outcome in ("ok", "slow", "lost")


@dataclass
class FakeBotApi:
    """The fake server; start with `async with FakeBotApi() as api`."""

    token: str = TOKEN
    bot_user: dict = field(default_factory=lambda: dict(BOT_USER))
    calls: list[Call] = field(default_factory=list)
    port: int = 0

    def __post_init__(self) -> None:
        self._updates: deque[dict] = deque()
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self._ids = itertools.count(1)
        self._faults: dict[str | tuple[str, int], deque[Fault]] = defaultdict(deque)
        # Consulted when no queued fault applies: random faults for chaos runs.
        self.chaos: Callable[[str, dict], Fault | None] | None = None
        self._site: web.TCPSite | None = None
        self._down = False
        self._files: dict[str, UploadedFile] = {}
        self._changed: asyncio.Condition | None = None
        self._runner: web.AppRunner | None = None
        self.commands: list[dict] = []

    # --- lifecycle -------------------------------------------------------------------------

    async def start(self) -> FakeBotApi:
        self._changed = asyncio.Condition()
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.on_response_prepare.append(self._close_when_down)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        self._site = web.TCPSite(self._runner, "127.0.0.1", self.port)
        await self._site.start()
        self.port = self._runner.addresses[0][1]
        return self

    async def outage(self, seconds: float) -> None:
        """Nothing listens for `seconds` (connections refused, open ones closed), then the
        server is back on the same port."""
        await self._site.stop()
        # Open keep-alive connections answer once more, with `Connection: close`: cutting
        # them would be a reset (a request lost in transit), not a refused connection.
        self._down = True
        await asyncio.sleep(seconds)
        self._down = False
        self._site = web.TCPSite(self._runner, "127.0.0.1", self.port)
        await self._site.start()

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeBotApi:
        return await self.start()

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        """The Bot API base URL in python-telegram-bot's form (the token is appended)."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    async def _close_when_down(self, request: web.Request, response: web.StreamResponse) -> None:
        if self._down:
            response.force_close()

    # --- updates -----------------------------------------------------------------------------

    def push(self, *updates: dict) -> None:
        """Queue updates for the next getUpdates."""
        self._updates.extend(updates)
        self._notify()

    def message_update(
        self,
        text: str,
        *,
        chat: dict | None = None,
        user: dict | None = None,
        reply_to: dict | None = None,
        edited: bool = False,
    ) -> dict:
        """A text message; commands and @mentions in it get their entities, as Telegram does."""
        user = user or PERSON
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat or {"id": user["id"], "type": "private", "first_name": user["first_name"]},
            "from": user,
            "text": text,
        }
        entities = _entities(text)
        if entities:
            message["entities"] = entities
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        key = "edited_message" if edited else "message"
        return {"update_id": next(self._update_ids), key: message}

    def sticker_update(self, *, user: dict | None = None) -> dict:
        user = user or PERSON
        sticker = {
            "file_id": "sticker-1",
            "file_unique_id": "s1",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
        }
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": user["id"], "type": "private", "first_name": user["first_name"]},
            "from": user,
            "sticker": sticker,
        }
        return {"update_id": next(self._update_ids), "message": message}

    def callback_update(
        self, data: str, *, message: dict | None = None, user: dict | None = None
    ) -> dict:
        """A tap on a button whose callback data is `data`, under `message` (a sent Message)."""
        query = {
            "id": str(next(self._ids)),
            "from": user or PERSON,
            "chat_instance": "chat-instance-1",
            "data": data,
        }
        if message is not None:
            query["message"] = message
        return {"update_id": next(self._update_ids), "callback_query": query}

    def inline_update(self, query: str, *, user: dict | None = None) -> dict:
        inline = {"id": str(next(self._ids)), "from": user or PERSON, "query": query, "offset": ""}
        return {"update_id": next(self._update_ids), "inline_query": inline}

    # --- faults and inspection -----------------------------------------------------------------

    def fail_next(self, method: str, *faults: Fault, chat_id: int | None = None) -> None:
        """The next len(faults) requests to `method` (for `chat_id` only, if given) get these
        faults, in order."""
        self._faults[method if chat_id is None else (method, chat_id)].extend(faults)

    def _next_fault(self, method: str, params: dict) -> Fault | None:
        for key in ((method, params.get("chat_id")), method):
            if self._faults.get(key):
                return self._faults[key].popleft()
        return self.chaos(method, params) if self.chaos else None

    def requests(self, method: str | None = None, chat_id: int | None = None) -> list[Call]:
        """Every request so far (to `method`, for `chat_id`), faulted ones included."""
        return [
            call
            for call in self.calls
            if method in (None, call.method) and chat_id in (None, call.params.get("chat_id"))
        ]

    def delivered(self, method: str) -> list[Call]:
        """Requests to `method` the server carried out."""
        return [call for call in self.requests(method) if call.delivered]

    def sent_texts(self, chat_id: int | None = None) -> list[str]:
        """Texts of delivered sendMessage calls (to one chat), in order."""
        return [
            call.params["text"]
            for call in self.delivered("sendMessage")
            if chat_id is None or call.params["chat_id"] == chat_id
        ]

    async def wait_for(
        self, method: str, count: int = 1, timeout: float = 5.0, where=None
    ) -> list[Call]:
        """Wait until `count` delivered requests to `method` (matching `where`) have arrived."""

        def matching() -> list[Call]:
            return [c for c in self.delivered(method) if where is None or where(c)]

        try:
            async with asyncio.timeout(timeout), self._changed:
                await self._changed.wait_for(lambda: len(matching()) >= count)
        except TimeoutError:
            seen = [(c.method, c.outcome) for c in self.calls]
            raise AssertionError(f"waited for {count} {method}; requests so far: {seen}") from None
        return matching()

    async def wait_quiet(self, quiet: float = 0.3, timeout: float = 5.0) -> None:
        """Wait until no request other than getUpdates has arrived for `quiet` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            busy = [c for c in self.calls if c.method != "getUpdates"]
            last = busy[-1].at if busy else 0.0
            if time.monotonic() - last >= quiet:
                return
            await asyncio.sleep(quiet / 3)
        raise AssertionError("the bot kept sending requests")

    # --- the server ----------------------------------------------------------------------------

    def _notify(self) -> None:
        async def notify() -> None:
            async with self._changed:
                self._changed.notify_all()

        if self._changed is not None:
            with contextlib.suppress(RuntimeError):
                asyncio.get_running_loop().create_task(notify())

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        method = request.match_info["method"]
        params, files = await _parse(request)
        call = Call(method, params, files, at=time.monotonic())
        fault = self._next_fault(method, params)
        if fault and fault.kind not in ("slow", "held", "lost"):
            call.outcome = fault.kind
            self._record(call)
            if fault.kind == "reset":
                return _hang_up(request)
            if fault.kind == "rate_limited":
                return _error(
                    429,
                    f"Too Many Requests: retry after {fault.retry_after}",
                    {"retry_after": fault.retry_after},
                )
            return _error(fault.status, fault.description)
        if fault and fault.kind == "held":
            call.outcome = "held"
            self._record(call)
            await asyncio.sleep(fault.delay)
            if request.transport is None or request.transport.is_closing():
                call.outcome = "abandoned"
                self._notify()
                return web.Response(status=499)
            call.outcome, call.at = "ok", time.monotonic()
        if method == "getUpdates":
            result = await self._get_updates(params)
        else:
            result = self._result(method, params, files)
        call.result = result
        if fault and fault.kind == "held":
            self._notify()
        elif fault and fault.kind == "lost":
            call.outcome = "lost"
            self._record(call)
            return _hang_up(request)
        elif fault:
            call.outcome = "slow"
            self._record(call)
            # The work is done; only the answer is late, as when Telegram is slow to respond.
            await asyncio.sleep(fault.delay)
        else:
            self._record(call)
        return web.json_response({"ok": True, "result": result})

    def _record(self, call: Call) -> None:
        self.calls.append(call)
        self._notify()

    async def _get_updates(self, params: dict) -> list[dict]:
        offset = int(params.get("offset") or 0)
        # An offset confirms every update before it, as on Telegram.
        while self._updates and self._updates[0]["update_id"] < offset:
            self._updates.popleft()
        if not self._updates:
            wait = min(float(params.get("timeout") or 0), LONG_POLL_CAP)
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(wait), self._changed:
                    await self._changed.wait_for(lambda: bool(self._updates))
        limit = int(params.get("limit") or 100)
        return [u for u in self._updates if u["update_id"] >= offset][:limit]

    def _result(self, method: str, params: dict, files: dict[str, UploadedFile]) -> Any:
        if method == "getMe":
            return self.bot_user
        if method == "setMyCommands":
            self.commands = params.get("commands", [])
            return True
        if method == "getMyCommands":
            return self.commands
        if method == "getWebhookInfo":
            return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}
        if method == "getFile":
            stored = self._files.get(params.get("file_id", ""))
            size = len(stored.data) if stored else 0
            file_id = params.get("file_id")
            return {
                "file_id": file_id,
                "file_unique_id": file_id,
                "file_size": size,
                "file_path": f"files/{file_id}",
            }
        if method == "sendMediaGroup":
            return [self._message(params, {}, media) for media in params.get("media", [])]
        if MESSAGE_METHODS.match(method):
            if "inline_message_id" in params:
                return True
            return self._message(params, files)
        return True

    def _message(self, params: dict, files: dict[str, UploadedFile], media: dict | None = None):
        chat_id = params.get("chat_id")
        message = {
            "message_id": params.get("message_id") or next(self._message_ids),
            "date": int(time.time()),
            "chat": _chat(chat_id),
            "from": self.bot_user,
        }
        if "text" in params:
            message["text"] = params["text"]
        if "caption" in params:
            message["caption"] = params["caption"]
        if "reply_markup" in params and isinstance(params["reply_markup"], dict):
            message["reply_markup"] = params["reply_markup"]
        for name, upload in files.items():
            file_id = f"file-{next(self._ids)}"
            self._files[file_id] = upload
            described = {
                "file_id": file_id,
                "file_unique_id": file_id,
                "file_size": len(upload.data),
            }
            if name == "photo":
                message["photo"] = [{**described, "width": 800, "height": 600}]
            else:
                message[name] = {
                    **described,
                    "file_name": upload.filename,
                    "mime_type": upload.content_type,
                }
        if media is not None:
            message["caption"] = media.get("caption")
        return message

    async def _download(self, request: web.Request) -> web.Response:
        file_id = request.match_info["path"].rsplit("/", 1)[-1]
        stored = self._files.get(file_id)
        if request.match_info["token"] != self.token or stored is None:
            return web.Response(status=404)
        return web.Response(body=stored.data, content_type=stored.content_type)


def _hang_up(request: web.Request) -> web.Response:
    """Drop the connection without an answer, as a reset or a crashed proxy does."""
    if request.transport is not None:
        request.transport.abort()
    return web.Response(status=499)


def _error(status: int, description: str, parameters: dict | None = None) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if parameters:
        body["parameters"] = parameters
    return web.json_response(body, status=status)


def _chat(chat_id: Any) -> dict:
    if isinstance(chat_id, int) and chat_id < 0:
        return {"id": chat_id, "type": "supergroup", "title": "group"}
    return {"id": chat_id, "type": "private", "first_name": "person"}


def _decode(name: str, value: str) -> Any:
    if name in STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


async def _parse(request: web.Request) -> tuple[dict[str, Any], dict[str, UploadedFile]]:
    params: dict[str, Any] = {}
    files: dict[str, UploadedFile] = {}
    if request.content_type == "application/json":
        params.update(await request.json())
    elif request.can_read_body:
        for name, value in (await request.post()).items():
            if isinstance(value, web.FileField):
                data = value.file.read()
                files[name] = UploadedFile(name, value.filename, value.content_type, data)
            else:
                params[name] = _decode(name, value)
    for name, value in request.query.items():
        params.setdefault(name, _decode(name, value))
    return params, files


def _entities(text: str) -> list[dict]:
    """bot_command and mention entities with Telegram's UTF-16 offsets."""
    entities = []
    for match in re.finditer(r"(?<![\w@])(/\w+(?:@\w+)?|@\w+)", text):
        kind = "bot_command" if match.group().startswith("/") else "mention"
        if kind == "bot_command" and match.start() != 0:
            continue
        offset = len(text[: match.start()].encode("utf-16-le")) // 2
        length = len(match.group().encode("utf-16-le")) // 2
        entities.append({"type": kind, "offset": offset, "length": length})
    return entities
