"""Property: any text up to 4,096 characters gets a non-empty polite reply; the engine never fails.

The engine catches its own failures and answers with an apology, so a crash would pass
unnoticed; the test also watches the engine's log for that fallback.
"""

import logging

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import hostile_text

from knowledge import Engine

SHORT = settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
LONG = settings(SHORT, max_examples=10_000)


class Failures(logging.Handler):
    """Collects ERROR records from the engine: its caught-exception fallback logs one."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(scope="module")
def failures():
    handler = Failures()
    logger = logging.getLogger("knowledge")
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)


def check(engine: Engine, failures: Failures, text: str) -> None:
    answer = engine.ask(text)
    assert isinstance(answer.text, str) and answer.text.strip()
    assert "Traceback" not in answer.text
    assert answer.intent
    assert not failures.records, f"engine fell back after an exception on {text!r}"


@SHORT
@given(text=hostile_text())
def test_any_text_gets_a_reply(engine, failures, text):
    check(engine, failures, text)


@pytest.mark.slow
@LONG
@given(text=hostile_text())
def test_any_text_gets_a_reply_long_profile(engine, failures, text):
    check(engine, failures, text)
