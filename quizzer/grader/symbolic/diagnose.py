"""Name the slip behind a wrong answer from the values both sides took. Grader child only.

Looks, in order, for a flipped sign, a constant factor, a constant offset, a missing or
sign-flipped term of the reference, and an answer right only on one side of a kink or of 0.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import mpmath  # type: ignore[import-untyped]  # mpmath ships no type information
import sympy

from quizzer.grader.symbolic.evaluate import WORK_DIGITS, Evaluable, agree, show_value, to_mpf

MIN_SAMPLES = 3
NOTICEABLE = 1e-6
"""A factor this close to 1 is a rounding-sized slip, not worth naming as a factor."""


@dataclass(frozen=True)
class Sample:
    """One point where both sides are defined, and whether they agree there."""

    point: dict[str, Fraction]
    want: Any
    got: Any
    agrees: bool


def name_slip(samples: list[Sample], reference: Any, answer: Any,
              symbols: Mapping[str, Any]) -> str:
    """A short phrase naming the slip, or "" when none fits every sample."""
    if len(samples) < MIN_SAMPLES:
        return ""
    with mpmath.workdps(WORK_DIGITS):
        return _name(samples, reference, answer, symbols)


def _name(samples: list[Sample], reference: Any, answer: Any, symbols: Mapping[str, Any]) -> str:
    for finder in (_sign, _factor, _offset):
        found = finder(samples)
        if found:
            return found
    return _term(samples, reference, symbols) or _branch(samples, [reference, answer], symbols)


def _sign(samples: list[Sample]) -> str:
    if all(agree(-to_mpf(s.want), s.got) for s in samples) and any(s.want != 0 for s in samples):
        return "the sign is flipped"
    return ""


def _constant(samples: list[Sample], of: Callable[[Sample], Any]) -> Any:
    values = [of(s) for s in samples]
    first = values[0]
    return first if all(agree(first, v) for v in values[1:]) else None


def _factor(samples: list[Sample]) -> str:
    usable = [s for s in samples if s.want != 0]
    if len(usable) < MIN_SAMPLES:
        return ""
    ratio = _constant(usable, lambda s: to_mpf(s.got) / to_mpf(s.want))
    if ratio is None or ratio == 0 or abs(ratio - 1) < NOTICEABLE:
        return ""
    return f"off by a constant factor: yours is {_nice(ratio)} times the reference"


def _offset(samples: list[Sample]) -> str:
    difference = _constant(samples, lambda s: to_mpf(s.got) - to_mpf(s.want))
    if difference is None:
        return ""
    return f"off by a constant: yours is the reference {_signed(difference)}"


def _term(samples: list[Sample], reference: Any, symbols: Mapping[str, Any]) -> str:
    terms = sympy.Add.make_args(sympy.expand(reference)) if reference.is_Add or reference.is_Mul \
        else ()
    if not 1 < len(terms) <= 12:
        return ""
    for term in terms:
        evaluable = Evaluable(term, symbols)
        values = [evaluable.at(s.point) for s in samples]
        if any(v.state != "ok" for v in values):
            continue
        parts = [to_mpf(v.value) for v in values]
        if all(agree(to_mpf(s.want) - t, s.got) for s, t in zip(samples, parts, strict=True)):
            return f"a term is missing: {sympy.sstr(term)}"
        if all(agree(to_mpf(s.want) - 2 * t, s.got) for s, t in zip(samples, parts, strict=True)):
            return f"the term {sympy.sstr(term)} has the wrong sign"
    return ""


def _branch(samples: list[Sample], formulas: list[Any], symbols: Mapping[str, Any]) -> str:
    """Conditions (`x > 0`, `p = 0`) true wherever the answer agrees, false where not."""
    good = [s for s in samples if s.agrees]
    bad = [s for s in samples if not s.agrees]
    if len(good) < MIN_SAMPLES or not bad:
        return ""
    from quizzer.grader.symbolic.equivalence import kinks

    candidates = [*(k for f in formulas for k in kinks(f)), *(symbols[n] for n in good[0].point)]
    held: list[tuple[str, list[bool]]] = []
    for expr in dict.fromkeys(candidates):
        evaluable = Evaluable(expr, symbols)
        found = _held(expr, [_sign_at(evaluable, s.point) for s in good],
                      [_sign_at(evaluable, s.point) for s in bad])
        if found is not None:
            held.append(found)
    if not held or not all(any(f[i] for _, f in held) for i in range(len(bad))):
        return ""
    return "right only where " + " and ".join(label for label, _ in held[:3])


def _held(expr: Any, good: list[int], bad: list[int]) -> tuple[str, list[bool]] | None:
    """The condition on the sign of `expr` that every agreeing sample meets, and which of the
    disagreeing samples break it; None when no condition separates any of them."""
    if all(g == 0 for g in good):
        fails = [b != 0 for b in bad]
        return (_condition(expr, "="), fails) if any(fails) else None
    for sign, strict, loose in ((1, ">", ">="), (-1, "<", "<=")):
        if all(g != -sign for g in good):
            zero_agrees = any(g == 0 for g in good)
            fails = [b == -sign or (b == 0 and not zero_agrees) for b in bad]
            if any(fails):
                return _condition(expr, loose if zero_agrees else strict), fails
    return None


def _sign_at(evaluable: Evaluable, point: Mapping[str, Fraction]) -> int:
    value = evaluable.at(point)
    if value.state != "ok":
        return 0
    number = to_mpf(value.value)
    return int(number > 0) - int(number < 0)


_FLIPPED = {">": "<", "<": ">", ">=": "<=", "<=": ">=", "=": "="}


def _condition(expr: Any, word: str) -> str:
    """`x - 1 > 0` as `x > 1` when the expression is a variable plus a number."""
    number, rest = expr.as_coeff_Add()
    scale, symbol = rest.as_coeff_Mul()
    if symbol.is_Symbol and scale != 0:
        flipped = _FLIPPED[word] if scale < 0 else word
        return f"{symbol} {flipped} {sympy.sstr(-number / scale)}"
    return f"{sympy.sstr(expr)} {word} 0"


def _nice(value: Any) -> str:
    near = Fraction(float(value)).limit_denominator(100)
    if agree(to_mpf(near), value):
        return str(near)
    return show_value(value)


def _signed(value: Any) -> str:
    shown = _nice(value)
    return f"- {shown[1:]}" if shown.startswith("-") else f"+ {shown}"
