"""Where quizzer finds what it ships and where it keeps the learner's files.

The bank (`questions/`) and the reference solutions (`solutions/`) live at the top of the
repository. A wheel carries copies of them inside the package, as `quizzer/_data/questions` and
`quizzer/_data/solutions` (see `setup.py`); a source checkout or an editable install reads them
in place. This module imports nothing of quizzer's, so any layer may use it.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
SHIPPED_DATA = "_data"
CONFIG_NAME = "config.toml"


def shipped_dir(name: str) -> Path:
    """`name` (`questions` or `solutions`) as installed with the package, else in the checkout."""
    installed = PACKAGE_DIR / SHIPPED_DATA / name
    return installed if installed.is_dir() else PACKAGE_DIR.parent / name


def data_dir() -> Path:
    """The learner's directory: `$QUIZZER_HOME`, else `$XDG_DATA_HOME/quizzer`, else
    `~/.local/share/quizzer`. It is not created here; the store creates it when it opens."""
    home = os.environ.get("QUIZZER_HOME")
    if home:
        return Path(home).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return base / "quizzer"


def config_path() -> Path:
    """The optional settings file, `config.toml` in `data_dir()`."""
    return data_dir() / CONFIG_NAME


def solutions_dir() -> Path:
    """The reference solutions, `<task>.py` each."""
    return shipped_dir("solutions")


def reference_solution(task: str) -> str | None:
    """The source of `task`'s reference solution, or None when there is none."""
    path = solutions_dir() / f"{task}.py"
    return path.read_text(encoding="utf-8") if path.is_file() else None


def submissions_dir() -> Path | None:
    """The example submissions of a source checkout (`tests/submissions`); None when installed."""
    folder = PACKAGE_DIR.parent / "tests" / "submissions"
    return folder if folder.is_dir() else None
