"""Tokenise a learner's formula: friendly spellings in, a checked token list out. No SymPy."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

from quizzer.grader.symbolic.functions import CONSTANTS, Arity

MAX_LENGTH = 400
"""Longest answer accepted, in characters; a derivative result fits easily."""
MAX_NUMBER_CHARS = 30

Kind = Literal["num", "var", "const", "func", "op", "(", ")", ","]

_NUMBER = re.compile(r"(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_OPERATOR = re.compile(r"\*\*|[-+*/^]")
_LOOKALIKES = str.maketrans({"−": "-", "–": "-", "×": "*", "·": "*", "⋅": "*", "÷": "/"})
"""One-for-one replacements, so columns in messages still match what the learner typed."""
_SYMBOLS: dict[str, list[tuple[Kind, str]]] = {
    "²": [("op", "**"), ("num", "2")], "³": [("op", "**"), ("num", "3")],
    "√": [("func", "sqrt")], "π": [("const", "pi")],
}
"""Single characters a learner may paste, read as the tokens they stand for."""


class InvalidExpression(ValueError):
    """An answer that cannot be read as a formula; `column` is 1-based in the learner's text."""

    def __init__(self, message: str, column: int) -> None:
        super().__init__(f"column {column}: {message}")
        self.column = column
        self.reason = message


@dataclass(frozen=True)
class Token:
    """One lexical item and the 1-based column where it starts in the learner's text."""

    kind: Kind
    text: str
    col: int


@dataclass(frozen=True)
class Names:
    """What a name in an answer may refer to."""

    variables: tuple[str, ...]
    functions: dict[str, Arity]

    @property
    def constants(self) -> tuple[str, ...]:
        """`e` and `pi`, unless the question declares a variable of that name."""
        return tuple(c for c in CONSTANTS if c not in self.variables)

    def kind_of(self, name: str) -> Kind | None:
        if name in self.variables:
            return "var"
        if name in self.constants:
            return "const"
        if name in self.functions:
            return "func"
        return None


def tokenize(text: str, names: Names) -> list[Token]:
    """Split `text` into tokens, resolve names and insert implicit multiplications."""
    if len(text) > MAX_LENGTH:
        raise InvalidExpression(
            f"the answer is too long ({len(text)} characters; at most {MAX_LENGTH})", MAX_LENGTH)
    raw = _scan(text.translate(_LOOKALIKES), names)
    if not raw:
        raise InvalidExpression("the answer is empty", 1)
    _check_parentheses(raw)
    if raw[-1].kind in ("op", ","):
        raise InvalidExpression(f"the formula ends with {raw[-1].text!r}: something is missing",
                                raw[-1].col)
    return _implicit_products(raw)


def _scan(text: str, names: Names) -> list[Token]:
    tokens: list[Token] = []
    pos = 0
    while pos < len(text):
        char = text[pos]
        col = pos + 1
        if char.isspace():
            pos += 1
            continue
        if match := _NUMBER.match(text, pos):
            if len(match.group()) > MAX_NUMBER_CHARS:
                raise InvalidExpression("this number has too many digits", col)
            tokens.append(Token("num", match.group(), col))
        elif match := _NAME.match(text, pos):
            tokens.extend(_resolve_name(match.group(), col, names))
        elif match := _OPERATOR.match(text, pos):
            tokens.append(Token("op", "**" if match.group() in ("^", "**") else char, col))
        elif char in _SYMBOLS:
            tokens.extend(Token(kind, text, col) for kind, text in _SYMBOLS[char])
            if char == "π" and "pi" not in names.constants:
                raise InvalidExpression("π is a variable here; write pi", col)
            pos += 1
            continue
        elif char in "(),":
            tokens.append(Token(char, char, col))  # type: ignore[arg-type]  # one of the Kinds
            pos += 1
            continue
        else:
            raise InvalidExpression(f"unexpected character {char!r}", col)
        pos = match.end()
    return tokens


def _resolve_name(word: str, col: int, names: Names) -> list[Token]:
    """A declared name wins; otherwise split a run like `xy` or `pix` into known names."""
    kind = names.kind_of(word)
    if kind is not None:
        return [Token(kind, word, col)]
    pieces = _split(word, names)
    if pieces is None:
        raise InvalidExpression(_unknown_name_message(word, names), col)
    tokens: list[Token] = []
    offset = 0
    for piece in pieces:
        piece_kind = names.kind_of(piece)
        assert piece_kind is not None  # _split only returns known names
        tokens.append(Token(piece_kind, piece, col + offset))
        offset += len(piece)
    return tokens


def _split(word: str, names: Names) -> list[str] | None:
    """The segmentation of `word` into the fewest known names; a function only at the end."""
    best: dict[int, list[str]] = {0: []}
    for start in range(len(word)):
        if start not in best:
            continue
        for end in range(start + 1, len(word) + 1):
            piece = word[start:end]
            kind = names.kind_of(piece)
            if kind is None or (kind == "func" and end != len(word)):
                continue
            candidate = best[start] + [piece]
            if end not in best or len(candidate) < len(best[end]):
                best[end] = candidate
    return best.get(len(word))


def _unknown_name_message(word: str, names: Names) -> str:
    known = [*names.variables, *names.constants, *names.functions]
    same_letters = [name for name in known if name.lower() == word.lower()]
    close = same_letters or difflib.get_close_matches(word, known, n=3, cutoff=0.6)
    message = f"unknown name {word!r}"
    if close:
        message += f" (did you mean {' or '.join(close)}?)"
    return message + f"; the variables are {', '.join(names.variables)}"


def _check_parentheses(tokens: list[Token]) -> None:
    open_cols: list[int] = []
    for index, token in enumerate(tokens):
        if token.kind == "(" and index + 1 < len(tokens) and tokens[index + 1].kind == ")":
            raise InvalidExpression("empty parentheses", token.col)
        if token.kind == "(":
            open_cols.append(token.col)
        elif token.kind == ")":
            if not open_cols:
                raise InvalidExpression("unbalanced parenthesis: ')' has no matching '('",
                                        token.col)
            open_cols.pop()
    if open_cols:
        raise InvalidExpression("unbalanced parenthesis: '(' is never closed", open_cols[-1])


_ENDS_OPERAND = ("num", "var", "const", ")")
_STARTS_OPERAND = ("num", "var", "const", "func", "(")


def _implicit_products(tokens: list[Token]) -> list[Token]:
    """Insert `*` for `2x`, `2(x+1)`, `x y`, `)(`; refuse a function without its parenthesis."""
    out: list[Token] = []
    for index, token in enumerate(tokens):
        if out and out[-1].kind in _ENDS_OPERAND and token.kind in _STARTS_OPERAND:
            if out[-1].kind == "num" and token.kind == "num":
                raise InvalidExpression("two numbers in a row; write the operator", token.col)
            out.append(Token("op", "*", token.col))
        if token.kind == "func":
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            if following is None or following.kind != "(":
                raise InvalidExpression(f"{token.text} needs parentheses: {token.text}(...)",
                                        token.col)
        out.append(token)
    return out
