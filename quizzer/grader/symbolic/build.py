"""Turn a checked formula tree into a SymPy expression. Imported only where SymPy may load."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import sympy

from quizzer.grader.symbolic.parse import BinOp, Call, Const, Neg, Node, Num, Var

Expr = Any
"""A SymPy expression (SymPy ships no type information)."""

_ASSUMPTIONS: dict[str, dict[str, bool]] = {
    "real": {"real": True},
    "positive": {"positive": True},
    "negative": {"negative": True},
    "unit": {"positive": True},
    "integer": {"integer": True},
}


def symbol_for(name: str, domain: str, parity: str | None = None,
               low: float | None = None) -> Expr:
    """The SymPy symbol of a declared variable, with its domain's assumptions (a lower bound
    `low` of 0 or more adds nonnegative or positive, so SymPy knows `s` in 1..5 is no divisor
    of 0)."""
    assumptions = dict(_ASSUMPTIONS.get(domain, {"real": True}))
    if parity is not None:
        assumptions[parity] = True
    if domain == "integer" and low is None:
        low = 1  # an integer variable's default range starts at 1
    if low is not None and low > 0:
        assumptions["positive"] = True
    elif low is not None and low == 0 and domain in ("real", "integer"):
        assumptions["nonnegative"] = True
    return sympy.Symbol(name, **assumptions)


def sigmoid(x: Expr) -> Expr:
    return 1 / (1 + sympy.exp(-x))


FUNCTIONS: dict[str, Callable[..., Expr]] = {
    "exp": sympy.exp,
    "log": lambda x, base=None: sympy.log(x) if base is None else sympy.log(x, base),
    "ln": sympy.log,
    "sqrt": sympy.sqrt,
    "abs": sympy.Abs,
    "sin": sympy.sin, "cos": sympy.cos, "tan": sympy.tan,
    "tanh": sympy.tanh, "sinh": sympy.sinh, "cosh": sympy.cosh, "sech": sympy.sech,
    "sigmoid": sigmoid,
    "floor": sympy.floor, "ceil": sympy.ceiling, "ceiling": sympy.ceiling,
    "min": sympy.Min, "max": sympy.Max,
    "relu": lambda x: sympy.Max(0, x),
    "clip": lambda x, low, high: sympy.Min(sympy.Max(x, low), high),
    "softplus": lambda x: sympy.log(1 + sympy.exp(x)),
    "sign": sympy.sign,
    # torch's convention: the step is 0 at 0 (SymPy's default would be 1/2).
    "heaviside": lambda x: sympy.Heaviside(x, 0),
    "erf": sympy.erf, "atan": sympy.atan, "asin": sympy.asin, "acos": sympy.acos,
    "coth": sympy.coth, "csch": sympy.csch,
    "log2": lambda x: sympy.log(x, 2), "log10": lambda x: sympy.log(x, 10),
}


def to_sympy(node: Node, symbols: Mapping[str, Expr], evaluate: bool = True) -> Expr:
    """Build the SymPy expression for `node`; `evaluate=False` keeps the learner's shape."""
    with sympy.evaluate(evaluate):
        return _build(node, symbols)


def _build(node: Node, symbols: Mapping[str, Expr]) -> Expr:
    if isinstance(node, Num):
        return sympy.Rational(node.text) if any(c in node.text for c in ".eE") else sympy.Integer(
            node.text)
    if isinstance(node, Var):
        return symbols[node.name]
    if isinstance(node, Const):
        return sympy.E if node.name == "e" else sympy.pi
    if isinstance(node, Neg):
        return -_build(node.operand, symbols)
    if isinstance(node, Call):
        return FUNCTIONS[node.fn](*(_build(a, symbols) for a in node.args))
    return _binop(node, symbols)


def _binop(node: BinOp, symbols: Mapping[str, Expr]) -> Expr:
    left = _build(node.left, symbols)
    right = _build(node.right, symbols)
    if node.op == "+":
        return sympy.Add(left, right)
    if node.op == "-":
        return sympy.Add(left, sympy.Mul(-1, right))
    if node.op == "*":
        return sympy.Mul(left, right)
    if node.op == "/":
        return sympy.Mul(left, sympy.Pow(right, -1))
    if isinstance(node.left, Const) and node.left.name == "e":
        return sympy.exp(right)
    return sympy.Pow(left, right)
