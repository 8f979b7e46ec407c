"""Outcome -> FSRS rating, and cards as a pure function of their reviews."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fsrs import Rating

from quizzer.core.verdict import Verdict
from quizzer.progress.schedule import new_card, rating_for, replay, review, state_name

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("verdict", "kwargs", "expected"),
    [
        (Verdict.WRONG, {}, Rating.Again),
        (Verdict.WRONG, {"seconds": 1.0, "time_limit": 60.0}, Rating.Again),
        (Verdict.CORRECT, {}, Rating.Good),
        (Verdict.CORRECT, {"seconds": 30.0, "time_limit": 60.0}, Rating.Good),
        (Verdict.CORRECT, {"hint_used": True}, Rating.Hard),
        (Verdict.CORRECT, {"hint_used": True, "seconds": 1.0, "time_limit": 60.0}, Rating.Hard),
        (Verdict.CORRECT, {"seconds": 50.0, "time_limit": 60.0}, Rating.Hard),
        (Verdict.CORRECT, {"seconds": 20.0, "time_limit": 60.0}, Rating.Easy),
        (Verdict.CORRECT, {"seconds": 20.0, "time_limit": 60.0, "first_try": False}, Rating.Good),
        (Verdict.CORRECT, {"self_rating": 2}, Rating.Hard),
        (Verdict.WRONG, {"self_rating": 1}, Rating.Again),
        (Verdict.CORRECT, {"self_rating": 4, "seconds": 59.0, "time_limit": 60.0}, Rating.Easy),
    ],
)
def test_outcome_maps_to_rating(verdict: Verdict, kwargs: dict[str, Any],
                                expected: Rating) -> None:
    assert rating_for(verdict, **kwargs) is expected


def test_skipped_question_leaves_card_alone() -> None:
    assert rating_for(Verdict.SKIPPED, seconds=1.0, time_limit=60.0) is None


def test_unanswered_question_is_no_lapse() -> None:
    assert rating_for(Verdict.UNANSWERED, seconds=40.0, time_limit=40.0) is None


def test_skip_does_not_count_toward_accuracy() -> None:
    assert not Verdict.SKIPPED.graded
    assert Verdict.UNANSWERED.graded


def test_good_answers_push_the_due_date_further_each_time() -> None:
    card = review(new_card("q", T0), Rating.Good, T0)
    gaps = []
    at = T0
    for _ in range(3):
        at = card.due
        card = review(card, Rating.Good, at)
        gaps.append(card.due - at)
    assert gaps[0] < gaps[1] < gaps[2]
    assert state_name(card) == "review"


def test_again_brings_a_card_back_sooner_than_good() -> None:
    card = review(new_card("q", T0), Rating.Good, T0)
    card = review(card, Rating.Good, card.due)
    at = card.due
    assert review(card, Rating.Again, at).due < review(card, Rating.Good, at).due
    assert state_name(review(card, Rating.Again, at)) == "relearning"


def test_replay_is_deterministic_and_matches_step_by_step_reviews() -> None:
    steps = [(T0, Rating.Good), (T0 + timedelta(days=1), Rating.Again),
             (T0 + timedelta(days=2), Rating.Easy)]
    card = new_card("q", T0)
    for at, rating in steps:
        card = review(card, rating, at)
    first, second = replay("q", steps), replay("q", steps)
    assert first is not None and second is not None
    assert first.to_dict() == second.to_dict() == card.to_dict()


def test_replay_of_nothing_is_no_card() -> None:
    assert replay("q", []) is None
