"""Pilot tests of the quiz flows that used to break: time limits, drafts, the editor, quitting."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from test_ui_quiz import BANK_DIR, WALL, FakeClock, FakeGrader, attempts, quiz_app, sync, wait_for

from quizzer.bank import Bank, load_bank
from quizzer.quiz import Verdict
from quizzer.ui.context import Context
from quizzer.ui.home import HomeScreen
from quizzer.ui.results import ResultsScreen


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(BANK_DIR)


@pytest.fixture
def grader() -> FakeGrader:
    return FakeGrader()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def ctx(bank: Bank, grader: FakeGrader, clock: FakeClock) -> Iterator[Context]:
    context = Context(bank, clock=clock, wall=lambda: WALL, bank_dir=BANK_DIR,
                      grader_factory=lambda _dir: grader, stub_factory=lambda task: "# stub\n")
    yield context
    context.close()


# -- 1: a quiz that ends on a time limit, then Esc ------------------------------------------
@sync
async def test_quiz_limit_then_escape_goes_home(ctx: Context, clock: FakeClock) -> None:
    app, session = quiz_app(ctx, "t-choice", "t-int", quiz_seconds=6)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        clock.now += 7
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.pause(0.2)
        assert app.return_code is None and app.is_running


@sync
async def test_last_question_limit_then_escape_goes_home(ctx: Context, clock: FakeClock) -> None:
    app, session = quiz_app(ctx, "t-choice", quiz_seconds=None, question_seconds=20)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        clock.now += 21
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        assert session.items[0].timed_out and session.items[0].verdict is Verdict.UNANSWERED
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.pause(0.2)
        assert app.is_running
    assert [a.verdict for a in attempts()] == ["unanswered"]
