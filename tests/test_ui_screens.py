"""Pilot tests of the other flows: home, review, language, help, stats, a broken bank, and the
real grader behind a derivation and a code answer."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from test_ui_quiz import BANK_DIR, WALL, FakeClock, attempts, quiz_app, sync, wait_for

from quizzer.bank import Bank, load_bank
from quizzer.grader.client import GraderClient
from quizzer.progress import Store, record_answer
from quizzer.quiz import Verdict
from quizzer.ui.app import QuizzerApp
from quizzer.ui.context import Context, Grader
from quizzer.ui.detail import DetailScreen
from quizzer.ui.help import HelpScreen
from quizzer.ui.quiz import QuizScreen
from quizzer.ui.review import ReviewScreen
from quizzer.ui.settings import SettingsScreen
from quizzer.ui.stats import StatsScreen

REPO = Path(__file__).resolve().parents[1]


class SharedGrader:
    """One real grader service for the module; the app's close() leaves it running."""

    def __init__(self, client: GraderClient) -> None:
        self.client = client

    def __getattr__(self, name: str) -> Any:
        return getattr(self.client, name)

    def close(self) -> None:
        pass


@pytest.fixture(scope="module")
def real_grader() -> Iterator[GraderClient]:
    client = GraderClient(bank_dir=BANK_DIR)
    yield client
    client.close()


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(BANK_DIR)


def make_ctx(bank: Bank, grader: Callable[[Path | None], Grader] | None = None) -> Context:
    ctx = Context(bank, clock=FakeClock(), wall=lambda: WALL, bank_dir=BANK_DIR)
    if grader is not None:
        ctx.grader_factory = grader
    return ctx


def wrong_answer_on_record(bank: Bank) -> None:
    with Store.open() as store:
        record_answer(store, bank.by_id()["t-choice"], "wrong", at=WALL, answer="A")


@sync
async def test_home_shows_topics_with_accuracy_and_due_count(bank: Bank) -> None:
    wrong_answer_on_record(bank)
    app = QuizzerApp(context=make_ctx(bank))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#topics")
        assert table.get_row("activations") == ["activations", "4", "0%", "1"]  # type: ignore[attr-defined]  # DataTable.get_row
        assert table.get_row("losses")[2:] == ["–", "0"]  # type: ignore[attr-defined]  # DataTable.get_row
        assert "1 due today" in str(app.screen.query_one("#bank-summary").render())


@sync
async def test_review_explains_a_wrong_answer(bank: Bank) -> None:
    wrong_answer_on_record(bank)
    app = QuizzerApp(context=make_ctx(bank))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert [i.question.id for i in app.screen.rows] == ["t-choice"]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        text = " ".join(m.source for m in app.screen.query("Markdown"))  # type: ignore[attr-defined]  # Markdown.source
        assert "Your answer:** A" in text and "peaks at x = 0" in text
        await pilot.press("escape", "p")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        assert app.screen.session.config.quiz_seconds is None


@sync
async def test_language_switch_shows_chinese_and_is_remembered(bank: Bank) -> None:
    ctx = make_ctx(bank)
    app, session = quiz_app(ctx, "t-choice")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape", "y")
        await pilot.pause()
        await pilot.press("escape", "l")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        await pilot.press("down", "enter")
        assert ctx.lang == "zh"
    with Store.open() as store:
        assert store.get_setting("lang") == "zh"
    again = make_ctx(bank)
    app, session = quiz_app(again, "t-choice", "t-int")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.lang == "zh"
        assert "sigmoid 导数" in app.screen.query_one("#quiz-prompt").source  # type: ignore[attr-defined]  # Markdown.source
        assert "没有上界" in str(app.screen.query_one("ChoiceList").get_option_at_index(3).prompt)  # type: ignore[attr-defined]  # OptionList API
        await pilot.press("3", "enter")
        assert "A 32×32 input" in app.screen.query_one("#quiz-prompt").source  # type: ignore[attr-defined]  # no zh: English


@sync
async def test_lang_option_overrides_and_persists(bank: Bank) -> None:
    with Store.open() as store:
        store.set_setting("lang", "zh")
    ctx = make_ctx(bank)
    async with QuizzerApp(lang="en", context=ctx).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert ctx.lang == "en"
    with Store.open() as store:
        assert store.get_setting("lang") == "en"


@sync
async def test_help_lists_the_keys(bank: Bank) -> None:
    app = QuizzerApp(context=make_ctx(bank))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "Ctrl+O" in app.screen.query_one("Markdown").source  # type: ignore[attr-defined]  # Markdown.source
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


@sync
async def test_stats_tabulate_answers_by_type(bank: Bank) -> None:
    wrong_answer_on_record(bank)
    app = QuizzerApp(context=make_ctx(bank))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        assert app.screen.query_one("#stats-types").get_row_at(0)[:4] == ["choice", "1", "0", "0%"]  # type: ignore[attr-defined]  # DataTable API


@sync
async def test_a_broken_bank_file_is_skipped_with_a_notice(
    write_bank: Callable[[dict[str, str]], Path]
) -> None:
    good = (BANK_DIR / "mini.yaml").read_text(encoding="utf-8")
    root = write_bank({"good.yaml": good, "broken.yaml": "format_version: 1\nquestions: [\n"})
    app = QuizzerApp(context=make_ctx(load_bank(root)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "7 questions" in str(app.screen.query_one("#bank-summary").render())
        assert any("broken.yaml" in n.message for n in app._notifications)


@sync
async def test_derivation_is_graded_by_the_grader_service(
    bank: Bank, real_grader: GraderClient
) -> None:
    ctx = make_ctx(bank, lambda _dir: SharedGrader(real_grader))
    app, session = quiz_app(ctx, "t-deriv")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*"2*(yhat - y)")
        await wait_for(pilot, lambda: "2" in str(app.screen.query_one("#answer-preview").render()))
        await pilot.press("enter")
        await wait_for(pilot, lambda: session.current.verdict is not Verdict.PENDING)
        assert session.current.verdict is Verdict.CORRECT
    assert [a.verdict for a in attempts()] == ["correct"]


@sync
async def test_reference_code_passes_in_the_quiz(bank: Bank, real_grader: GraderClient) -> None:
    ctx = make_ctx(bank, lambda _dir: SharedGrader(real_grader))
    app, session = quiz_app(ctx, "t-code")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        editor = app.screen.query_one("#answer-code")
        editor.load_text((REPO / "solutions" / "softmax.py").read_text())  # type: ignore[attr-defined]  # TextArea API
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: session.current.verdict is not Verdict.PENDING)
        assert session.current.verdict is Verdict.CORRECT, session.current.grade


def test_task_stub_comes_from_the_grader_service_with_the_contract(
    real_grader: GraderClient,
) -> None:
    ctx = make_ctx(load_bank(BANK_DIR), grader=lambda _: SharedGrader(real_grader))
    stub = ctx.stub("softmax")
    assert stub.startswith("import torch") and "def softmax(" in stub
    assert "raise NotImplementedError" in stub


@sync
async def test_setup_filters_from_the_keyboard_shape_the_quiz(bank: Bank) -> None:
    app = QuizzerApp(context=make_ctx(bank))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        # Tab to the type list; untick choice, multi, numeric and short: derivation stays.
        await pilot.press("tab", "tab", "space", "down", "space", "down", "space", "down",
                          "space", "ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        assert [i.question.id for i in app.screen.session.items] == ["t-deriv"]
