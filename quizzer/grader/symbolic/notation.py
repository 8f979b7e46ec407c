"""Rewrite whiteboard token patterns into plain ones: `tanh²(x)`, `√x`, implicit products.

Runs on the raw token list after brackets are checked; still plain Python, no SymPy.
"""

from __future__ import annotations

from quizzer.grader.symbolic.tokens import InvalidExpression, Token

_ENDS_OPERAND = ("num", "var", "const", ")")
_STARTS_OPERAND = ("num", "var", "const", "func", "(")


def rewrite(tokens: list[Token]) -> list[Token]:
    """Function powers, then bare roots, then implicit products (in that order)."""
    return _implicit_products(_bare_roots(_function_powers(tokens)))


def _closing(tokens: list[Token], index: int) -> int:
    """The index of the `)` matching the `(` at `index` (brackets are already balanced)."""
    depth = 0
    for j in range(index, len(tokens)):
        if tokens[j].kind == "(":
            depth += 1
        elif tokens[j].kind == ")":
            depth -= 1
            if depth == 0:
                return j
    raise AssertionError("unbalanced brackets reached the rewriter")


def _function_powers(tokens: list[Token]) -> list[Token]:
    """`f²(x)`, `f^2(x)` and `f^(2)(x)` mean `f(x)^2`: move the exponent after the call."""
    out = list(tokens)
    index = 0
    while index < len(out):
        token = out[index]
        after = out[index + 1] if index + 1 < len(out) else None
        if token.kind == "func" and after is not None and after.text == "**":
            exponent_end = _exponent_end(out, index + 2, token)
            if exponent_end < len(out) and out[exponent_end].kind == "(":
                call_end = _closing(out, exponent_end)
                power = out[index + 1:exponent_end]
                out[index + 1:call_end + 1] = out[exponent_end:call_end + 1] + power
        index += 1
    return out


def _exponent_end(tokens: list[Token], start: int, func: Token) -> int:
    """Where the exponent written after a function name ends; a negative one is refused."""
    if start >= len(tokens):
        return start
    first = tokens[start]
    inner = tokens[start + 1] if first.kind == "(" and start + 1 < len(tokens) else first
    if inner.text == "-":
        raise InvalidExpression(
            f"{func.text}⁻¹ is ambiguous: write 1/{func.text}(...) for the reciprocal", func.col)
    if first.kind == "(":
        return _closing(tokens, start) + 1
    return start + 1 if first.kind in ("num", "var") else start


def _bare_roots(tokens: list[Token]) -> list[Token]:
    """`√x`, `√2x`, `√(x)`: a root sign takes the operand right after it (with its powers)."""
    out = list(tokens)
    while True:
        roots = [i for i, t in enumerate(out)
                 if t.kind == "func" and t.shape == "√" and not _called(out, i)]
        if not roots:
            return out
        index = roots[-1]
        end = _operand_end(out, index + 1, out[index])
        col = out[index].col
        out[index + 1:end] = [Token("(", "(", col), *out[index + 1:end], Token(")", ")", col)]


def _called(tokens: list[Token], index: int) -> bool:
    return index + 1 < len(tokens) and tokens[index + 1].kind == "(" and (
        tokens[index + 1].shape != "⁽")


def _operand_end(tokens: list[Token], start: int, root: Token) -> int:
    """The end of one primary (a number, name, call or group) and any `**` powers after it."""
    end = _primary_end(tokens, start, root)
    while end < len(tokens) and tokens[end].text == "**":
        following = end + 1
        if following < len(tokens) and tokens[following].text in ("-", "+"):
            following += 1
        end = _primary_end(tokens, following, root)
    return end


def _primary_end(tokens: list[Token], start: int, root: Token) -> int:
    if start >= len(tokens):
        raise InvalidExpression("√ needs something to take the root of", root.col)
    token = tokens[start]
    if token.kind in ("num", "var", "const"):
        return start + 1
    if token.kind == "(":
        return _closing(tokens, start) + 1
    if token.kind == "func" and start + 1 < len(tokens) and tokens[start + 1].kind == "(":
        return _closing(tokens, start + 1) + 1
    raise InvalidExpression("√ needs a number, a name or a bracket right after it", root.col)


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
