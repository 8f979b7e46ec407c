"""The store under stress: SIGKILL mid-write, two writers at once, bad files, old schemas."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from quizzer.progress import SCHEMA_VERSION, Attempt, Store, StoreError, Verdict
from quizzer.progress.schema import APPLICATION_ID, MIGRATIONS
from quizzer.progress.store import insert_attempt

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)

# Records attempts in a loop and reports each id once record_attempt has returned, the way the
# quiz shows a verdict only after recording it.
WRITER = """
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from quizzer.progress import Store
store = Store.open(Path(sys.argv[1]))
if len(sys.argv) > 3:  # a start line shared with another writer
    print("ready", flush=True)
    while not Path(sys.argv[3]).exists():
        time.sleep(0.001)
count = int(sys.argv[2])
n = 0
while count < 0 or n < count:
    at = datetime(2026, 3, 1, tzinfo=UTC) + timedelta(seconds=n)
    a = store.record_attempt(f"q{n % 7}", qtype="code", topic="t", verdict="wrong", at=at)
    print(a.id, flush=True)
    n += 1
"""


def writer(db: Path, count: int, *start: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", WRITER, str(db), str(count), *map(str, start)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_sigkill_mid_quiz_loses_no_reported_attempt(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite3"
    proc = writer(db, -1)
    assert proc.stdout is not None
    reported = [proc.stdout.readline().strip() for _ in range(40)]
    os.kill(proc.pid, signal.SIGKILL)  # while it is busy writing the next ones
    proc.communicate()  # reaps it and closes both pipes
    assert proc.returncode == -signal.SIGKILL
    with Store.open(db) as store:
        stored = {a.id for a in store.attempts()}
        cards = store.cards()
    assert set(reported) <= stored
    assert sum(c.reviews for c in cards) == len(stored)  # card and attempt committed together


def test_two_processes_writing_at_once_both_succeed(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite3"  # not created yet: they also race to create and migrate it
    go = tmp_path / "go"
    procs = [writer(db, 40, go) for _ in range(2)]
    for proc in procs:  # both have opened the store: release them together so writes overlap
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    go.touch()
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err for _, err in outputs]
    with Store.open(db) as store:
        assert {a.id for a in store.attempts()} == set(" ".join(o for o, _ in outputs).split())
        assert len(store.attempts()) == 80


def test_writer_waits_for_a_held_write_lock_instead_of_failing(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite3"
    with Store.open(db) as holder:
        with holder.write() as conn:
            conn.execute("INSERT INTO settings VALUES ('held', '1')")
            other = writer(db, 3)
            with contextlib.suppress(subprocess.TimeoutExpired):
                other.wait(timeout=1.5)  # let it start and reach the lock
            assert other.poll() is None  # it cannot finish while the lock is held here
        out, err = other.communicate(timeout=60)
        assert other.returncode == 0, err
        assert len(out.split()) == 3
        assert holder.get_setting("held") == "1"
        assert len(holder.attempts()) == 3


def test_garbage_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite3"
    db.write_bytes(b"this is not a database at all\n" * 200)
    before = db.read_bytes()
    with pytest.raises(StoreError, match="not a readable progress database"):
        Store.open(db)
    assert db.read_bytes() == before


def test_damaged_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite3"
    with Store.open(db) as store, store.write() as conn:
        for n in range(300):
            insert_attempt(conn, Attempt(f"a{n}", f"q{n}", "choice", "t", Verdict.CORRECT, T0,
                                         answer="x" * 200))
    data = bytearray(db.read_bytes())
    page = 4096
    data[2 * page:3 * page] = b"\xa5" * page  # scribble over a b-tree page
    db.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="untouched"):
        Store.open(db)
    assert db.read_bytes() == bytes(data)


def test_newer_schema_is_refused_and_left_untouched(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite3"
    Store.open(db).close()
    with sqlite3.connect(db) as raw:
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.close()
    before = db.read_bytes()
    with pytest.raises(StoreError, match="newer quizzer"):
        Store.open(db)
    assert db.read_bytes() == before


def test_someone_elses_sqlite_file_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite3"
    with sqlite3.connect(db) as raw:
        raw.execute("CREATE TABLE notes (body TEXT)")
    raw.close()
    before = db.read_bytes()
    with pytest.raises(StoreError, match="not a quizzer progress database"):
        Store.open(db)
    assert db.read_bytes() == before


def test_empty_file_becomes_a_fresh_store(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite3"
    db.write_bytes(b"")
    with Store.open(db) as store:
        assert store.attempts() == []
    assert _version(db) == SCHEMA_VERSION


def test_version_1_file_is_migrated_keeping_its_attempts(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite3"
    raw = sqlite3.connect(db)
    raw.executescript(MIGRATIONS[0])
    raw.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    raw.execute("PRAGMA user_version = 1")
    raw.execute("INSERT INTO attempts (id, question_id, qtype, topic, verdict, at) VALUES "
                "('a1', 'q', 'choice', 't', 'correct', '2026-03-01T09:00:00.000000+00:00')")
    raw.commit()
    raw.close()
    with Store.open(db) as store:
        assert [a.id for a in store.attempts()] == ["a1"]
        assert store.attempts()[0].seed is None  # the column version 3 added
        assert store.attempts()[0].drawn is None  # the column version 4 added
        store.set_setting("lang", "zh")  # the table version 2 added
        assert store.get_setting("lang") == "zh"
    assert _version(db) == SCHEMA_VERSION == 4


def _version(db: Path) -> int:
    raw = sqlite3.connect(db)
    try:
        return int(raw.execute("PRAGMA user_version").fetchone()[0])
    finally:
        raw.close()


def test_write_blocked_past_the_busy_timeout_is_a_store_error_and_saves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "p.sqlite3"
    monkeypatch.setattr("quizzer.progress.store.BUSY_TIMEOUT_S", 0.05)
    with Store.open(db) as holder, Store.open(db) as blocked:
        with holder.write(), pytest.raises(StoreError, match="cannot save progress"):
            blocked.record_attempt("q", qtype="choice", topic="t", verdict="wrong", at=T0)
        blocked.record_attempt("q", qtype="choice", topic="t", verdict="correct", at=T0)
        assert [a.verdict for a in holder.attempts()] == ["correct"]
