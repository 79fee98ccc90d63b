"""Engine speed: process start to first answer, answers per second on one core, p50/p99 latency.

Questions are the test corpus (tests/knowledge/questions/*.toml), several hundred varied ones;
the conversations of tests/knowledge/conversations/*.toml are timed turn by turn, with the
follow-ups read against the turns before them (context handling on).
The engine keeps each query result after its first run (the report does not change while
loaded), so the figures are printed for a cold pass (fresh engine) and for warm passes.

Usage: .venv/bin/python benchmarks/engine.py [--passes 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge import Engine  # noqa: E402


def load_questions() -> list[str]:
    questions = []
    for path in sorted((ROOT / "tests" / "knowledge" / "questions").glob("*.toml")):
        with path.open("rb") as f:
            questions += [case["q"] for case in tomllib.load(f).get("case", [])]
    return questions


def load_conversations() -> list[list[str]]:
    """Each conversation of tests/knowledge/conversations/*.toml: its earlier turns, then q."""
    conversations = []
    for path in sorted((ROOT / "tests" / "knowledge" / "conversations").glob("*.toml")):
        with path.open("rb") as f:
            conversations += [
                [*case.get("context", []), case["q"]] for case in tomllib.load(f).get("case", [])
            ]
    return conversations


def conversation_pass(engine: Engine, conversations: list[list[str]]) -> list[float]:
    """Every turn of every conversation, each read against the turns before it."""
    latencies = []
    for turns in conversations:
        conversation = engine.conversation()
        for turn in turns:
            start = time.perf_counter()
            engine.ask(turn, conversation=conversation)
            latencies.append(time.perf_counter() - start)
    return latencies


def start_to_first_answer(runs: int) -> list[float]:
    """Wall time of `python -m bot ask` for one question, process start included."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "bot", "ask", "갈등관리협치과 집행률"],
            cwd=ROOT, check=True, capture_output=True,
        )  # fmt: skip
        times.append(time.perf_counter() - start)
    return times


def timed_pass(engine: Engine, questions: list[str]) -> list[float]:
    latencies = []
    for question in questions:
        start = time.perf_counter()
        engine.ask(question)
        latencies.append(time.perf_counter() - start)
    return latencies


def report(label: str, latencies: list[float]) -> None:
    ordered = sorted(latencies)
    p50 = ordered[len(ordered) // 2] * 1000
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000
    rate = len(latencies) / sum(latencies)
    print(
        f"{label:<22} {len(latencies):>6} answers  {rate:>8,.0f}/s  p50 {p50:.2f} ms  p99 {p99:.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=5)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core

    questions = load_questions()
    print(f"questions: {len(questions)} distinct phrasings from tests/knowledge/questions")
    starts = start_to_first_answer(5)
    print(
        f"start to first answer   median {statistics.median(starts):.2f} s  (max {max(starts):.2f} s, 5 runs)"
    )

    load_start = time.perf_counter()
    engine = Engine.load()
    print(f"Engine.load (in process) {time.perf_counter() - load_start:.3f} s")
    report("cold pass", timed_pass(engine, questions))
    warm = []
    for _ in range(args.passes):
        warm += timed_pass(engine, questions)
    report(f"warm x{args.passes}", warm)
    conversations = load_conversations()
    turns = []
    for _ in range(args.passes):
        turns += conversation_pass(engine, conversations)
    report(f"conversations x{args.passes}", turns)
    print(f"  ({len(conversations)} conversations, every turn read against the ones before)")


if __name__ == "__main__":
    main()
