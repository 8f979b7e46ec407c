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


_NUMBER_NOISE = re.compile(r"[\s_]")
_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-", "\uff0c": ","})
"""U+2212 minus (as the explanations print it), an en dash, and a full-width comma."""
_THOUSANDS = re.compile(r"^[-+]?[1-9]\d{0,2}(,\d{3})+(\.\d*)?$")
_ONE_GROUP = re.compile(r"^[-+]?[1-9]\d{0,2},\d{3}$")


def parse_number(text: str) -> float:
    """A number from what a learner types: `12`, `0.25`, `1e-3`, `1/4`, `25%`, `−0.5` (U+2212),
    `0,5` (a decimal comma), `1,024,000` or `1,234.5` (thousands separators).

    A single comma before exactly three digits (`1,234`) could be either, so it is refused with
    a message saying how to write it.

    Raises:
        BadNumber: the text is empty, not a number, or ambiguous.
    """
    cleaned = _decimal_point(_NUMBER_NOISE.sub("", text.translate(_MINUS)), text)
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


def _decimal_point(cleaned: str, text: str) -> str:
    """Commas read as a person means them: thousands separators, or one decimal comma."""
    if "," not in cleaned:
        return cleaned
    if _ONE_GROUP.match(cleaned):
        raise BadNumber(f"{text.strip()!r} is ambiguous: write {cleaned.replace(',', '')} for "
                        f"thousands or {cleaned.replace(',', '.')} for a decimal")
    if _THOUSANDS.match(cleaned):
        return cleaned.replace(",", "")
    if cleaned.count(",") == 1 and "." not in cleaned:
        return cleaned.replace(",", ".")
    raise BadNumber(f"{text.strip()!r} is not a number")


def numeric_correct(got: float, want: float, tolerance: Tolerance) -> bool:
    """The question's tolerance decides (`Tolerance.accepts`)."""
    return tolerance.accepts(got, want)


def choice_correct(got: str, want: str) -> bool:
    """One letter against the right letter."""
    return got.strip().upper() == want


def multi_correct(got: Iterable[str], want: Iterable[str]) -> bool:
    """All right letters and no wrong one."""
    return {g.strip().upper() for g in got} == set(want)
