"""Read a formula into a small checked tree with Python's `ast`; nothing is ever evaluated.

The tokens are rewritten into Python source where every name is a harmless placeholder (`v0`,
`f_exp`, ...), so a learner's `lambda` or `__import__` never reaches the parser as itself; the
resulting `ast` is then walked allowing only numbers, placeholders, arithmetic and calls.
"""

from __future__ import annotations

import ast
import math
from dataclasses import dataclass

from quizzer.grader.symbolic.functions import Arity, allowed_functions
from quizzer.grader.symbolic.tokens import (
    LOOKALIKES,
    InvalidExpression,
    Kind,
    Names,
    Token,
    tokenize,
)

MAX_NODES = 250
MAX_DEPTH = 40
MAX_EXPONENT = 1000.0
"""Largest constant exponent (`x^1000` is fine, `9^9^9` is not)."""
MAX_DIGITS = 2000.0
"""Largest decimal size of a constant power such as `10^300`."""


@dataclass(frozen=True)
class Num:
    text: str
    col: int


@dataclass(frozen=True)
class Var:
    name: str
    col: int


@dataclass(frozen=True)
class Const:
    name: str
    col: int


@dataclass(frozen=True)
class Neg:
    operand: Node
    col: int


@dataclass(frozen=True)
class BinOp:
    op: str
    """One of `+ - * / **`."""
    left: Node
    right: Node
    col: int


@dataclass(frozen=True)
class Call:
    fn: str
    args: tuple[Node, ...]
    col: int


Node = Num | Var | Const | Neg | BinOp | Call

_OPS: dict[type[ast.operator], str] = {
    ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**", ast.FloorDiv: "//",
}
_CHAINS = {"+": "+", "-": "+", "*": "*", "/": "*", "//": "//", "**": "**"}
"""Operators whose long flat chains (`a*b*c*...`) count as one level of nesting."""


def names_for(variables: list[str] | tuple[str, ...], functions: list[str] | tuple[str, ...] = (),
              aliases: dict[str, tuple[Kind, str]] | None = None,
              forbidden: list[str] | tuple[str, ...] = ()) -> Names:
    """The names a question's answers may use (raises ValueError for an unknown function)."""
    table = allowed_functions(list(functions), list(forbidden))
    usable = {alias.translate(LOOKALIKES): target for alias, target in (aliases or {}).items()
              if target[0] != "func" or target[1] in table}
    return Names(tuple(variables), table, usable, tuple(forbidden))


def parse(text: str, names: Names) -> Node:
    """Parse a learner's formula.

    Raises:
        InvalidExpression: with the 1-based column and a reason, for anything not a formula.
    """
    tokens = tokenize(text, names)
    source, starts = _to_source(tokens, names)
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as exc:
        raise InvalidExpression("unexpected token here", _column(tokens, starts, exc)) from None
    except (ValueError, RecursionError, MemoryError):
        raise InvalidExpression("the formula is too deeply nested", 1) from None
    converter = _Converter(tokens, starts, names)
    node = converter.convert(tree.body, 0)
    return node


def _to_source(tokens: list[Token], names: Names) -> tuple[str, list[int]]:
    """Python source for the tokens, and the source offset where each token starts."""
    parts: list[str] = []
    starts: list[int] = []
    offset = 0
    for token in tokens:
        if token.kind == "var":
            text = f"v{names.variables.index(token.text)}"
        elif token.kind in ("const", "func"):
            text = f"{token.kind[0]}_{token.text}"
        else:
            text = token.text
        starts.append(offset)
        parts.append(text)
        offset += len(text) + 1
    return " ".join(parts), starts


def _column(tokens: list[Token], starts: list[int], exc: SyntaxError) -> int:
    """Map an error offset in the rewritten Python source back to the learner's column."""
    if exc.offset is None:
        return tokens[-1].col
    return _token_at(tokens, starts, exc.offset - 1).col


def _token_at(tokens: list[Token], starts: list[int], offset: int) -> Token:
    index = 0
    for i, start in enumerate(starts):
        if start <= offset:
            index = i
    return tokens[index]


