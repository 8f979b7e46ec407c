"""Parametric numeric questions, torch half: draw values torch accepts and compute the answer.

A draw is also refused when one of the question's listed mistakes gives a number the tolerance
would accept: such a draw cannot tell the right computation from the wrong one.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from quizzer.bank.formula import FormulaError, evaluate
from quizzer.bank.models import Mistake, NumericQuestion
from quizzer.bank.params import draw_values, op_arguments, render
from quizzer.grader.ops import InvalidDraw, run_op

MAX_TRIES = 200


@dataclass(frozen=True)
class MistakeValue:
    """What one listed mistake computes for a draw (None: it gives no number there)."""

    value: float | None
    misconception: str
    misconception_zh: str | None


@dataclass(frozen=True)
class Draw:
    """One concrete instance of a parametric question."""

    values: dict[str, int | float]
    prompt: str
    prompt_zh: str | None
    answer: float
    explanation: str = ""
    """The explanation with the drawn values (and `{answer}`) filled in."""
    explanation_zh: str | None = None
    mistakes: tuple[MistakeValue, ...] = ()
    redrawn: int = 0
    """Earlier candidate draws refused because a listed mistake landed within the tolerance."""


class NoValidDraw(RuntimeError):
    """No parameters torch accepts were found; the question's ranges need fixing."""


def draw(question: NumericQuestion, seed: int) -> Draw:
    """The instance of `question` for `seed` (the same seed always gives the same instance)."""
    if question.params is None or question.compute is None:
        raise ValueError(f"{question.id} is not parametric")
    rng = random.Random(f"{question.id}:{seed}")
    last, redrawn = "", 0
    for _ in range(MAX_TRIES):
        values = draw_values(question.params, rng)
        try:
            answer = run_op(question.compute.op, op_arguments(question.compute, values))
        except InvalidDraw as exc:
            last = str(exc)
            continue
        mistakes = tuple(mistake_value(question, m, values) for m in question.mistakes)
        close = [m for m in mistakes if m.value is not None
                 and question.tolerance.accepts(m.value, answer)]
        if close:
            redrawn += 1
            last = f"the mistake {close[0].misconception!r} gives the right answer"
            continue
        return _instance(question, values, answer, mistakes, redrawn)
    raise NoValidDraw(f"{question.id}: no valid parameters in {MAX_TRIES} tries ({last})")


def mistake_value(question: NumericQuestion, mistake: Mistake,
                  values: dict[str, int | float]) -> MistakeValue:
    """The number `mistake` computes for these values (None where it computes none)."""
    assert question.compute is not None
    value: float | None
    try:
        if mistake.formula is not None:
            value = evaluate(mistake.formula, values)
        else:
            args = op_arguments(question.compute, values) if mistake.op is None else {}
            args |= op_arguments(question.compute.model_copy(update={"args": mistake.args}),
                                 values)
            value = run_op(mistake.op or question.compute.op, args)
    except (FormulaError, InvalidDraw, OverflowError):
        value = None
    if value is not None and not math.isfinite(value):
        value = None
    return MistakeValue(value, mistake.misconception, mistake.zh)


def _instance(question: NumericQuestion, values: dict[str, int | float], answer: float,
              mistakes: tuple[MistakeValue, ...], redrawn: int) -> Draw:
    filled = {**values, "answer": answer}
    zh = question.zh
    return Draw(values, render(question.prompt, values),
                render(zh.prompt, values) if zh else None, answer,
                render(question.explanation, filled),
                render(zh.explanation, filled) if zh else None, mistakes, redrawn)
