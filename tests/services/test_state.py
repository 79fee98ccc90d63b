"""The state file: migrations forward, and a file that cannot be used refused with the reason."""

import os
from datetime import datetime

import duckdb
import pytest

from services.schedule import Weekly
from services.state import LATEST_VERSION, StateFile, StateFileUnusable, migrate
from services.subscriptions import SubscriptionStore


def test_fresh_file_is_migrated_to_the_latest_version(tmp_path):
    path = tmp_path / "var" / "state.duckdb"
    StateFile(path).close()
    with duckdb.connect(str(path)) as db:
        versions = [
            row[0] for row in db.sql("SELECT version FROM schema_version ORDER BY 1").fetchall()
        ]
    assert versions == list(range(1, LATEST_VERSION + 1))


def test_old_file_migrates_forward_and_keeps_its_rows(tmp_path):
    path = tmp_path / "state.duckdb"
    with duckdb.connect(str(path)) as db:
        assert migrate(db, target=1) == 1
        db.execute(
            "INSERT INTO subscriptions VALUES (42, 'group', 4, 18, 0, true, ?, ?, ?)",
            [datetime(2021, 9, 1)] * 3,
        )
    store = SubscriptionStore(path)
    assert store.state.version == LATEST_VERSION
    kept = store.get(42)
    assert (kept.chat_type, kept.weekly, kept.active) == ("group", Weekly(4, 18, 0), True)
    assert store.last_snapshot(42) is None
    store.close()
    # Reopening applies nothing twice.
    StateFile(path).close()
    with duckdb.connect(str(path)) as db:
        assert db.execute("SELECT count(*) FROM schema_version").fetchone()[0] == LATEST_VERSION


def test_a_failed_transaction_leaves_the_file_as_it_was(tmp_path):
    state = StateFile(tmp_path / "state.duckdb")
    with pytest.raises(duckdb.ConstraintException), state.transaction() as db:
        db.execute("INSERT INTO counters VALUES ('answered', 1)")
        db.execute("INSERT INTO counters VALUES ('answered', 2)")
    assert state.read("SELECT count(*) FROM counters") == [(0,)]
    state.close()


def newer_file(path):
    StateFile(path).close()
    with duckdb.connect(str(path)) as db:
        db.execute("INSERT INTO schema_version VALUES (?, NULL)", [LATEST_VERSION + 1])


def corrupt_file(path):
    path.write_bytes(b"this is not a database" * 1000)


def folder_in_its_place(path):
    path.mkdir()


def read_only_folder(path):
    path.parent.chmod(0o500)


UNUSABLE = {
    "newer schema": (newer_file, "newer than this code"),
    "corrupt": (corrupt_file, "cannot open"),
    "a folder": (folder_in_its_place, "cannot open"),
    "read-only folder": (read_only_folder, "cannot open"),
}


@pytest.mark.parametrize("make", UNUSABLE.values(), ids=UNUSABLE.keys())
def test_an_unusable_file_is_refused_with_the_reason(tmp_path, make):
    making, reason = make
    folder = tmp_path / "var"
    folder.mkdir()
    path = folder / "state.duckdb"
    making(path)
    if making is read_only_folder and os.geteuid() == 0:
        # root writes anywhere; an unwritable place for root is a path under a file.
        path = folder / "a-file" / "state.duckdb"
        (folder / "a-file").write_text("")
        reason = "cannot open"
    try:
        with pytest.raises(StateFileUnusable, match=reason):
            StateFile(path)
    finally:
        folder.chmod(0o700)
