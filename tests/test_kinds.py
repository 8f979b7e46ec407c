"""The kind registry: one entry per question type, and the rules every caller reads from it."""

from __future__ import annotations

import typing

import pytest

from quizzer.bank import KINDS, QUESTION_TYPES, kind_of, load_bank
from quizzer.bank.kinds import Judge, formula
from quizzer.bank.models import ChoiceQuestion, MultiQuestion, Question
from quizzer.quiz.select import ALL_TYPES


def test_every_model_of_the_union_has_exactly_one_kind() -> None:
    union = typing.get_args(typing.get_args(Question)[0])
    assert {kind.model for kind in KINDS.values()} == set(union)
    for name, kind in KINDS.items():
        annotation: object = kind.model.model_fields["type"].annotation
        assert typing.get_args(annotation) == (name,)
    assert tuple(KINDS) == QUESTION_TYPES and set(KINDS) == ALL_TYPES


def test_who_judges_each_type() -> None:
    judges = {name: kind.judge for name, kind in KINDS.items()}
    assert judges == {"choice": Judge.QUIZ, "multi": Judge.QUIZ, "numeric": Judge.QUIZ,
                      "short": Judge.LEARNER, "code": Judge.GRADER, "derivation": Judge.GRADER}
    assert [n for n, k in KINDS.items() if k.regradable] == ["code"]
    assert [n for n, k in KINDS.items() if k.options] == ["choice", "multi"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_question_of_the_bank_states_its_right_answer(lang: str) -> None:
    for q in load_bank().questions:
        if getattr(q, "params", None) is not None:
            continue  # parametric: the answer exists only for drawn values
        said = kind_of(q).right_answer(q, lang)
        assert said.strip(), q.id


def test_option_answers_use_the_letters_the_learner_saw() -> None:
    q = ChoiceQuestion(id="c", topic="t", difficulty="easy", time=30, type="choice", prompt="p",
                       explanation="e", choices=["w", "x", "y", "z"], answer="C")
    assert kind_of(q).right_answer(q, "en") == "C. y"
    assert kind_of(q).right_answer(q, "en", order=(2, 0, 1, 3)) == "A. y"
    m = MultiQuestion(id="m", topic="t", difficulty="easy", time=30, type="multi", prompt="p",
                      explanation="e", choices=["w", "x", "y", "z"], answer=["A", "D"])
    assert kind_of(m).right_answer(m, "en", order=(3, 1, 2, 0)) == "A. z; D. w"


def test_numbers_and_formulas_read_as_written() -> None:
    q = load_bank().questions[0]
    assert kind_of(q) is KINDS[q.type]
    assert formula("x**2*exp(-x)") == "x^2·exp(-x)"
    assert formula("(1 - tanh(x)**2) * 2") == "(1 - tanh(x)^2)·2"
