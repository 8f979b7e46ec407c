"""Decide whether two SymPy expressions agree on a question's domain. Runs in the grader child.

An exact check (`expand` of the difference, under a short budget) is only a fast accept. The
verdict comes from points of each variable's declared domain (see `domain.py`): integer-only
questions meet a grid covering every small range, parity and end; others meet random, extreme,
boundary points and points on and either side of every kink of either formula. Values are
exact or carry verified digits (`evaluate.py`). A point where the reference is defined and the
answer is not is a failure; only a derivative's own kinks (where its value is a convention)
are skipped.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

import mpmath  # type: ignore[import-untyped]  # mpmath ships no type information
import sympy

from quizzer.grader.symbolic.build import Expr
from quizzer.grader.symbolic.definedness import Checker, Condition, reason
from quizzer.grader.symbolic.diagnose import Sample, name_slip
from quizzer.grader.symbolic.domain import Domain, integer_grid, random_points
from quizzer.grader.symbolic.evaluate import (
    WORK_DIGITS,
    Evaluable,
    Outcome,
    Value,
    agree,
    same_text,
    show_pair,
    show_point,
    show_value,
    to_mpf,
)

POINTS = 60
"""Agreeing points a real-valued check needs."""
MAX_TRIES = 900
SLOW_GRID = 400
"""Grid points kept when a formula must be evaluated by SymPy rather than exactly."""
AFTER_MISMATCH = 24
"""Points still evaluated after the first disagreement, to name the slip."""
KINK_GAP = Fraction(1, 10**6)
POINT_DIGITS = (12, 6, 4)
MESSAGE_ROOM = 200
"""Characters a counterexample should fit in; the point is shown rounded when it would not."""
EXPAND_MAX_NODES = 300
EXPAND_MAX_POWER = 12


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


def kinks(expr: Expr) -> list[Expr]:
    """Expressions that are zero exactly where `expr` has a kink or a jump (not floor's)."""
    found: list[Expr] = []
    for sub in sympy.preorder_traversal(expr):
        if isinstance(sub, sympy.Abs | sympy.sign | sympy.Heaviside):
            found.append(sub.args[0])
        elif isinstance(sub, sympy.Min | sympy.Max):
            sides = [_leaves(a) for a in sub.args]
            found.extend(a - b for i, group in enumerate(sides) for later in sides[i + 1:]
                         for a in group for b in later)
    return [k for k in dict.fromkeys(found) if k.free_symbols]


def _leaves(expr: Expr) -> list[Expr]:
    """The arguments a nested min/max can switch between: `max(g, -5)` -> g, -5."""
    if isinstance(expr, sympy.Min | sympy.Max):
        return [leaf for a in expr.args for leaf in _leaves(a)]
    return [expr]


@dataclass
class _Run:
    """The state of one comparison."""

    answer: Evaluable
    reference: Evaluable
    skip: list[Evaluable]
    typed: Checker
    samples: list[Sample] = field(default_factory=list)
    unresolved: int = 0
    agreed: int = 0


def compare(answer: Expr, reference: Expr, symbols: Mapping[str, Expr],
            domains: Mapping[str, Domain], seed: int, skip_reference_kinks: bool = False,
            typed: Sequence[Condition] = ()) -> Verdict:
    """Evaluate both sides over the domain and report the first disagreement, with its slip.

    `typed` are the conditions under which the answer as typed is defined (see
    `definedness.py`); a point where one fails and the reference is defined is a failure, and
    the zeros of each are sampled like kinks.
    """
    rng = random.Random(seed)
    run = _Run(Evaluable(answer, symbols), Evaluable(reference, symbols),
               [Evaluable(k, symbols) for k in kinks(reference)] if skip_reference_kinks else [],
               Checker(list(typed), symbols))
    every = kinks(answer) + kinks(reference) + [c.expr for c in typed if c.kind != "within 1"]
    if all(d.integer for d in domains.values()):
        grid = integer_grid(domains, rng)
        if run.answer.exact is None or run.reference.exact is None:
            grid = grid[:8] + rng.sample(grid[8:], min(SLOW_GRID, len(grid) - 8))
        points: Iterator[dict[str, Fraction]] = iter(grid)
        needed, name = len(grid), f"agrees at all {len(grid)} points of an integer grid"
    else:
        points = _with_kinks(random_points(domains, rng), every, symbols, domains, rng)
        needed, name = POINTS, f"agrees at {POINTS} points across the domain"
    failure = _walk(run, points, needed)
    if failure is not None:
        return Verdict(False, [(failure[0], False, failure[1])], failure[1])
    agreed = run.agreed
    if agreed < needed:
        message = (f"only {agreed} points could be checked ({run.unresolved} needed more "
                   "precision than allowed or were undefined for the reference)")
        return Verdict(False, [(name, False, message)], message, inconclusive=True)
    return Verdict(True, [(name, True, "")])


def _walk(run: _Run, points: Iterator[dict[str, Fraction]], needed: int
          ) -> tuple[str, str] | None:
    """Evaluate points until `needed` agree; the failing check's name and message, if any."""
    tries = after = 0
    first_bad: Sample | None = None
    for point in points:
        tries += 1
        if tries > max(MAX_TRIES, needed) or (first_bad is not None and after >= AFTER_MISMATCH):
            break
        if first_bad is not None:
            after += 1
        if any(_on(k, point) for k in run.skip):
            continue
        want = run.reference.at(point)
        if want.state != "ok":
            run.unresolved += 1
            continue
        got = run.answer.at(point)
        broken = run.typed.broken(point)
        if got.state == "undefined" or broken is not None:
            return DEFINED, _undefined(point, want, broken)
        if got.state != "ok":
            run.unresolved += 1
            continue
        sample = Sample(point, want.value, got.value, agree(want.value, got.value))
        run.samples.append(sample)
        if not sample.agrees and first_bad is None:
            first_bad = sample
        run.agreed += sample.agrees
        if first_bad is None and run.agreed >= needed:
            return None
    if first_bad is None:
        return None
    expected, got_shown = show_pair(first_bad.want, first_bad.got)
    values = f": expected {expected}, got {got_shown}"
    if same_text(expected, got_shown):
        gap = _gap(first_bad.want, first_bad.got)
        values += f", larger by {show_value(gap, 3)}"
    slip = name_slip(run.samples, run.reference.expr, run.answer.expr, run.answer.symbols)
    tail = values + (f" ({slip})" if slip else "")
    for digits in POINT_DIGITS:  # many variables: fewer digits, so the slip stays in view
        message = f"at {show_point(first_bad.point, digits)}{tail}"
        if len(message) <= MESSAGE_ROOM:
            break
    return "agrees with the reference across the domain", message


def _gap(want: Value, got: Value) -> Value:
    if isinstance(want, Fraction) and isinstance(got, Fraction):
        return got - want
    with mpmath.workdps(WORK_DIGITS):
        return to_mpf(got) - to_mpf(want)


def _on(kink: Evaluable, point: Mapping[str, Fraction]) -> bool:
    value = kink.at(point)
    return value.state == "ok" and value.value == 0


DEFINED = "is defined wherever the reference is"


def _undefined(point: Mapping[str, Fraction], want: Outcome, broken: Condition | None) -> str:
    why = f" ({reason(broken)})" if broken is not None else (
        " (not a finite real number there, or too large to compute)")
    return (f"your answer is undefined at {show_point(point)}{why}, where the "
            f"reference is {show_value(want.value)}")


def _with_kinks(points: Iterator[dict[str, Fraction]], every: list[Expr],
                symbols: Mapping[str, Expr], domains: Mapping[str, Domain], rng: random.Random
                ) -> Iterator[dict[str, Fraction]]:
    """Interleave random points with points on and either side of each kink."""
    solvable = [(k, name) for k in every for name in sorted(str(s) for s in k.free_symbols)
                if name in domains and not domains[name].integer and _linear(k, symbols[name])]
    for index, point in enumerate(points):
        yield point
        if solvable and index % 3 == 0:
            kink, name = solvable[(index // 3) % len(solvable)]
            yield from _around(kink, name, point, symbols, domains)


def _linear(expr: Expr, symbol: Expr) -> bool:
    slope = sympy.diff(expr, symbol)
    return slope != 0 and symbol not in slope.free_symbols


def _around(kink: Expr, name: str, point: dict[str, Fraction], symbols: Mapping[str, Expr],
            domains: Mapping[str, Domain]) -> Iterator[dict[str, Fraction]]:
    symbol = symbols[name]
    others = {symbols[n]: sympy.Rational(v.numerator, v.denominator)
              for n, v in point.items() if n != name}
    root = (symbol - kink / sympy.diff(kink, symbol)).xreplace(others)
    if not root.is_Rational:
        return
    at = Fraction(int(root.p), int(root.q))
    gap = KINK_GAP * max(Fraction(1), abs(at))
    for value in (at, at - gap, at + gap):
        if domains[name].contains(value):
            yield {**point, name: value}
