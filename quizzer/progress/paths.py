"""Where quizzer keeps the learner's data: `$QUIZZER_HOME`, else the XDG data directory."""

from __future__ import annotations

from pathlib import Path

from quizzer.paths import data_dir

__all__ = ["DB_NAME", "data_dir", "db_path"]

DB_NAME = "progress.sqlite3"


def db_path() -> Path:
    """The progress database inside `data_dir()`."""
    return data_dir() / DB_NAME
