"""Where one attempt stands, and the single rule from a grader's result to it."""

from __future__ import annotations

from enum import StrEnum

from quizzer.core.result import GradeResult, Status


class Verdict(StrEnum):
    """How a question was answered: in a running quiz, and in the progress log."""

    CORRECT = "correct"
    WRONG = "wrong"
    UNANSWERED = "unanswered"
    """Seen, but the time ran out (or the quiz ended) before an answer was given."""
    SKIPPED = "skipped"
    PENDING = "pending"
    """Submitted to the grader (code, derivation); the verdict has not come back yet.
    Never logged: it is a state of a running quiz, not an outcome."""

    @property
    def graded(self) -> bool:
        """Counts toward accuracy (a skip does not)."""
        return self in (Verdict.CORRECT, Verdict.WRONG, Verdict.UNANSWERED)

    @property
    def loggable(self) -> bool:
        """May be stored as an attempt's outcome."""
        return self is not Verdict.PENDING


def verdict_of(result: GradeResult) -> Verdict | None:
    """The attempt verdict of a grade; None for INVALID (an unparsable formula is no attempt)
    and for INTERNAL (the grader failed, the answer was never judged)."""
    if result.status in (Status.INVALID, Status.INTERNAL):
        return None
    return Verdict.CORRECT if result.passed else Verdict.WRONG


def failed_checks(result: GradeResult) -> list[str]:
    """The names of the failed checks; the status itself when it failed before any check ran."""
    failed = [c.name for c in result.checks if not c.passed]
    if not result.passed and not failed:
        failed = [str(result.status)]
    return failed
