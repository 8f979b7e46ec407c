"""`quizzer grade` leaves its verdicts in the progress store, and `quizzer stats` shows them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizzer.bank import load_bank
from quizzer.bank.models import DerivationQuestion
from quizzer.cli import main
from quizzer.cli.progress import record_graded
from quizzer.core.result import Check, GradeResult, Status
from quizzer.progress import Store, content_hash, submission_hash

REPO = Path(__file__).resolve().parents[1]
QUIZZER = Path(sys.executable).with_name("quizzer")
WRONG_SOFTMAX = '''\
import torch


def softmax(x: torch.Tensor, dim: int = -1) -> torch.Tensor:
    e = torch.exp(x)
    return e / e.sum()  # sums over every element, not along dim
'''


@pytest.fixture(scope="module")
def derivation() -> DerivationQuestion:
    return next(q for q in load_bank().questions if isinstance(q, DerivationQuestion))


def quizzer(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(QUIZZER), *args], capture_output=True, text=True, cwd=REPO,
                          env={**os.environ, "QUIZZER_HOME": str(home)}, timeout=120)


def test_stats_reflect_code_grades_from_the_installed_command(
    quizzer_home: Path, tmp_path: Path
) -> None:
    wrong = tmp_path / "wrong_softmax.py"
    wrong.write_text(WRONG_SOFTMAX, encoding="utf-8")
    runs = [
        quizzer("grade", "softmax", "solutions/softmax.py", home=quizzer_home),
        quizzer("grade", "softmax", str(wrong), home=quizzer_home),
    ]
    assert [r.returncode for r in runs] == [0, 1], [r.stderr for r in runs]
    stats = json.loads(CliRunner().invoke(main, ["stats", "--json"]).stdout)
    assert stats["attempts"] == 2
    assert stats["by_type"]["code"] == {"attempts": 2, "correct": 1, "accuracy": 0.5}
    with Store.open() as store:
        passed, failed = store.attempts()
        mistakes = store.mistakes()
    assert passed.answer == submission_hash((REPO / "solutions/softmax.py").read_text())
    assert failed.verdict == "wrong" and failed.checks_failed
    assert [m.id for m in mistakes] == [failed.id]


def result(status: Status, *checks: Check) -> GradeResult:
    return GradeResult(task="t", status=status, checks=list(checks))


def test_formula_grade_is_logged_under_the_question_with_its_hash(
    derivation: DerivationQuestion,
) -> None:
    record_graded(derivation.id, result(Status.PASSED, Check("value", True)),
                  answer="2*x", file=None)
    with Store.open() as store:
        [attempt] = store.attempts()
    assert (attempt.question_id, attempt.qtype, attempt.topic) == (
        derivation.id, "derivation", derivation.topic)
    assert attempt.answer == "2*x" and attempt.content_hash == content_hash(derivation)


def test_rejection_without_checks_logs_its_status(derivation: DerivationQuestion) -> None:
    record_graded(derivation.id, result(Status.TIMEOUT), answer="x", file=None)
    with Store.open() as store:
        [attempt] = store.attempts()
    assert attempt.verdict == "wrong" and attempt.checks_failed == ("timeout",)


def test_invalid_formula_is_not_logged(derivation: DerivationQuestion) -> None:
    record_graded(derivation.id, result(Status.INVALID), answer="(", file=None)
    with Store.open() as store:
        assert store.attempts() == []


def test_code_task_logs_the_submission_hash_not_the_code(tmp_path: Path) -> None:
    code = tmp_path / "mine.py"
    code.write_text("def softmax(x, dim=-1):\n    return x\n", encoding="utf-8")
    failing = result(Status.FAILED, Check("sums to one", False), Check("shape", True))
    record_graded("softmax", failing, answer=None, file=str(code))
    with Store.open() as store:
        [attempt] = store.attempts()
    assert attempt.answer == submission_hash(code.read_text())
    assert attempt.checks_failed == ("sums to one",)
    bank_question = next((q for q in load_bank().questions
                          if q.type == "code" and q.task == "softmax"), None)
    expected = bank_question.id if bank_question else "task:softmax"
    assert attempt.question_id == expected


def test_unusable_store_warns_but_does_not_stop_grading(
    quizzer_home: Path, derivation: DerivationQuestion, capsys: pytest.CaptureFixture[str]
) -> None:
    quizzer_home.mkdir(parents=True)
    (quizzer_home / "progress.sqlite3").write_bytes(b"garbage" * 100)
    record_graded(derivation.id, result(Status.PASSED), answer="x", file=None)
    assert "not recorded" in capsys.readouterr().err
