"""The bank's promises: counts per type, both languages everywhere, valid parametric draws,
every grader task asked, and every seed-catalog topic covered."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from quizzer.bank import Question, load_bank
from quizzer.bank.models import (
    ChoiceQuestion,
    CodeQuestion,
    MultiQuestion,
    NumericQuestion,
    ShortQuestion,
)
from quizzer.core.catalog import TASK_NAMES

TOPICS_FILE = Path(__file__).parent / "data" / "catalog_topics.txt"
"""The topic ids of §2 (TOPICS) of each seed catalog (`../shared/seed-catalog/seeds-*.md`),
one per line under a `# file` header; kept here so the test runs wherever the repo is cloned."""
BANK = load_bank()


def catalog_topics() -> set[str]:
    """Every topic id listed in the seed catalogs."""
    lines = TOPICS_FILE.read_text("utf-8").splitlines()
    return {line for line in lines if line and not line.startswith("#")}


def test_bank_has_no_problems() -> None:
    assert [str(p) for p in BANK.problems] == []


def test_counts_per_type() -> None:
    types = Counter(q.type for q in BANK.questions)
    parametric = [q for q in BANK.questions if isinstance(q, NumericQuestion) and q.params]
    assert len(BANK.questions) >= 300
    assert types["choice"] + types["multi"] >= 120
    assert types["numeric"] >= 60
    assert len(parametric) >= 30
    assert types["short"] >= 50
    assert types["derivation"] >= 25


def test_every_grader_task_has_a_code_question() -> None:
    asked = {q.task for q in BANK.questions if isinstance(q, CodeQuestion)}
    assert set(TASK_NAMES) - asked == set()


def missing_chinese(q: Question) -> list[str]:
    """The fields of `q` that have no Chinese version."""
    if q.zh is None:
        return ["zh"]
    missing = []
    if isinstance(q, ChoiceQuestion | MultiQuestion) and q.zh.choices is None:
        missing.append("zh.choices")
    if isinstance(q, ShortQuestion) and (q.zh.model_answer is None or not q.zh.key_points):
        missing.append("zh.model_answer/key_points")
    if q.hints and len(q.zh.hints) != len(q.hints):
        missing.append("zh.hints")
    return missing


def test_every_question_is_in_both_languages() -> None:
    gaps = {q.id: m for q in BANK.questions if (m := missing_chinese(q))}
    assert gaps == {}


@pytest.mark.parametrize(
    "question",
    [q for q in BANK.questions if isinstance(q, NumericQuestion) and q.params],
    ids=lambda q: q.id,
)
def test_parametric_question_draws_valid_instances_for_100_seeds(question: NumericQuestion) -> None:
    from quizzer.grader.draw import draw

    answers = {draw(question, seed).answer for seed in range(100)}
    assert all(a == a and abs(a) != float("inf") for a in answers)


def test_every_catalog_topic_is_covered() -> None:
    topics = catalog_topics()
    assert len(topics) >= 350, "the catalogs list 370 topics"
    covered = {c for q in BANK.questions for c in q.covers}
    assert sorted(topics - covered) == []
    assert sorted(covered - topics) == [], "covers names a topic id the catalogs do not have"
