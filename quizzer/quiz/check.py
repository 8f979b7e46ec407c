"""Checking the answers the quiz can judge by itself: choice, multi and numeric."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from enum import StrEnum
from fractions import Fraction

from quizzer.bank.models import Tolerance
from quizzer.core.verdict import Verdict


class Rating(StrEnum):
    """A self-rating for a short answer, in spaced-repetition terms."""

    AGAIN = "again"
    HARD = "hard"
    GOOD = "good"
    EASY = "easy"

    @property
    def verdict(self) -> Verdict:
        """`Again` means the learner did not know it; the other three count as known."""
        return Verdict.WRONG if self is Rating.AGAIN else Verdict.CORRECT


class BadNumber(ValueError):
    """The text typed as a numeric answer is not a number."""


_NUMBER_NOISE = re.compile(r"[\s_,]")


def parse_number(text: str) -> float:
    """A number from what a learner types: `12`, `0.25`, `1e-3`, `1/4`, `25%`, `1,024`.

    Raises:
        BadNumber: the text is empty or not a number.
    """
    cleaned = _NUMBER_NOISE.sub("", text)
    scale = 1.0
    if cleaned.endswith("%"):
        cleaned, scale = cleaned[:-1], 0.01
    if not cleaned:
        raise BadNumber("type a number")
    try:
        value = float(Fraction(cleaned)) if "/" in cleaned else float(cleaned)
    except (ValueError, ZeroDivisionError) as exc:
        raise BadNumber(f"{text.strip()!r} is not a number") from exc
    if not math.isfinite(value):
        raise BadNumber("the answer must be a finite number")
    return value * scale


def numeric_correct(got: float, want: float, tolerance: Tolerance) -> bool:
    """The question's tolerance decides (`Tolerance.accepts`)."""
    return tolerance.accepts(got, want)


def choice_correct(got: str, want: str) -> bool:
    """One letter against the right letter."""
    return got.strip().upper() == want


def multi_correct(got: Iterable[str], want: Iterable[str]) -> bool:
    """All right letters and no wrong one."""
    return {g.strip().upper() for g in got} == set(want)
