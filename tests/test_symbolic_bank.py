"""The bank's derivation questions: complete, their references sound, typed answers graded right."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizzer.bank import Bank, load_bank
from quizzer.bank.models import DerivationQuestion
from quizzer.core.result import Status
from quizzer.grader.symbolic import grade_expression

REPO = Path(__file__).resolve().parents[1]

# One answer per question, typed the way a learner would (not copied from the reference).
TYPED: dict[str, str] = {
    "deriv-mse-prediction": "2(yhat - y)",
    "deriv-sigmoid": "e^(-x)/(1 + e^(-x))^2",
    "deriv-tanh": "sech(x)^2",
    "deriv-softplus": "1/(1 + exp(-x))",
    "deriv-swish": "sigmoid(x)(1 + x(1 - sigmoid(x)))",
    "deriv-swish-beta": "x^2 sigmoid(bx)(1 - sigmoid(bx))",
    "deriv-elu-negative": "a exp(x)",
    "deriv-sigmoid-chain": "w1 w2 sigmoid(w1x0)(1-sigmoid(w1x0)) sigmoid(w2 sigmoid(w1x0))"
                           "(1 - sigmoid(w2 sigmoid(w1x0)))",
    "deriv-softmax-ce": "p - y",
    "deriv-bce-logit": "1/(1+exp(-z)) - y",
    "deriv-focal-positive": "a(1-sigmoid(z))^g (g sigmoid(z) ln(sigmoid(z)) + sigmoid(z) - 1)",
    "deriv-label-smoothing-ce": "p - 1 + eps(K-1)/K",
    "deriv-distillation-logit": "Tp - Tq",
    "deriv-huber-clip": "max(-1, min(d, 1))",
    "deriv-mse-mean": "(2/N)(yhat - y)",
    "deriv-soft-dice": "2t/(P+T) - 2I/(P+T)^2",
    "deriv-logistic-regression-w": "x(sigmoid(wx + b) - y)",
    "formula-weight-decay-step": "w - eta g - eta lam w",
    "formula-dropout-variance": "p x^2/(1-p)",
    "formula-bn-identity-gamma": "(var + eps)^0.5",
    "formula-bn-fold-bias": "beta + gamma(b - mu)/sqrt(var + eps)",
    "formula-xavier-uniform-bound": "sqrt(6)/sqrt(m+n)",
    "formula-momentum-sum": "g(mu^t - 1)/(mu - 1)",
    "formula-cosine-annealing": "(emax + emin)/2 + (emax - emin)cos(pi t/T)/2",
    "formula-conv-output": "floor((i - k + 2p)/s + 1)",
    "formula-conv-output-dilated": "floor((i + 2p - dk + d - 1)/s) + 1",
    "formula-transposed-conv-output": "s(i-1) + dk - d - 2p + o + 1",
    "formula-same-padding": "(dk - d)/2",
    "formula-receptive-field-stack": "nk - n + 1",
    "formula-dilated-kernel-extent": "k + (k-1)(d-1)",
    "formula-depthwise-cost-ratio": "(k^2 + N)/(N k^2)",
    "formula-stacked-3x3-ratio": "9n/(4n^2 + 4n + 1)",
    "formula-grouped-conv-params": "c_out(k^2 c_in/g + 1)",
    "deriv-log-transform": "c/(r + 1)",
    "formula-log-transform-constant": "(L - 1)/log(L)",
    "formula-contrast-stretch": "(r - rmin)(L - 1)/(rmax - rmin)",
    "formula-iou-shifted-squares": "2/(1+d) - 1",
    "formula-anchor-count": "HW(n + m - 1)",
}

REQUIRED_VARIABLES = {
    "deriv-sigmoid": {"x"}, "deriv-tanh": {"x"}, "deriv-softplus": {"x"},
    "deriv-softmax-ce": {"p", "y"}, "deriv-bce-logit": {"z", "y"},
    "deriv-log-transform": {"c", "r"}, "formula-conv-output": {"i", "k", "s", "p"},
}


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(REPO / "questions")


@pytest.fixture(scope="module")
def derivations(bank: Bank) -> dict[str, DerivationQuestion]:
    return {q.id: q for q in bank.questions if isinstance(q, DerivationQuestion)}


def test_the_bank_has_at_least_25_complete_bilingual_derivation_questions(
        derivations: dict[str, DerivationQuestion]) -> None:
    complete = [q for q in derivations.values()
                if q.zh is not None and q.steps and q.source and q.tags]
    assert len(complete) >= 25


def test_the_issue_questions_exist_with_the_variable_names_it_gives(
        derivations: dict[str, DerivationQuestion]) -> None:
    for qid, names in REQUIRED_VARIABLES.items():
        assert set(derivations[qid].variables) == names, qid


@pytest.mark.parametrize("qid", sorted(TYPED))
def test_a_typed_correct_answer_passes(qid: str, derivations: dict[str, DerivationQuestion]
                                       ) -> None:
    result = grade_expression(derivations[qid], TYPED[qid])
    assert result.status is Status.PASSED, result.message
