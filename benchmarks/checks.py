"""Score /check on a file of pasted texts (format of benchmarks/questions/checks.toml).

    .venv/bin/python benchmarks/checks.py benchmarks/questions/checks.toml [--show]

A text counts as right when it gets exactly its claim lines, each with the right mark and
strings; a claim counts as right when its own line does. A wrong verdict is a ✓ or ✗ where
the case says otherwise: the outcome that matters most (a ? in place of a right ✓/✗ is a miss,
not a wrong verdict).
"""

from __future__ import annotations

import argparse
import sys
import time
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from knowledge import Engine
from knowledge.check import check_text
from knowledge.claims.verify import MARKS, UNKNOWN


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", type=Path)
    parser.add_argument("--show", action="store_true", help="print the texts that are not right")
    args = parser.parse_args()
    with args.cases.open("rb") as f:
        cases = tomllib.load(f)["check"]
    engine = Engine.load()
    right_texts = right_claims = claims = wrong = 0
    started = time.perf_counter()
    for case in cases:
        reply = check_text(engine, case["text"]).text
        lines = [line for line in reply.splitlines() if line[:1] in MARKS]
        expected = case["claims"]
        claims += len(expected)
        good = sum(
            1
            for line, (mark, *strings) in zip(lines, expected, strict=False)
            if line.startswith(mark) and all(s in line for s in strings)
        )
        right_claims += good
        wrong += sum(
            1
            for line, (mark, *_) in zip(lines, expected, strict=False)
            if not line.startswith(mark) and not line.startswith(UNKNOWN)
        )
        if good == len(expected) == len(lines):
            right_texts += 1
        elif args.show:
            print(case["text"], "\n  expected:", expected, "\n  " + reply.replace("\n", "\n  "))
    elapsed = time.perf_counter() - started
    print(
        f"{args.cases}: texts {right_texts}/{len(cases)}, claims {right_claims}/{claims}, "
        f"wrong verdicts {wrong}, "
        f"{elapsed / len(cases) * 1000:.0f} ms per text"
    )


if __name__ == "__main__":
    main()
