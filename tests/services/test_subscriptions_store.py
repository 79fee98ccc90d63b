"""The subscription store: the one-delivery-per-slot key, restarts, concurrency, bad input."""

import random
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import duckdb
import pytest

from knowledge.calendar import SEOUL
from services.schedule import Weekly
from services.subscriptions import Outcome, SubscriptionStore

MONDAY_8 = datetime(2021, 9, 6, 8, 0, tzinfo=SEOUL)
MONDAY_9 = Weekly(0, 9, 0)


@pytest.fixture
def store(tmp_path):
    opened = SubscriptionStore(tmp_path / "state.duckdb")
    yield opened
    opened.close()


def test_subscriptions_survive_a_restart(tmp_path):
    path = tmp_path / "state.duckdb"
    first = SubscriptionStore(path)
    first.subscribe(-1001, "supergroup", Weekly(4, 18, 0), MONDAY_8)
    first.close()
    again = SubscriptionStore(path)
    assert again.get(-1001).weekly == Weekly(4, 18, 0)
    assert again.active_count() == 1
    again.close()


def test_resubscribing_unchanged_keeps_the_due_slot(store):
    store.subscribe(7, "private", MONDAY_9, MONDAY_8)
    # Typing /subscribe again after 09:00 must not push this week's slot out of reach.
    store.subscribe(7, "private", MONDAY_9, MONDAY_8 + timedelta(hours=1, minutes=1))
    assert [due.chat_id for due in store.due(MONDAY_8 + timedelta(hours=2))] == [7]
    # Changing the time starts afresh: the 09:00 slot no longer counts.
    store.subscribe(7, "private", Weekly(0, 8, 30), MONDAY_8 + timedelta(hours=1))
    assert store.due(MONDAY_8 + timedelta(hours=2)) == []


def test_a_slot_is_claimed_once(store):
    store.subscribe(7, "private", MONDAY_9, MONDAY_8)
    (due,) = store.due(MONDAY_8 + timedelta(hours=1))
    assert store.claim(7, due.slot, MONDAY_8) is True
    assert store.claim(7, due.slot, MONDAY_8) is False
    assert store.due(MONDAY_8 + timedelta(hours=1)) == []


def test_many_threads_racing_for_one_slot_get_one_claim(store):
    store.subscribe(7, "private", MONDAY_9, MONDAY_8)
    (due,) = store.due(MONDAY_8 + timedelta(hours=1))
    barrier = threading.Barrier(8)

    def race(_):
        barrier.wait()
        return store.claim(7, due.slot, MONDAY_8)

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(race, range(8)))
    assert results.count(True) == 1


def test_unsubscribed_chat_is_neither_due_nor_claimable(store):
    store.subscribe(7, "private", MONDAY_9, MONDAY_8)
    slot = store.due(MONDAY_8 + timedelta(hours=1))[0].slot
    assert store.unsubscribe(7, MONDAY_8) is True
    assert store.unsubscribe(7, MONDAY_8) is False
    assert store.due(MONDAY_8 + timedelta(hours=1)) == []
    assert store.claim(7, slot, MONDAY_8) is False


def test_killed_in_flight_claim_becomes_unconfirmed_and_is_not_resent(store):
    store.subscribe(7, "private", MONDAY_9, MONDAY_8)
    slot = store.due(MONDAY_8 + timedelta(hours=1))[0].slot
    store.claim(7, slot, MONDAY_8)
    (recovered,) = store.recover(MONDAY_8 + timedelta(hours=2))
    assert recovered.chat_id == 7
    assert store.deliveries(7)[0][2] == "unconfirmed"
    assert store.due(MONDAY_8 + timedelta(hours=2)) == []


def test_sent_records_the_snapshot_in_the_same_step(store):
    store.subscribe(7, "private", MONDAY_9, MONDAY_8)
    slot = store.due(MONDAY_8 + timedelta(hours=1))[0].slot
    store.claim(7, slot, MONDAY_8)
    store.finish(7, slot, MONDAY_8, status="sent", attempts=1, message_id=3, snapshot={"a": 1})
    assert store.deliveries(7) == [(7, slot, "sent", 1)]
    assert store.last_snapshot(7) == {"a": 1}


