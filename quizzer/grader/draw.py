"""Parametric numeric questions, torch half: draw values torch accepts and compute the answer."""

from __future__ import annotations

import random
from dataclasses import dataclass

from quizzer.bank.models import NumericQuestion
from quizzer.bank.params import draw_values, op_arguments, render
from quizzer.grader.ops import InvalidDraw, run_op

MAX_TRIES = 200


@dataclass(frozen=True)
class Draw:
    """One concrete instance of a parametric question."""

    values: dict[str, int | float]
    prompt: str
    prompt_zh: str | None
    answer: float


class NoValidDraw(RuntimeError):
    """No parameters torch accepts were found; the question's ranges need fixing."""


def draw(question: NumericQuestion, seed: int) -> Draw:
    """The instance of `question` for `seed` (the same seed always gives the same instance)."""
    if question.params is None or question.compute is None:
        raise ValueError(f"{question.id} is not parametric")
    rng = random.Random(f"{question.id}:{seed}")
    last = ""
    for _ in range(MAX_TRIES):
        values = draw_values(question.params, rng)
        try:
            answer = run_op(question.compute.op, op_arguments(question.compute, values))
        except InvalidDraw as exc:
            last = str(exc)
            continue
        zh = render(question.zh.prompt, values) if question.zh else None
        return Draw(values, render(question.prompt, values), zh, answer)
    raise NoValidDraw(f"{question.id}: no valid parameters in {MAX_TRIES} tries ({last})")
