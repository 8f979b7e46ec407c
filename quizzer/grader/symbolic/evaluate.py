"""The value of an expression at one point: exact where it can be, else verified digits.

Rational formulas are computed exactly (`exact.py`); anything else is evaluated by SymPy's
`evalf` in strict mode, which raises rather than return fewer correct digits than asked, so two
values are compared at the precision actually computed. Grader child only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import mpmath  # type: ignore[import-untyped]  # mpmath ships no type information
import sympy
from sympy.core.evalf import PrecisionExhausted

from quizzer.grader.symbolic.domain import as_sympy
from quizzer.grader.symbolic.exact import Evaluator, compile_exact

DIGITS = 30
"""Correct significant digits every inexact value is computed to."""
MAX_DIGITS = 600
"""Working precision evalf may climb to while cancelling terms."""
WORK_DIGITS = DIGITS + 10
"""Precision of the arithmetic done on computed values (differences, ratios)."""
AGREE = mpmath.mpf(10) ** (4 - DIGITS)
"""Two inexact values agree when they differ by less than this, relative to the larger."""
Value = Fraction | Any
"""An exact Fraction or an mpmath number with DIGITS verified digits."""


@dataclass(frozen=True)
class Outcome:
    """`state` is "ok" (with `value`), "undefined" (not a real number) or "unresolved"."""

    state: str
    value: Value = None


class Evaluable:
    """An expression prepared for many points: compiled exactly when it is rational."""

    def __init__(self, expr: Any, symbols: Mapping[str, Any]) -> None:
        self.expr = expr
        self.symbols = symbols
        self.exact: Evaluator | None = compile_exact(expr)

    def at(self, point: Mapping[str, Fraction]) -> Outcome:
        if self.exact is not None:
            try:
                return Outcome("ok", self.exact(point))
            except ZeroDivisionError:
                return Outcome("undefined")
        return value_of(self.expr, as_sympy(point, self.symbols))


def value_of(expr: Any, point: Mapping[Any, Any]) -> Outcome:
    """The value of `expr` at a SymPy point: exact when SymPy gets a rational, else the first
    value two evaluations at increasing precision agree on (evalf's own accuracy estimate can
    be optimistic, e.g. for a power of a difference that cancels)."""
    try:
        value = expr.xreplace(point)
        if value.is_Rational:
            return Outcome("ok", Fraction(int(value.p), int(value.q)))
        if value.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo):
            return Outcome("undefined")
        previous: Outcome | None = None
        for digits in LADDER:
            current = _numeric(value, digits)
            if current.state == "undefined":
                return current
            if previous is not None and previous.state == current.state == "ok" and agree(
                    previous.value, current.value):
                return current
            previous = current
    except (ArithmeticError, ValueError, TypeError, RecursionError):
        return Outcome("undefined")
    return Outcome("unresolved")


LADDER = (DIGITS, 2 * DIGITS, 5 * DIGITS, 20 * DIGITS)
"""Precisions tried in turn until two successive values agree."""


def _numeric(value: Any, digits: int) -> Outcome:
    try:
        number = value.evalf(digits, strict=True, maxn=max(MAX_DIGITS, 2 * digits))
    except PrecisionExhausted:
        return Outcome("unresolved")
    if not number.is_Number:
        real, imaginary = number.as_real_imag()
        if imaginary != 0 or not real.is_Number:
            return Outcome("undefined")
        number = real
    if number.is_finite is not True:
        return Outcome("undefined")
    with mpmath.workdps(WORK_DIGITS):
        return Outcome("ok", mpmath.mpf(sympy.Float(number, DIGITS)._mpf_))


def agree(want: Value, got: Value) -> bool:
    """Exact values must be equal; otherwise they agree to the digits computed."""
    if isinstance(want, Fraction) and isinstance(got, Fraction):
        return want == got
    with mpmath.workdps(WORK_DIGITS):
        a, b = to_mpf(want), to_mpf(got)
        return bool(abs(a - b) <= AGREE * max(abs(a), abs(b)))


def to_mpf(value: Value) -> Any:
    """An mpmath number (arithmetic on it must run under `mpmath.workdps(WORK_DIGITS)`)."""
    if isinstance(value, Fraction):
        with mpmath.workdps(WORK_DIGITS):
            return mpmath.mpf(value.numerator) / value.denominator
    return value


def show_value(value: Value, digits: int = 10) -> str:
    """A value for a message: integers whole, others to `digits` digits, never a huge string."""
    if isinstance(value, Fraction) and value.denominator == 1 and abs(value) < 10**15:
        return str(value.numerator)
    number = to_mpf(value)
    if number == 0:
        return "0"
    exponent = mpmath.floor(mpmath.log10(abs(number)))
    if abs(exponent) > 10**6:
        return f"{'-' if number < 0 else ''}about 10^{mpmath.nstr(exponent, 3)}"
    return str(mpmath.nstr(number, digits))


def show_pair(want: Value, got: Value) -> tuple[str, str]:
    """Both values, with as many digits as it takes for them to look different."""
    for digits in (10, 16, 24, DIGITS):
        shown = show_value(want, digits), show_value(got, digits)
        if not same_text(*shown):
            return shown
    return shown


def same_text(first: str, second: str) -> bool:
    """`1` and `1.0` read as the same number."""
    try:
        return first == second or mpmath.mpf(first) == mpmath.mpf(second)
    except (ValueError, TypeError):
        return False


def show_point(point: Mapping[str, Fraction], digits: int = 12) -> str:
    """`x = 0.81731, n = 3`: integers as integers, others to `digits` significant digits (12
    show a drawn point exactly)."""
    parts = []
    for name, value in point.items():
        shown = str(value.numerator) if value.denominator == 1 else mpmath.nstr(
            to_mpf(value), digits)
        parts.append(f"{name} = {shown}")
    return ", ".join(parts)
