"""A failure about the form of the result gets the hint for that property, not the case's."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizzer.grader.runner import grade_source

SUBMISSIONS = Path(__file__).parent / "submissions"


@pytest.mark.parametrize(
    ("task", "file", "hint"),
    [
        ("softmax", "bad_float64_result.py", "keep the input's dtype"),
        ("softmax", "bad_returns_numpy.py", "return a torch.Tensor"),
        ("softmax", "bad_in_place.py", "work on a copy"),
    ],
)
def test_property_failures_get_the_property_hint(task: str, file: str, hint: str) -> None:
    result = grade_source(task, (SUBMISSIONS / task / file).read_text(), seed=0)
    failure = result.first_failure
    assert failure is not None
    assert hint in failure.hint


def test_value_failures_keep_the_hint_of_their_case() -> None:
    source = (SUBMISSIONS / "softmax" / "bad_no_max_shift.py").read_text()
    failure = grade_source("softmax", source, seed=0).first_failure
    assert failure is not None
    assert "subtract the max" in failure.hint
