"""Reading what a text asks for: commands however typed, with the argument kept as typed."""

import pytest

from handlers.requests import Kind, Via, read_command, read_text

USERNAME = "report_test_bot"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/sql SELECT 1", ("sql", "SELECT 1")),
        ("／ｓｑｌ SELECT 1", ("sql", "SELECT 1")),
        ("/SQL@Report_Test_Bot SELECT 'a  b'", ("sql", "SELECT 'a  b'")),
        ("/sql@other_bot SELECT 1", ("", "SELECT 1")),
        ("\u200b/chart 집행률", ("chart", "집행률")),
        ("/sql\nSELECT 1\nFROM t", ("sql", "SELECT 1\nFROM t")),
        ("/", None),
        ("갈등관리협치과 집행률", None),
        ("", None),
    ],
    ids=[
        "plain", "fullwidth", "addressed-upper", "other-bot", "zero-width", "line-breaks",
        "bare-slash", "question", "empty",
    ],
)  # fmt: skip
def test_commands_are_read_however_typed(text, expected):
    assert read_command(text, USERNAME) == expected


@pytest.mark.parametrize(
    ("text", "via", "kind"),
    [
        ("@report_test_bot ／sql SELECT 1", Via.MESSAGE, Kind.SQL),
        ("/schema", Via.INLINE, Kind.SCHEMA),
        ("/start", Via.INLINE, Kind.QUESTION),
        ("/chart 집행률", Via.BUTTON, Kind.COMMAND),
        ("10월 일정 @report_test_bot", Via.MESSAGE, Kind.QUESTION),
    ],
    ids=["mention-then-fullwidth", "inline-schema", "inline-start", "button-command", "question"],
)
def test_texts_become_one_request_whatever_the_path(text, via, kind):
    assert read_text(text, USERNAME, via).kind is kind
