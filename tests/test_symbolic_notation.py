"""Whiteboard notation: what a person writes by hand reads as meant; look-alikes are named."""

from __future__ import annotations

from typing import Any

import pytest
import sympy

from quizzer.grader.symbolic import InvalidExpression
from quizzer.grader.symbolic.aliases import question_aliases
from quizzer.grader.symbolic.build import symbol_for, to_sympy
from quizzer.grader.symbolic.parse import names_for, parse

VARS = ["x", "i", "p", "k", "s", "m", "n", "c", "r", "a", "t", "P", "T", "I", "eta", "lam", "var",
        "x0", "b", "beta", "gamma", "mu", "eps", "y"]
ALIASES = question_aliases(
    {"eta": "the learning rate η", "p": "p_i, the softmax output", "var": "the variance σ²",
     "b": None, "beta": None, "gamma": None, "mu": None, "eps": None, "lam": None, "y": None},
    "Answer in `y` (ŷᵢ)")
NAMES = names_for(VARS, aliases=ALIASES)
S = {n: symbol_for(n, "real") for n in VARS}
x, i, p, k, s, m, n, c, r, a, t, P, T, I_, eta, lam, var, x0, b, beta, gamma, mu, eps, y = (
    S[v] for v in VARS)
sig = 1 / (1 + sympy.exp(-x))


def build(text: str) -> Any:
    return to_sympy(parse(text, NAMES), S)


READS_AS = [
    ("σ(x)(1−σ(x))", sig * (1 - sig)),
    ("eˣ", sympy.exp(x)),
    ("a·eˣ", a * sympy.exp(x)),
    ("e⁻ˣ", sympy.exp(-x)),
    ("tanh²(x)", sympy.tanh(x) ** 2),
    ("1 − tanh^2(x)", 1 - sympy.tanh(x) ** 2),
    ("sech²(x)", sympy.sech(x) ** 2),
    ("tanh^(2)(x)", sympy.tanh(x) ** 2),
    ("σ(x)²", sig**2),
    ("⌊(i + 2p − k)/s⌋ + 1", sympy.floor((i + 2 * p - k) / s) + 1),
    ("⌈i/s⌉", sympy.ceiling(i / s)),
    ("(i + 2p - k)//s + 1", sympy.floor((i + 2 * p - k) / s) + 1),
    ("√6/√(m+n)", sympy.sqrt(6) / sympy.sqrt(m + n)),
    ("√x²", sympy.sqrt(x**2)),
    ("2√x", 2 * sympy.sqrt(x)),
    ("√√x", x ** sympy.Rational(1, 4)),
    ("c(1 + r)⁻¹", c / (1 + r)),
    ("2[t(P + T) − I]/(P + T)²", 2 * (t * (P + T) - I_) / (P + T) ** 2),
    ("{x + 1}[x − 1]", (x + 1) * (x - 1)),
    ("x × y ÷ 2", x * y / 2),
    ("η·x", eta * x),
    ("(1 − ηλ)x", (1 - eta * lam) * x),
    ("pᵢ − p_i", sympy.Integer(0)),
    ("σ²", var),
    ("σ^2", var),
    ("γβμε", gamma * beta * mu * eps),
    ("ŷᵢ − ŷ", sympy.Integer(0)),
    ("x₀", x0),
    ("x⁽ᵏ⁺¹⁾", x ** (k + 1)),
    ("*".join(["x"] * 60), x**60),
    ("+".join(["x"] * 60), 60 * x),
]


@pytest.mark.parametrize(("text", "expected"), READS_AS)
def test_whiteboard_notation_reads_as_meant(text: str, expected: Any) -> None:
    assert sympy.simplify(build(text) - expected) == 0


MISREADINGS = [
    ("tanh²(x)", sympy.tanh(x**2)),
    ("√2x", sympy.sqrt(2 * x)),
    ("x⁻¹", -x),
    ("e⁻ˣ", -sympy.exp(x)),
    ("c(1 + r)⁻¹", c * (1 + r)),
    ("(i + 2p - k)//s", (i + 2 * p - k) / s),
    ("σ(x)", x),
    ("σ²", sig**2),
]


@pytest.mark.parametrize(("text", "wrong"), MISREADINGS)
def test_whiteboard_notation_is_not_misread(text: str, wrong: Any) -> None:
    assert sympy.simplify(build(text) - wrong) != 0


@pytest.mark.parametrize(("text", "reason"), [
    ("хx", "'х' is the cyrillic small letter ha, not the Latin letter 'x'"),
    ("2а", "not the Latin letter 'a'"),
    ("θ + x", "'θ' (greek small letter theta) is not a name in this question"),
    ("p_j", "write the variable p without a subscript"),
    ("erf(x)", "erf is not available in this question"),
    ("sin⁻¹(x)", "ambiguous"),
    ("⌊x/s]", "does not match the '⌊'"),
])
def test_misleading_spellings_get_a_message_that_names_the_problem(text: str, reason: str
                                                                    ) -> None:
    with pytest.raises(InvalidExpression) as info:
        parse(text, NAMES)
    assert reason in str(info.value)
    assert "did you mean pi" not in str(info.value)


def test_a_long_flat_product_is_not_called_deeply_nested() -> None:
    with pytest.raises(InvalidExpression) as info:
        parse("(" * 45 + "x" + ")" * 45 + "^" + "^".join(["(x"] * 45) + ")" * 45, NAMES)
    assert "nested" in str(info.value) or "too large" in str(info.value)
    assert build("*".join(["x", "y"] * 60)) == x**60 * y**60


def test_a_spelling_two_variables_claim_is_no_alias() -> None:
    aliases = question_aliases({"a": "the weight α", "b": "the other α"}, "")
    assert "α" not in aliases


def test_a_function_power_of_sigma_where_sigma_squared_is_no_variable() -> None:
    names = names_for(["x"], aliases=question_aliases({"x": None}, ""))
    assert to_sympy(parse("σ²(x)", names), S) == sig**2


def test_sigmoid_is_sigma_unless_a_variable_is() -> None:
    assert question_aliases({"s": "the scale σ"}, "")["σ"] == ("var", "s")
    assert question_aliases({"x": None}, "")["σ"] == ("func", "sigmoid")
