"""Parametric numeric questions, torch-free half: drawing parameter values and filling prompts.

The answer for drawn values is computed by the grader (`quizzer.grader.draw`), which runs the
question's torch op.
"""

from __future__ import annotations

import random
import re
from typing import Any

from quizzer.bank.formula import FormulaError, evaluate
from quizzer.bank.models import (
    FORMULA_PLACEHOLDER,
    PLACEHOLDER,
    Choices,
    Compute,
    IntRange,
    ParamSpec,
)


def draw_values(params: dict[str, ParamSpec], rng: random.Random) -> dict[str, int | float]:
    """One value per parameter."""
    values: dict[str, int | float] = {}
    for name, spec in params.items():
        if isinstance(spec, IntRange):
            values[name] = rng.randint(spec.min, spec.max)
        elif isinstance(spec, Choices):
            values[name] = rng.choice(spec.choices)
    return values


def op_arguments(compute: Compute, values: dict[str, int | float]) -> dict[str, Any]:
    """The op's keyword arguments, parameter names replaced by their drawn values."""

    def resolve(item: Any) -> Any:
        return values[item] if isinstance(item, str) else item

    return {
        name: [resolve(v) for v in value] if isinstance(value, list) else resolve(value)
        for name, value in compute.args.items()
    }


def render(text: str, values: dict[str, int | float]) -> str:
    """Replace `{name}` with the drawn value and `{= formula}` with the formula's value (an
    intermediate result in an explanation); braces that name no parameter are left alone."""

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        return _format(values[name]) if name in values else match.group(0)

    def compute(match: re.Match[str]) -> str:
        try:
            return _format(round(evaluate(match.group(1), values), 10))
        except FormulaError:
            return match.group(0)

    return PLACEHOLDER.sub(fill, FORMULA_PLACEHOLDER.sub(compute, text))


def _format(value: int | float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
