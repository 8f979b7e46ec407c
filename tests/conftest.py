"""Shared fixtures: a private QUIZZER_HOME for every test, and a helper to write bank files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def quizzer_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Progress and settings go to a temporary directory, never the user's."""
    home = tmp_path / "quizzer-home"
    monkeypatch.setenv("QUIZZER_HOME", str(home))
    return home


@pytest.fixture
def write_bank(tmp_path: Path) -> Callable[[dict[str, str]], Path]:
    """Write {relative name: YAML text} under a fresh bank directory and return it."""

    def write(files: dict[str, str]) -> Path:
        root = tmp_path / "bank"
        for name, text in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return root

    return write
