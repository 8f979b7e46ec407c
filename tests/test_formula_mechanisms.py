"""Formula grading, mechanism by mechanism: right answers pass, wrong ones fail with a reason.

Every rejected answer carries a witness point where an independent evaluation (`formula_cases`)
shows it wrong; every accepted one agrees with the reference at ordinary points the same way.
"""

from __future__ import annotations

import pytest
from formula_cases import derivations, ordinary_points, wrong_at
from formula_cases.mechanisms import ACCEPT, INLINE, REJECT

from quizzer.bank.models import DerivationQuestion
from quizzer.core.result import Status
from quizzer.grader.symbolic import grade_expression


def question(qid: str) -> DerivationQuestion:
    return INLINE[qid] if qid in INLINE else derivations()[qid]


ACCEPTED = [(m, q, a) for m, cases in ACCEPT.items() for q, a in cases]
REJECTED = [(m, q, a, w) for m, cases in REJECT.items() for q, a, w in cases]


@pytest.mark.parametrize(("mechanism", "qid", "answer"), ACCEPTED)
def test_a_right_answer_passes(mechanism: str, qid: str, answer: str) -> None:
    q = question(qid)
    assert not any(wrong_at(q, answer, p) for p in ordinary_points(q, 4)), "not a right answer"
    result = grade_expression(q, answer)
    assert result.status is Status.PASSED, f"{mechanism}: {result.message}"


@pytest.mark.parametrize(("mechanism", "qid", "answer", "witness"), REJECTED)
def test_a_wrong_answer_fails(mechanism: str, qid: str, answer: str,
                              witness: dict[str, float]) -> None:
    q = question(qid)
    assert wrong_at(q, answer, witness), "the witness does not show the answer wrong"
    result = grade_expression(q, answer)
    assert result.status is Status.FAILED, f"{mechanism}: {result.status} {result.message}"
    assert result.message and len(result.message) <= 240


def test_every_mechanism_has_right_and_wrong_answers() -> None:
    assert set(ACCEPT) == set(REJECT)
    assert all(len(ACCEPT[m]) >= 8 and len(REJECT[m]) >= 8 for m in ACCEPT)
