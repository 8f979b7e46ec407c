"""From an attempt's outcome to an FSRS rating, and the card arithmetic around it.

Ratings come from objective results where there are any:

- wrong -> Again;
- accepted after a hint, or with more than 80% of the suggested time used -> Hard;
- accepted on the first try in under 40% of the suggested time -> Easy;
- any other acceptance -> Good;
- short answers use the learner's self-rating (1 Again .. 4 Easy) when one is given;
- a skipped question, or one seen but left unanswered when the time ran out or the quiz ended,
  is logged but leaves its card alone: it says nothing certain about memory, and a lapse
  (Again) for every question a quiz did not reach would fill the schedule with false failures.

Fuzzing is off, so a card is a pure function of its attempts: the same log always gives the same
schedule, which is what lets an import rebuild cards by replaying merged attempts.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from fsrs import Card, Rating, Scheduler, State

from quizzer.core.verdict import Verdict

HARD_FRACTION = 0.8
EASY_FRACTION = 0.4
# One ten-minute learning step: a miss comes back later in the same sitting, while a first right
# answer graduates at once (FSRS's default second step would re-ask it after ten minutes, which
# for an interview question tests short-term memory, not recall).
SCHEDULER = Scheduler(enable_fuzzing=False, learning_steps=(timedelta(minutes=10),))


def rating_for(
    verdict: Verdict,
    *,
    self_rating: int | None = None,
    hint_used: bool = False,
    seconds: float | None = None,
    time_limit: float | None = None,
    first_try: bool = True,
) -> Rating | None:
    """The FSRS rating for an outcome, or None when the card should not move (a skip, or a
    question left unanswered)."""
    if verdict in (Verdict.SKIPPED, Verdict.UNANSWERED):
        return None
    if not verdict.loggable:
        raise ValueError(f"a {verdict} answer is not an attempt")
    if self_rating is not None:
        return Rating(self_rating)
    if verdict is not Verdict.CORRECT:
        return Rating.Again
    fraction = seconds / time_limit if seconds is not None and time_limit else None
    if hint_used or (fraction is not None and fraction > HARD_FRACTION):
        return Rating.Hard
    if first_try and fraction is not None and fraction < EASY_FRACTION:
        return Rating.Easy
    return Rating.Good


def new_card(question_id: str, now: datetime) -> Card:
    """A fresh card; the id is derived from the question id so nothing reads the clock."""
    return Card(card_id=zlib.crc32(question_id.encode()) or 1, due=now)


def review(card: Card, rating: Rating, at: datetime) -> Card:
    """The card after one review at `at` (any timezone-aware time; FSRS wants UTC)."""
    updated, _log = SCHEDULER.review_card(card, rating, review_datetime=at.astimezone(UTC))
    return updated


def replay(question_id: str, reviews: Iterable[tuple[datetime, Rating]]) -> Card | None:
    """The card built from a question's reviews in time order; None when there are none."""
    card: Card | None = None
    for at, rating in reviews:
        card = review(card or new_card(question_id, at), rating, at)
    return card


def state_name(card: Card) -> str:
    """`learning`, `review` or `relearning`."""
    return State(card.state).name.lower()


def retrievability(card: Card, now: datetime) -> float:
    """The predicted chance of recalling the card at `now` (0 for a card never reviewed)."""
    return float(SCHEDULER.get_card_retrievability(card, now.astimezone(UTC)))
