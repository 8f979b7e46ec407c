"""Which folders make the bank: the shipped one, a learner's extra folders from config.toml,
or `$QUIZZER_BANK` naming one or several folders instead."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from quizzer.bank import default_bank_dir, load_bank
from quizzer.paths import shipped_dir, solutions_dir

REPO = Path(__file__).resolve().parents[1]


def question(qid: str) -> str:
    return f"""\
format_version: 1
questions:
  - id: {qid}
    type: choice
    topic: mine
    difficulty: easy
    time: 30
    prompt: Pick A.
    choices: [a, b]
    answer: A
    explanation: Because.
"""


def folder(root: Path, qid: str) -> Path:
    root.mkdir(parents=True)
    (root / f"{qid}.yaml").write_text(question(qid), encoding="utf-8")
    return root


def test_a_checkout_reads_the_bank_and_solutions_in_place() -> None:
    assert default_bank_dir() == shipped_dir("questions") == REPO / "questions"
    assert solutions_dir() == REPO / "solutions"


def test_quizzer_bank_may_name_several_folders(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = folder(tmp_path / "a", "from-a"), folder(tmp_path / "b", "from-b")
    monkeypatch.setenv("QUIZZER_BANK", os.pathsep.join([str(first), "", str(second)]))
    bank = load_bank()
    assert [q.id for q in bank.questions] == ["from-a", "from-b"]
    assert bank.problems == []


def test_a_missing_quizzer_bank_folder_is_a_problem(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZZER_BANK", str(tmp_path / "nowhere"))
    [problem] = load_bank().problems
    assert "QUIZZER_BANK" in str(problem) and "nowhere" in problem.message


def test_config_adds_a_folder_next_to_the_shipped_bank(
    tmp_path: Path, quizzer_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("QUIZZER_BANK", raising=False)
    folder(quizzer_home / "mine", "my-own-question")
    absolute = folder(tmp_path / "elsewhere", "another-own-question")
    (quizzer_home / "config.toml").write_text(
        f'[bank]\nfolders = ["mine", "{absolute}"]\n', encoding="utf-8")
    bank = load_bank()
    shipped = load_bank(REPO / "questions")
    assert bank.problems == []
    assert [q.id for q in bank.questions] == [
        *(q.id for q in shipped.questions), "my-own-question", "another-own-question"]


@pytest.mark.parametrize(("text", "field", "line"), [
    ('[bank]\nfolders = "mine"\n', "bank.folders", 2),
    ("[bank]\nfolders = [\n", "(toml)", 2),
    ('\n[bank]\nfolders = ["absent"]\n', "bank.folders", 3),
])
def test_a_bad_config_is_reported_and_the_shipped_bank_still_loads(
    quizzer_home: Path, monkeypatch: pytest.MonkeyPatch, text: str, field: str, line: int
) -> None:
    monkeypatch.delenv("QUIZZER_BANK", raising=False)
    quizzer_home.mkdir(parents=True)
    (quizzer_home / "config.toml").write_text(text, encoding="utf-8")
    bank = load_bank()
    [problem] = bank.problems
    assert (problem.path.name, problem.field, problem.line) == ("config.toml", field, line)
    assert len(bank.questions) == len(load_bank(REPO / "questions").questions)
