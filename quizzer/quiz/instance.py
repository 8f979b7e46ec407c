"""One drawn instance of a parametric numeric question: the values, the prompt and explanation
with them filled in, the right answer, and what the question's classic mistakes give."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from quizzer.bank.models import NumericQuestion
from quizzer.bank.params import render


@dataclass(frozen=True)
class Slip:
    """A classic wrong number for a drawn instance, and the misconception it reveals."""

    value: float
    misconception: str
    misconception_zh: str | None = None


@dataclass(frozen=True)
class Instance:
    """A parametric numeric question with drawn values (drawn by the grader service)."""

    prompt: str
    prompt_zh: str | None
    answer: float
    seed: int = 0
    explanation: str | None = None
    """The explanation with the drawn values; None uses the bank's text."""
    explanation_zh: str | None = None
    mistakes: tuple[Slip, ...] = ()
    """What the question's listed mistakes compute for these values."""
    values: Mapping[str, int | float] = field(default_factory=dict)
    """The drawn parameter values, by name."""

    @property
    def drawn(self) -> dict[str, int | float]:
        """What the progress log keeps of this instance: the values and, as `answer` (the name
        explanations use for it), the right answer."""
        return {**self.values, "answer": self.answer}

    @classmethod
    def from_reply(cls, reply: Mapping[str, Any], seed: int) -> Instance:
        """The instance the grader service's `draw` reply describes."""
        slips = tuple(Slip(float(m["value"]), str(m["misconception"]), m.get("zh"))
                      for m in reply.get("mistakes", []))
        raw = dict(reply.get("values") or {})
        values: dict[str, int | float] = {str(k): v for k, v in raw.items()}
        return cls(str(reply["prompt"]), reply.get("prompt_zh"), float(reply["answer"]), seed,
                   reply.get("explanation"), reply.get("explanation_zh"), slips, values)

    @classmethod
    def from_drawn(cls, question: NumericQuestion, drawn: Mapping[str, int | float],
                   seed: int | None) -> Instance:
        """The instance a logged attempt saw, rebuilt from its `drawn` record (no grader
        needed: filling the prompt is plain text; the answer was recorded)."""
        filled: dict[str, int | float] = {str(k): v for k, v in drawn.items()}
        values = {k: v for k, v in filled.items() if k != "answer"}
        zh = question.zh
        return cls(render(question.prompt, values), render(zh.prompt, values) if zh else None,
                   float(filled["answer"]), seed or 0, render(question.explanation, filled),
                   render(zh.explanation, filled) if zh else None, (), values)
