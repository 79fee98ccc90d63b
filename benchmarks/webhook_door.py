"""The webhook door under attack: a real `python -m bot run --webhook` process against the fake
Bot API, with the bot's file descriptors limited as on a small server.

Run: .venv/bin/python benchmarks/webhook_door.py [--nofile 1024] [--idle 1100] [--posts 6]
Reports: whether the `+` path of WEBHOOK_URL is served; the bot's memory while unauthenticated
95 MB POSTs stream in; /healthz and update latency while `--idle` connections sit open; the
bytes of log the bot wrote meanwhile. The helpers are those of tests/telegram/test_webhook_door.py.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "telegram"), str(ROOT / "tests")]

from fakebot import FakeBotApi  # noqa: E402
from test_webhook_door import (  # noqa: E402
    MEGABYTE,
    PATH,
    QUESTION,
    SECRET_HEADER,
    request,
    served_bot,
    stream_body,
)


def peak_memory_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM")


async def attack(nofile: int, idle: int, posts: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        async with FakeBotApi() as api, served_bot(api, Path(folder), nofile) as door:
            report: dict = {"nofile": nofile}
            update = json.dumps(api.message_update(QUESTION)).encode()
            good = {SECRET_HEADER: door.secret}
            report["plus_path_status"] = (await request(door.port, "POST", PATH, update, good))[0]
            report["memory_at_start_mb"] = round(door.memory_mb())
            headers = f"POST {PATH} HTTP/1.1\r\nHost: x\r\nContent-Length: {95 << 20}\r\n\r\n"
            taken = await asyncio.gather(
                *(stream_body(door.port, headers, MEGABYTE, 95) for _ in range(posts))
            )
            report["big_posts_mb_taken_each"] = taken
            report["memory_after_posts_mb"] = round(door.memory_mb())
            report["memory_peak_mb"] = round(peak_memory_mb(door.pid))
            log_before = door.log.stat().st_size
            held = []
            for _ in range(idle):
                try:
                    held.append(await asyncio.open_connection("127.0.0.1", door.port))
                except OSError:
                    break
            report["idle_connections_opened"] = len(held)
            await asyncio.sleep(1)
            status, seconds = await request(door.port, "GET", "/healthz", timeout=10)
            report["healthz_while_idle"] = {"status": status, "seconds": round(seconds, 3)}
            before = len(api.sent_texts())
            started = time.perf_counter()
            status, _ = await request(door.port, "POST", PATH, update, good, timeout=10)
            try:
                async with asyncio.timeout(10):
                    while len(api.sent_texts()) == before:
                        await asyncio.sleep(0.02)
                replied = round(time.perf_counter() - started, 2)
            except TimeoutError:
                replied = None
            report["update_while_idle"] = {"status": status, "replied_after_s": replied}
            await asyncio.sleep(10)
            report["log_bytes_in_12s_of_idle"] = door.log.stat().st_size - log_before
            for _, writer in held:
                writer.close()
            return report


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nofile", type=int, default=1024)
    parser.add_argument("--idle", type=int, default=1100)
    parser.add_argument("--posts", type=int, default=6)
    arguments = parser.parse_args()
    result = asyncio.run(attack(arguments.nofile, arguments.idle, arguments.posts))
    print(json.dumps(result, indent=1))
