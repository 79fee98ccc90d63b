"""Follow-ups in one conversation: each case's earlier turns, then the last one, judged like
the question corpus (conversations/*.toml, written from the report independently of the code)."""

from __future__ import annotations

import tomllib
import unicodedata
from pathlib import Path

import pytest

from knowledge.conversation import Conversations

FILES = sorted((Path(__file__).resolve().parent / "conversations").glob("*.toml"))
CASES = [case for path in FILES for case in tomllib.loads(path.read_text("utf-8"))["case"]]
MINIMUM_CASES = 100


def squash(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def appears(item: str | list[str], text: str) -> bool:
    options = item if isinstance(item, list) else [item]
    return any(squash(option) in text for option in options)


def case_id(case: dict) -> str:
    return " → ".join([*case["context"], case["q"]])


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_a_follow_up_is_read_against_the_turns_before_it(engine, case: dict) -> None:
    conversation = engine.conversation()
    for turn in case["context"]:
        engine.ask(turn, conversation=conversation)
    answer = engine.ask(case["q"], conversation=conversation)
    shown = squash(answer.text + " " + " ".join(answer.button_labels()))
    wrong = [item for item in case.get("forbid", []) if appears(item, shown)]
    missing = [item for item in case["expect"] if not appears(item, shown)]
    # A yes/no follow-up says its verdict first.
    first = squash(answer.text.split("\n", 1)[0])
    # (as in run_eval: an item of `starts` may be a list of options)
    options = [
        o for item in case.get("starts", []) for o in ([item] if isinstance(item, str) else item)
    ]
    opens = not options or any(first.startswith(o) for o in options)
    assert not wrong and not missing and opens, (
        f"wrong {wrong}, missing {missing}, first line {first!r}\n{answer.text}"
    )


def test_there_are_enough_conversations_of_every_kind() -> None:
    kinds = {tag for case in CASES for tag in case["tags"]}
    assert len(CASES) >= MINIMUM_CASES
    assert {"measure", "subject", "narrow", "position", "why", "fresh", "chain"} <= kinds
    assert all(2 <= len(case["context"]) + 1 <= 4 for case in CASES)


def test_without_a_conversation_a_bare_measure_is_the_bureaus(engine) -> None:
    alone = engine.ask("지출액은?")
    conversation = engine.conversation()
    engine.ask("갈등관리협치과 집행률", conversation=conversation)
    followed = engine.ask("지출액은?", conversation=conversation)
    assert "65,410,160" in alone.text and "28,004,156" in followed.text


def test_a_message_nothing_understood_keeps_the_conversation(engine) -> None:
    conversation = engine.conversation()
    engine.ask("사회협력과 예산", conversation=conversation)
    engine.ask("ㅋㅋㅋ", conversation=conversation)
    assert "6,158,751" in engine.ask("지출액은?", conversation=conversation).text


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_conversation_is_forgotten_after_thirty_quiet_minutes(engine) -> None:
    clock = Clock()
    conversations = Conversations(clock=clock)
    engine.ask("사회협력과 예산", conversation=conversations.get("chat"))
    clock.now += 29 * 60
    assert conversations.get("chat").last is not None
    clock.now += 31 * 60
    assert conversations.get("chat").last is None


def test_only_the_most_recent_conversations_are_kept() -> None:
    conversations = Conversations(kept=3)
    for key in range(5):
        conversations.get(key).last = object()
    assert len(conversations) == 3
    assert conversations.get(0).last is None and conversations.get(4).last is not None


def test_reset_forgets(engine) -> None:
    conversations = Conversations()
    engine.ask("사회협력과 예산", conversation=conversations.get("chat"))
    conversations.reset("chat")
    assert conversations.get("chat").last is None
