"""A bug in the grader's own code is reported as the grader's failure, never the learner's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from quizzer.core.result import Status
from quizzer.core.verdict import verdict_of
from quizzer.grader import runner
from quizzer.grader.tasks import load_task

REPO = Path(__file__).resolve().parents[1]
RIGHT = (REPO / "solutions" / "softmax.py").read_text()


class BrokenJudge:
    """The real softmax task, except that its judge raises."""

    def __init__(self) -> None:
        self._task = load_task("softmax")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._task, name)

    def judge(self, case: Any, outcome: Any) -> Any:
        raise ZeroDivisionError("a judge with a bug")


class BrokenCases(BrokenJudge):
    def cases(self, seed: int) -> Any:
        raise IndexError("a generator with a bug")


@pytest.mark.parametrize(("broken", "stage"), [(BrokenJudge, "judging the results"),
                                               (BrokenCases, "building the cases")])
def test_a_broken_grader_yields_internal_not_a_failed_answer(
        monkeypatch: pytest.MonkeyPatch, broken: type[BrokenJudge], stage: str) -> None:
    monkeypatch.setattr(runner, "load_task", lambda name: broken())
    monkeypatch.setattr(runner, "_CASES", type(runner._CASES)())
    result = runner.grade_source("softmax", RIGHT, seed=12345)
    assert result.status is Status.INTERNAL
    assert stage in result.message and "not in your code" in result.message
    assert "seed 12345" in result.message
    assert verdict_of(result) is None  # no attempt is recorded against the learner


def test_the_same_answer_passes_with_the_real_grader() -> None:
    assert runner.grade_source("softmax", RIGHT).status is Status.PASSED


def test_the_verdict_view_says_the_grader_failed() -> None:
    from quizzer.core.result import GradeResult
    from quizzer.ui.verdict import grade_markdown

    result = GradeResult("softmax", Status.INTERNAL, message="the grader failed while judging")
    assert grade_markdown(result).startswith("**The grader failed, please report this:**")
