"""Where quizzer keeps the learner's data: `$QUIZZER_HOME`, else the XDG data directory."""

from __future__ import annotations

import os
from pathlib import Path

DB_NAME = "progress.sqlite3"


def data_dir() -> Path:
    """The data directory: `$QUIZZER_HOME`, else `$XDG_DATA_HOME/quizzer`, else
    `~/.local/share/quizzer`. It is not created here; the store creates it when it opens."""
    home = os.environ.get("QUIZZER_HOME")
    if home:
        return Path(home).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return base / "quizzer"


def db_path() -> Path:
    """The progress database inside `data_dir()`."""
    return data_dir() / DB_NAME
