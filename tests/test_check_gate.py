"""`quizzer check` is the one gate: it fails on anything that makes a task or question unfit.

The real bank passes it whole (that test replaces grading the example submissions in pytest);
each other test breaks one thing and proves the check says so.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest

from quizzer.bank import load_bank
from quizzer.bank.models import CodeQuestion
from quizzer.core.result import GradeResult, Status
from quizzer.grader import tasks as task_modules
from quizzer.grader.bankcheck import check_questions_cover_tasks, check_tasks
from quizzer.grader.formulacheck import check_derivations
from quizzer.grader.submissions import check_submissions

QUIZZER = str(Path(sys.executable).parent / "quizzer")
REPO = Path(__file__).resolve().parents[1]
SOLUTION = (REPO / "solutions" / "softmax.py").read_text()
NO_SHIFT = (
    "import torch\n\ndef softmax(x, dim=-1):\n"
    "    e = x.exp()\n    return e / e.sum(dim, keepdim=True)\n"
)


def test_check_passes_on_the_real_bank_with_every_submission_graded(tmp_path: Path) -> None:
    done = subprocess.run([QUIZZER, "check"], capture_output=True, text=True, timeout=600,
                          env={**os.environ, "QUIZZER_HOME": str(tmp_path)})
    assert done.returncode == 0, done.stdout[-4000:]
    files = len(list((REPO / "tests" / "submissions").glob("*/*.py")))
    assert f"submissions: {files} graded over" in done.stdout
    assert "derivations: " in done.stdout and "questions: " in done.stdout


def test_a_task_whose_module_does_not_load_fails_the_check(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(name: str) -> object:
        raise ImportError(f"No module named 'quizzer.grader.tasks.{name}_kernels'")

    monkeypatch.setattr(task_modules, "load_task", broken)
    lines = list(check_tasks(tasks=("softmax",)))
    assert lines[0][1] is False and "does not load: ImportError" in lines[0][0]
    assert lines[-1] == ("code tasks: 0/1 load, solutions pass, stubs fail", False)


def test_a_grader_that_cannot_tell_a_near_miss_fails_the_check(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bank = load_bank()
    accepting = GradeResult("any", Status.PASSED, [])
    monkeypatch.setattr("quizzer.grader.symbolic.grade_expression", lambda q, a: accepting)
    lines = list(check_derivations(bank))
    assert lines[-1][1] is False
    flagged = [line for line, ok in lines if not ok and "but it must fail" in line]
    assert len(flagged) >= 3 * 38 and any("* 1.001" in line for line in flagged)


def test_a_reference_the_grader_refuses_fails_the_check(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("quizzer.grader.symbolic.api.reference_text", lambda q: "2 x +")
    lines = list(check_derivations(load_bank()))
    assert any("the reference '2 x +' is graded invalid" in line for line, _ in lines)
    assert lines[-1][0].startswith("derivations: 0/")


def test_a_task_without_a_question_fails_the_check() -> None:
    bank = load_bank()
    without = [q for q in bank.questions if not (isinstance(q, CodeQuestion) and q.task == "nms")]
    lines = list(check_questions_cover_tasks(dataclasses.replace(bank, questions=without)))
    assert ("task nms: no code question in the bank asks for it", False) in lines
    assert list(check_questions_cover_tasks(bank))[-1][1] is True


def _write(folder: Path, name: str, header: str, body: str) -> None:
    (folder / name).write_text(f"{header}\n{body}")


def test_submissions_that_do_not_get_their_stated_verdict_fail_the_check(tmp_path: Path) -> None:
    folder = tmp_path / "softmax"
    folder.mkdir()
    _write(folder, "ok_real.py", "# expect: passed", SOLUTION)
    _write(folder, "ok_wrong.py", "# expect: passed", NO_SHIFT)
    _write(folder, "bad_right_status_wrong_reason.py", "# expect: failed: eps in the union",
           NO_SHIFT)
    _write(folder, "bad_said_to_pass.py", "# expect: passed", NO_SHIFT)
    _write(folder, "bad_no_header.py", "import torch", NO_SHIFT)
    (folder / "draft.py").write_text(SOLUTION)
    lines = dict(check_submissions(tmp_path, ("softmax",)))
    problems = [line for line, ok in lines.items() if not ok]
    assert any(p.startswith("submissions softmax: 2 correct and 3 wrong") and "1 files named"
               in p for p in problems)
    assert any("ok_wrong.py: expected passed, got failed" in p for p in problems)
    assert any("'eps in the union' is not in the verdict" in p for p in problems)
    assert any("bad_said_to_pass.py: an ok_ file must expect passed" in p for p in problems)
    assert any("bad_no_header.py: the first line must be" in p for p in problems)
    assert not any("ok_real.py" in p for p in problems)
    assert "submissions: 5 graded over 1 tasks, 5 problems" in lines
