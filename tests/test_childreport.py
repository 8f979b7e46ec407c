"""The parent reads only a report of exactly the child's shape; anything else is refused."""

from __future__ import annotations

from typing import Any

import pytest

from quizzer.grader.childreport import MAX_TEXT, ChildReport, from_data


def outcome(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"output": 1.0, "error": None, "kind": "", "traceback": "",
                            "args": (2.0,), "kwargs": {}}
    return base | changes


def report(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"setup": None, "outcomes": [outcome()], "forbidden": [],
                            "exit": None}
    return base | changes


def test_the_childs_own_shape_is_read_into_types() -> None:
    typed = from_data(report(), cases=3)
    assert isinstance(typed, ChildReport)
    assert typed.outcomes[0].output == 1.0 and typed.outcomes[0].args == (2.0,)
    assert typed.outcomes[0].error == "" and typed.setup is None
    failed = from_data(report(setup={"kind": "syntax", "message": "m", "traceback": "t"},
                              outcomes=[]), cases=3)
    assert failed is not None and failed.setup is not None and failed.setup.kind == "syntax"


@pytest.mark.parametrize("doctored", [
    "passed", [], None, {"status": "passed"},
    report(verdict="passed"),
    report(outcomes=[outcome()] * 4),
    report(outcomes="all good"),
    report(outcomes=[outcome(error=3)]),
    report(outcomes=[outcome(extra=1)]),
    report(outcomes=[outcome(kwargs=[])]),
    report(forbidden=[1]),
    report(exit=True),
    report(setup={"kind": "syntax"}),
    report(setup="broken"),
], ids=repr)
def test_a_doctored_report_is_refused(doctored: Any) -> None:
    assert from_data(doctored, cases=3) is None


def test_texts_are_capped() -> None:
    typed = from_data(report(outcomes=[outcome(error="E" * (3 * MAX_TEXT))]), cases=1)
    assert typed is not None and len(typed.outcomes[0].error) == MAX_TEXT