def test_concurrent_subscribe_and_unsubscribe_from_many_chats_stay_consistent(store):
    chats = list(range(1, 31))
    rng = random.Random(4)
    plans = {chat: [rng.choice(["sub", "unsub"]) for _ in range(10)] for chat in chats}

    def run(chat):
        for step, action in enumerate(plans[chat]):
            moment = MONDAY_8 + timedelta(seconds=step)
            if action == "sub":
                store.subscribe(chat, "private", Weekly(step % 7, 9, 0), moment)
            else:
                store.unsubscribe(chat, moment)

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(run, chats))
    for chat in chats:
        got = store.get(chat)
        subscribed_steps = [i for i, a in enumerate(plans[chat]) if a == "sub"]
        if not subscribed_steps:
            assert got is None
            continue
        assert got.active == (plans[chat][-1] == "sub")
        assert got.weekly.weekday == subscribed_steps[-1] % 7
    expected_active = sum(1 for c in chats if plans[c][-1] == "sub")
    assert store.active_count() == expected_active


BAD_CHAT_TYPES = ["'; DROP TABLE subscriptions; --", "<b>group</b>", "🙂" * 50, "가" * 5000, ""]


@pytest.mark.parametrize("chat_type", BAD_CHAT_TYPES, ids=["sql", "html", "emoji", "long", "empty"])
def test_odd_strings_are_stored_verbatim(store, chat_type):
    store.subscribe(9, chat_type, MONDAY_9, MONDAY_8)
    assert store.get(9).chat_type == chat_type
    assert store.active_count() == 1


def test_a_rejected_write_leaves_the_file_unchanged_and_usable(store):
    store.subscribe(7, "private", MONDAY_9, MONDAY_8)
    impossible = object.__new__(Weekly)
    object.__setattr__(impossible, "weekday", 9)
    object.__setattr__(impossible, "hour", 9)
    object.__setattr__(impossible, "minute", 0)
    with pytest.raises(duckdb.ConstraintException):
        store.subscribe(7, "private", impossible, MONDAY_8)
    with pytest.raises(ValueError, match="timezone-aware"):
        store.subscribe(8, "private", MONDAY_9, datetime(2021, 9, 6, 8, 0))
    assert store.get(7).weekly == MONDAY_9
    assert store.get(8) is None
    store.subscribe(8, "private", MONDAY_9, MONDAY_8.astimezone(UTC))
    assert store.active_count() == 2


def test_group_migration_moves_subscription_and_history(store):
    store.subscribe(-5, "group", MONDAY_9, MONDAY_8)
    slot = store.due(MONDAY_8 + timedelta(hours=1))[0].slot
    store.claim(-5, slot, MONDAY_8)
    store.finish(-5, slot, MONDAY_8, status="sent", attempts=1, snapshot={"x": 2})
    store.move_chat(-5, -1005, MONDAY_8)
    assert store.get(-5) is None
    assert store.get(-1005).chat_type == "group"
    assert store.last_snapshot(-1005) == {"x": 2}
    assert store.due(MONDAY_8 + timedelta(hours=1)) == []


def test_claim_settles_the_previous_send_in_the_same_step(store):
    for chat in (1, 2):
        store.subscribe(chat, "private", MONDAY_9, MONDAY_8)
    first, second = store.due(MONDAY_8 + timedelta(hours=1))
    store.claim(first.chat_id, first.slot, MONDAY_8)
    sent = Outcome(first.chat_id, first.slot, "sent", 1, message_id=9, snapshot={"f": 1})
    assert store.claim(second.chat_id, second.slot, MONDAY_8, settle=sent) is True
    assert [row[2] for row in store.deliveries()] == ["sent", "sending"]
    assert store.last_snapshot(first.chat_id) == {"f": 1}
    assert store.snapshot_fingerprints() == {first.chat_id: None}


def test_a_refused_claim_still_settles_the_previous_send(store):
    store.subscribe(1, "private", MONDAY_9, MONDAY_8)
    store.subscribe(2, "private", MONDAY_9, MONDAY_8)
    first, second = store.due(MONDAY_8 + timedelta(hours=1))
    store.claim(first.chat_id, first.slot, MONDAY_8)
    store.claim(second.chat_id, second.slot, MONDAY_8)
    sent = Outcome(first.chat_id, first.slot, "sent", 1)
    assert store.claim(second.chat_id, second.slot, MONDAY_8, settle=sent) is False
    assert [row[2] for row in store.deliveries()] == ["sent", "sending"]
