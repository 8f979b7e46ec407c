"""The store: logging attempts, due lists, mistakes, changed flags, settings and stats."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from quizzer.progress import Store, StoreError, Verdict, db_path

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "p.sqlite3") as s:
        yield s


def record(store: Store, qid: str, verdict: str, at: datetime, **kw: Any) -> None:
    topic = str(kw.pop("topic", "norm"))
    qtype = str(kw.pop("qtype", "choice"))
    store.record_attempt(qid, qtype=qtype, topic=topic, verdict=verdict, at=at,
                         **kw)


def test_default_location_follows_quizzer_home(quizzer_home: Path) -> None:
    with Store.open() as s:
        assert s.path == quizzer_home / "progress.sqlite3" == db_path()
    assert (quizzer_home / "progress.sqlite3").exists()


def test_attempt_round_trips_every_field(store: Store) -> None:
    made = store.record_attempt(
        "bn-eps", qtype="code", topic="normalization", verdict="wrong", at=T0,
        answer="sha256:ab", checks_failed=["eps-inside-sqrt", "shape"], seconds=42.5,
        hint_used=True, quiz_id="quiz-1", content_hash="h1")
    [got] = store.attempts()
    assert got == made
    assert got.verdict is Verdict.WRONG and got.checks_failed == ("eps-inside-sqrt", "shape")
    assert got.rating == 1


def test_naive_times_are_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="timezone"):
        record(store, "q", "correct", datetime(2026, 3, 1, 9, 0))
    assert store.attempts() == []


def test_self_rating_out_of_range_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="self_rating"):
        record(store, "q", "correct", T0, qtype="short", self_rating=5)


def test_wrong_answer_is_due_soon_and_right_answer_later(store: Store) -> None:
    record(store, "right", "correct", T0)
    record(store, "wrong", "wrong", T0)
    assert store.due(T0) == []
    assert [d.question_id for d in store.due(T0 + timedelta(hours=1))] == ["wrong"]
    later = store.due(T0 + timedelta(days=30))
    assert [d.question_id for d in later] == ["wrong", "right"]


def test_skip_is_logged_without_creating_a_card(store: Store) -> None:
    record(store, "q", "skipped", T0)
    assert len(store.attempts()) == 1
    assert store.cards() == []


def test_acceptance_soon_after_a_rejection_is_not_easy(store: Store) -> None:
    record(store, "q", "wrong", T0)
    record(store, "q", "correct", T0 + timedelta(minutes=5), seconds=1.0, time_limit=60.0)
    record(store, "fresh", "correct", T0 + timedelta(minutes=5), seconds=1.0, time_limit=60.0)
    ratings = {a.question_id: a.rating for a in store.attempts() if a.verdict == "correct"}
    assert ratings == {"q": 3, "fresh": 4}


def test_mistakes_lists_questions_still_wrong_newest_first(store: Store) -> None:
    record(store, "fixed", "wrong", T0)
    record(store, "fixed", "correct", T0 + timedelta(minutes=1))
    record(store, "old", "wrong", T0 + timedelta(minutes=2))
    record(store, "timeout", "unanswered", T0 + timedelta(minutes=3))
    record(store, "timeout", "skipped", T0 + timedelta(minutes=4))
    assert [a.question_id for a in store.mistakes()] == ["timeout", "old"]


def test_changed_question_keeps_its_card_and_is_flagged_until_answered(store: Store) -> None:
    record(store, "q", "correct", T0, content_hash="v1")
    record(store, "same", "correct", T0, content_hash="s1")
    before = store.cards()
    assert store.flag_changed({"q": "v2", "same": "s1", "absent": "x"}) == ["q"]
    flagged = {c.question_id: c for c in store.cards()}
    assert flagged["q"].changed and not flagged["same"].changed
    assert [(c.due, c.reviews) for c in store.cards()] == [(c.due, c.reviews) for c in before]
    record(store, "q", "correct", T0 + timedelta(days=3), content_hash="v2")
    assert not {c.question_id: c for c in store.cards()}["q"].changed
    assert store.flag_changed({"q": "v2"}) == []


def test_settings_are_stored_and_overwritten(store: Store) -> None:
    assert store.get_setting("lang") is None
    assert store.get_setting("lang", "en") == "en"
    store.set_setting("lang", "zh")
    store.set_setting("lang", "en")
    assert store.get_setting("lang") == "en"


def test_stats_tally_topics_types_and_days(store: Store) -> None:
    record(store, "a", "correct", T0, topic="norm", qtype="choice")
    record(store, "b", "wrong", T0, topic="norm", qtype="code")
    record(store, "c", "correct", T0 + timedelta(days=1), topic="det", qtype="code")
    record(store, "d", "skipped", T0 + timedelta(days=1), topic="det", qtype="code")
    s = store.stats(T0 + timedelta(days=1, hours=1)).as_dict()
    assert (s["attempts"], s["skipped"]) == (4, 1)
    assert s["overall"] == {"attempts": 3, "correct": 2, "accuracy": 2 / 3}
    assert s["by_topic"]["norm"] == {"attempts": 2, "correct": 1, "accuracy": 0.5}
    assert s["by_type"]["code"] == {"attempts": 2, "correct": 1, "accuracy": 0.5}
    assert [(p["day"], p["attempts"]) for p in s["by_day"]] == [("2026-03-01", 2),
                                                                ("2026-03-02", 1)]


@pytest.mark.parametrize(
    ("offsets", "today_offset", "expected"),
    [
        ([], 0, 0),
        ([0], 0, 1),
        ([0, 1, 2], 2, 3),
        ([0, 1, 2], 3, 3),
        ([0, 1, 2], 4, 0),
        ([0, 2, 3], 3, 2),
    ],
)
def test_streak_counts_consecutive_days_ending_today_or_yesterday(
    store: Store, offsets: list[int], today_offset: int, expected: int
) -> None:
    for n, day in enumerate(offsets):
        record(store, f"q{n}", "correct", T0 + timedelta(days=day))
    assert store.stats(T0 + timedelta(days=today_offset)).streak_days == expected


def test_days_follow_the_timezone_of_now(store: Store) -> None:
    record(store, "q", "correct", datetime(2026, 3, 1, 23, 30, tzinfo=UTC))
    tokyo = timezone(timedelta(hours=9))
    [point] = store.stats(datetime(2026, 3, 2, 12, 0, tzinfo=tokyo)).by_day
    assert point.day.isoformat() == "2026-03-02"


def test_due_counts_now_today_and_changed(store: Store) -> None:
    record(store, "w", "wrong", T0, content_hash="h")
    record(store, "r", "correct", T0)
    store.flag_changed({"w": "h2"})
    due = store.stats(T0 + timedelta(hours=1)).due
    assert (due.now, due.today, due.cards, due.changed) == (1, 1, 2, 1)
    assert store.stats(T0).due.today == 1


def test_attempt_older_than_the_last_review_is_replayed_in_time_order(
    store: Store, tmp_path: Path
) -> None:
    record(store, "q", "correct", T0 + timedelta(days=3))
    record(store, "q", "wrong", T0)  # the clock was set back
    with Store.open(tmp_path / "in-order.sqlite3") as ordered:
        record(ordered, "q", "wrong", T0)
        record(ordered, "q", "correct", T0 + timedelta(days=3))
        [expected] = ordered.cards()
    [card] = store.cards()
    assert (card.due, card.state, card.reviews) == (expected.due, expected.state, 2)


def test_unopenable_location_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(StoreError, match="cannot open"):
        Store.open(blocker / "p.sqlite3")
