"""Every derivation question in the bank: at least eight accepted forms and eight rejected slips.

The tables live in `formula_cases/<topic>.py`. An accepted form is first checked against the
reference at ordinary points, and a slip at its witness point, by an evaluation independent of
the grader; then the grader must agree.
"""

from __future__ import annotations

import pytest
from formula_cases import Cases, derivations, ordinary_points, wrong_at
from formula_cases.activations import CASES as ACTIVATIONS
from formula_cases.geometry import CASES as GEOMETRY
from formula_cases.losses import CASES as LOSSES
from formula_cases.training import CASES as TRAINING
from formula_cases.vision import CASES as VISION

from quizzer.core.result import Status
from quizzer.grader.symbolic import grade_expression

TABLES: dict[str, Cases] = {**ACTIVATIONS, **GEOMETRY, **LOSSES, **TRAINING, **VISION}
MINIMUM = 8


def test_every_derivation_question_has_a_table() -> None:
    assert sorted(TABLES) == sorted(derivations())


@pytest.mark.parametrize("qid", sorted(TABLES))
def test_accepted_forms_pass_and_slips_fail(qid: str) -> None:
    question, cases = derivations()[qid], TABLES[qid]
    assert len(set(cases.accept)) >= MINIMUM and len({a for a, _ in cases.reject}) >= MINIMUM
    problems = []
    for answer in cases.accept:
        if any(wrong_at(question, answer, p) for p in ordinary_points(question, 3)):
            problems.append(f"table error, not a right answer: {answer}")
            continue
        result = grade_expression(question, answer)
        if result.status is not Status.PASSED:
            problems.append(f"refused {answer!r}: {result.status.value} {result.message}")
    for answer, witness in cases.reject:
        if not wrong_at(question, answer, witness):
            problems.append(f"table error, {answer!r} is right at {witness}")
            continue
        result = grade_expression(question, answer)
        if result.status is not Status.FAILED:
            problems.append(f"did not reject {answer!r}: {result.status.value} {result.message}")
    assert not problems, "\n".join(problems)
