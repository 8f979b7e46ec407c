"""Tokenise a learner's formula: whiteboard spellings in, a checked token list out. No SymPy.

Besides plain ASCII the scanner reads what a person writes on a whiteboard: `·`, `×` and U+2212
minus, superscripts (`x²`, `eˣ`, `(1 + r)⁻¹`), `√`, `π`, brackets and braces as parentheses,
floor and ceiling brackets, `//`, and the Greek letters or subscripted names its question uses
for a variable (`η` for `eta`, `pᵢ` for `p`) or for sigmoid (`σ`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from quizzer.grader.symbolic.functions import CONSTANTS, Arity
from quizzer.grader.symbolic.messages import unexpected_character, unknown_name_message

MAX_LENGTH = 400
"""Longest answer accepted, in characters; a derivative result fits easily."""
MAX_NUMBER_CHARS = 30

Kind = Literal["num", "var", "const", "func", "op", "(", ")", ","]

_NUMBER = re.compile(r"(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_OPERATOR = re.compile(r"\*\*|//|[-+*/^]")
LOOKALIKES = str.maketrans({
    "−": "-", "–": "-", "×": "*", "·": "*", "⋅": "*", "∙": "*", "÷": "/", "∕": "/",
    "₀": "0", "₁": "1", "₂": "2", "₃": "3", "₄": "4", "₅": "5", "₆": "6", "₇": "7",
    "₈": "8", "₉": "9",
})
"""One-for-one replacements, so columns in messages still match what the learner typed."""
SUPERSCRIPTS = dict(zip(
    "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁᵂ",
    "0123456789+-()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUW", strict=True))
"""A run of these is an exponent: `x⁻¹` reads as `x**(-1)`."""
_OPENING = {"(": "", "[": "", "{": "", "⌊": "floor", "⌈": "ceil"}
_CLOSING = {")": "(", "]": "[", "}": "{", "⌋": "⌊", "⌉": "⌈"}
_SYMBOLS: dict[str, list[tuple[Kind, str]]] = {"√": [("func", "sqrt")], "π": [("const", "pi")]}
"""Single characters a learner may paste, read as the tokens they stand for."""


class InvalidExpression(ValueError):
    """An answer that cannot be read as a formula; `column` is 1-based in the learner's text."""

    def __init__(self, message: str, column: int) -> None:
        super().__init__(f"column {column}: {message}")
        self.column = column
        self.reason = message


@dataclass(frozen=True)
class Token:
    """One lexical item and the 1-based column where it starts in the learner's text.

    `shape` keeps the character a bracket or root was typed as (`[`, `⌊`, `√`), so brackets are
    matched by shape and `√x` can take its operand without parentheses.
    """

    kind: Kind
    text: str
    col: int
    shape: str = ""


@dataclass(frozen=True)
class Names:
    """What a name in an answer may refer to."""

    variables: tuple[str, ...]
    functions: dict[str, Arity]
    aliases: dict[str, tuple[Kind, str]] = field(default_factory=dict)
    """Other spellings the question uses: `η` -> ("var", "eta"), `σ` -> ("func", "sigmoid")."""
    forbidden: tuple[str, ...] = ()

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
    """Split `text` into tokens, resolve names and rewrite the whiteboard notation."""
    from quizzer.grader.symbolic.notation import rewrite

    if len(text) > MAX_LENGTH:
        raise InvalidExpression(
            f"the answer is too long ({len(text)} characters; at most {MAX_LENGTH})", MAX_LENGTH)
    raw = scan(text.translate(LOOKALIKES), names)
    if not raw:
        raise InvalidExpression("the answer is empty", 1)
    check_brackets(raw)
    if raw[-1].kind in ("op", ","):
        raise InvalidExpression(f"the formula ends with {raw[-1].text!r}: something is missing",
                                raw[-1].col)
    return rewrite(raw)


