"""Pilot tests of the quiz flows that used to break: time limits, drafts, the editor, quitting."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from test_ui_quiz import BANK_DIR, WALL, FakeClock, FakeGrader, attempts, quiz_app, sync, wait_for
from textual.widgets import TextArea

from quizzer.bank import Bank, load_bank
from quizzer.core.result import GradeResult, Status
from quizzer.quiz import Verdict
from quizzer.ui.app import QuizzerApp
from quizzer.ui.code import workspace_dir
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


# -- 2: code the learner wrote is never replaced by the stub ---------------------------------
def editor_text(app: QuizzerApp) -> str:
    return str(app.screen.query_one("#answer-code", TextArea).text)


@sync
async def test_code_in_the_workspace_file_is_kept_when_the_stub_arrives(ctx: Context) -> None:
    path = workspace_dir() / "softmax.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("def softmax(x, dim=-1):\n    return x\n", encoding="utf-8")
    app, _ = quiz_app(ctx, "t-code")
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for(pilot, lambda: bool(app.screen.query("#answer-code")))
        await pilot.pause(0.3)
        assert editor_text(app).startswith("def softmax(x, dim=-1):")
    assert path.read_text(encoding="utf-8") == "def softmax(x, dim=-1):\n    return x\n"


@sync
async def test_a_graded_draft_survives_next_and_back(ctx: Context) -> None:
    app, session = quiz_app(ctx, "t-code", "t-int")
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for(pilot, lambda: editor_text(app) == "# stub\n")
        await pilot.press(*"x = 1", "ctrl+r")
        await wait_for(pilot, lambda: session.items[0].verdict is Verdict.WRONG)
        await pilot.press("ctrl+n", "ctrl+b")
        await wait_for(pilot, lambda: bool(app.screen.query("#answer-code")))
        await pilot.pause(0.3)
        assert editor_text(app) == "x = 1# stub\n"
    assert (workspace_dir() / "softmax.py").read_text(encoding="utf-8") == "x = 1# stub\n"


@sync
async def test_an_ungraded_draft_survives_skip_and_back(ctx: Context) -> None:
    app, session = quiz_app(ctx, "t-code", "t-int")
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for(pilot, lambda: editor_text(app) == "# stub\n")
        await pilot.press(*"y = 2")
        await pilot.press("ctrl+s")
        assert (workspace_dir() / "softmax.py").read_text(encoding="utf-8") == "y = 2# stub\n"
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: bool(app.screen.query("#answer-code")))
        await pilot.pause(0.3)
        assert editor_text(app) == "y = 2# stub\n"


# -- 3: Ctrl+O with an editor that is not installed ------------------------------------------
@sync
async def test_a_missing_editor_is_named_and_the_quiz_goes_on(
    ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", "no-such-editor-here --wait")
    app, session = quiz_app(ctx, "t-code")
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for(pilot, lambda: editor_text(app) == "# stub\n")
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert app.is_running and app.screen.query("#answer-code")
        shown = " ".join(str(n.message) for n in app._notifications)
        assert "no-such-editor-here" in shown and "EDITOR or VISUAL" in shown


# -- 5: "Not understood" only for an answer the grader could not read ------------------------
def titles(app: QuizzerApp) -> list[str]:
    return [str(n.title) for n in app._notifications]


@sync
async def test_a_graded_formula_raises_no_not_understood(ctx: Context) -> None:
    app, session = quiz_app(ctx, "t-deriv", "t-int")
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for(pilot, lambda: bool(app.screen.query("#answer-derivation")))
        await pilot.press(*"2*(yhat-y)", "enter")
        await wait_for(pilot, lambda: session.items[0].verdict is Verdict.CORRECT)
        await pilot.pause(0.2)
        assert "Not understood" not in titles(app)


@sync
async def test_graded_code_raises_no_not_understood(ctx: Context) -> None:
    app, session = quiz_app(ctx, "t-code", "t-int")
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for(pilot, lambda: editor_text(app) == "# stub\n")
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: session.items[0].verdict is Verdict.WRONG)
        await pilot.pause(0.2)
        assert "Not understood" not in titles(app)


@sync
async def test_an_unreadable_formula_still_says_not_understood(
    ctx: Context, grader: FakeGrader, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unreadable(question_id: str, answer: str) -> GradeResult:
        return GradeResult(question_id, Status.INVALID, message="unbalanced parenthesis")

    monkeypatch.setattr(grader, "grade_expression", unreadable)
    app, session = quiz_app(ctx, "t-deriv", "t-int")
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for(pilot, lambda: bool(app.screen.query("#answer-derivation")))
        await pilot.press(*"2*(yhat", "enter")
        await wait_for(pilot, lambda: "Not understood" in titles(app))
        assert session.items[0].verdict is Verdict.UNANSWERED
