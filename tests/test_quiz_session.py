"""The quiz session: selection, navigation, the injected clock, answers and results."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from quizzer.bank import Bank, load_bank
from quizzer.bank.models import Question
from quizzer.core.result import Check, GradeResult, Status
from quizzer.quiz import (
    BadNumber,
    Instance,
    QuizConfig,
    QuizSession,
    Rating,
    Tick,
    Verdict,
    select_questions,
)

BANK_DIR = Path(__file__).parent / "snapshots" / "bank"


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(BANK_DIR)


def pick(bank: Bank, *ids: str) -> list[Question]:
    by_id = bank.by_id()
    return [by_id[i] for i in ids]


def test_select_filters_by_topic_type_and_difficulty(bank: Bank) -> None:
    config = QuizConfig(topics=frozenset({"activations"}), types=frozenset({"choice", "short"}),
                        difficulties=frozenset({"medium"}))
    chosen = select_questions(bank.questions, config, random.Random(1))
    assert [q.id for q in chosen] == ["t-short"]


def test_select_caps_the_count_and_default_leaves_out_code(bank: Bank) -> None:
    chosen = select_questions(bank.questions, QuizConfig(count=4), random.Random(3))
    assert len(chosen) == 4
    everything = select_questions(bank.questions, QuizConfig(count=50), random.Random(3))
    assert {q.type for q in everything} == {"choice", "multi", "numeric", "short", "derivation"}


def test_select_interleaves_topics(bank: Bank) -> None:
    chosen = select_questions(bank.questions, QuizConfig(count=3), random.Random(5))
    assert len({q.topic for q in chosen}) == 3


def test_select_by_ids_keeps_their_order(bank: Bank) -> None:
    chosen = select_questions(bank.questions, QuizConfig(ids=("t-int", "t-choice")),
                              random.Random(0))
    assert [q.id for q in chosen] == ["t-int", "t-choice"]


def test_answers_are_judged_and_then_locked(bank: Bank) -> None:
    session = QuizSession(pick(bank, "t-choice", "t-multi", "t-int"), clock=FakeClock())
    assert session.answer_choice("c") is Verdict.CORRECT
    with pytest.raises(ValueError):
        session.answer_choice("A")
    session.next()
    assert session.answer_multi(["A"]) is Verdict.WRONG
    session.next()
    with pytest.raises(BadNumber):
        session.answer_numeric("thirty")
    assert session.current.verdict is Verdict.UNANSWERED
    assert session.answer_numeric("30") is Verdict.CORRECT
    assert session.results().correct == 2


def test_parametric_numeric_is_judged_against_the_drawn_answer(bank: Bank) -> None:
    instance = Instance(prompt="drawn", prompt_zh=None, answer=17.0)
    session = QuizSession(pick(bank, "t-int"), clock=FakeClock(), instances={"t-int": instance})
    assert session.answer_numeric("30") is Verdict.WRONG
    assert session.current.expected_number == 17.0


def test_short_answer_verdict_is_the_self_rating(bank: Bank) -> None:
    session = QuizSession(pick(bank, "t-short"), clock=FakeClock())
    session.answer_short("zero-centred")
    assert not session.current.locked
    assert session.rate(Rating.AGAIN) is Verdict.WRONG
    assert session.current.locked


def test_skip_goes_to_the_next_open_question_and_wraps(bank: Bank) -> None:
    session = QuizSession(pick(bank, "t-choice", "t-multi", "t-int"), clock=FakeClock())
    session.go(1)
    session.answer_multi(["A", "D"])
    session.go(2)
    assert session.skip()
    assert session.index == 0
    session.answer_choice("C")
    assert session.skip()
    assert session.index == 2
    session.answer_numeric("30")
    assert not session.skip()


def test_back_and_flag(bank: Bank) -> None:
    session = QuizSession(pick(bank, "t-choice", "t-multi"), clock=FakeClock())
    session.next()
    assert session.toggle_flag()
    session.back()
    assert session.index == 0
    assert [i.flagged for i in session.items] == [False, True]


def test_quiz_expires_and_unanswered_count_as_unanswered(bank: Bank) -> None:
    clock = FakeClock()
    session = QuizSession(pick(bank, "t-choice", "t-int"), QuizConfig(quiz_seconds=60),
                          clock=clock)
    session.answer_choice("C")
    clock.now += 59
    assert session.tick() is Tick.RUNNING
    assert session.remaining() == pytest.approx(1)
    clock.now += 2
    assert session.tick() is Tick.QUIZ_OVER
    results = session.results()
    assert (results.correct, results.unanswered, results.seconds) == (1, 1, 60 + 1)
    with pytest.raises(ValueError):
        session.answer_numeric("30")


def test_expired_question_is_timed_out_and_the_quiz_moves_on(bank: Bank) -> None:
    clock = FakeClock()
    config = QuizConfig(quiz_seconds=None, question_seconds=20)
    session = QuizSession(pick(bank, "t-choice", "t-int"), config, clock=clock)
    clock.now += 21
    assert session.tick() is Tick.QUESTION_EXPIRED
    assert session.items[0].timed_out and session.index == 1
    assert session.question_remaining() == pytest.approx(20)
    clock.now += 25
    assert session.tick() is Tick.QUIZ_OVER
    assert session.results().unanswered == 2


def test_time_is_counted_per_question_while_it_is_shown(bank: Bank) -> None:
    clock = FakeClock()
    session = QuizSession(pick(bank, "t-choice", "t-int"), clock=clock)
    clock.now += 5
    session.next()
    clock.now += 7
    session.back()
    clock.now += 1
    session.finish()
    assert [i.seconds for i in session.items] == [6, 7]


def test_grades_from_the_grader_decide_code_and_derivation(bank: Bank) -> None:
    session = QuizSession(pick(bank, "t-deriv", "t-code"), clock=FakeClock())
    index = session.submit("2*(yhat - y")
    assert session.current.verdict is Verdict.PENDING
    bad = GradeResult(task="t-deriv", status=Status.INVALID, message="unbalanced bracket")
    assert session.record_grade(index, bad) is Verdict.UNANSWERED
    session.submit("2*(yhat - y)")
    assert session.record_grade(index, GradeResult("t-deriv", Status.PASSED)) is Verdict.CORRECT
    session.next()
    failed = GradeResult("softmax", Status.FAILED, [Check("huge logits", False, "nan")])
    code = session.submit("def softmax(x, dim=-1): ...")
    assert session.record_grade(code, failed) is Verdict.WRONG
    session.submit("def softmax(x, dim=-1): return x.softmax(dim)")
    session.finish()
    assert session.results().pending == 1
    session.record_grade(code, GradeResult("softmax", Status.PASSED))
    assert session.results().correct == 2
