"""The progress store: an SQLite attempt log plus one FSRS card per question.

    with Store.open() as store:                      # $QUIZZER_HOME/progress.sqlite3
        store.record_attempt("softmax-impl", qtype="code", topic="activations",
                             verdict=Verdict.CORRECT, at=now)
        store.due(now)                               # list[DueItem], most overdue first
        store.stats(now)                             # Stats (see quizzer.progress.stats)

Every write is one IMMEDIATE transaction committed before the method returns, in WAL mode with
`synchronous=FULL`, so an attempt the caller has shown as graded survives SIGKILL (and power
loss). A busy timeout lets a TUI and a CLI write at the same time. A corrupt file, a file that is
not ours, or one from a newer quizzer raises `StoreError` before anything is written to it.
The clock is always passed in (`at`, `now`); nothing here reads it.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any

from fsrs import Card, Rating

from quizzer.core.verdict import Verdict
from quizzer.progress import schedule
from quizzer.progress.paths import db_path
from quizzer.progress.schema import StoreError, inspect, migrate
from quizzer.progress.stats import Stats, compute_stats

BUSY_TIMEOUT_S = 15.0
FIRST_TRY_WINDOW = timedelta(hours=24)
"""An acceptance is a first try when no rejection of the same question came this soon before."""


@dataclass(frozen=True)
class Attempt:
    """One logged attempt at one question."""

    id: str
    """A random UUID: the key imports merge on."""
    question_id: str
    qtype: str
    topic: str
    verdict: Verdict
    at: datetime
    """When it was graded, in UTC."""
    answer: str | None = None
    """The answer text, or a hash of a code submission."""
    checks_failed: tuple[str, ...] = ()
    seconds: float | None = None
    """Time the learner took, when known."""
    hint_used: bool = False
    quiz_id: str | None = None
    self_rating: int | None = None
    """1 (Again) .. 4 (Easy), for short answers."""
    content_hash: str | None = None
    """The question's content hash when it was answered."""
    rating: int | None = None
    """The FSRS rating applied to the card; None for a skip."""
    seed: int | None = None
    """The seed that ordered the options (choice, multi) or drew the values (parametric)."""
    drawn: Mapping[str, int | float] | None = None
    """A parametric question's drawn values, and its right answer for them as `answer`."""


@dataclass(frozen=True)
class DueItem:
    """A question's schedule."""

    question_id: str
    qtype: str
    topic: str
    due: datetime
    state: str
    """`learning`, `review` or `relearning`."""
    reviews: int
    changed: bool
    """The question's content changed since it was last answered."""


