"""`quizzer check` for derivations: each reference grades itself right and its near misses wrong.

A reference that does not parse, or a grader that cannot tell the reference from the reference
plus 0.001, times 1.001 or with its sign flipped, would make every learner's answer to that
question meaningless; the check proves neither happens, question by question.
"""

from __future__ import annotations

from collections.abc import Iterator

from quizzer.bank import Bank
from quizzer.bank.models import DerivationQuestion
from quizzer.core.result import Status

NEAR_MISSES = ("({}) + 0.001", "({}) * 1.001", "-({})")


def check_derivations(bank: Bank) -> Iterator[tuple[str, bool]]:
    """Yield a line per derivation that fails its self-check, then a summary line."""
    derivations = [q for q in bank.questions if isinstance(q, DerivationQuestion)]
    failing = 0
    for question in derivations:
        problems = list(_problems(question))
        failing += bool(problems)
        yield from ((f"derivation {question.id}: {p}", False) for p in problems)
    yield (f"derivations: {len(derivations) - failing}/{len(derivations)} references grade "
           f"themselves right and their near misses (+0.001, ×1.001, sign flip) wrong",
           failing == 0)


def _problems(question: DerivationQuestion) -> Iterator[str]:
    from quizzer.grader.symbolic import grade_expression
    from quizzer.grader.symbolic.api import reference_text
    from quizzer.grader.symbolic.tokens import InvalidExpression

    try:
        reference = reference_text(question)
    except (InvalidExpression, ValueError, TypeError) as exc:
        yield f"the reference does not parse: {exc}"
        return
    itself = grade_expression(question, reference)
    if itself.status is not Status.PASSED:
        yield f"the reference {reference!r} is graded {itself.status.value}: {itself.message}"
    for template in NEAR_MISSES:
        form = template.format(reference)
        result = grade_expression(question, form)
        if result.status is not Status.FAILED:
            yield f"{form!r} is graded {result.status.value}, but it must fail"
