"""The file-hash cache speeds up loading but never hides a change or a problem."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from quizzer.bank import cache, load_bank

GOOD = """\
format_version: 1
questions:
  - id: cached-one
    type: choice
    topic: testing
    difficulty: easy
    time: 30
    prompt: Pick A.
    choices: [a, b]
    answer: A
    explanation: Because.
"""


def cached_entries() -> list[Path]:
    return [p for p in cache.cache_dir().rglob("*") if p.is_file()]


def test_clean_file_is_cached_and_reused(write_bank: Callable[[dict[str, str]], Path]) -> None:
    root = write_bank({"a.yaml": GOOD})
    first = load_bank(root)
    assert len(cached_entries()) == 1
    second = load_bank(root)
    assert second.questions == first.questions


def test_edited_file_is_reparsed(write_bank: Callable[[dict[str, str]], Path]) -> None:
    root = write_bank({"a.yaml": GOOD})
    load_bank(root)
    (root / "a.yaml").write_text(GOOD.replace("Pick A.", "Pick A now."), "utf-8")
    assert load_bank(root).questions[0].prompt == "Pick A now."


def test_file_broken_after_caching_reports_its_problem(
    write_bank: Callable[[dict[str, str]], Path],
) -> None:
    root = write_bank({"a.yaml": GOOD})
    load_bank(root)
    (root / "a.yaml").write_text(GOOD.replace("answer: A", "answer: Q"), "utf-8")
    bank = load_bank(root)
    assert bank.questions == []
    assert [p.field for p in bank.problems] == ["cached-one.answer"]
    assert len(cached_entries()) == 1, "files with problems are not cached"


def test_damaged_cache_entry_is_ignored(write_bank: Callable[[dict[str, str]], Path]) -> None:
    root = write_bank({"a.yaml": GOOD})
    load_bank(root)
    [entry] = cached_entries()
    entry.write_bytes(b"not a pickle")
    assert [q.id for q in load_bank(root).questions] == ["cached-one"]
