"""Grading typed formulas: equivalent forms pass, near misses fail, hostile answers end quickly."""

from __future__ import annotations

import os
import signal
import time
from typing import Any

import pytest

from quizzer.bank.models import DerivationQuestion
from quizzer.core.result import Status
from quizzer.grader.boundary import run_limited
from quizzer.grader.symbolic import api, grade_expression, preview


def question(**fields: Any) -> DerivationQuestion:
    base: dict[str, Any] = {
        "id": "deriv-test", "type": "derivation", "topic": "activations", "difficulty": "easy",
        "time": 60, "prompt": "p", "explanation": "e",
    }
    return DerivationQuestion.model_validate(base | fields)


SIGMOID = question(id="deriv-sigmoid", variables={"x": {"domain": "real"}},
                   differentiate={"expr": "1/(1 + exp(-x))", "wrt": "x"},
                   steps=["chain rule", "split the fraction"])
CONV = question(id="formula-conv-output", reference="floor((i + 2*p - k)/s) + 1", variables={
    "i": {"domain": "integer", "min": 1, "max": 256},
    "k": {"domain": "integer", "min": 1, "max": 11},
    "s": {"domain": "integer", "min": 1, "max": 5},
    "p": {"domain": "integer", "min": 0, "max": 5},
})
ABS = question(variables={"x": {"domain": "real"}}, differentiate={"expr": "abs(x)", "wrt": "x"},
               functions=["sign"])
VARIANCE = question(variables={"v": {"domain": "positive"}}, reference="sqrt(v)")


@pytest.mark.parametrize("answer", [
    "exp(-x)/(1+exp(-x))^2",
    "sigmoid(x)*(1-sigmoid(x))",
    "sigmoid(x)(1 - sigmoid(x))",
    "1/(4*cosh(x/2)^2)",
    "1/(4cosh(x/2)^2)",
    "sech(x/2)^2/4",
    "e^x/(1+e^x)^2",
    "1/(e^(x/2) + e^(-x/2))^2",
])
def test_equivalent_forms_of_the_sigmoid_derivative_pass(answer: str) -> None:
    result = grade_expression(SIGMOID, answer)
    assert result.status is Status.PASSED, result.message
    assert result.checks[0].name == "parses"


@pytest.mark.parametrize("answer", [
    "sigmoid(x)*(1-sigmoid(x)) + 0.001",
    "1.001*sigmoid(x)*(1-sigmoid(x))",
    "-sigmoid(x)*(1-sigmoid(x))",
    "sigmoid(x)",
    "sigmoid(x)*(1+sigmoid(x))",
    "exp(-x)/(1+exp(-x))",
    "1/(4*cosh(x)^2)",
])
def test_near_misses_of_the_sigmoid_derivative_fail(answer: str) -> None:
    result = grade_expression(SIGMOID, answer)
    assert result.status is Status.FAILED
    failed = result.first_failure
    assert failed is not None and "expected" in failed.message and "at x = " in failed.message


def test_an_identical_form_is_accepted_by_the_exact_check() -> None:
    result = grade_expression(SIGMOID, "exp(-x)*(1+exp(-x))^(-2)")
    assert [c.name for c in result.checks] == ["parses", "equals the reference after expanding"]


def test_a_form_that_needs_sampling_is_accepted_by_the_sampling_check() -> None:
    result = grade_expression(SIGMOID, "1/(4cosh(x/2)^2)")
    names = [c.name for c in result.checks]
    assert names[:2] == ["parses", "agrees at 60 points across the domain"]


def test_a_reference_never_real_on_the_domain_is_inconclusive_not_a_pass() -> None:
    nowhere = question(variables={"x": {"domain": "real"}}, reference="log(-x^2 - 1)")
    result = grade_expression(nowhere, "1")
    assert result.status is Status.FAILED
    assert "only 0 points could be checked" in result.message


def test_a_failure_names_the_point_both_values_and_the_sampling_check() -> None:
    result = grade_expression(SIGMOID, "-sigmoid(x)*(1-sigmoid(x))")
    failed = result.first_failure
    assert failed is not None
    assert failed.name == "agrees with the reference across the domain"
    assert result.message == failed.message
    assert result.seed is not None


