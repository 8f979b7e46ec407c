"""Pilot tests of taking a quiz: each answer type, the clock, grading in the background."""

from __future__ import annotations

import asyncio
import functools
import threading
from collections.abc import Callable, Coroutine, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from quizzer.bank import Bank, load_bank
from quizzer.core.result import Check, GradeResult, Status
from quizzer.progress import Store
from quizzer.quiz import QuizConfig, QuizSession, Verdict
from quizzer.ui.app import QuizzerApp
from quizzer.ui.context import Context
from quizzer.ui.quiz import QuizScreen
from quizzer.ui.results import ResultsScreen

BANK_DIR = Path(__file__).parent / "snapshots" / "bank"
WALL = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


def sync(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async Pilot test with asyncio (the suite has no async test plugin)."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


class FakeClock:
    """The quiz clock, moved by hand."""

    def __init__(self) -> None:
        self.now = 500.0

    def __call__(self) -> float:
        return self.now


class FakeGrader:
    """Stands in for the grader service; `gate` holds code grading until the test releases it."""

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.gate.set()
        self.graded: list[str] = []

    def grade_code(self, task: str, source: str, seed: int = 0,
                   timeout: float = 10.0) -> GradeResult:
        self.gate.wait(30)
        self.graded.append(source)
        check = Check("huge logits (2, 5) float32", False, "expected [0.5, 0.5], got [nan, nan]",
                      "subtract the row maximum before exp")
        return GradeResult(task, Status.FAILED, [Check("small", True), check], seed=seed,
                           message="1 of 2 checks failed")

    def grade_expression(self, question_id: str, answer: str) -> GradeResult:
        ok = answer.replace(" ", "") == "2*(yhat-y)"
        return GradeResult(question_id, Status.PASSED if ok else Status.FAILED)

    def preview_expression(self, question_id: str, text: str) -> dict[str, Any]:
        return {"ok": True, "pretty": text.replace("*", "·"), "message": ""}

    def draw(self, question_id: str, seed: int) -> dict[str, Any]:
        raise AssertionError("the mini bank has no parametric question")

    def stub(self, task: str) -> str:
        raise KeyError(task)  # the editor falls back to its own starter text

    def ping(self) -> bool:
        return True

    def close(self) -> None:
        pass


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


def quiz_app(ctx: Context, *ids: str, **config: Any) -> tuple[QuizzerApp, QuizSession]:
    """An app that opens straight into a quiz of these questions, in this order."""
    by_id = ctx.bank.by_id()
    session = QuizSession([by_id[i] for i in ids], QuizConfig(**config), clock=ctx.clock)
    app = QuizzerApp(context=ctx)

    async def open_quiz() -> None:
        await app.push_screen(QuizScreen(ctx, session))

    app.call_later(open_quiz)
    return app, session


async def wait_for(pilot: Pilot[None], done: Callable[[], bool], seconds: float = 60) -> None:
    """Let the app run until `done()` holds (workers post back in their own time)."""
    for _ in range(int(seconds / 0.05)):
        if done():
            await pilot.pause()  # let the screen that got there finish mounting
            return
        await pilot.pause(0.05)
    raise AssertionError("the app never got there")


def attempts() -> list[Any]:
    with Store.open() as store:
        return store.attempts()


@sync
async def test_quick_quiz_starts_from_home_with_one_key(ctx: Context) -> None:
    app = QuizzerApp(context=ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        session = app.screen.session
        assert (len(session.items), session.config.quiz_seconds) == (6, 900)
        assert "code" not in {i.question.type for i in session.items}


@sync
async def test_choice_answered_with_a_number_key_is_judged_and_recorded(ctx: Context) -> None:
    app, session = quiz_app(ctx, "t-choice", "t-int")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("3")
        assert session.items[0].verdict is Verdict.CORRECT
        assert "0.25" in app.screen.query_one("#quiz-verdict").source  # type: ignore[attr-defined]  # Markdown.source
        await pilot.press("enter")
        assert session.index == 1
    [attempt] = attempts()
    assert (attempt.question_id, attempt.verdict, attempt.answer) == ("t-choice", "correct", "C")


@sync
async def test_numeric_answer_rejects_text_then_accepts_a_number(ctx: Context) -> None:
    app, session = quiz_app(ctx, "t-int")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*"thirty", "enter")
        assert session.current.verdict is Verdict.UNANSWERED
        await pilot.press(*["backspace"] * 6, "3", "0", "enter")
        assert session.items[0].verdict is Verdict.CORRECT


@sync
async def test_multi_answer_ticks_with_number_keys(ctx: Context) -> None:
    app, session = quiz_app(ctx, "t-multi")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("1", "4", "enter")
        assert (session.current.answer, session.current.verdict) == (["A", "D"], Verdict.CORRECT)


@sync
async def test_short_answer_is_revealed_and_self_rated(ctx: Context) -> None:
    app, session = quiz_app(ctx, "t-short")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*"outputs are positive", "ctrl+r")
        await pilot.pause()
        assert app.screen.query_one("#short-model")
        await pilot.press("1")
        assert session.current.verdict is Verdict.WRONG
    [attempt] = attempts()
    assert (attempt.self_rating, attempt.answer) == (1, "outputs are positive")


