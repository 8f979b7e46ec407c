"""Answer checks the quiz does itself: numbers, choices, self-ratings."""

from __future__ import annotations

import pytest

from quizzer.bank.models import Tolerance
from quizzer.core.verdict import Verdict
from quizzer.quiz.check import (
    BadNumber,
    Rating,
    choice_correct,
    multi_correct,
    numeric_correct,
    parse_number,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [("12", 12.0), (" 0.25 ", 0.25), ("1e-3", 0.001), ("1/4", 0.25), ("25%", 0.25),
     ("1,024,000", 1024000.0), ("1,234.5", 1234.5), ("-3", -3.0), ("0,5", 0.5),
     ("\u22120.5", -0.5), ("\u22121/4", -0.25), ("-0,25", -0.25), ("12,5%", 0.125)],
)
def test_parse_number_reads_what_a_learner_types(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "   ", "abc", "1/0", "inf", "nan", "3 px", "1,2,3",
                                  "0,5.1"])
def test_parse_number_rejects_non_numbers(text: str) -> None:
    with pytest.raises(BadNumber):
        parse_number(text)


@pytest.mark.parametrize(
    ("got", "want", "tol", "ok"),
    [
        (30, 30, Tolerance(), True),
        (30.4, 30, Tolerance(), False),
        (29.9999, 30, Tolerance(), False),
        (0.6935, 0.693, Tolerance(abs=0.001), True),
        (0.695, 0.693, Tolerance(abs=0.001), False),
        (105, 100, Tolerance(rel=0.05), True),
        (106, 100, Tolerance(rel=0.05), False),
        (0.1 + 0.2, 0.3, Tolerance(), True),
        (0.31, 0.3, Tolerance(), False),
    ],
)
def test_numeric_is_exact_for_integers_and_uses_the_questions_tolerance_for_floats(
    got: float, want: float, tol: Tolerance, ok: bool
) -> None:
    assert numeric_correct(got, want, tol) is ok


def test_choice_compares_letters_case_insensitively() -> None:
    assert choice_correct("c", "C")
    assert not choice_correct("B", "C")


@pytest.mark.parametrize(
    ("got", "ok"),
    [(["A", "D"], True), (["d", "a"], True), (["A"], False), (["A", "B", "D"], False)],
)
def test_multi_needs_every_right_letter_and_no_wrong_one(got: list[str], ok: bool) -> None:
    assert multi_correct(got, ["A", "D"]) is ok


def test_only_again_counts_a_short_answer_as_wrong() -> None:
    assert [r.verdict for r in Rating] == [Verdict.WRONG, Verdict.CORRECT, Verdict.CORRECT,
                                           Verdict.CORRECT]


def test_a_lone_thousands_comma_is_refused_as_ambiguous() -> None:
    with pytest.raises(BadNumber, match="ambiguous: write 1234 for thousands or 1.234"):
        parse_number("1,234")
