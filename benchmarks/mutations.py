"""Real questions cut, shuffled and joined, each asked after another in one conversation:
the engine must answer every one without failing (the reply to a failure is an apology).

The questions are those of the corpus (tests/knowledge/questions) and of the probe sets
(benchmarks/probe); the changes are seeded, so a failure can be run again. It found two
failures in the fourth round of reading work (both fixed, both now cases of the suite).

Usage: .venv/bin/python benchmarks/mutations.py [--examples 6000] [--seed 7]
"""

from __future__ import annotations

import argparse
import logging
import random
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge import Engine  # noqa: E402

FAILED = "문제가 생겼습니다"


def questions() -> list[str]:
    files = sorted((ROOT / "tests" / "knowledge" / "questions").glob("*.toml"))
    files += sorted((ROOT / "benchmarks" / "probe").glob("*.toml"))
    found = []
    for path in files:
        with path.open("rb") as f:
            found += [case["q"] for case in tomllib.load(f).get("case", [])]
    return found


def mutated(rnd: random.Random, one: str, other: str) -> str:
    """One question changed the way hurried typing changes it."""
    words = one.split()
    changes = (
        lambda: one[: rnd.randrange(1, len(one) + 1)],  # cut short
        lambda: one[rnd.randrange(len(one)) :],  # its start lost
        lambda: f"{one} {other}",  # two run together
        lambda: " ".join(rnd.sample(words, len(words))),  # words in another order
        lambda: one.replace(" ", ""),  # no spaces
    )
    return rnd.choice(changes)()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=6000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)  # a failure is counted here, not logged
    pool = questions()
    rnd = random.Random(args.seed)
    engine = Engine.load()
    failures = []
    start = time.perf_counter()
    for _ in range(args.examples):
        conversation = engine.conversation()
        engine.ask(rnd.choice(pool), conversation=conversation)
        text = mutated(rnd, rnd.choice(pool), rnd.choice(pool))
        if FAILED in engine.ask(text, conversation=conversation).text:
            failures.append(text)
    took = time.perf_counter() - start
    print(f"{args.examples} mutated questions (seed {args.seed}, {len(pool)} to start from) "
          f"in {took:.1f} s; failures {len(failures)}")  # fmt: skip
    for text in failures[:20]:
        print(f"  failed: {text!r}")


if __name__ == "__main__":
    main()
