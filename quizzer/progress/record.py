"""Recording from the bank's point of view: content hashes, and attempts of bank questions
(`record_answer` for the quiz, `record_grade` for `quizzer grade`)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from datetime import datetime

from quizzer.bank import Question
from quizzer.core.result import GradeResult
from quizzer.core.verdict import Verdict, failed_checks, verdict_of
from quizzer.progress.store import Attempt, Store


def content_hash(question: Question) -> str:
    """A short hash of the question's canonical JSON dump: it changes when the content does."""
    dump = json.dumps(question.model_dump(mode="json"), sort_keys=True, ensure_ascii=False,
                      separators=(",", ":"))
    return hashlib.sha256(dump.encode()).hexdigest()[:16]


def content_hashes(questions: Iterable[Question]) -> dict[str, str]:
    """id -> content hash, for `Store.flag_changed`."""
    return {q.id: content_hash(q) for q in questions}


def submission_hash(text: str) -> str:
    """What is logged for a code submission instead of the code itself."""
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def question_for_task(questions: Iterable[Question], task: str) -> Question | None:
    """The `type: code` question whose grader task is `task`."""
    return next((q for q in questions if q.type == "code" and q.task == task), None)


def record_answer(
    store: Store,
    question: Question,
    verdict: Verdict | str,
    *,
    at: datetime,
    answer: str | None = None,
    checks_failed: Iterable[str] = (),
    seconds: float | None = None,
    hint_used: bool = False,
    quiz_id: str | None = None,
    self_rating: int | None = None,
    seed: int | None = None,
    drawn: Mapping[str, int | float] | None = None,
) -> Attempt:
    """Log an attempt at a bank question (type, topic, time limit and hash come from it).

    `seed` is the one that ordered the options or drew the values the learner saw; `drawn` is
    a parametric question's values and right answer (`Instance.drawn`).
    """
    return store.record_attempt(
        question.id, qtype=question.type, topic=question.topic, verdict=verdict, at=at,
        answer=answer, checks_failed=tuple(checks_failed), seconds=seconds, hint_used=hint_used,
        quiz_id=quiz_id, self_rating=self_rating, content_hash=content_hash(question),
        time_limit=float(question.time), seed=seed, drawn=drawn)


def grade_outcome(result: GradeResult) -> tuple[Verdict, list[str]] | None:
    """The verdict and failed checks of a grade; None for INVALID, which is not an attempt."""
    verdict = verdict_of(result)
    return None if verdict is None else (verdict, failed_checks(result))


def record_grade(
    store: Store,
    result: GradeResult,
    question: Question,
    *,
    at: datetime,
    answer: str | None = None,
    seconds: float | None = None,
    hint_used: bool = False,
    quiz_id: str | None = None,
    seed: int | None = None,
) -> Attempt | None:
    """Log a grader verdict; an INVALID (unparsable) answer is not an attempt and returns None.

    `answer` is the expression, or `submission_hash(code)`; `seconds` is the learner's time when
    known (the grader's own run time says nothing about recall, so it is not used).
    """
    outcome = grade_outcome(result)
    if outcome is None:
        return None
    verdict, failed = outcome
    return record_answer(store, question, verdict, at=at, answer=answer, checks_failed=failed,
                         seconds=seconds, hint_used=hint_used, quiz_id=quiz_id, seed=seed)


def record_code_grade(
    store: Store,
    questions: Iterable[Question],
    task: str,
    result: GradeResult,
    *,
    at: datetime,
    answer: str | None = None,
    hint_used: bool = False,
) -> Attempt | None:
    """Log a code task's verdict against the bank question that uses the task, or as
    `task:NAME` when none does (INVALID is not an attempt: None)."""
    question = question_for_task(questions, task)
    if question is not None:
        return record_grade(store, result, question, at=at, answer=answer, hint_used=hint_used)
    outcome = grade_outcome(result)
    if outcome is None:
        return None
    return store.record_attempt(f"task:{task}", qtype="code", topic="code", verdict=outcome[0],
                                checks_failed=outcome[1], at=at, answer=answer,
                                hint_used=hint_used)
