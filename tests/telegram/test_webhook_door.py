"""The webhook door with real sockets: a real `python -m bot run --webhook` process (its file
descriptors limited as on a small server) against the fake Bot API, and the served webhook
in-process where its time limits are shortened."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import os
import resource
import socket
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from conftest import rendered

from bot.app import build_application
from bot.webhook import SECRET_HEADER, DoorLimits, serve_webhook
from services.config import Settings

ROOT = Path(__file__).resolve().parents[2]
PATH = "/tg+hook"
QUESTION = "갈등관리협치과 집행률"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Door:
    port: int
    pid: int
    secret: str
    log: Path

    def memory_mb(self) -> float:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise AssertionError("no VmRSS")

    def open_descriptors(self) -> int:
        return len(os.listdir(f"/proc/{self.pid}/fd"))


@asynccontextmanager
async def served_bot(api, tmp_path: Path, nofile: int = 1024) -> AsyncIterator[Door]:
    """The bot serving WEBHOOK_URL https://bot.example/tg+hook on a free port, until the end."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_"))}
    env.update(
        TELEGRAM_BOT_TOKEN=api.token,
        TELEGRAM_API_URL=api.base_url,
        TELEGRAM_FILE_URL=api.file_url,
        WEBHOOK_URL=f"https://bot.example{PATH}",
        WEBHOOK_LISTEN="127.0.0.1",
        PORT=str(port),
        BOT_STATE_DB=str(tmp_path / "state.duckdb"),
        PYTHONPATH=str(ROOT),
    )
    log = tmp_path / "bot.log"

    def limit_descriptors() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (nofile, nofile))

    with log.open("wb") as stderr:
        bot = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", "--webhook", cwd=ROOT, env=env,
            stdout=asyncio.subprocess.DEVNULL, stderr=stderr, preexec_fn=limit_descriptors,
        )  # fmt: skip
    try:
        async with asyncio.timeout(30):
            while (await request(port, "GET", "/healthz", timeout=1))[0] != 200:
                await asyncio.sleep(0.1)
        secret = Settings(telegram_bot_token=api.token).secret_token
        yield Door(port, bot.pid, secret, log)
    finally:
        bot.terminate()
        await bot.wait()


async def request(
    port: int, method: str, path: str, body: bytes = b"", headers=None, timeout: float = 5.0
) -> tuple[int, float]:
    """One request on its own connection: (status, seconds); status 0 when none came back."""
    started = time.perf_counter()
    head = [f"{method} {path} HTTP/1.1", "Host: bot.example", f"Content-Length: {len(body)}"]
    head += [f"{name}: {value}" for name, value in (headers or {}).items()]
    head += ["Connection: close", "", ""]
    try:
        async with asyncio.timeout(timeout):
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write("\r\n".join(head).encode() + body)
            await writer.drain()
            status = await reader.readline()
            writer.close()
        return int(status.split()[1]), time.perf_counter() - started
    except (OSError, TimeoutError, IndexError, ValueError):
        return 0, time.perf_counter() - started


async def declared_too_big(port: int, secret: str, length: int, timeout: float = 5.0) -> int:
    """A POST that declares a body over the limit: the status the door answers to its headers.
    The body is not sent — the door refuses on the declared length, and a client still
    sending when the door closes gets a reset that can swallow the answer (which made the
    test that sent the whole body flaky)."""
    head = [f"POST {PATH} HTTP/1.1", "Host: bot.example", f"Content-Length: {length}",
            f"{SECRET_HEADER}: {secret}", "Connection: close", "", ""]  # fmt: skip
    try:
        async with asyncio.timeout(timeout):
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write("\r\n".join(head).encode())
            await writer.drain()
            status = await reader.readline()
            writer.close()
        return int(status.split()[1])
    except (OSError, TimeoutError, IndexError, ValueError):
        return 0


async def stream_body(port: int, headers: str, chunk: bytes, count: int) -> int:
    """Send `headers`, then up to `count` chunks of body: how many the server took before it
    closed the connection (what the kernel's socket buffers hold counts as taken)."""
    sent = 0
    _, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(headers.encode())
        for _ in range(count):
            writer.write(chunk)
            await asyncio.wait_for(writer.drain(), 5)
            sent += 1
    except (OSError, TimeoutError):
        pass
    finally:
        writer.close()
    return sent


MEGABYTE = b"{" * (1 << 20)


async def answered(api, before: int, timeout: float = 5.0) -> float:
    started = time.perf_counter()
    async with asyncio.timeout(timeout):
        while len(api.sent_texts()) == before:
            await asyncio.sleep(0.02)
    return time.perf_counter() - started


async def test_the_webhook_path_is_matched_literally(fake_bot_api, tmp_path, engine):
    async with served_bot(fake_bot_api, tmp_path) as door:
        update = json.dumps(fake_bot_api.message_update(QUESTION)).encode()
        good = {SECRET_HEADER: door.secret}
        # As a pattern, /tg+hook matched /tgghook and never itself.
        assert (await request(door.port, "POST", "/tgghook", update, good))[0] == 404
        assert (await request(door.port, "POST", PATH, update, good))[0] == 200
        await answered(fake_bot_api, 0)
    assert fake_bot_api.sent_texts() == rendered(engine.ask(QUESTION))