def scan(text: str, names: Names, first_col: int = 1) -> list[Token]:
    """The raw tokens of `text`, whose first character is at column `first_col`."""
    tokens: list[Token] = []
    pos = 0
    while pos < len(text):
        char, col = text[pos], pos + first_col
        if char.isspace():
            pos += 1
        elif alias := _alias_at(text, pos, names):
            kind, target = names.aliases[alias]
            tokens.append(Token(kind, target, col))
            pos += len(alias)
        elif match := _NUMBER.match(text, pos):
            if len(match.group()) > MAX_NUMBER_CHARS:
                raise InvalidExpression("this number has too many digits", col)
            tokens.append(Token("num", match.group(), col))
            pos = match.end()
        elif match := _NAME.match(text, pos):
            tokens.extend(_resolve_name(match.group(), col, names))
            pos = match.end()
        elif match := _OPERATOR.match(text, pos):
            tokens.append(Token("op", "**" if match.group() in ("^", "**") else match.group(), col))
            pos = match.end()
        elif char in SUPERSCRIPTS:
            pos = _superscript(text, pos, names, first_col, tokens)
        else:
            tokens.extend(_symbol(char, col, names))
            pos += 1
    return tokens


def _alias_at(text: str, pos: int, names: Names) -> str | None:
    for alias in sorted(names.aliases, key=len, reverse=True):
        if text.startswith(alias, pos):
            end = pos + len(alias)
            glued = end < len(text) and (text[end].isalnum() or text[end] == "_")
            if alias[-1].isascii() and glued:
                continue  # `p_i` must not swallow the start of `p_ix`
            return alias
    return None


def _superscript(text: str, pos: int, names: Names, first_col: int, out: list[Token]) -> int:
    """Read a run of superscripts as a parenthesised exponent; return the position after it."""
    end = pos
    while end < len(text) and text[end] in SUPERSCRIPTS:
        end += 1
    col = pos + first_col
    plain = "".join(SUPERSCRIPTS[c] for c in text[pos:end])
    out.append(Token("op", "**", col))
    out.append(Token("(", "(", col, "⁽"))
    out.extend(scan(plain, names, col))
    out.append(Token(")", ")", end - 1 + first_col, "⁽"))
    return end


def _symbol(char: str, col: int, names: Names) -> list[Token]:
    if char in _OPENING:
        opening = [Token("(", "(", col, char)]
        function = _OPENING[char]
        return [Token("func", function, col, char), *opening] if function else opening
    if char in _CLOSING:
        return [Token(")", ")", col, _CLOSING[char])]
    if char == ",":
        return [Token(",", ",", col)]
    if char in _SYMBOLS:
        if char == "π" and "pi" not in names.constants:
            raise InvalidExpression("π is a variable here; write pi", col)
        return [Token(kind, text, col, char) for kind, text in _SYMBOLS[char]]
    raise InvalidExpression(unexpected_character(char, names.variables), col)


def _resolve_name(word: str, col: int, names: Names) -> list[Token]:
    """A declared name wins; otherwise split a run like `xy` or `pix` into known names."""
    kind = names.kind_of(word)
    if kind is not None:
        return [Token(kind, word, col)]
    pieces = _split(word, names)
    if pieces is None:
        known = [*names.variables, *names.constants, *names.functions]
        raise InvalidExpression(
            unknown_name_message(word, known, names.variables, names.forbidden), col)
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


def check_brackets(tokens: list[Token]) -> None:
    """Every bracket closes with its own shape: `[x)` and `⌊x⌉` are refused."""
    stack: list[Token] = []
    for index, token in enumerate(tokens):
        if token.kind == "(" and index + 1 < len(tokens) and tokens[index + 1].kind == ")":
            raise InvalidExpression("empty parentheses", token.col)
        if token.kind == "(":
            stack.append(token)
        elif token.kind == ")":
            if not stack:
                raise InvalidExpression("unbalanced parenthesis: ')' has no matching '('",
                                        token.col)
            opened = stack.pop()
            if opened.shape != token.shape:
                raise InvalidExpression(f"this bracket does not match the {opened.shape!r} "
                                        f"opened at column {opened.col}", token.col)
    if stack:
        raise InvalidExpression("unbalanced parenthesis: '(' is never closed", stack[-1].col)
