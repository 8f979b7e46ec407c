"""Arithmetic formulas over a parametric question's parameters (for its listed mistakes).

A formula is a Python-syntax expression of numbers, parameter names, `+ - * / // % **`, and a few
functions (`sqrt`, `log`, `exp`, `floor`, `ceil`, `min`, `max`, ...). It is parsed into a small
tree and evaluated without `eval`, so bank text can never run code.
"""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

FUNCTIONS: dict[str, Callable[..., float]] = {
    "sqrt": math.sqrt, "exp": math.exp, "log": math.log, "log2": math.log2,
    "log10": math.log10, "floor": math.floor, "ceil": math.ceil, "abs": abs, "min": min,
    "max": max, "round": round, "tanh": math.tanh, "sin": math.sin, "cos": math.cos,
    "atan": math.atan,
}
CONSTANTS = {"pi": math.pi, "e": math.e}
_BINARY: dict[type[ast.operator], Callable[[Any, Any], Any]] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
    ast.Div: operator.truediv, ast.FloorDiv: operator.floordiv, ast.Mod: operator.mod,
    ast.Pow: operator.pow,
}
_UNARY: dict[type[ast.unaryop], Callable[[Any], Any]] = {
    ast.USub: operator.neg, ast.UAdd: operator.pos}


class FormulaError(ValueError):
    """The formula is not one this module evaluates, or cannot be evaluated here."""


@cache
def parse(text: str) -> ast.expr:
    """The checked expression tree of `text`.

    Raises:
        FormulaError: a syntax error, or something other than arithmetic and known functions.
    """
    try:
        tree = ast.parse(text.strip(), mode="eval").body
    except SyntaxError as exc:
        raise FormulaError(f"not a formula: {text!r} ({exc.msg})") from exc
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
                raise FormulaError(f"unknown function in {text!r}")
            if node.keywords:
                raise FormulaError(f"keyword arguments are not allowed in {text!r}")
        elif not isinstance(node, ast.BinOp | ast.UnaryOp | ast.Constant | ast.Name
                            | ast.Load | ast.operator | ast.unaryop):
            raise FormulaError(f"{type(node).__name__} is not allowed in {text!r}")
        elif isinstance(node, ast.Constant) and not isinstance(node.value, int | float):
            raise FormulaError(f"only numbers are allowed in {text!r}")
    return tree


def names(text: str) -> set[str]:
    """The parameter names a formula uses (function names and constants left out)."""
    return {node.id for node in ast.walk(parse(text)) if isinstance(node, ast.Name)
            and node.id not in FUNCTIONS and node.id not in CONSTANTS}


def evaluate(text: str, values: Mapping[str, float]) -> float:
    """The formula's value for these parameter values.

    Raises:
        FormulaError: an unknown name, or arithmetic that fails (division by zero, a domain error).
    """
    try:
        return float(_value(parse(text), values))
    except (ArithmeticError, ValueError, TypeError) as exc:
        if isinstance(exc, FormulaError):
            raise
        raise FormulaError(f"{text!r} cannot be evaluated: {exc}") from exc


def _value(node: ast.expr, values: Mapping[str, float]) -> Any:
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        if node.id in values:
            return values[node.id]
        if node.id in CONSTANTS:
            return CONSTANTS[node.id]
        raise FormulaError(f"unknown name {node.id!r}")
    if isinstance(node, ast.BinOp):
        return _BINARY[type(node.op)](_value(node.left, values), _value(node.right, values))
    if isinstance(node, ast.UnaryOp):
        return _UNARY[type(node.op)](_value(node.operand, values))
    assert isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    return FUNCTIONS[node.func.id](*(_value(arg, values) for arg in node.args))
