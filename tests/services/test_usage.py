"""Usage counts and unanswered questions in the state file: anonymised, counted, migrated."""

from datetime import date, timedelta

import duckdb
import pytest

from services.state import LATEST_VERSION, MIGRATIONS, migrate
from services.subscriptions import SubscriptionStore
from services.usage import (
    ANSWERED,
    ERRORS,
    KEEP_DAYS,
    UNANSWERED,
    UsageLog,
    anonymise,
    read_unanswered,
)

DAY = date(2021, 9, 6)

ANONYMISED = [
    ("spaces-collapsed", "  날씨   어때 \n", "날씨 어때"),
    ("nfkc", "ＮＰＯ 지원", "NPO 지원"),
    ("zero-width-removed", "날\u200b씨", "날씨"),
    ("controls-become-spaces", "날씨\x00어때\x07", "날씨 어때"),
    ("phone-masked", "010-1234-5678 로 연락", "<번호> 로 연락"),
    ("email-masked", "kim.minji@seoul.go.kr 예산", "<이메일> 예산"),
    ("mention-masked", "@minji_kim 이거 뭐야", "@… 이거 뭐야"),
    ("report-figures-kept", "2021년 예산 30,586", "2021년 예산 30,586"),
    ("long-cut", "가" * 500, "가" * 200),
]


@pytest.mark.parametrize(
    ("raw", "stored"), [c[1:] for c in ANONYMISED], ids=[c[0] for c in ANONYMISED]
)
def test_anonymise(raw, stored):
    assert anonymise(raw) == stored


def test_counts_and_unanswered_survive_a_reopen(tmp_path):
    path = tmp_path / "state.duckdb"
    usage = UsageLog(path)
    usage.count(ANSWERED, 3)
    usage.record_unanswered("날씨 어때")
    usage.record_unanswered("날씨  어때 ")
    usage.record_unanswered("점심 메뉴")
    # Pending counts show before they are written.
    assert usage.counters()[UNANSWERED] == 3
    usage.close(DAY)
    reopened = UsageLog(path)
    assert reopened.counters() == {ANSWERED: 3, UNANSWERED: 3}
    assert [(q.question, q.asked) for q in reopened.unanswered()] == [
        ("날씨 어때", 2),
        ("점심 메뉴", 1),
    ]
    reopened.close(DAY)


def test_nothing_but_the_text_is_stored(tmp_path):
    usage = UsageLog(tmp_path / "state.duckdb")
    usage.record_unanswered("날씨 어때")
    usage.flush(DAY)
    usage.close(DAY)
    with duckdb.connect(str(tmp_path / "state.duckdb")) as db:
        columns = [row[0] for row in db.execute("DESCRIBE unanswered").fetchall()]
    assert columns == ["question", "asked", "first_day", "last_day"]


def test_questions_not_asked_for_long_are_dropped(tmp_path):
    usage = UsageLog(tmp_path / "state.duckdb")
    usage.record_unanswered("옛날 질문")
    usage.flush(DAY)
    usage.record_unanswered("요즘 질문")
    usage.flush(DAY + timedelta(days=KEEP_DAYS + 1))
    assert [q.question for q in usage.unanswered()] == ["요즘 질문"]
    usage.close(DAY)


def test_shares_the_file_with_the_subscriptions_store(tmp_path):
    path = tmp_path / "state.duckdb"
    store = SubscriptionStore(path)
    usage = UsageLog(path)
    usage.count(ERRORS)
    usage.flush(DAY)
    assert store.active_count() == 0 and usage.counters()[ERRORS] == 1
    usage.close(DAY)
    store.close()


def test_an_older_file_migrates_forward_keeping_its_subscriptions(tmp_path):
    path = str(tmp_path / "state.duckdb")
    with duckdb.connect(path) as db:
        migrate(db, target=LATEST_VERSION - 1)
        db.execute(
            "INSERT INTO subscriptions VALUES (7, 'private', 0, 9, 0, true, now(), now(), now(), NULL)"
        )
    usage = UsageLog(path)
    usage.record_unanswered("날씨")
    usage.close(DAY)
    with duckdb.connect(path) as db:
        assert db.execute("SELECT max(version) FROM schema_version").fetchone()[0] == len(
            MIGRATIONS
        )
        assert db.execute("SELECT chat_id FROM subscriptions").fetchall() == [(7,)]


def test_the_list_is_readable_while_another_process_holds_the_file(tmp_path):
    path = tmp_path / "state.duckdb"
    usage = UsageLog(path)
    usage.record_unanswered("날씨 어때")
    usage.flush(DAY)
    # Still open here: read through a copy (another process holding it: tests/bot/test_cli_usage.py).
    assert [q.question for q in read_unanswered(path)] == ["날씨 어때"]
    usage.close(DAY)
    assert read_unanswered(tmp_path / "missing.duckdb") == []
