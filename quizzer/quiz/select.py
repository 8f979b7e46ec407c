"""Choosing a quiz's questions from the bank: by topic, type, difficulty and count."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from quizzer.bank.kinds import KINDS
from quizzer.bank.models import Question

ALL_TYPES = frozenset(KINDS)
QUIZ_TYPES = ALL_TYPES - {"code"}
"""A default quiz leaves code tasks out: they take far longer than the rest and have their own
practice mode."""


@dataclass(frozen=True)
class QuizConfig:
    """What a quiz draws from and how long it may take. An empty filter means "any"."""

    topics: frozenset[str] = frozenset()
    types: frozenset[str] = QUIZ_TYPES
    difficulties: frozenset[str] = frozenset()
    count: int = 10
    quiz_seconds: int | None = 15 * 60
    """The whole quiz's limit; None for no limit."""
    question_seconds: int | None = None
    """Each question's limit; None for no limit."""
    ids: tuple[str, ...] = field(default=())
    """Exactly these questions (review mode); the filters above are then ignored."""


def matches(question: Question, config: QuizConfig) -> bool:
    """Whether the question passes the config's topic, type and difficulty filters."""
    return (
        (not config.topics or question.topic in config.topics)
        and (not config.types or question.type in config.types)
        and (not config.difficulties or question.difficulty in config.difficulties)
    )


def select_questions(
    questions: Sequence[Question], config: QuizConfig, rng: random.Random
) -> list[Question]:
    """Up to `config.count` matching questions in random order, topics interleaved.

    Interleaving keeps a mixed quiz mixed: a random sample from a bank dominated by one topic
    would otherwise often be all that topic.
    """
    if config.ids:
        by_id = {q.id: q for q in questions}
        return [by_id[i] for i in config.ids if i in by_id][: config.count or None]
    by_topic: dict[str, list[Question]] = {}
    for q in questions:
        if matches(q, config):
            by_topic.setdefault(q.topic, []).append(q)
    piles = list(by_topic.values())
    for pile in piles:
        rng.shuffle(pile)
    rng.shuffle(piles)
    chosen: list[Question] = []
    while len(chosen) < config.count and any(piles):
        for pile in piles:
            if pile and len(chosen) < config.count:
                chosen.append(pile.pop())
    return chosen
