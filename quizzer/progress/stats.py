"""Progress figures for `quizzer stats` and the stats screen: totals, accuracy per topic, type
and day, the streak and due counts. Days are counted in the timezone of the `now` passed in."""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal

GRADED = "verdict != 'skipped'"


@dataclass(frozen=True)
class Tally:
    """Graded attempts and how many were correct."""

    attempts: int
    correct: int

    @property
    def accuracy(self) -> float | None:
        """Correct / graded attempts; None when there are none."""
        return self.correct / self.attempts if self.attempts else None


@dataclass(frozen=True)
class DayPoint:
    """One day with at least one graded attempt (a point of the accuracy-over-time chart)."""

    day: date
    tally: Tally


@dataclass(frozen=True)
class DueCounts:
    """How many questions are waiting."""

    now: int
    """Due at `now`."""
    today: int
    """Due before the end of `now`'s day (includes `now`)."""
    cards: int
    """Questions with a schedule at all."""
    changed: int
    """Cards whose question changed since last answered."""


@dataclass(frozen=True)
class Stats:
    """Everything `quizzer stats` shows."""

    attempts: int
    """Every logged attempt, skips included."""
    skipped: int
    overall: Tally
    by_topic: dict[str, Tally] = field(default_factory=dict)
    by_type: dict[str, Tally] = field(default_factory=dict)
    by_day: list[DayPoint] = field(default_factory=list)
    streak_days: int = 0
    """Consecutive days with an attempt, ending today (or yesterday: today is not over)."""
    due: DueCounts = DueCounts(0, 0, 0, 0)
    last_attempt: datetime | None = None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready, with each tally's accuracy included."""
        def tally(t: Tally) -> dict[str, Any]:
            return {"attempts": t.attempts, "correct": t.correct, "accuracy": t.accuracy}

        return {
            "attempts": self.attempts,
            "skipped": self.skipped,
            "overall": tally(self.overall),
            "by_topic": {k: tally(v) for k, v in self.by_topic.items()},
            "by_type": {k: tally(v) for k, v in self.by_type.items()},
            "by_day": [{"day": p.day.isoformat(), **tally(p.tally)} for p in self.by_day],
            "streak_days": self.streak_days,
            "due": asdict(self.due),
            "last_attempt": self.last_attempt.isoformat() if self.last_attempt else None,
        }


def compute_stats(conn: sqlite3.Connection, now: datetime) -> Stats:
    """Read the figures from an open progress database."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    total, skipped, last = conn.execute(
        "SELECT count(*), coalesce(sum(verdict = 'skipped'), 0), max(at) FROM attempts"
    ).fetchone()
    by_day, active = _days(conn, now)
    return Stats(
        attempts=total,
        skipped=skipped,
        overall=_tallies(conn, "'all'").get("all", Tally(0, 0)),
        by_topic=_tallies(conn, "topic"),
        by_type=_tallies(conn, "qtype"),
        by_day=by_day,
        streak_days=_streak(active, now.date()),
        due=_due_counts(conn, now),
        last_attempt=datetime.fromisoformat(last) if last else None,
    )


def _tallies(conn: sqlite3.Connection, column: Literal["'all'", "topic", "qtype"]
             ) -> dict[str, Tally]:
    # `column` is one of three literals of ours, never user input, so formatting it in is safe.
    sql = f"SELECT {column}, count(*), sum(verdict = 'correct') FROM attempts"
    rows = conn.execute(f"{sql} WHERE {GRADED} GROUP BY 1 ORDER BY 1")
    return {str(key): Tally(n, int(ok)) for key, n, ok in rows.fetchall()}


def _days(conn: sqlite3.Connection, now: datetime) -> tuple[list[DayPoint], set[date]]:
    """Graded tallies per day in `now`'s timezone, and every day with any attempt (skips too)."""
    days: dict[date, tuple[int, int]] = {}
    active: set[date] = set()
    for at, verdict in conn.execute("SELECT at, verdict FROM attempts"):
        day = datetime.fromisoformat(at).astimezone(now.tzinfo).date()
        active.add(day)
        if verdict != "skipped":
            n, ok = days.get(day, (0, 0))
            days[day] = (n + 1, ok + (verdict == "correct"))
    return [DayPoint(d, Tally(n, ok)) for d, (n, ok) in sorted(days.items())], active


def _streak(days: set[date], today: date) -> int:
    """Length of the run of consecutive active days ending today or yesterday."""
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


def _due_counts(conn: sqlite3.Connection, now: datetime) -> DueCounts:
    local = now.astimezone(now.tzinfo)
    end_of_day = datetime.combine(local.date() + timedelta(days=1), datetime.min.time(),
                                  tzinfo=local.tzinfo)
    row = conn.execute(
        "SELECT coalesce(sum(due <= ?), 0), coalesce(sum(due < ?), 0), count(*), "
        "coalesce(sum(changed), 0) FROM cards",
        (_iso(now), _iso(end_of_day))).fetchone()
    return DueCounts(now=row[0], today=row[1], cards=row[2], changed=row[3])


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")
