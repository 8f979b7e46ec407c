"""Exact evaluation of rational formulas at rational points, fast enough for integer grids.

A SymPy expression built only from + - * /, integer powers, floor, ceiling, min, max, abs, sign
and the step function is compiled once into Python closures over `Fraction`; anything else
(a logarithm, a root) is left to SymPy's evaluation. Grader child only.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from fractions import Fraction

import sympy

Point = Mapping[str, Fraction]
Evaluator = Callable[[Point], Fraction]


class Unsupported(Exception):
    """The expression has a part this evaluator does not compute exactly."""


def compile_exact(expr: sympy.Expr) -> Evaluator | None:
    """A closure computing `expr` exactly, or None when it is not a rational formula."""
    try:
        return _compile(expr)
    except Unsupported:
        return None


def _compile(expr: sympy.Expr) -> Evaluator:
    if expr.is_Rational:
        value = Fraction(int(expr.p), int(expr.q))
        return lambda point: value
    if expr.is_Symbol:
        name = expr.name
        return lambda point: point[name]
    args = [_compile(a) for a in expr.args]
    if expr.is_Add:
        return lambda point: sum((f(point) for f in args), Fraction(0))
    if expr.is_Mul:
        return lambda point: math.prod((f(point) for f in args), start=Fraction(1))
    if expr.is_Pow and expr.exp.is_Integer:
        base, power = args[0], int(expr.exp)
        return lambda point: base(point) ** power
    return _function(expr, args)


def _function(expr: sympy.Expr, args: list[Evaluator]) -> Evaluator:
    table: dict[type, Callable[[list[Fraction]], Fraction]] = {
        sympy.floor: lambda v: Fraction(math.floor(v[0])),
        sympy.ceiling: lambda v: Fraction(math.ceil(v[0])),
        sympy.Min: min, sympy.Max: max,
        sympy.Abs: lambda v: abs(v[0]),
        sympy.sign: lambda v: Fraction((v[0] > 0) - (v[0] < 0)),
    }
    if isinstance(expr, sympy.Heaviside):
        at_zero = _compile(expr.args[1]) if len(expr.args) > 1 else (lambda p: Fraction(1, 2))
        inner = args[0]
        return lambda point: _step(inner(point), at_zero(point))
    for kind, fn in table.items():
        if isinstance(expr, kind):
            return _applied(fn, args)
    raise Unsupported(type(expr).__name__)


def _applied(fn: Callable[[list[Fraction]], Fraction], args: list[Evaluator]) -> Evaluator:
    return lambda point: fn([f(point) for f in args])


def _step(value: Fraction, at_zero: Fraction) -> Fraction:
    return Fraction(1) if value > 0 else (at_zero if value == 0 else Fraction(0))
