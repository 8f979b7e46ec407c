"""The child's report, typed: what the sandboxed child sends back, checked before it is used.

The child (`quizzer.grader.child`) sends plain data; the parent turns it into these classes with
`from_data`, which accepts exactly the shape the child writes (the keys, their types, at most one
outcome per case, texts capped) and returns None for anything else. The judge only ever reads a
`ChildReport`, so a doctored report can be refused, never misread. Torch-free.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

MAX_TEXT = 20_000
"""Characters kept of any message or traceback the child sends."""
_REPORT_KEYS = {"setup", "outcomes", "forbidden", "exit"}
_OUTCOME_KEYS = {"output", "error", "kind", "traceback", "args", "kwargs"}


@dataclass(frozen=True)
class SetupFailure:
    """The learner's file could not be used: a syntax error, no such function, a signature
    that does not fit, an import that ran out of memory..."""

    kind: str
    message: str
    traceback: str = ""


@dataclass(frozen=True)
class CaseResult:
    """One call of the learner's function: its output and the inputs afterwards, or its error."""

    output: Any = None
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)
    error: str = ""
    """`Type: message` of what the learner's code raised, or "" when it returned."""
    kind: str = ""
    """`memory`, `output`, `recursion` or "" (any other exception)."""
    traceback: str = ""


@dataclass(frozen=True)
class ChildReport:
    setup: SetupFailure | None
    outcomes: tuple[CaseResult, ...]
    forbidden: tuple[str, ...]
    """The forbidden functions the learner called, in order."""
    exit: int | str | None
    """The argument of a `sys.exit` the learner called, or None."""


def from_data(data: Any, cases: int) -> ChildReport | None:
    """The report in `data`, or None unless it has exactly the child's shape (and at most
    `cases` outcomes)."""
    if not isinstance(data, dict) or set(data) != _REPORT_KEYS:
        return None
    setup = _setup(data["setup"])
    outcomes = data["outcomes"]
    forbidden = data["forbidden"]
    if (setup is False or not isinstance(outcomes, list) or len(outcomes) > cases
            or not _texts(forbidden) or not _exit_value(data["exit"])):
        return None
    typed = [_outcome(o) for o in outcomes]
    if any(o is None for o in typed):
        return None
    failure = setup if isinstance(setup, SetupFailure) else None
    return ChildReport(failure, tuple(o for o in typed if o is not None),
                       tuple(s[:MAX_TEXT] for s in forbidden), data["exit"])


def _setup(value: Any) -> SetupFailure | None | Literal[False]:
    """None for no failure, the failure, or False when malformed."""
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) != {"kind", "message", "traceback"}:
        return False
    if not all(isinstance(v, str) for v in value.values()):
        return False
    return SetupFailure(value["kind"], value["message"][:MAX_TEXT],
                        value["traceback"][:MAX_TEXT])


def _outcome(value: Any) -> CaseResult | None:
    if not isinstance(value, dict) or set(value) != _OUTCOME_KEYS:
        return None
    error, kind, trace = value["error"], value["kind"], value["traceback"]
    args, kwargs = value["args"], value["kwargs"]
    if error is not None and not isinstance(error, str):
        return None
    if not isinstance(kind, str) or not isinstance(trace, str):
        return None
    if not isinstance(args, list | tuple) or not isinstance(kwargs, dict):
        return None
    return CaseResult(value["output"], tuple(args), kwargs, (error or "")[:MAX_TEXT], kind,
                      trace[:MAX_TEXT])


def _texts(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _exit_value(value: Any) -> bool:
    return value is None or (isinstance(value, int | str) and not isinstance(value, bool))
