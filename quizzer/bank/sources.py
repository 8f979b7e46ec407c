"""Which folders make up the bank.

By default: the bank quizzer ships, plus the folders a learner lists in `config.toml` in
`$QUIZZER_HOME` (see `quizzer.paths.config_path`):

    [bank]
    folders = ["~/my-questions"]   # relative paths are relative to config.toml's folder

`$QUIZZER_BANK` replaces all of that with one or more folders of your own, separated like `PATH`
(`:` on Linux and macOS, `;` on Windows). A config file or folder that cannot be used is reported
as a problem of the bank, like a bad question, and the rest still loads.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from quizzer.paths import config_path, shipped_dir


@dataclass
class Sources:
    """The folders to load, and what was wrong with the configuration that named them."""

    folders: list[Path]
    problems: list[tuple[Path, int, str, str]] = field(default_factory=list)


def default_bank_dir() -> Path:
    """The shipped bank: `quizzer/_data/questions` in an installed wheel, else `questions/`."""
    return shipped_dir("questions")


def bank_sources() -> Sources:
    """`$QUIZZER_BANK`'s folders if set, else the shipped bank and the configured folders."""
    override = os.environ.get("QUIZZER_BANK")
    if override:
        named = [Path(p).expanduser() for p in override.split(os.pathsep) if p]
        env = Path("$QUIZZER_BANK")
        sources = Sources([])
        for folder in named:
            _add(sources, folder, env, 1, "QUIZZER_BANK")
        return sources
    sources = Sources([default_bank_dir()])
    _add_configured(sources, config_path())
    return sources


def _add_configured(sources: Sources, config: Path) -> None:
    try:
        text = config.read_text(encoding="utf-8")
    except FileNotFoundError:
        return
    except (OSError, UnicodeDecodeError) as exc:
        sources.problems.append((config, 1, "(file)", f"cannot read: {exc}"))
        return
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        line = int(found.group(1)) if found else max(1, len(text.splitlines()))
        sources.problems.append((config, line, "(toml)", f"invalid TOML: {exc}"))
        return
    section = data.get("bank", {})
    folders = section.get("folders", []) if isinstance(section, dict) else None
    line = _line_of(text, "folders")
    if not isinstance(folders, list) or not all(isinstance(f, str) for f in folders):
        sources.problems.append((config, line, "bank.folders", "must be a list of folder names"))
        return
    for name in folders:
        folder = Path(name).expanduser()
        _add(sources, folder if folder.is_absolute() else config.parent / folder, config, line,
             "bank.folders")


def _add(sources: Sources, folder: Path, origin: Path, line: int, what: str) -> None:
    if folder.is_dir():
        sources.folders.append(folder)
    else:
        sources.problems.append((origin, line, what, f"{folder} is not a folder"))


def _line_of(text: str, key: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().startswith(key):
            return number
    return 1
