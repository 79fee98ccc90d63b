"""A storm of one log message writes a few lines a window, then says how many it held back."""

import io
import logging

from bot.logs import LogfmtFormatter, RepeatFilter


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def storm_logger(clock: Clock) -> tuple[logging.Logger, io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(LogfmtFormatter(()))
    handler.addFilter(RepeatFilter(window=10.0, burst=5, clock=clock))
    logger = logging.getLogger(f"storm.{id(clock)}")
    logger.propagate = False
    logger.addHandler(handler)
    return logger, stream


def refuse(logger: logging.Logger, address: str) -> None:
    """One place in the code that logs: a storm comes from one place."""
    logger.warning("refused a connection from %s", address)


def test_ten_thousand_alike_lines_in_a_window_write_five_then_a_count() -> None:
    clock = Clock()
    logger, stream = storm_logger(clock)
    for number in range(10_000):
        refuse(logger, f"10.0.{number % 250}.1")
    assert len(stream.getvalue().splitlines()) == 5
    clock.now = 10.0
    refuse(logger, "10.0.0.9")
    last = stream.getvalue().splitlines()[-1]
    assert 'msg="refused a connection from 10.0.0.9"' in last
    assert last.endswith("repeated=9995")


def test_other_messages_pass_during_a_storm() -> None:
    clock = Clock()
    logger, stream = storm_logger(clock)
    for _ in range(100):
        logger.error("the same failure")
    logger.error("a different failure")
    logger.warning("the same failure")
    lines = stream.getvalue().splitlines()
    assert len(lines) == 7
    assert "a different failure" in lines[5] and "level=WARNING" in lines[6]