@sync
async def test_quiz_expires_on_the_injected_clock(ctx: Context, clock: FakeClock) -> None:
    app, session = quiz_app(ctx, "t-choice", "t-int", quiz_seconds=60)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("3")
        clock.now += 61
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        results = session.results()
        assert (results.correct, results.unanswered) == (1, 1)
    assert sorted(a.verdict for a in attempts()) == ["correct"]  # t-int was never shown


@sync
async def test_question_time_limit_moves_to_the_next_question(ctx: Context,
                                                              clock: FakeClock) -> None:
    app, session = quiz_app(ctx, "t-choice", "t-int", quiz_seconds=None, question_seconds=20)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        clock.now += 21
        await wait_for(pilot, lambda: session.index == 1)
        assert session.items[0].timed_out
        assert not app.screen.query("ChoiceList")


@sync
async def test_skip_back_and_flag_from_the_keyboard(ctx: Context) -> None:
    app, session = quiz_app(ctx, "t-choice", "t-int", "t-multi")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+t", "ctrl+s")
        assert session.index == 1 and session.items[0].flagged
        await pilot.press("ctrl+b")
        assert session.index == 0


@sync
async def test_code_is_graded_in_the_background_and_shows_the_first_failure(
    ctx: Context, grader: FakeGrader
) -> None:
    grader.gate.clear()
    app, session = quiz_app(ctx, "t-code", "t-int")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await wait_for(pilot, lambda: app.screen.query_one("#answer-code").text == "# stub\n")  # type: ignore[attr-defined]  # TextArea.text
        await pilot.press("ctrl+r")
        assert session.items[0].verdict is Verdict.PENDING
        await pilot.press("ctrl+t")  # the UI answers while the grader is busy
        assert session.items[0].flagged
        grader.gate.set()
        await wait_for(pilot, lambda: session.items[0].verdict is Verdict.WRONG)
        shown = app.screen.query_one("#quiz-verdict").source  # type: ignore[attr-defined]  # Markdown.source
        assert "huge logits" in shown and "got [nan, nan]" in shown and "row maximum" in shown
        assert app.screen.query("#answer-code")  # code can be graded again
    assert [a.verdict for a in attempts()] == ["wrong"]


@sync
async def test_quitting_mid_quiz_keeps_what_was_answered(ctx: Context) -> None:
    app, session = quiz_app(ctx, "t-choice", "t-int", "t-multi")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("2")
        await pilot.press("enter", "q")
    assert [(a.question_id, a.verdict) for a in attempts()] == [("t-choice", "wrong")]


@sync
async def test_finishing_early_shows_results_and_the_detail_view(ctx: Context) -> None:
    app, session = quiz_app(ctx, "t-choice", "t-int")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("1", "escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("enter")
        await pilot.pause()
        text = " ".join(m.source for m in app.screen.query("Markdown"))  # type: ignore[attr-defined]  # Markdown.source
        assert "Right answer:** C. 0.25" in text and "Your answer:** A" in text
    assert sorted(a.verdict for a in attempts()) == ["wrong"]  # t-int was never shown


@sync
async def test_a_grade_arriving_after_the_end_still_counts(ctx: Context,
                                                          grader: FakeGrader) -> None:
    from quizzer.ui.home import HomeScreen

    grader.gate.clear()
    app, session = quiz_app(ctx, "t-code")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: any(e.text == "# stub\n"  # type: ignore[attr-defined]  # TextArea.text
                                          for e in app.screen.query("TextArea")))
        await pilot.press("ctrl+r", "escape", "escape", "y")  # the first Esc leaves the editor
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        assert "1 still grading" in str(app.screen.query_one("#results-summary").render())
        grader.gate.set()
        await wait_for(pilot, lambda: "1 wrong" in str(
            app.screen.query_one("#results-summary").render()))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert [a.verdict for a in attempts()] == ["wrong"]
