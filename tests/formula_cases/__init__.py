"""Tables of typed answers to the bank's derivation questions, and an independent judge for them.

Each topic module holds `CASES`: question id -> `Cases(accept=[...], reject=[(answer, point)])`.
A rejected slip carries a witness point where it is provably wrong; `judge` checks that point
without the grader's machinery: the answer's parsed tree is evaluated directly with mpmath (so
SymPy's simplification cannot hide a square root of a negative number or a 0/0), the reference
with SymPy at 50 digits.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import mpmath  # type: ignore[import-untyped]  # mpmath ships no type information
import sympy

from quizzer.bank import load_bank
from quizzer.bank.models import DerivationQuestion
from quizzer.grader.symbolic.api import parse_answer, reference_expression, symbols_of
from quizzer.grader.symbolic.parse import BinOp, Call, Const, Neg, Node, Num, Var

REPO = Path(__file__).resolve().parents[2]
DIGITS = 50


@dataclass(frozen=True)
class Cases:
    """Forms that must be accepted, and slips with a point where each is wrong."""

    accept: list[str] = field(default_factory=list)
    reject: Sequence[tuple[str, Mapping[str, float | int | str]]] = field(default_factory=list)


@cache
def derivations() -> dict[str, DerivationQuestion]:
    bank = load_bank(REPO / "questions")
    return {q.id: q for q in bank.questions if isinstance(q, DerivationQuestion)}


class Undefined(Exception):
    """The typed formula is not a real number at the point."""


def _real(value: Any) -> Any:
    if isinstance(value, mpmath.mpc) or not mpmath.isfinite(value):
        raise Undefined
    return value


_ONE_ARG = {
    "exp": mpmath.exp, "ln": mpmath.log, "sin": mpmath.sin, "cos": mpmath.cos,
    "tan": mpmath.tan, "tanh": mpmath.tanh, "sinh": mpmath.sinh, "cosh": mpmath.cosh,
    "sech": mpmath.sech, "erf": mpmath.erf, "atan": mpmath.atan, "coth": mpmath.coth,
    "csch": mpmath.csch, "abs": abs, "floor": mpmath.floor, "ceil": mpmath.ceil,
    "ceiling": mpmath.ceil, "sign": mpmath.sign,
    "sigmoid": lambda v: 1 / (1 + mpmath.exp(-v)),
    "relu": lambda v: max(v, 0), "softplus": lambda v: mpmath.log(1 + mpmath.exp(v)),
    "heaviside": lambda v: mpmath.mpf(1) if v > 0 else mpmath.mpf(0),
}


def _call(fn: str, args: list[Any]) -> Any:
    if fn in ("sqrt", "log", "ln", "log2", "log10", "asin", "acos"):
        bad = (args[0] < 0 if fn == "sqrt" else abs(args[0]) > 1 if fn in ("asin", "acos")
               else any(a <= 0 for a in args))
        if bad:
            raise Undefined
    if fn == "sqrt":
        return mpmath.sqrt(args[0])
    if fn == "log":
        return mpmath.log(args[0]) / (mpmath.log(args[1]) if len(args) == 2 else 1)
    if fn in ("log2", "log10"):
        return mpmath.log(args[0], 2 if fn == "log2" else 10)
    if fn in ("asin", "acos"):
        return getattr(mpmath, fn)(args[0])
    if fn in ("min", "max"):
        return min(args) if fn == "min" else max(args)
    if fn == "clip":
        return min(max(args[0], args[1]), args[2])
    return _ONE_ARG[fn](args[0])


def evaluate(node: Node, point: dict[str, Any]) -> Any:
    """The typed formula's value at `point` in plain mpmath real arithmetic."""
    if isinstance(node, Num):
        return mpmath.mpf(node.text)
    if isinstance(node, Var):
        return point[node.name]
    if isinstance(node, Const):
        return mpmath.e if node.name == "e" else mpmath.pi
    if isinstance(node, Neg):
        return -evaluate(node.operand, point)
    if isinstance(node, Call):
        return _real(_call(node.fn, [evaluate(a, point) for a in node.args]))
    assert isinstance(node, BinOp)
    left, right = evaluate(node.left, point), evaluate(node.right, point)
    if (node.op == "/" and right == 0) or (node.op == "**" and left == 0 and right < 0):
        raise Undefined
    if node.op == "**" and left < 0 and right != int(right):
        raise Undefined
    ops = {"+": lambda: left + right, "-": lambda: left - right, "*": lambda: left * right,
           "/": lambda: left / right, "**": lambda: left**right}
    return _real(ops[node.op]())


def reference_at(question: DerivationQuestion, point: dict[str, Any]) -> Any:
    symbols = symbols_of(question)
    expr = reference_expression(question, symbols)
    values = {symbols[n]: sympy.Rational(str(v)) for n, v in point.items()}
    value = expr.xreplace(values).evalf(DIGITS)
    real, imaginary = value.as_real_imag()
    assert imaginary == 0 and real.is_finite, f"the reference is undefined at {point}"
    return mpmath.mpf(sympy.Float(real, DIGITS)._mpf_)


def answer_at(question: DerivationQuestion, answer: str, point: dict[str, Any]) -> Any | None:
    """The answer's value, or None where the typed formula is undefined."""
    node = parse_answer(question, answer)
    try:
        return evaluate(node, {n: mpmath.mpf(str(v)) for n, v in point.items()})
    except (Undefined, ZeroDivisionError):
        return None


def wrong_at(question: DerivationQuestion, answer: str, point: Mapping[str, Any]) -> bool:
    """True when the answer is undefined, or differs from the reference, at `point`."""
    with mpmath.workdps(DIGITS + 10):
        want = reference_at(question, dict(point))
        got = answer_at(question, answer, dict(point))
        if got is None:
            return True
        return bool(abs(got - want) > mpmath.mpf(10) ** (10 - DIGITS) * max(1, abs(want)))


def ordinary_points(question: DerivationQuestion, count: int, seed: int = 1
                    ) -> list[dict[str, Any]]:
    """Points of the question's domain away from its ends, for a quick independent agreement."""
    rng = random.Random(seed)
    points = []
    for _ in range(count):
        point: dict[str, Any] = {}
        for name, v in question.variables.items():
            if v.domain == "integer":
                first, last = int(v.min or 1), int(v.max or 1000)
                values = [n for n in range(first, last + 1)
                          if v.parity is None or (n % 2 == 1) == (v.parity == "odd")]
                point[name] = rng.choice(values)
                continue
            low, high = {"real": (-3.0, 3.0), "positive": (0.05, 3.0),
                         "negative": (-3.0, -0.05), "unit": (0.05, 0.95)}[v.domain]
            low = max(low, v.min) if v.min is not None else low
            high = min(high, v.max) if v.max is not None else high
            if low >= high:
                low, high = v.min or low, v.max or high
            point[name] = round(rng.uniform(low + 0.01 * (high - low), high), 6)
        points.append(point)
    return points