class Store:
    """An open progress database. Use `Store.open()`; safe to share between threads."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        self._lock = threading.RLock()

    @classmethod
    def open(cls, path: Path | None = None) -> Store:
        """Open (creating if needed) the database at `path`, default `db_path()`.

        Raises:
            StoreError: the file is corrupt, not ours, or from a newer quizzer (left untouched).
        """
        path = path or db_path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None,
                                   check_same_thread=False)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open {path}: {exc}") from exc
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            inspect(conn, str(path))  # reads only: a bad file is refused before any write
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            migrate(conn)
        except sqlite3.Error as exc:
            conn.close()
            raise StoreError(f"cannot open {path}: {exc}") from exc
        except BaseException:
            conn.close()
            raise
        return cls(conn, path)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One IMMEDIATE transaction, committed on exit (rolled back on an exception).

        Raises:
            StoreError: the write failed (locked past the busy timeout, disk full, read-only).
        """
        with self._lock, self._sqlite_errors("save progress to"):
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise

    @contextmanager
    def _sqlite_errors(self, action: str) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise StoreError(f"cannot {action} {self.path}: {exc}") from exc

    def record_attempt(
        self,
        question_id: str,
        *,
        qtype: str,
        topic: str,
        verdict: Verdict | str,
        at: datetime,
        answer: str | None = None,
        checks_failed: Sequence[str] = (),
        seconds: float | None = None,
        hint_used: bool = False,
        quiz_id: str | None = None,
        self_rating: int | None = None,
        content_hash: str | None = None,
        time_limit: float | None = None,
        seed: int | None = None,
        drawn: Mapping[str, int | float] | None = None,
    ) -> Attempt:
        """Log an attempt and move the question's card, in one transaction committed before
        returning. `time_limit` is the question's suggested seconds (for Hard/Easy)."""
        if self_rating is not None and not 1 <= self_rating <= 4:
            raise ValueError(f"self_rating must be 1..4, not {self_rating}")
        verdict = Verdict(verdict)
        with self.write() as conn:
            first = not _rejected_since(conn, question_id, at - FIRST_TRY_WINDOW, at)
            rating = schedule.rating_for(verdict, self_rating=self_rating, hint_used=hint_used,
                                         seconds=seconds, time_limit=time_limit, first_try=first)
            attempt = Attempt(
                id=uuid.uuid4().hex, question_id=question_id, qtype=qtype, topic=topic,
                verdict=verdict, at=at.astimezone(UTC), answer=answer,
                checks_failed=tuple(checks_failed), seconds=seconds, hint_used=hint_used,
                quiz_id=quiz_id, self_rating=self_rating, content_hash=content_hash,
                rating=None if rating is None else int(rating), seed=seed,
                drawn=None if drawn is None else dict(drawn))
            insert_attempt(conn, attempt)
            if rating is not None:
                _apply(conn, attempt, Rating(rating))
        return attempt

    def attempts(self, question_id: str | None = None) -> list[Attempt]:
        """Every attempt (or one question's), oldest first."""
        sql = "SELECT * FROM attempts"
        args: tuple[str, ...] = ()
        if question_id is not None:
            sql, args = sql + " WHERE question_id = ?", (question_id,)
        return [attempt_from_row(r) for r in self._rows(sql + " ORDER BY at, id", args)]

    def due(self, now: datetime, within: timedelta = timedelta(0)) -> list[DueItem]:
        """Cards due at `now` (or within `within` after it), most overdue first."""
        rows = self._rows("SELECT * FROM cards WHERE due <= ? ORDER BY due, question_id",
                          (iso(now + within),))
        return [_due_item(r) for r in rows]

    def cards(self) -> list[DueItem]:
        """Every question that has a card, soonest due first."""
        return [_due_item(r) for r in self._rows("SELECT * FROM cards ORDER BY due, question_id")]

    def mistakes(self, limit: int = 20) -> list[Attempt]:
        """The latest rejected attempt of each question whose latest graded attempt was rejected,
        newest first: what the learner has got wrong and not yet put right."""
        rows = self._rows(
            "SELECT a.* FROM attempts a WHERE a.verdict IN ('wrong', 'unanswered') AND NOT EXISTS "
            "(SELECT 1 FROM attempts b WHERE b.question_id = a.question_id AND b.verdict != "
            "'skipped' AND (b.at > a.at OR (b.at = a.at AND b.id > a.id))) "
            "ORDER BY a.at DESC LIMIT ?", (limit,))
        return [attempt_from_row(r) for r in rows]

    def flag_changed(self, hashes: Mapping[str, str]) -> list[str]:
        """Flag the cards whose question's content hash differs from `hashes` (id -> hash); the
        card and its schedule are kept. Returns the ids newly flagged."""
        with self.write() as conn:
            rows = conn.execute("SELECT question_id, content_hash FROM cards WHERE changed = 0")
            flagged = [qid for qid, old in rows.fetchall()
                       if old is not None and qid in hashes and hashes[qid] != old]
            conn.executemany("UPDATE cards SET changed = 1 WHERE question_id = ?",
                             [(q,) for q in flagged])
        return flagged

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        """A learner setting (e.g. `lang`), or `default`."""
        rows = self._rows("SELECT value FROM settings WHERE key = ?", (key,))
        return str(rows[0]["value"]) if rows else default

    def set_setting(self, key: str, value: str) -> None:
        with self.write() as conn:
            conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) "
                         "DO UPDATE SET value = excluded.value", (key, value))

    def stats(self, now: datetime) -> Stats:
        """Totals, accuracy per topic/type/day, streak and due counts as of `now`."""
        with self._lock, self._sqlite_errors("read progress from"):
            return compute_stats(self.conn, now)

    def _rows(self, sql: str, args: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._lock, self._sqlite_errors("read progress from"):
            cursor = self.conn.execute(sql, tuple(args))
            cursor.row_factory = sqlite3.Row
            return list(cursor.fetchall())


def iso(moment: datetime) -> str:
    """A fixed-width UTC timestamp, so text order is time order."""
    if moment.tzinfo is None:
        raise ValueError("times must be timezone-aware")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def insert_attempt(conn: sqlite3.Connection, a: Attempt) -> bool:
    """Insert unless an attempt with the same id exists; True when inserted."""
    cursor = conn.execute(
        "INSERT OR IGNORE INTO attempts (id, question_id, qtype, topic, verdict, answer, "
        "checks_failed, seconds, hint_used, at, quiz_id, self_rating, content_hash, rating, "
        "seed, drawn) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (a.id, a.question_id, a.qtype, a.topic, str(a.verdict), a.answer,
         json.dumps(list(a.checks_failed)), a.seconds, int(a.hint_used), iso(a.at), a.quiz_id,
         a.self_rating, a.content_hash, a.rating, a.seed,
         None if a.drawn is None else json.dumps(dict(a.drawn), sort_keys=True)))
    return cursor.rowcount == 1


