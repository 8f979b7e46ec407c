"""What a code task is: its cases, and how one learner output is judged against the reference.

A task never runs learner code itself. The sandbox (`quizzer.grader.sandbox`) calls the learner's
function on a copy of each case's inputs in a child process and sends back an `Outcome` as plain
data; `Task.judge` then runs in the trusted grader process, where the learner's code cannot reach.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any

from quizzer.core.result import Check


@dataclass(frozen=True)
class Case:
    """One call of the learner's function."""

    name: str
    """Human label naming what the case probes, e.g. `huge logits (2, 5) float32 dim=1`."""
    args: tuple[Any, ...]
    kwargs: dict[str, Any] = field(default_factory=dict)
    hint: str = ""
    """The likely misconception when this case fails."""
    raises: str | None = None
    """The exception type name the learner must raise here (e.g. `ValueError` for a
    configuration torch rejects); the runner checks it, `judge` is not called."""


@dataclass(frozen=True)
class Outcome:
    """What happened when the learner's function ran on one case (decoded from the child)."""

    output: Any = None
    args_after: tuple[Any, ...] = ()
    """The (copied) positional inputs after the call: for mutation checks and in-place updates."""
    kwargs_after: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    """`TypeName: message` when the call raised (the sandbox reports it; `judge` is not called)."""
    traceback: str = ""
    """The learner's own frames only."""


@dataclass(frozen=True)
class Unsupported:
    """Stands in for a value the learner returned that cannot travel back as data."""

    type_name: str
    """The qualified type name, e.g. `numpy.ndarray`."""

    def __str__(self) -> str:
        return f"<{self.type_name}>"


class Task(ABC):
    """A graded implementation task. Subclasses set the class attributes and two methods."""

    name: str
    """Also the name of the function the learner's file must define."""
    signature: str
    """The learner-facing signature line, e.g. `def softmax(x, dim=-1):`."""
    contract: str
    """The docstring of the stub: what the function must do, in a few lines."""
    forbidden: tuple[str, ...] = ()
    """Dotted paths the learner may not call, e.g. `torch.softmax`, `torch.Tensor.softmax`.
    The child replaces each with a function that records the call and raises."""

    @abstractmethod
    def cases(self, seed: int) -> list[Case]:
        """Inputs for this seed: fixed edge cases first, then generated ones."""

    @abstractmethod
    def judge(self, case: Case, outcome: Outcome) -> Check:
        """Compare one outcome with the reference; runs in the trusted process."""

    def error_hint(self, case: Case, error: str) -> str:
        """The hint shown when the learner's function raised `error` (`Type: message`) on `case`."""
        return case.hint

    def stub(self) -> str:
        """The starter file `quizzer init` writes for this task."""
        body = "\n".join(f"    {line}".rstrip() for line in self.contract.strip().splitlines())
        return (
            "import torch\n\n\n"
            f"{self.signature}\n"
            f'    """\n{body}\n    """\n'
            "    raise NotImplementedError\n"
        )
