"""Pilot tests of what a quiz leaves behind: which questions are logged and how, the time each
took, and what Review and Results show afterwards."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from test_ui_quiz import BANK_DIR, WALL, FakeClock, FakeGrader, attempts, quiz_app, sync, wait_for
from textual.widgets import DataTable, Markdown, TextArea

from quizzer.bank import Bank, load_bank
from quizzer.progress import Store
from quizzer.quiz import Verdict
from quizzer.ui.app import QuizzerApp
from quizzer.ui.context import Context
from quizzer.ui.home import HomeScreen
from quizzer.ui.results import ResultsScreen
from quizzer.ui.review import ReviewScreen
from quizzer.ui.verdict import Countdown


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


def cards() -> list[str]:
    with Store.open() as store:
        return [c.question_id for c in store.cards()]


def review_ids(app: QuizzerApp) -> list[str]:
    assert isinstance(app.screen, ReviewScreen)
    return [item.question.id for item in app.screen.rows]


# -- 6: a question never shown records nothing; an unanswered one is no lapse -----------------
@sync
async def test_a_time_out_logs_only_what_was_seen_and_schedules_no_lapse(
    ctx: Context, clock: FakeClock
) -> None:
    app, session = quiz_app(ctx, "t-choice", "t-int", "t-multi", quiz_seconds=60)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("3", "enter")  # t-choice right, then t-int is shown and left open
        assert session.index == 1
        clock.now += 61
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen))
        assert "t-multi" not in review_ids(app)
    logged = sorted((a.question_id, a.verdict, a.rating is None) for a in attempts())
    assert logged == [("t-choice", "correct", False), ("t-int", "unanswered", True)]
    assert cards() == ["t-choice"]


@sync
async def test_finishing_early_logs_nothing_for_questions_not_reached(ctx: Context) -> None:
    app, session = quiz_app(ctx, "t-choice", "t-int", "t-multi")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("3")
        await pilot.press("escape", "y")
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
    assert [(a.question_id, a.verdict) for a in attempts()] == [("t-choice", "correct")]


# -- 10: a question's clock stops at its answer ------------------------------------------------
def countdown(app: QuizzerApp) -> str:
    return str(app.screen.query_one(Countdown).render())


@sync
async def test_the_question_clock_stops_at_the_answer(ctx: Context, clock: FakeClock) -> None:
    app, session = quiz_app(ctx, "t-int", "t-choice", quiz_seconds=None, question_seconds=40)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        clock.now += 10
        await pilot.press("3", "0", "enter")
        clock.now += 45  # reading the explanation, past the question's limit
        await pilot.pause(0.4)
        assert session.index == 0 and not session.items[0].timed_out
        assert "this one 0:30 (stopped)" in countdown(app)
        await pilot.press("ctrl+n", "3")
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        table = app.screen.query_one(DataTable)
        assert table.get_row_at(0)[3] == "0:10"
    [seconds] = [a.seconds for a in attempts() if a.question_id == "t-int"]
    assert seconds == 10


@sync
async def test_code_time_given_to_the_schedule_ends_at_the_submission(
    ctx: Context, clock: FakeClock, grader: FakeGrader
) -> None:
    grader.gate.clear()
    app, session = quiz_app(ctx, "t-code")
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for(pilot, lambda: "# stub" in str(app.screen.query_one(TextArea).text))
        clock.now += 100
        await pilot.press("ctrl+r")
        clock.now += 400  # the grader is slow; the learner reads on
        grader.gate.set()
        await wait_for(pilot, lambda: session.items[0].grade is not None)
    [attempt] = attempts()
    assert attempt.seconds == 100


# -- 7: a parametric question reads as it was asked, in Results and in Review -----------------
PARAM_BANK = """
format_version: 1
questions:
  - id: p-conv
    type: numeric
    topic: cnn-geometry
    difficulty: easy
    time: 60
    prompt: A square input of side {i} goes through a {k}x{k} conv, stride 1. Output side?
    params:
      i: {choices: [32, 64]}
      k: {choices: [3, 5]}
    compute: {op: conv2d_output, args: {size: i, kernel: k, stride: 1, padding: 0, dilation: 1}}
    explanation: out = {i} - {k} + 1 = {answer}.
"""


class DrawingGrader(FakeGrader):
    def draw(self, question_id: str, seed: int) -> dict[str, Any]:
        return {"prompt": "A square input of side 32 goes through a 3x3 conv, stride 1. "
                          "Output side?", "answer": 30, "values": {"i": 32, "k": 3},
                "explanation": "out = 32 - 3 + 1 = 30.", "mistakes": []}


def shown_text(app: QuizzerApp) -> str:
    return " ".join(m.source for m in app.screen.query(Markdown))


@sync
async def test_a_parametric_question_shows_its_drawn_values_in_results_and_review(
    write_bank: Callable[[dict[str, str]], Path], clock: FakeClock
) -> None:
    bank = load_bank(write_bank({"p.yaml": PARAM_BANK}))
    grader = DrawingGrader()
    ctx = Context(bank, clock=clock, wall=lambda: WALL, grader_factory=lambda _dir: grader)
    app, session = quiz_app(ctx, "p-conv")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: bool(app.screen.query("#answer-numeric")))
        await pilot.press("2", "9", "enter", "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        assert "side 32" in str(app.screen.query_one(DataTable).get_row_at(0)[4])
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen))
        row = [str(cell) for cell in app.screen.query_one(DataTable).get_row_at(0)]
        assert "side 32" in row[3] and "{i}" not in row[3] and row[2] == "29"
        await pilot.press("enter")
        await pilot.pause()
        shown = shown_text(app)
        assert "3x3 conv" in shown and "Right answer:** 30" in shown
        assert "out = 32 - 3 + 1 = 30." in shown
    ctx.close()
    [attempt] = attempts()
    assert attempt.drawn == {"i": 32, "k": 3, "answer": 30}


# -- 12: a decimal comma means a decimal point; an ambiguous one is refused with a message ---
@sync
async def test_a_decimal_comma_is_read_as_a_point_and_a_lone_thousands_comma_is_refused(
    ctx: Context
) -> None:
    app, session = quiz_app(ctx, "t-int", "t-float")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*"3,000", "enter")
        await pilot.pause()
        assert session.items[0].verdict is Verdict.UNANSWERED
        assert any("ambiguous" in str(n.message) for n in app._notifications)
        await pilot.press("ctrl+n")
        await pilot.press(*"0,693", "enter")
        assert session.items[1].verdict is Verdict.CORRECT
