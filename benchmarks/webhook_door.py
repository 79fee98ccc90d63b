"""The webhook door under attack: a real `python -m bot run --webhook` process against the fake
Bot API, with the bot's file descriptors limited as on a small server.

Run: .venv/bin/python benchmarks/webhook_door.py [--nofile 1024] [--idle 1100] [--posts 6]
Reports: whether the `+` path of WEBHOOK_URL is served; the bot's memory while unauthenticated
95 MB POSTs stream in; /healthz and update latency while `--idle` connections sit open; the
bytes of log the bot wrote meanwhile.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import socket
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fakebot import FakeBotApi  # noqa: E402

from bot.config import Settings  # noqa: E402

PATH = "/tg+hook"
QUESTION = "갈등관리협치과 집행률"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def memory_mb(pid: int) -> tuple[float, float]:
    """The process's resident memory now and at its peak, in MB."""
    fields = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
    )
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


async def http(port: int, method: str, path: str, body: bytes = b"", headers=None, timeout=10.0):
    """One request on a fresh connection: (status, seconds), status 0 when it failed."""
    started = time.perf_counter()
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", f"Content-Length: {len(body)}"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    lines += ["Connection: close", "", ""]
    try:
        async with asyncio.timeout(timeout):
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write("\r\n".join(lines).encode() + body)
            await writer.drain()
            status_line = await reader.readline()
            writer.close()
        return int(status_line.split()[1]), time.perf_counter() - started
    except (OSError, TimeoutError, IndexError, ValueError):
        return 0, time.perf_counter() - started


async def big_post(port: int, megabytes: int) -> tuple[int, int]:
    """Stream an unauthenticated POST of `megabytes`: (status seen, bytes the server took)."""
    sent = 0
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        head = f"POST {PATH} HTTP/1.1\r\nHost: x\r\nContent-Length: {megabytes << 20}\r\n\r\n"
        writer.write(head.encode())
        chunk = b"{" * (1 << 20)
        for _ in range(megabytes):
            writer.write(chunk)
            await asyncio.wait_for(writer.drain(), 10)
            sent += len(chunk)
        status_line = await asyncio.wait_for(reader.readline(), 10)
        writer.close()
        return int(status_line.split()[1]), sent
    except (OSError, TimeoutError, IndexError, ValueError):
        return 0, sent


async def main(nofile: int, idle: int, posts: int) -> dict:
    with tempfile.TemporaryDirectory() as folder, open(Path(folder) / "bot.log", "wb") as log:
        async with FakeBotApi() as api:
            return await attack(api, nofile, idle, posts, log)


async def attack(api: FakeBotApi, nofile: int, idle: int, posts: int, log) -> dict:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_"))}
    env.update(
        TELEGRAM_BOT_TOKEN=api.token,
        TELEGRAM_API_URL=api.base_url,
        TELEGRAM_FILE_URL=api.file_url,
        WEBHOOK_URL=f"https://bot.example{PATH}",
        WEBHOOK_LISTEN="127.0.0.1",
        PORT=str(port),
        BOT_STATE_DB=str(Path(log.name).with_suffix(".duckdb")),
        PYTHONPATH=str(ROOT),
    )
    secret = Settings(telegram_bot_token=api.token).secret_token

    def limit_descriptors() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (nofile, nofile))

    bot = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", "--webhook", cwd=ROOT, env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=log, preexec_fn=limit_descriptors,
    )  # fmt: skip
    report: dict = {"nofile": nofile}
    try:
        for _ in range(200):
            if (await http(port, "GET", "/healthz", timeout=1))[0] == 200:
                break
            await asyncio.sleep(0.1)
        update = json.dumps(api.message_update(QUESTION)).encode()
        good = {"X-Telegram-Bot-Api-Secret-Token": secret}
        report["plus_path_status"] = (await http(port, "POST", PATH, update, good))[0]
        report["memory_at_start_mb"] = round(memory_mb(bot.pid)[0])
        started = time.perf_counter()
        outcomes = await asyncio.gather(*(big_post(port, 95) for _ in range(posts)))
        report["big_posts"] = {
            "statuses": [status for status, _ in outcomes],
            "mb_taken_each": [round(sent / 2**20) for _, sent in outcomes],
            "seconds": round(time.perf_counter() - started, 1),
        }
        report["memory_after_posts_mb"], report["memory_peak_mb"] = (
            round(value) for value in memory_mb(bot.pid)
        )
        log_before = Path(log.name).stat().st_size
        held = []
        for _ in range(idle):
            try:
                held.append(await asyncio.open_connection("127.0.0.1", port))
            except OSError:
                break
        report["idle_connections_opened"] = len(held)
        await asyncio.sleep(1)
        report["healthz_while_idle"] = await http(port, "GET", "/healthz", timeout=10)
        before = len(api.sent_texts())
        status, _ = await http(port, "POST", PATH, update, good, timeout=10)
        answered = time.perf_counter()
        try:
            async with asyncio.timeout(10):
                while len(api.sent_texts()) == before:
                    await asyncio.sleep(0.02)
            reply_seconds = round(time.perf_counter() - answered, 2)
        except TimeoutError:
            reply_seconds = None
        report["update_while_idle"] = {"status": status, "reply_after_s": reply_seconds}
        await asyncio.sleep(10)
        report["log_bytes_in_12s_of_idle"] = Path(log.name).stat().st_size - log_before
        for _, writer in held:
            writer.close()
    finally:
        bot.terminate()
        await bot.wait()
    return report


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nofile", type=int, default=1024)
    parser.add_argument("--idle", type=int, default=1100)
    parser.add_argument("--posts", type=int, default=6)
    arguments = parser.parse_args()
    print(
        json.dumps(asyncio.run(main(arguments.nofile, arguments.idle, arguments.posts)), indent=1)
    )
