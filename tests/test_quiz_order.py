"""Options are shown in a per-attempt order decided by a recorded seed."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from quizzer.bank import Bank, load_bank
from quizzer.bank.models import ChoiceQuestion, MultiQuestion
from quizzer.progress import Store, record_answer
from quizzer.progress.transfer import export_progress, import_progress
from quizzer.quiz import Item, QuizSession, Verdict
from quizzer.quiz.order import display_order, key_letters, refer, to_bank, to_display
from quizzer.ui import text

BANK_DIR = Path(__file__).parent / "snapshots" / "bank"
WALL = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(BANK_DIR)


def choice(**changes: object) -> ChoiceQuestion:
    base: dict[str, object] = {
        "id": "q", "type": "choice", "topic": "t", "difficulty": "easy", "time": 30,
        "prompt": "p", "explanation": "{B} is right; {D} is not.",
        "choices": ["one", "two", "three", "all of them"], "answer": "B"}
    return ChoiceQuestion.model_validate(base | changes)


def test_order_is_a_seeded_permutation_that_varies_between_attempts() -> None:
    q = choice()
    orders = {display_order(q, seed) for seed in range(40)}
    assert all(sorted(o) == [0, 1, 2, 3] for o in orders)
    assert len(orders) > 10
    assert display_order(q, 7) == display_order(q, 7)
    assert display_order(q, None) == (0, 1, 2, 3)


def test_the_key_moves_between_letters() -> None:
    q = choice()
    seen = Counter(key_letters(q, display_order(q, seed))[0] for seed in range(200))
    assert set(seen) == {"A", "B", "C", "D"}
    assert max(seen.values()) < 90


def test_fixed_order_and_pinned_options_stay_in_place() -> None:
    assert {display_order(choice(fixed_order=True), s) for s in range(30)} == {(0, 1, 2, 3)}
    pinned = choice(pinned=["D"])
    orders = {display_order(pinned, s) for s in range(30)}
    assert all(o[3] == 3 for o in orders) and len(orders) > 1


def test_pinned_letters_are_validated() -> None:
    with pytest.raises(ValueError, match="not one of the choices"):
        choice(pinned=["E"])


def test_letters_translate_both_ways_and_explanations_follow() -> None:
    order = (2, 0, 3, 1)  # display A shows bank C, ...
    assert to_bank(order, "a") == "C" and to_display(order, "C") == "A"
    assert refer("{B} is right; {D} is not.", order) == "D is right; C is not."


def test_session_judges_the_letter_the_learner_saw(bank: Bank) -> None:
    q = bank.by_id()["t-choice"]  # key: bank C
    seed = next(s for s in range(100) if to_display(display_order(q, s), "C") != "C")
    session = QuizSession([q], seed=seed)
    shown = to_display(session.current.order, "C")
    assert session.answer_choice("C") is Verdict.WRONG
    session = QuizSession([q], seed=seed)
    assert session.answer_choice(shown.lower()) is Verdict.CORRECT
    assert session.current.answer == shown
    assert session.current.shown_seed == seed
    assert text.right_answer(session.current, "en") == f"{shown}. 0.25"


def test_multi_is_judged_in_display_letters(bank: Bank) -> None:
    q = bank.by_id()["t-multi"]
    assert isinstance(q, MultiQuestion)
    seed = next(s for s in range(100)
                if key_letters(q, display_order(q, s)) != sorted(q.answer))
    session = QuizSession([q], seed=seed)
    assert session.answer_multi(list(q.answer)) is Verdict.WRONG
    session = QuizSession([q], seed=seed)
    assert session.answer_multi(key_letters(q, session.current.order)) is Verdict.CORRECT


def test_review_rebuilds_the_order_from_the_recorded_seed(bank: Bank, tmp_path: Path) -> None:
    q = bank.by_id()["t-choice"]
    seed = next(s for s in range(100) if display_order(q, s)[0] != 0)
    session = QuizSession([q], seed=seed)
    wrong = next(x for x in "ABCD" if to_bank(session.current.order, x) != "C")
    session.answer_choice(wrong)
    seen = text.shown_choices(session.current, "zh")
    with Store.open(tmp_path / "p.sqlite3") as store:
        answer = session.current.answer
        assert isinstance(answer, str)
        record_answer(store, q, "wrong", at=WALL, answer=answer,
                      seed=session.current.shown_seed)
        attempt = store.attempts()[0]
        export_progress(store, tmp_path / "out.json", now=WALL)
    assert attempt.seed == seed and attempt.answer == wrong
    again = Item(q, answer=attempt.answer, verdict=Verdict.WRONG, seed=attempt.seed)
    assert text.shown_choices(again, "zh") == seen
    assert text.right_answer(again, "en") == text.right_answer(session.current, "en")
    with Store.open(tmp_path / "other.sqlite3") as other:
        import_progress(other, tmp_path / "out.json")
        assert other.attempts()[0].seed == seed
