"""Formula grading: every accepted form and rejected slip of the derivation tables, timed.

Each answer in `tests/formula_cases/` (at least eight right and eight wrong forms for each of the
bank's derivation questions) is graded once through `grade_expression`, as the quiz does, with
SymPy already imported. The baseline, in the same run, is grading each question's own reference
text: the cheapest answer there is. The target is absolute: p50 under 2 s per answer.
"""

from __future__ import annotations

import statistics
import sys
import time

from common import REPO, percentile

sys.path.insert(0, str(REPO / "tests"))

from formula_cases import derivations  # noqa: E402
from formula_cases.activations import CASES as ACTIVATIONS  # noqa: E402
from formula_cases.geometry import CASES as GEOMETRY  # noqa: E402
from formula_cases.losses import CASES as LOSSES  # noqa: E402
from formula_cases.training import CASES as TRAINING  # noqa: E402
from formula_cases.vision import CASES as VISION  # noqa: E402

from quizzer.bank.models import DerivationQuestion  # noqa: E402
from quizzer.core.result import Status  # noqa: E402
from quizzer.grader.symbolic import grade_expression  # noqa: E402

TABLES = {**ACTIVATIONS, **GEOMETRY, **LOSSES, **TRAINING, **VISION}


def _timed(question: DerivationQuestion, answer: str) -> tuple[float, Status]:
    start = time.perf_counter()
    result = grade_expression(question, answer)
    return time.perf_counter() - start, result.status


def _reference_text(question: DerivationQuestion) -> str:
    return question.reference or ""


def measure() -> list[dict[str, float | str]]:
    questions = derivations()
    grade_expression(next(iter(questions.values())), "0")  # SymPy imported, as in a warm quiz
    baseline = [_timed(q, _reference_text(q))[0] for q in questions.values() if q.reference]
    samples: list[float] = []
    wrong = 0
    for qid, cases in TABLES.items():
        question = questions[qid]
        for answer in cases.accept:
            seconds, status = _timed(question, answer)
            samples.append(seconds)
            wrong += status is not Status.PASSED
        for answer, _ in cases.reject:
            seconds, status = _timed(question, answer)
            samples.append(seconds)
            wrong += status is not Status.FAILED
    base = statistics.median(baseline)
    print(f"formula_grade: {len(samples)} answers graded, {wrong} verdicts differ from the tables")
    return [
        {"name": "formula_grade_p50", "value": statistics.median(samples), "baseline": base,
         "target": "", "target_text": "p50 <= 2 s"},
        {"name": "formula_grade_p95", "value": percentile(samples, 95), "baseline": base,
         "target": "", "target_text": "(reported)"},
        {"name": "formula_grade_max", "value": max(samples), "baseline": base,
         "target": "", "target_text": "(reported; the limit is 8 s)"},
    ]


if __name__ == "__main__":
    for r in measure():
        print(f"{r['name']}: {float(r['value']):.3f}s {float(r['baseline']):.3f}s "
              f"{float(r['value']) / float(r['baseline']):.2f} {r['target_text']}")
