"""Where an answer is defined, read from the formula as typed. Grader child only.

SymPy simplifies while it builds: `0*sqrt(x + 3.5)` becomes 0 and `d/d` becomes 1, so the built
answer is defined at points where the typed one is not (a root of a negative number, 0/0). The
conditions here come from the learner's own tree: every divisor is nonzero, every square root
and fractional power has a nonnegative base, every logarithm a positive argument. A condition
SymPy proves from the variables' assumptions is dropped; the others are checked at each point.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction

import sympy

from quizzer.grader.symbolic.build import Expr, to_sympy
from quizzer.grader.symbolic.evaluate import Evaluable, to_mpf
from quizzer.grader.symbolic.parse import BinOp, Call, Const, Neg, Node

_LOGS = ("log", "ln", "log2", "log10")


@dataclass(frozen=True)
class Condition:
    """`expr` must be `kind` ("nonzero", "nonnegative", "positive", "within 1") for the typed
    formula to be a real number; `what` says what the formula does with it (for the message)."""

    kind: str
    expr: Expr
    what: str


def conditions(node: Node, symbols: Mapping[str, Expr]) -> list[Condition]:
    """The conditions of `node` that SymPy cannot prove from the symbols' assumptions."""
    found = dict.fromkeys(_collect(node, symbols))
    return [c for c in found if not _proved(c)]


def _collect(node: Node, symbols: Mapping[str, Expr]) -> Iterator[Condition]:
    if isinstance(node, Neg):
        yield from _collect(node.operand, symbols)
    elif isinstance(node, Call):
        for arg in node.args:
            yield from _collect(arg, symbols)
        yield from _call_conditions(node, symbols)
    elif isinstance(node, BinOp):
        yield from _collect(node.left, symbols)
        yield from _collect(node.right, symbols)
        yield from _binop_conditions(node, symbols)


def _call_conditions(node: Call, symbols: Mapping[str, Expr]) -> Iterator[Condition]:
    args = [to_sympy(a, symbols) for a in node.args]
    if node.fn == "sqrt":
        yield Condition("nonnegative", args[0], "takes the square root of {}")
    elif node.fn in _LOGS:
        for arg in args:
            yield Condition("positive", arg, "takes the logarithm of {}")
        if len(args) == 2:
            yield Condition("nonzero", sympy.log(args[1]), "divides by {}")
    elif node.fn in ("asin", "acos"):
        yield Condition("within 1", args[0], f"takes {node.fn} of {{}}")
    elif node.fn in ("coth", "csch"):
        yield Condition("nonzero", args[0], f"takes {node.fn} of {{}}")


def _binop_conditions(node: BinOp, symbols: Mapping[str, Expr]) -> Iterator[Condition]:
    if node.op == "/":
        divisor = to_sympy(node.right, symbols)
        yield Condition("nonzero", divisor, "divides by {}")
    elif node.op == "**" and not (isinstance(node.left, Const) and node.left.name == "e"):
        base, exponent = to_sympy(node.left, symbols), to_sympy(node.right, symbols)
        if exponent.is_Integer:
            if exponent < 0:
                yield Condition("nonzero", base, "raises {} to a negative power")
        elif exponent.is_Rational or exponent.is_Float:
            kind = "positive" if exponent < 0 else "nonnegative"
            yield Condition(kind, base, "raises {} to a fractional power")
        elif not exponent.free_symbols:
            yield Condition("positive", base, "raises {} to an irrational power")
        elif exponent.is_integer is not True:
            yield Condition("positive", base, "raises {} to a variable power")


def _show(expr: Expr) -> str:
    text = str(sympy.sstr(expr))
    return text if len(text) <= 40 else text[:39] + "…"


def _proved(condition: Condition) -> bool:
    expr = condition.expr
    if condition.kind == "nonzero":
        return bool(expr.is_nonzero)
    if condition.kind == "nonnegative":
        return bool(expr.is_nonnegative)
    if condition.kind == "positive":
        return bool(expr.is_positive)
    return False


class Checker:
    """The unproved conditions, prepared for evaluation at many points."""

    def __init__(self, found: list[Condition], symbols: Mapping[str, Expr]) -> None:
        self.items = [(c, Evaluable(c.expr, symbols)) for c in found]

    def broken(self, point: Mapping[str, Fraction]) -> Condition | None:
        """The first condition that fails at `point` (an undecidable one counts as holding)."""
        for condition, evaluable in self.items:
            value = evaluable.at(point)
            if value.state == "undefined":
                return condition
            if value.state == "ok" and not _holds(condition.kind, value.value):
                return condition
        return None


def _holds(kind: str, value: Fraction | object) -> bool:
    number = value if isinstance(value, Fraction) else to_mpf(value)
    if kind == "nonzero":
        return bool(number != 0)
    if kind == "nonnegative":
        return bool(number >= 0)
    if kind == "positive":
        return bool(number > 0)
    return bool(abs(number) <= 1)


def reason(condition: Condition) -> str:
    """What goes wrong at a point where `condition` fails, for the learner."""
    problem = {"nonzero": "is 0", "nonnegative": "is negative", "positive": "is not positive",
               "within 1": "is outside [-1, 1]"}[condition.kind]
    shown = _show(condition.expr)
    return f"it {condition.what.format(shown)}, and {shown} {problem} there"