async def test_big_unauthenticated_posts_are_refused_without_being_read(fake_bot_api, tmp_path):
    async with served_bot(fake_bot_api, tmp_path) as door:
        before = door.memory_mb()
        headers = f"POST {PATH} HTTP/1.1\r\nHost: x\r\nContent-Length: {95 << 20}\r\n\r\n"
        taken = await asyncio.gather(
            *(stream_body(door.port, headers, MEGABYTE, 95) for _ in range(6))
        )
        assert max(taken) < 16, taken
        assert door.memory_mb() - before < 20
        wrong = {SECRET_HEADER: "wrong"}
        assert (await request(door.port, "POST", PATH, b"{}", wrong))[0] == 403
    assert not fake_bot_api.sent_texts()


async def test_bodies_over_a_megabyte_are_refused_even_with_the_secret(fake_bot_api, tmp_path):
    async with served_bot(fake_bot_api, tmp_path) as door:
        status = await declared_too_big(door.port, door.secret, (1 << 20) + 100)
        assert status == 413
        # Without a length, the body is cut off at the limit as it streams in.
        chunked = (
            f"POST {PATH} HTTP/1.1\r\nHost: x\r\n{SECRET_HEADER}: {door.secret}\r\n"
            "Transfer-Encoding: chunked\r\n\r\n"
        )
        before = door.memory_mb()
        chunk = hex(len(MEGABYTE))[2:].encode() + b"\r\n" + MEGABYTE + b"\r\n"
        sent = await stream_body(door.port, chunked, chunk, 50)
        assert sent < 20 and door.memory_mb() - before < 20
        assert (await request(door.port, "GET", "/healthz"))[0] == 200
    assert not fake_bot_api.sent_texts()


def room_for_connections(wanted: int) -> int:
    """Raise this process's own descriptor limit so it can hold `wanted` connections, or as many
    as its hard limit allows."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    needed = wanted + 200
    if soft != resource.RLIM_INFINITY and soft < needed:
        soft = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    return wanted if soft == resource.RLIM_INFINITY else min(wanted, soft - 200)


async def test_many_idle_connections_leave_room_for_health_and_updates(fake_bot_api, tmp_path):
    idle = room_for_connections(1100)
    # More idle connections than the bot has file descriptors.
    assert idle > 256
    async with served_bot(fake_bot_api, tmp_path, nofile=256) as door:
        held = [await asyncio.open_connection("127.0.0.1", door.port) for _ in range(idle)]
        await asyncio.sleep(0.5)
        log_before = door.log.stat().st_size
        status, seconds = await request(door.port, "GET", "/healthz")
        assert status == 200 and seconds < 1.0
        update = json.dumps(fake_bot_api.message_update(QUESTION)).encode()
        status, seconds = await request(
            door.port, "POST", PATH, update, {SECRET_HEADER: door.secret}
        )
        assert status == 200 and seconds < 1.0
        assert await answered(fake_bot_api, 0) < 2.0
        assert door.open_descriptors() < 256
        await asyncio.sleep(1)
        assert door.log.stat().st_size - log_before < 20_000
        for _, writer in held:
            writer.close()


async def test_a_storm_of_wrong_secrets_writes_a_few_log_lines(fake_bot_api, tmp_path):
    async with served_bot(fake_bot_api, tmp_path) as door:
        wrong = {SECRET_HEADER: "wrong"}
        for _ in range(20):
            statuses = await asyncio.gather(
                *(request(door.port, "POST", PATH, b"{}", wrong) for _ in range(50))
            )
            assert {status for status, _ in statuses} == {403}
        await asyncio.sleep(0.5)
    lines = door.log.read_text(encoding="utf-8").splitlines()
    refused = [line for line in lines if "wrong secret" in line]
    assert 1 <= len(refused) <= 10, len(refused)


async def test_idle_and_slow_connections_are_closed(fake_bot_api, bot_settings, engine):
    settings = dataclasses.replace(
        bot_settings,
        webhook_url=f"https://bot.example{PATH}",
        webhook_listen="127.0.0.1",
        port=free_port(),
    )
    limits = DoorLimits(idle_seconds=0.5, body_seconds=0.5)
    app = build_application(settings, engine)
    stop, ready = asyncio.Event(), asyncio.Event()
    server = asyncio.create_task(serve_webhook(app, settings, stop, ready, limits))
    await asyncio.wait_for(ready.wait(), 10)
    head = f"POST {PATH} HTTP/1.1\r\nHost: x\r\n{SECRET_HEADER}: {settings.secret_token}\r\n"
    try:
        for sent in (
            b"",
            b"POST /tg+hook HTTP/1.1\r\nHost:",
            f"{head}Content-Length: 9\r\n\r\n{{".encode(),
        ):
            reader, writer = await asyncio.open_connection("127.0.0.1", settings.port)
            started = time.perf_counter()
            writer.write(sent)
            await writer.drain()
            async with asyncio.timeout(5):
                await reader.read()  # returns when the server closes the connection
            assert time.perf_counter() - started < 2.0
            writer.close()
    finally:
        stop.set()
        await server