def attempt_from_row(row: sqlite3.Row) -> Attempt:
    return Attempt(
        id=row["id"], question_id=row["question_id"], qtype=row["qtype"], topic=row["topic"],
        verdict=Verdict(row["verdict"]), at=datetime.fromisoformat(row["at"]),
        answer=row["answer"], checks_failed=tuple(json.loads(row["checks_failed"])),
        seconds=row["seconds"], hint_used=bool(row["hint_used"]), quiz_id=row["quiz_id"],
        self_rating=row["self_rating"], content_hash=row["content_hash"], rating=row["rating"],
        seed=row["seed"], drawn=None if row["drawn"] is None else json.loads(row["drawn"]))


def rebuild_card(conn: sqlite3.Connection, question_id: str) -> None:
    """Replay a question's rated attempts into a fresh card (used after an import merge)."""
    rows = conn.execute(
        "SELECT * FROM attempts WHERE question_id = ? AND rating IS NOT NULL ORDER BY at, id",
        (question_id,))
    rows.row_factory = sqlite3.Row
    attempts = [attempt_from_row(r) for r in rows.fetchall()]
    card = schedule.replay(question_id, [(a.at, Rating(a.rating)) for a in attempts if a.rating])
    if card is not None:
        changed = conn.execute("SELECT changed FROM cards WHERE question_id = ?", (question_id,))
        flag = changed.fetchone()
        _save_card(conn, attempts[-1], card, keep_changed=bool(flag and flag[0]))
        conn.execute("UPDATE cards SET reviews = ? WHERE question_id = ?",
                     (len(attempts), question_id))


def _apply(conn: sqlite3.Connection, attempt: Attempt, rating: Rating) -> None:
    """Review the card with a just-logged attempt. One older than the card's last review (a clock
    set back) is replayed in time order instead, so the card stays a function of the log."""
    card = _load_card(conn, attempt.question_id)
    if card is not None and card.last_review is not None and attempt.at < card.last_review:
        rebuild_card(conn, attempt.question_id)
        return
    card = card or schedule.new_card(attempt.question_id, attempt.at)
    _save_card(conn, attempt, schedule.review(card, rating, attempt.at))


def _rejected_since(conn: sqlite3.Connection, question_id: str, start: datetime,
                    end: datetime) -> bool:
    row = conn.execute(
        "SELECT 1 FROM attempts WHERE question_id = ? AND verdict IN ('wrong', 'unanswered') "
        "AND at >= ? AND at <= ? LIMIT 1", (question_id, iso(start), iso(end))).fetchone()
    return row is not None


def _load_card(conn: sqlite3.Connection, question_id: str) -> Card | None:
    row = conn.execute("SELECT card FROM cards WHERE question_id = ?", (question_id,)).fetchone()
    return None if row is None else Card.from_json(row[0])


def _save_card(conn: sqlite3.Connection, a: Attempt, card: Card,
               keep_changed: bool = False) -> None:
    """Upsert the card; answering the question clears its "changed" flag."""
    conn.execute(
        "INSERT INTO cards (question_id, qtype, topic, card, due, reviews, content_hash, changed) "
        "VALUES (?, ?, ?, ?, ?, 1, ?, ?) ON CONFLICT (question_id) DO UPDATE SET "
        "qtype = excluded.qtype, topic = excluded.topic, card = excluded.card, "
        "due = excluded.due, reviews = cards.reviews + 1, "
        "content_hash = coalesce(excluded.content_hash, cards.content_hash), "
        "changed = excluded.changed",
        (a.question_id, a.qtype, a.topic, card.to_json(), iso(card.due), a.content_hash,
         int(keep_changed)))


def _due_item(row: sqlite3.Row) -> DueItem:
    card = Card.from_json(row["card"])
    return DueItem(question_id=row["question_id"], qtype=row["qtype"], topic=row["topic"],
                   due=datetime.fromisoformat(row["due"]), state=schedule.state_name(card),
                   reviews=row["reviews"], changed=bool(row["changed"]))


__all__ = ["Attempt", "DueItem", "Store", "StoreError", "Verdict"]
