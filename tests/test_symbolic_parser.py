"""The formula parser: friendly syntax in, a checked tree out, a clean error for anything else."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from quizzer.bank.models import DerivationQuestion
from quizzer.grader.symbolic import InvalidExpression, preview
from quizzer.grader.symbolic.build import symbol_for, to_sympy
from quizzer.grader.symbolic.parse import names_for, parse, to_text
from quizzer.grader.symbolic.tokens import MAX_LENGTH, Names

NAMES = names_for(["x", "y", "yhat", "c_in", "lam"])
X, Y, YHAT, C_IN, LAM = (symbol_for(n, "real") for n in ["x", "y", "yhat", "c_in", "lam"])
SYMBOLS = {"x": X, "y": Y, "yhat": YHAT, "c_in": C_IN, "lam": LAM}


def build(text: str, names: Names = NAMES) -> Any:
    return to_sympy(parse(text, names), SYMBOLS)


@pytest.mark.parametrize(("text", "expected"), [
    ("x^2", X**2),
    ("x**2", X**2),
    ("2x", 2 * X),
    ("2(x+1)", 2 * (X + 1)),
    ("x y", X * Y),
    ("xy", X * Y),
    ("(x+1)(x-1)", (X + 1) * (X - 1)),
    ("e^x", sympy.exp(X)),
    ("2e^x", 2 * sympy.exp(X)),
    ("-x^2", -(X**2)),
    ("2^-1", sympy.Rational(1, 2)),
    ("1e-3x", sympy.Rational(1, 1000) * X),
    ("0.25", sympy.Rational(1, 4)),
    (".5x", X / 2),
    ("pi x", sympy.pi * X),
    ("ln(x)", sympy.log(X)),
    ("log(x, 2)", sympy.log(X, 2)),
    ("sigmoid(x)", 1 / (1 + sympy.exp(-X))),
    ("sech(x)^2", sympy.sech(X) ** 2),
    ("ceil(x)", sympy.ceiling(X)),
    ("abs(x)", sympy.Abs(X)),
    ("max(x, y, 0)", sympy.Max(X, Y, 0)),
    ("x − y", X - Y),
    ("x·y", X * Y),
    ("x²y³", X**2 * Y**3),
    ("√(x)", sympy.sqrt(X)),
    ("2πx", 2 * sympy.pi * X),
])
def test_friendly_syntax_reads_as_the_learner_meant(text: str, expected: Any) -> None:
    assert sympy.simplify(build(text) - expected) == 0


def test_declared_multi_letter_name_wins_over_splitting() -> None:
    assert build("yhat - y") == YHAT - Y
    assert build("2c_in lam") == 2 * C_IN * LAM


def test_name_runs_split_into_declared_variables_and_a_trailing_function() -> None:
    assert sympy.simplify(build("xsin(x)") - X * sympy.sin(X)) == 0
    assert build("xyx") == X**2 * Y


def test_a_declared_variable_named_e_shadows_the_constant() -> None:
    names = names_for(["e", "x"])
    tree = to_sympy(parse("e x", names), {"e": sympy.Symbol("e"), "x": X})
    assert tree == sympy.Symbol("e") * X


def test_python_keywords_can_be_question_variables() -> None:
    names = names_for(["lambda", "x"])
    lam = sympy.Symbol("lambda")
    assert to_sympy(parse("lambda x", names), {"lambda": lam, "x": X}) == lam * X


def test_extra_functions_need_declaring() -> None:
    with pytest.raises(InvalidExpression, match="erf is not available in this question"):
        parse("erf(x)", NAMES)
    tree = to_sympy(parse("erf(x)", names_for(["x"], ["erf"])), {"x": X})
    assert tree == sympy.erf(X)


@pytest.mark.parametrize(("text", "expected"), [
    ("relu(x)", sympy.Max(0, X)),
    ("sign(x)", sympy.sign(X)),
    ("heaviside(x)", sympy.Heaviside(X, 0)),
    ("softplus(x)", sympy.log(1 + sympy.exp(X))),
    ("clip(x, -1, 1)", sympy.Min(sympy.Max(X, -1), 1)),
])
def test_the_activation_functions_are_available_to_every_question(text: str, expected: Any
                                                                   ) -> None:
    assert build(text) == expected


def test_a_forbidden_function_is_refused_with_a_pointer_to_the_prompt() -> None:
    names = names_for(["x"], forbidden=["clip"])
    with pytest.raises(InvalidExpression, match="clip is not allowed in this question"):
        parse("clip(x, 0, 1)", names)
    assert "max" in names.functions


def test_unknown_extra_function_in_a_question_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown function"):
        names_for(["x"], ["system"])


@pytest.mark.parametrize(("text", "column", "reason"), [
    ("x + foo", 5, "unknown name 'foo'"),
    ("sigmod(x)", 1, "did you mean sigmoid"),
    ("(x + 1", 1, "'(' is never closed"),
    ("x + 1)", 6, "')' has no matching '('"),
    ("x + * y", 5, "unexpected token"),
    ("x +", 3, "ends with '+'"),
    ("x + ()", 5, "empty parentheses"),
    ("* x", 1, "unexpected token"),
    ("sin x", 1, "sin needs parentheses"),
    ("x = 1", 3, "unexpected character '='"),
    ("2 3", 3, "two numbers in a row"),
    ("min(x)", 1, "min takes at least 2 arguments, got 1"),
    ("exp(x, y)", 1, "exp takes 1 argument, got 2"),
    ("x, y", 1, "a comma outside"),
    ("", 1, "empty"),
    ("x2", 1, "unknown name 'x2'"),
    ("Sigmoid(x)", 1, "did you mean sigmoid?"),
    ("√", 1, "√ needs something"),
    ("√-x", 1, "√ needs a number, a name or a bracket"),
    ("[x + 1)", 7, "does not match the '['"),
    ("⌊x/2⌉", 5, "does not match the '⌊'"),
    ("tanh⁻¹(x)", 1, "ambiguous"),
    ("tanh^2 x", 1, "tanh needs parentheses"),
    ("x^^2", 3, "unexpected token"),
])
def test_parse_errors_name_the_column_and_the_reason(text: str, column: int, reason: str) -> None:
    with pytest.raises(InvalidExpression) as info:
        parse(text, NAMES)
    assert info.value.column == column
    assert reason in str(info.value)


HOSTILE = [
    "__import__('os').system('touch /tmp/quizzer-pwned')",
    "__import__",
    "().__class__.__bases__[0]",
    "x.__class__",
    "lambda: 1",
    "'abc'",
    "\"x\"",
    "exec(x)",
    "eval(x)",
    "open(x)",
    "x if y else 1",
    "[x for x in y]",
    "{x: 1}",
    "x @ y",
    "x % y",
    "x < y",
    "x; y",
    "f(x=1)",
    "sin(*x)",
    "9**9**9**9",
    "9^9^9",
    "10^4000",
    "(2^1000)^1000",
    "x^1e9",
    "1e999",
    "x" * (MAX_LENGTH + 1),
    "-(" * 100 + "x" + ")" * 100,
    "x" * 300,
    "+".join(["x"] * 199),
    "-" * 300 + "x",
    "\x00",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_input_is_refused_without_running_anything(text: str) -> None:
    with pytest.raises(InvalidExpression):
        parse(text, NAMES)


def test_harmless_nesting_and_line_breaks_are_fine() -> None:
    assert build("(" * 120 + "x" + ")" * 120) == X
    assert build("x\ny") == X * Y


def test_the_builtins_call_never_runs(tmp_path: Any) -> None:
    marker = tmp_path / "pwned"
    with pytest.raises(InvalidExpression):
        parse(f"__import__('os').system('touch {marker}')", NAMES)
    assert not marker.exists()


def test_parsing_and_previewing_errors_load_no_sympy() -> None:
    code = (
        "import sys\n"
        "from quizzer.grader.symbolic import InvalidExpression, preview, grade_expression\n"
        "from quizzer.grader.symbolic.parse import names_for, parse\n"
        "parse('2x^2 + sigmoid(x)', names_for(['x']))\n"
        "print('sympy' in sys.modules, 'mpmath' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


FORMULA_CHARS = "xy yhat 0123456789.eE+-*/^(),sincoexpqrtlogabmfd_ "


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=60))
def test_arbitrary_text_parses_or_raises_invalid_expression(text: str) -> None:
    try:
        parse(text, NAMES)
    except InvalidExpression as exc:
        assert exc.column >= 1


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=FORMULA_CHARS, max_size=60))
def test_formula_like_text_parses_or_raises_invalid_expression(text: str) -> None:
    try:
        tree = parse(text, NAMES)
    except InvalidExpression as exc:
        assert 1 <= exc.column <= max(len(text), 1)
        return
    to_sympy(tree, SYMBOLS, evaluate=False)
    shown = to_text(tree)
    assert to_text(parse(shown, NAMES)) == shown


PREVIEW_QUESTION = DerivationQuestion.model_validate({
    "id": "deriv-fuzz", "type": "derivation", "topic": "t", "difficulty": "easy", "time": 60,
    "prompt": "p", "explanation": "e", "reference": "x*y",
    "variables": {"x": {"domain": "real"}, "y": {"domain": "positive"}, "yhat": {}},
})


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=FORMULA_CHARS, max_size=60))
def test_preview_never_raises_and_reports_ok_or_a_column(text: str) -> None:
    shown = preview(PREVIEW_QUESTION, text)
    if shown["ok"]:
        assert shown["pretty"] and not shown["message"]
    else:
        assert shown["message"].startswith("column ") and not shown["pretty"]
