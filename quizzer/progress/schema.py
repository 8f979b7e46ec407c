"""The progress database's schema, its version, and the migrations that bring old files up to it.

The version lives in SQLite's `user_version` header field and the file is tagged with an
`application_id`, so a file that is not ours, or that a newer quizzer wrote, is recognised by
reading the header alone, before anything is written. `MIGRATIONS[i]` turns a version-`i` file into
version `i + 1`; they run inside one write transaction.
"""

from __future__ import annotations

import sqlite3

APPLICATION_ID = 0x517A7A72
"""'Qzzr': marks a file as a quizzer progress database."""

MIGRATIONS: tuple[str, ...] = (
    # 0 -> 1: the attempt log and one FSRS card per question.
    """
    CREATE TABLE attempts (
        id TEXT PRIMARY KEY,
        question_id TEXT NOT NULL,
        qtype TEXT NOT NULL,
        topic TEXT NOT NULL,
        verdict TEXT NOT NULL,
        answer TEXT,
        checks_failed TEXT NOT NULL DEFAULT '[]',
        seconds REAL,
        hint_used INTEGER NOT NULL DEFAULT 0,
        at TEXT NOT NULL,
        quiz_id TEXT,
        self_rating INTEGER,
        content_hash TEXT,
        rating INTEGER
    );
    CREATE INDEX attempts_question ON attempts (question_id, at);
    CREATE TABLE cards (
        question_id TEXT PRIMARY KEY,
        qtype TEXT NOT NULL,
        topic TEXT NOT NULL,
        card TEXT NOT NULL,
        due TEXT NOT NULL,
        reviews INTEGER NOT NULL DEFAULT 0,
        content_hash TEXT,
        changed INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX cards_due ON cards (due);
    """,
    # 1 -> 2: learner settings (e.g. the language) and a time index for stats.
    """
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE INDEX attempts_at ON attempts (at);
    """,
    # 2 -> 3: the seed that ordered a choice question's options (and drew a parametric one).
    """
    ALTER TABLE attempts ADD COLUMN seed INTEGER;
    """,
    # 3 -> 4: a parametric question's drawn values and right answer, as JSON (`Attempt.drawn`).
    """
    ALTER TABLE attempts ADD COLUMN drawn TEXT;
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


class StoreError(Exception):
    """The progress database cannot be used; the message says why and what to do."""


def inspect(conn: sqlite3.Connection, path: str) -> int:
    """Read-only checks of an opened file; returns its schema version or raises StoreError."""
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path} is not a readable progress database ({exc}); "
                         "it was left untouched: move it aside to start afresh") from exc
    if check != "ok":
        detail = "; ".join(line.strip("* ") for line in str(check).splitlines()[:3])
        raise StoreError(f"{path} is damaged (integrity check: {detail}); it was left untouched")
    if app_id not in (0, APPLICATION_ID) or (app_id == 0 and tables):
        raise StoreError(f"{path} is an SQLite file but not a quizzer progress database; "
                         "it was left untouched")
    if version > SCHEMA_VERSION:
        raise StoreError(f"{path} was written by a newer quizzer (schema {version}; this one "
                         f"knows up to {SCHEMA_VERSION}); upgrade quizzer. The file was left "
                         "untouched")
    return version


def migrate(conn: sqlite3.Connection, upto: int = SCHEMA_VERSION) -> None:
    """Bring the file to schema `upto` in one IMMEDIATE transaction (safe against a racing
    process doing the same: the version is read again once the write lock is held)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        for step in range(version, upto):
            for statement in MIGRATIONS[step].split(";"):
                if statement.strip():
                    conn.execute(statement)
        if version < upto:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {upto}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