def test_detail_shows_the_reference_and_the_steps() -> None:
    result = grade_expression(SIGMOID, "x")
    assert "Reference: exp(-x)/(1 + exp(-x))**2" in result.detail
    assert "1. chain rule" in result.detail and "2. split the fraction" in result.detail


def test_grading_is_reproducible_from_the_question() -> None:
    first = grade_expression(SIGMOID, "sigmoid(x) + 0.001")
    second = grade_expression(SIGMOID, "sigmoid(x) + 0.001")
    assert first.message == second.message and first.seed == second.seed


def test_an_explicit_seed_moves_the_sample_points_and_is_reported() -> None:
    default = grade_expression(SIGMOID, "sigmoid(x) + 0.001")
    other = grade_expression(SIGMOID, "sigmoid(x) + 0.001", seed=7)
    assert other.seed == 7
    assert other.message != default.message
    assert other.message == grade_expression(SIGMOID, "sigmoid(x) + 0.001", seed=7).message


@pytest.mark.parametrize("answer", [
    "floor((i+2p-k)/s)+1", "ceil((i+2p-k+1)/s)", "floor((i + 2p - k + s)/s)",
])
def test_integer_formulas_with_floor_are_checked_on_integers(answer: str) -> None:
    assert grade_expression(CONV, answer).status is Status.PASSED


@pytest.mark.parametrize("answer", [
    "(i+2p-k)/s+1", "floor((i+p-k)/s)+1", "floor((i+2p-k)/s)", "ceil((i+2p-k)/s)+1",
    "floor((i+2p-k)/s)+1.001",
])
def test_integer_formula_near_misses_fail(answer: str) -> None:
    result = grade_expression(CONV, answer)
    assert result.status is Status.FAILED
    assert "i = " in result.message and ".0," not in result.message


def test_derivative_with_a_kink_is_compared_away_from_the_kink() -> None:
    assert grade_expression(ABS, "sign(x)").status is Status.PASSED
    assert grade_expression(ABS, "x/abs(x)").status is Status.PASSED
    assert grade_expression(ABS, "1").status is Status.FAILED


def test_an_answer_undefined_where_the_reference_is_defined_fails() -> None:
    result = grade_expression(question(variables={"x": {"domain": "real"}}, reference="x"),
                              "sqrt(x)*abs(sqrt(x))")
    assert result.status is Status.FAILED
    assert "undefined" in result.message


def test_domain_assumptions_allow_positive_only_identities() -> None:
    assert grade_expression(VARIANCE, "v^(1/2)").status is Status.PASSED
    assert grade_expression(VARIANCE, "sqrt(v^2)/sqrt(v)").status is Status.PASSED
    assert grade_expression(VARIANCE, "sqrt(v) + 1e-3").status is Status.FAILED


@pytest.mark.parametrize(("answer", "where"), [
    ("sigmoid(x", "column 8"), ("sigmoid(z)", "unknown name 'z'"), ("x +* 2", "column 4"),
])
def test_an_unparsable_answer_is_invalid_not_wrong(answer: str, where: str) -> None:
    result = grade_expression(SIGMOID, answer)
    assert result.status is Status.INVALID
    assert where in result.message
    assert result.checks[0].name == "parses" and not result.checks[0].passed


@pytest.mark.parametrize("answer", [
    "__import__('os').system('echo pwned')",
    "9**9**9**9",
    "x" * 500,
    "(x+1)^1000*(x-1)^1000*(x+2)^1000*(x+3)^1000",
    "floor(exp(exp(1000)))",
    "max(x, 1/0)",
])
def test_hostile_answers_end_within_seconds_and_never_pass(answer: str) -> None:
    started = time.monotonic()
    result = grade_expression(SIGMOID, answer, time_limit=3.0)
    assert result.status in (Status.INVALID, Status.TIMEOUT, Status.FAILED)
    assert time.monotonic() - started < 10


def test_an_answer_too_slow_to_check_is_a_timeout_result() -> None:
    result = grade_expression(SIGMOID, "exp(exp(exp(exp(exp(exp(exp(x)))))))*x", time_limit=1.0)
    assert result.status is Status.TIMEOUT
    assert "longer than 1 s" in result.message


