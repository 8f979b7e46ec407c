"""What a learner reads: a wrong answer's slip is named, and a refused one is refused for the
real reason (not a misleading guess)."""

from __future__ import annotations

import pytest
from formula_cases import derivations
from formula_cases.mechanisms import INLINE

from quizzer.core.result import Status
from quizzer.grader.symbolic import grade_expression

SLIPS = [
    ("deriv-sigmoid", "-sigmoid(x)(1 - sigmoid(x))", "the sign is flipped"),
    ("deriv-mse-prediction", "yhat - y", "yours is 1/2 times the reference"),
    ("deriv-sigmoid", "3sigmoid(x)(1 - sigmoid(x))", "yours is 3 times the reference"),
    ("formula-weight-decay-step", "w - eta g", "a term is missing: -eta*lam*w"),
    ("formula-bn-fold-bias", "gamma(b - mu)/sqrt(var + eps)", "a term is missing: beta"),
    ("formula-receptive-field-stack", "n(k - 1)", "yours is the reference - 1"),
    ("deriv-sigmoid", "sigmoid(x)(1 - sigmoid(x)) + 1/2", "yours is the reference + 1/2"),
    ("deriv-soft-dice", "2t/(P + T) + 2I/(P + T)^2", "has the wrong sign"),
    ("deriv-tanh", "1 + tanh(x)^2", "the term -tanh(x)**2 has the wrong sign"),
    ("deriv-softplus", "sigmoid(abs(x))", "right only where x >= 0"),
    ("deriv-huber-clip", "max(d, -1)", "right only where d <= 1"),
    ("formula-transposed-conv-output", "(i - 1)s - p + d(k - 1) + o + 1", "right only where p = 0"),
    ("deriv-sigmoid", "sigmoid(x)(1 - sigmoid(x)) + 0 sqrt(x + 3.5)",
     "it takes the square root of x + 7/2, and x + 7/2 is negative there"),
    ("deriv-huber-clip", "clip(d, -1, 1) d/d", "it divides by d, and d is 0 there"),
    ("deriv-tanh", "sech(x)^2 + log(x) - log(x)", "the logarithm of x"),
    ("deriv-sigmoid", "sigmoid(x)(1 - sigmoid(x)) + exp(-(x - 105)^2)/1000",
     "SymPy proves is never 0"),
]


@pytest.mark.parametrize(("qid", "answer", "named"), SLIPS)
def test_a_wrong_answer_names_its_slip(qid: str, answer: str, named: str) -> None:
    result = grade_expression(derivations()[qid], answer)
    assert result.status is Status.FAILED
    assert named in result.message, result.message


def test_a_counterexample_with_many_variables_keeps_the_slip_in_view() -> None:
    result = grade_expression(derivations()["formula-bn-fold-bias"],
                              "gamma(b - mu)/sqrt(var + eps)")
    assert result.message.endswith("(a term is missing: beta)")
    assert len(result.message) <= 200


def test_a_difference_below_display_precision_is_shown_as_a_gap() -> None:
    result = grade_expression(derivations()["deriv-tanh"], "sech(x)^2 + 1/(1000 + (x - 500)^2)^8")
    assert result.status is Status.FAILED
    assert "larger by 6.35e-44" in result.message


REFUSED = [
    ("no-abs", "abs(x)", "abs is not allowed in this question (see the prompt)", "sin"),
    ("deriv-huber-clip", "sgn(d)", "did you mean sign", "sinh"),
    ("formula-conv-output", "floor((i + 2p_i - k)/s) + 1",
     "write the variable p without a subscript", "pi"),
    ("deriv-sigmoid", "хx", "'х' is the cyrillic small letter ha, not the Latin letter 'x'",
     "unexpected"),
    ("deriv-elu-negative", "а exp(x)", "not the Latin letter 'a'", "unexpected"),
    ("deriv-sigmoid", "*".join(["x"] * 130), "too large", "nested"),
    ("deriv-sigmoid", " + ".join(["x"] * 130), "too long", "nested"),
]


@pytest.mark.parametrize(("qid", "answer", "said", "unsaid"), REFUSED)
def test_a_refused_answer_gets_the_real_reason(qid: str, answer: str, said: str, unsaid: str
                                               ) -> None:
    q = INLINE[qid] if qid in INLINE else derivations()[qid]
    result = grade_expression(q, answer)
    assert result.status is Status.INVALID
    assert said in result.message and unsaid not in result.message, result.message


@pytest.mark.parametrize("answer", [
    "sign(d)", "relu(d)", "heaviside(d)", "softplus(d)", "sigmoid(d)", "abs(d)", "min(d, 1)",
    "max(d, 1)", "clip(d, 0, 1)",
])
def test_the_standard_functions_are_read_not_guessed_at(answer: str) -> None:
    result = grade_expression(derivations()["deriv-huber-clip"], answer)
    assert result.status is Status.FAILED and "did you mean" not in result.message


@pytest.mark.parametrize(("qid", "answer"), [
    ("deriv-sigmoid", "*".join(["x"] * 100)),
    ("deriv-sigmoid", "*".join(["sigmoid(x)"] * 30)),
    ("formula-anchor-count", "H W " + " ".join(["(n + m - 1)"] * 20)),
])
def test_a_long_flat_product_is_graded_not_called_nested(qid: str, answer: str) -> None:
    assert grade_expression(derivations()[qid], answer).status is Status.FAILED


@pytest.mark.parametrize("answer", [
    "exp(exp(exp(exp(exp(x)))))", "e^e^e^e^e^e^x", "x exp(exp(exp(9)))", "exp(exp(exp(1000)))",
    "10^10^10^x", "exp(exp(exp(exp(exp(exp(exp(exp(x))))))))",
])
def test_an_exp_tower_gets_a_short_message(answer: str) -> None:
    result = grade_expression(derivations()["deriv-sigmoid"], answer, time_limit=1.5)
    assert result.status in (Status.FAILED, Status.TIMEOUT)
    assert 0 < len(result.message) <= 200, result.message
