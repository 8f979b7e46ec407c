"""The grader's verdicts: a closed set of outcomes, with per-check detail. Torch-free."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Status(StrEnum):
    """How a grade ended. Only PASSED is an acceptance; INVALID is not a wrong attempt."""

    PASSED = "passed"
    FAILED = "failed"
    """Ran, but at least one check disagreed with the reference."""
    ERROR = "error"
    """The learner's code raised, failed to import, or broke a rule (a forbidden call)."""
    TIMEOUT = "timeout"
    MEMORY = "memory"
    CRASHED = "crashed"
    """The child died: a segfault, `os._exit`, a signal."""
    INVALID = "invalid"
    """A symbolic answer that could not be parsed."""
    INTERNAL = "internal"
    """The grader itself failed (a bug in a judge, a reference, a case generator or an op).
    Says nothing about the learner's answer: no attempt is recorded."""


@dataclass(frozen=True)
class Check:
    """The verdict on one case or property."""

    name: str
    passed: bool
    message: str = ""
    """On failure: which property, on which input, expected vs got."""
    hint: str = ""
    """The likely misconception."""

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "passed": self.passed, "message": self.message,
                "hint": self.hint}


@dataclass(frozen=True)
class GradeResult:
    """One graded attempt, code or symbolic."""

    task: str
    """The code task name, or the question id for a symbolic answer."""
    status: Status
    checks: list[Check] = field(default_factory=list)
    seed: int | None = None
    seconds: float = 0.0
    message: str = ""
    """One human line: why it was rejected (or that it passed)."""
    detail: str = ""
    """The learner's trimmed traceback or captured output, shown after the message."""

    @property
    def passed(self) -> bool:
        return self.status is Status.PASSED

    @property
    def first_failure(self) -> Check | None:
        return next((c for c in self.checks if not c.passed), None)

    def as_dict(self) -> dict[str, Any]:
        return {
            "task": self.task,
            "passed": self.passed,
            "status": str(self.status),
            "checks": [c.as_dict() for c in self.checks],
            "seed": self.seed,
            "seconds": round(self.seconds, 4),
            "message": self.message,
            "detail": self.detail,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GradeResult:
        """The inverse of `as_dict` (what travels over the grader service's JSON lines)."""
        checks = [Check(c["name"], bool(c["passed"]), c.get("message", ""), c.get("hint", ""))
                  for c in data.get("checks", [])]
        return cls(
            task=data["task"], status=Status(data["status"]), checks=checks,
            seed=data.get("seed"), seconds=float(data.get("seconds", 0.0)),
            message=data.get("message", ""), detail=data.get("detail", ""),
        )