class _Converter:
    """Walks the `ast`, refusing every node kind that is not plain arithmetic."""

    def __init__(self, tokens: list[Token], starts: list[int], names: Names) -> None:
        self.tokens = tokens
        self.starts = starts
        self.names = names
        self.count = 0

    def col(self, node: ast.AST) -> int:
        offset = getattr(node, "col_offset", 0)
        return _token_at(self.tokens, self.starts, offset).col

    def convert(self, node: ast.expr, depth: int) -> Node:
        self.count += 1
        col = self.col(node)
        if self.count > MAX_NODES:
            raise InvalidExpression(f"the formula is too large (over {MAX_NODES} parts)", col)
        if depth > MAX_DEPTH:
            raise InvalidExpression("the formula is too deeply nested", col)
        if isinstance(node, ast.Constant):
            return self.number(node, col)
        if isinstance(node, ast.Name):
            return self.name(node.id, col)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
            operand = self.convert(node.operand, depth + 1)
            return Neg(operand, col) if isinstance(node.op, ast.USub) else operand
        if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
            return self.binop(node, depth, col)
        if isinstance(node, ast.Call):
            return self.call(node, depth, col)
        if isinstance(node, ast.Tuple):
            raise InvalidExpression("a comma outside a function's arguments", col)
        raise InvalidExpression("this is not part of a formula", col)

    def number(self, node: ast.Constant, col: int) -> Num:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InvalidExpression("this is not a number", col)
        if not math.isfinite(value) or abs(value) > 1e100:
            raise InvalidExpression("this number is too large", col)
        token = _token_at(self.tokens, self.starts, getattr(node, "col_offset", 0))
        return Num(token.text, col)

    def name(self, placeholder: str, col: int) -> Node:
        if placeholder.startswith("v") and placeholder[1:].isdigit():
            return Var(self.names.variables[int(placeholder[1:])], col)
        if placeholder.startswith("c_"):
            return Const(placeholder[2:], col)
        raise InvalidExpression(f"{placeholder[2:]} is a function: call it with (...)", col)

    def binop(self, node: ast.BinOp, depth: int, col: int) -> Node:
        op = _OPS[type(node.op)]
        left = self.convert(node.left, self.level(node, node.left, depth))
        right = self.convert(node.right, depth + 1)
        if op == "**":
            _check_power(left, right, col)
        if op == "//":  # `a // b` is floor division, as in Python
            return Call("floor", (BinOp("/", left, right, col),), col)
        return BinOp(op, left, right, col)

    @staticmethod
    def level(parent: ast.BinOp, child: ast.expr, depth: int) -> int:
        """A left operand continuing the same chain (`a*b` in `a*b*c`) adds no nesting."""
        same = isinstance(child, ast.BinOp) and type(child.op) in _OPS and (
            _CHAINS[_OPS[type(child.op)]] == _CHAINS[_OPS[type(parent.op)]] != "**")
        return depth if same else depth + 1

    def call(self, node: ast.Call, depth: int, col: int) -> Call:
        func = node.func
        if not (isinstance(func, ast.Name) and func.id.startswith("f_")):
            raise InvalidExpression("only the listed functions can be called", col)
        fn = func.id[2:]
        if node.keywords or any(isinstance(a, ast.Starred) for a in node.args):
            raise InvalidExpression(f"{fn} takes plain arguments", col)
        arity: Arity = self.names.functions[fn]
        if not arity.accepts(len(node.args)):
            raise InvalidExpression(f"{fn} takes {arity.describe()}, got {len(node.args)}", col)
        return Call(fn, tuple(self.convert(a, depth + 1) for a in node.args), col)


def _check_power(base: Node, exponent: Node, col: int) -> None:
    """Refuse constant exponents that would make SymPy build astronomically large numbers."""
    power = constant_value(exponent)
    if power is None:
        return
    if abs(power) > MAX_EXPONENT:
        raise InvalidExpression(f"the exponent is too large (at most {MAX_EXPONENT:g})", col)
    base_value = constant_value(base)
    too_big = base_value is not None and abs(base_value) > 1 and (
        abs(power) * math.log10(abs(base_value)) > MAX_DIGITS)
    if too_big:
        raise InvalidExpression("this power is too large a number", col)


def constant_value(node: Node) -> float | None:
    """A float estimate of a variable-free subtree; None when it depends on a variable.

    Raises:
        InvalidExpression: the constant overflows a float (so it is far too large anyway).
    """
    try:
        return _constant(node)
    except (OverflowError, ZeroDivisionError, ValueError):
        raise InvalidExpression("this constant is too large or undefined", node.col) from None


def _constant(node: Node) -> float | None:
    if isinstance(node, Num):
        return float(node.text)
    if isinstance(node, Const):
        return math.e if node.name == "e" else math.pi
    if isinstance(node, Neg):
        inner = _constant(node.operand)
        return None if inner is None else -inner
    if isinstance(node, BinOp):
        left, right = _constant(node.left), _constant(node.right)
        if left is None or right is None:
            return None
        return _apply(node.op, left, right)
    return None


def _apply(op: str, left: float, right: float) -> float:
    if op == "+":
        return left + right
    if op == "-":
        return left - right
    if op == "*":
        return left * right
    if op == "/":
        return left / right
    result = math.pow(abs(left), right) if left < 0 else math.pow(left, right)
    if not math.isfinite(result):
        raise OverflowError
    return result


_PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2, "**": 4}


def to_text(node: Node) -> str:
    """A plain one-line rendering of the tree, for when SymPy cannot draw it."""
    return _text(node, 0)


def _text(node: Node, outer: int) -> str:
    if isinstance(node, Num | Var | Const):
        return node.text if isinstance(node, Num) else node.name
    if isinstance(node, Call):
        return f"{node.fn}({', '.join(_text(a, 0) for a in node.args)})"
    if isinstance(node, Neg):
        text, own = "-" + _text(node.operand, 3), 3
    else:
        own = _PRECEDENCE[node.op]
        left = _text(node.left, own + (1 if node.op == "**" else 0))
        right = _text(node.right, own + (0 if node.op == "**" else 1))
        text = f"{left}^{right}" if node.op == "**" else f"{left} {node.op} {right}"
    return f"({text})" if own < outer else text