def test_the_sandbox_kills_a_child_that_runs_past_its_limit() -> None:
    def forever() -> None:
        while True:
            pass

    outcome = run_limited(forever, 0.5)
    assert outcome.status == "timeout"


def test_the_sandbox_reports_a_raised_error_and_returns_values() -> None:
    def boom() -> None:
        raise RuntimeError("boom")

    assert run_limited(boom, 5).error == "RuntimeError: boom"
    assert run_limited(lambda: {"a": 1}, 5).value == {"a": 1}


def test_the_sandbox_caps_the_childs_memory() -> None:
    outcome = run_limited(lambda: len(bytearray(3 << 30)), 20)
    assert outcome.status == "error" and outcome.error.startswith("MemoryError")


def test_a_check_that_runs_out_of_memory_is_a_memory_result(monkeypatch: Any) -> None:
    def hungry(*args: Any) -> Any:
        return len(bytearray(3 << 30))

    monkeypatch.setattr(api, "_check", hungry)
    assert grade_expression(SIGMOID, "x").status is Status.MEMORY


def test_a_check_whose_process_dies_is_the_graders_failure(monkeypatch: Any) -> None:
    def dies(*args: Any) -> Any:
        os.kill(os.getpid(), signal.SIGKILL)

    monkeypatch.setattr(api, "_check", dies)
    result = grade_expression(SIGMOID, "x")
    assert result.status is Status.INTERNAL and "died" in result.message


def test_a_reference_that_cannot_be_built_is_the_graders_failure(monkeypatch: Any) -> None:
    def broken(*args: Any) -> Any:
        raise ValueError("a reference with a bug")

    monkeypatch.setattr(api, "reference_expression", broken)
    monkeypatch.setattr(api, "_REFERENCES", {})
    result = grade_expression(SIGMOID, "x")
    assert result.status is Status.INTERNAL and "reference" in result.message


def test_preview_draws_what_was_parsed() -> None:
    shown = preview(SIGMOID, "x^2/2")
    assert shown["ok"] is True
    assert shown["pretty"].splitlines() == [" 2", "x ", "──", "2 "]


def test_preview_of_a_broken_answer_gives_the_column_and_reason() -> None:
    shown = preview(SIGMOID, "x + (1")
    assert shown == {"ok": False, "pretty": "",
                     "message": "column 5: unbalanced parenthesis: '(' is never closed"}


def test_preview_keeps_the_learners_shape_and_computes_no_huge_constant() -> None:
    shown = preview(SIGMOID, "2^1000 x")
    assert shown["ok"] and "1000" in shown["pretty"]


def test_preview_falls_back_to_plain_text_when_drawing_fails(monkeypatch: Any) -> None:
    def broken(question: Any, node: Any) -> str:
        raise RecursionError("deep inside SymPy")

    monkeypatch.setattr(api, "_draw", broken)
    shown = preview(SIGMOID, "min(exp(100)-100, floor(100) - x)")
    assert shown == {"ok": True, "pretty": "min(exp(100) - 100, floor(100) - x)",
                     "message": "shown as typed: it could not be laid out"}


def test_preview_that_stalls_is_cut_off(monkeypatch: Any) -> None:
    def stalls(question: Any, node: Any) -> str:
        time.sleep(60)
        return ""

    monkeypatch.setattr(api, "_draw", stalls)
    monkeypatch.setattr(api, "PREVIEW_LIMIT", 0.3)
    started = time.monotonic()
    shown = preview(SIGMOID, "x^2 / 2")
    assert shown["pretty"] == "x^2 / 2" and time.monotonic() - started < 5


def test_an_answer_sympy_cannot_evaluate_is_invalid_with_a_reason() -> None:
    result = grade_expression(SIGMOID, "max(log(0), x)")
    assert result.status is Status.INVALID
    assert "cannot be evaluated as written" in result.message


def test_result_serialises_to_the_cli_json_shape() -> None:
    data = grade_expression(SIGMOID, "sigmoid(x)(1-sigmoid(x))").as_dict()
    assert data["passed"] is True and data["status"] == "passed" and data["task"] == "deriv-sigmoid"
    assert [c["name"] for c in data["checks"]][0] == "parses"
