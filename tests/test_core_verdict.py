"""The one rule from a grade to an attempt verdict, and what may be logged."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from pydantic import ValidationError

from quizzer.core.result import Check, GradeResult, Status
from quizzer.core.verdict import Verdict, failed_checks, verdict_of
from quizzer.progress import Store
from quizzer.progress.transfer import AttemptRecord
from quizzer.quiz import Verdict as QuizVerdict

AT = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(("status", "want"), [
    (Status.PASSED, Verdict.CORRECT), (Status.FAILED, Verdict.WRONG),
    (Status.ERROR, Verdict.WRONG), (Status.TIMEOUT, Verdict.WRONG),
    (Status.MEMORY, Verdict.WRONG), (Status.CRASHED, Verdict.WRONG), (Status.INVALID, None),
    (Status.INTERNAL, None),
])
def test_every_status_maps_to_one_verdict(status: Status, want: Verdict | None) -> None:
    assert verdict_of(GradeResult("softmax", status)) is want


def test_failed_checks_names_the_checks_or_the_status() -> None:
    checks = [Check("small", True), Check("huge logits", False), Check("dtype", False)]
    assert failed_checks(GradeResult("t", Status.FAILED, checks)) == ["huge logits", "dtype"]
    assert failed_checks(GradeResult("t", Status.TIMEOUT)) == ["timeout"]
    assert failed_checks(GradeResult("t", Status.PASSED, checks[:1])) == []


def test_the_quiz_and_the_log_share_one_verdict_type() -> None:
    assert QuizVerdict is Verdict


def test_a_pending_verdict_is_never_logged(tmp_path: Path) -> None:
    with Store.open(tmp_path / "p.sqlite3") as store:
        with pytest.raises(ValueError, match="not an attempt"):
            store.record_attempt("q", qtype="code", topic="t", verdict="pending", at=AT)
        assert store.attempts() == []


def test_an_export_file_with_a_pending_attempt_is_refused() -> None:
    with pytest.raises(ValidationError, match="running quiz"):
        AttemptRecord(id="a", question_id="q", qtype="code", topic="t", verdict=Verdict.PENDING,
                      at=AT)
