"""Decide whether two SymPy expressions agree on a question's domain. Runs in the grader child.

An exact check (`expand` of the difference, under a short budget) is only a fast accept; the
verdict comes from evaluating both sides at seeded random points of each variable's domain with
30-digit arithmetic, skipping points near the kinks of abs/floor/min/max and where the reference
itself is undefined.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import mpmath  # type: ignore[import-untyped]  # mpmath ships no type information
import sympy

from quizzer.grader.symbolic.build import Expr

POINTS = 40
MAX_TRIES = 400
DIGITS = 30
REL_TOL = mpmath.mpf("1e-9")
ABS_TOL = mpmath.mpf("1e-15")
KINK_GAP = mpmath.mpf("1e-6")
EXPAND_MAX_NODES = 300
EXPAND_MAX_POWER = 12

_DEFAULT_RANGES: dict[str, tuple[float, float]] = {
    "real": (-4.0, 4.0), "positive": (0.05, 5.0), "negative": (-5.0, -0.05),
    "unit": (0.01, 0.99), "integer": (1.0, 20.0),
}


@dataclass(frozen=True)
class Domain:
    """Where one variable is sampled."""

    domain: str
    low: float
    high: float

    @classmethod
    def of(cls, domain: str, low: float | None, high: float | None) -> Domain:
        default_low, default_high = _DEFAULT_RANGES[domain]
        return cls(domain, default_low if low is None else low,
                   default_high if high is None else high)

    def draw(self, rng: random.Random) -> Any:
        if self.domain == "integer":
            return sympy.Integer(rng.randint(int(self.low), int(self.high)))
        return sympy.Float(rng.uniform(self.low, self.high), DIGITS)


@dataclass
class Verdict:
    """The comparison's outcome as plain data (it crosses a process boundary)."""

    agreed: bool
    checks: list[tuple[str, bool, str]] = field(default_factory=list)
    message: str = ""
    inconclusive: bool = False


def exactly_equal(answer: Expr, reference: Expr) -> bool:
    """True when `expand` proves the difference zero (a fast accept, never a rejection).

    Only small differences without large integer powers are expanded: `(x + 1)^1000` would
    expand into a thousand terms, and the sampling below decides such answers anyway.
    """
    difference = answer - reference
    if not _cheap_to_expand(difference):
        return False
    return bool(sympy.expand(difference) == 0)


def _cheap_to_expand(expr: Expr) -> bool:
    for nodes, sub in enumerate(sympy.preorder_traversal(expr), 1):
        if nodes > EXPAND_MAX_NODES:
            return False
        if sub.is_Pow and sub.exp.is_Integer and abs(sub.exp) > EXPAND_MAX_POWER:
            return False
    return True


def compare(answer: Expr, reference: Expr, symbols: Mapping[str, Expr],
            domains: Mapping[str, Domain], seed: int) -> Verdict:
    """Evaluate both sides at up to POINTS points of the domain and report the first mismatch."""
    rng = random.Random(seed)
    kinks = _kinks(answer) + _kinks(reference)
    exact_points = all(d.domain == "integer" for d in domains.values())
    agreed = undefined = tries = 0
    while agreed < POINTS and tries < MAX_TRIES:
        tries += 1
        point = {symbols[name]: d.draw(rng) for name, d in domains.items()}
        if not exact_points and _near_kink(kinks, point):
            continue
        want = _value(reference, point)
        if want is None:
            continue
        got = _value(answer, point)
        if got is None:
            undefined += 1
            if undefined > POINTS // 4:
                return _undefined(point, want)
            continue
        if abs(got - want) > REL_TOL * max(abs(got), abs(want)) + ABS_TOL:
            return _mismatch(point, want, got, agreed)
        agreed += 1
    name = f"agrees at {POINTS} random points of the domain"
    if agreed < POINTS:
        message = f"only {agreed} usable points found in {tries} tries"
        return Verdict(False, [(name, False, message)], message, inconclusive=True)
    return Verdict(True, [(name, True, "")])


def _value(expr: Expr, point: Mapping[Expr, Any]) -> Any:
    """The real value of `expr` at `point` as an mpmath number, or None where undefined."""
    try:
        value = expr.xreplace(point).evalf(DIGITS)
    except (ArithmeticError, ValueError, TypeError):
        return None
    if not value.is_Number or value.is_finite is not True or value.is_real is not True:
        return None
    return mpmath.mpf(sympy.Float(value, DIGITS)._mpf_)


def _kinks(expr: Expr) -> list[Expr]:
    """Expressions that are zero exactly where `expr` has a kink or a jump."""
    found: list[Expr] = []
    for sub in sympy.preorder_traversal(expr):
        if isinstance(sub, sympy.Abs | sympy.sign | sympy.Heaviside):
            found.append(sub.args[0])
        elif isinstance(sub, sympy.floor | sympy.ceiling):
            found.append(sympy.sin(sympy.pi * sub.args[0]))
        elif isinstance(sub, sympy.Min | sympy.Max):
            found.extend(a - b for i, a in enumerate(sub.args) for b in sub.args[i + 1:])
    return found


def _near_kink(kinks: list[Expr], point: Mapping[Expr, Any]) -> bool:
    for kink in kinks:
        value = _value(kink, point)
        # An undefined kink argument is no reason to skip: the two sides' values decide there.
        if value is not None and abs(value) < KINK_GAP:
            return True
    return False


def describe_point(point: Mapping[Expr, Any]) -> str:
    """`x = 0.81731, n = 3`: integers as integers, reals to six significant digits."""
    return ", ".join(f"{sym} = {_show(v)}" for sym, v in point.items())


def _show(value: Any) -> str:
    if isinstance(value, sympy.Integer):
        return str(value)
    return str(mpmath.nstr(mpmath.mpf(sympy.Float(value, DIGITS)._mpf_), 6))


def _show_value(value: Any) -> str:
    if value == mpmath.floor(value) and abs(value) < 10**15:
        return str(int(value))
    return str(mpmath.nstr(value, 10))


def _mismatch(point: Mapping[Expr, Any], want: Any, got: Any, agreed: int) -> Verdict:
    where = describe_point(point)
    message = f"at {where}: expected {_show_value(want)}, got {_show_value(got)}"
    if agreed:
        message += f" (after {agreed} agreeing points)"
    name = f"agrees at {POINTS} random points of the domain"
    return Verdict(False, [(name, False, message)], message)


def _undefined(point: Mapping[Expr, Any], want: Any) -> Verdict:
    message = (f"your answer is undefined (or not real) at {describe_point(point)}, where the "
               f"reference is {_show_value(want)}")
    name = "is defined wherever the reference is"
    return Verdict(False, [(name, False, message)], message)
