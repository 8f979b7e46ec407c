"""SVG snapshots of each screen at 80x24 (and one wide), from a fixed bank, clock and date."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from test_ui_quiz import BANK_DIR, WALL, FakeClock, quiz_app, wait_for
from textual.pilot import Pilot
from textual.widgets import TextArea

from quizzer.bank import Bank, load_bank
from quizzer.progress import Store, record_answer
from quizzer.ui.app import QuizzerApp
from quizzer.ui.context import Context

Snap = Callable[..., bool]
SMALL = (80, 24)


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(BANK_DIR)


def context(bank: Bank) -> Context:
    return Context(bank, clock=FakeClock(), wall=lambda: WALL, bank_dir=BANK_DIR,
                   stub_factory=lambda task: f"def {task}(x, dim=-1):\n    return x\n")


def presses(*keys: str) -> Callable[[Pilot[None]], Any]:
    async def run(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()

    return run


def with_history(bank: Bank) -> None:
    by_id = bank.by_id()
    with Store.open() as store:
        record_answer(store, by_id["t-choice"], "wrong", at=WALL, answer="A")
        record_answer(store, by_id["t-int"], "correct", at=WALL, answer="30")


def test_home(snap_compare: Snap, bank: Bank) -> None:
    with_history(bank)
    assert snap_compare(QuizzerApp(context=context(bank)), terminal_size=SMALL,
                        run_before=presses())


def test_setup(snap_compare: Snap, bank: Bank) -> None:
    assert snap_compare(QuizzerApp(context=context(bank)), terminal_size=SMALL,
                        run_before=presses("s"))


def test_quiz_choice_question(snap_compare: Snap, bank: Bank) -> None:
    app, _ = quiz_app(context(bank), "t-choice", "t-int", quiz_seconds=600, question_seconds=45)
    assert snap_compare(app, terminal_size=SMALL, run_before=presses("down"))


def test_quiz_wrong_number_with_explanation(snap_compare: Snap, bank: Bank) -> None:
    app, _ = quiz_app(context(bank), "t-int", "t-choice")
    assert snap_compare(app, terminal_size=SMALL, run_before=presses("3", "1", "enter"))


def test_quiz_short_answer_revealed(snap_compare: Snap, bank: Bank) -> None:
    app, _ = quiz_app(context(bank), "t-short")
    assert snap_compare(app, terminal_size=SMALL,
                        run_before=presses(*"all positive", "ctrl+r"))


def test_quiz_code_editor(snap_compare: Snap, bank: Bank,
                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("quizzer.ui.code.display_path", lambda path: f"~/quizzer/{path.name}")
    app, _ = quiz_app(context(bank), "t-code", quiz_seconds=None)

    async def stub_arrived(pilot: Pilot[None]) -> None:
        await wait_for(pilot, lambda: any("return x" in editor.text
                                          for editor in app.screen.query(TextArea)))

    assert snap_compare(app, terminal_size=SMALL, run_before=stub_arrived)


def test_results(snap_compare: Snap, bank: Bank) -> None:
    app, _ = quiz_app(context(bank), "t-choice", "t-int", "t-multi")
    assert snap_compare(app, terminal_size=SMALL,
                        run_before=presses("2", "enter", *"30", "enter", "escape", "y"))


def test_detail_side_by_side_when_wide(snap_compare: Snap, bank: Bank) -> None:
    app, _ = quiz_app(context(bank), "t-choice", "t-int")
    assert snap_compare(app, terminal_size=(200, 50),
                        run_before=presses("2", "escape", "y", "enter"))


def test_review(snap_compare: Snap, bank: Bank) -> None:
    with_history(bank)
    assert snap_compare(QuizzerApp(context=context(bank)), terminal_size=SMALL,
                        run_before=presses("r"))


def test_settings(snap_compare: Snap, bank: Bank) -> None:
    assert snap_compare(QuizzerApp(context=context(bank)), terminal_size=SMALL,
                        run_before=presses("l"))


def test_help(snap_compare: Snap, bank: Bank) -> None:
    assert snap_compare(QuizzerApp(context=context(bank)), terminal_size=SMALL,
                        run_before=presses("question_mark"))


def test_stats(snap_compare: Snap, bank: Bank) -> None:
    with_history(bank)
    assert snap_compare(QuizzerApp(context=context(bank)), terminal_size=SMALL,
                        run_before=presses("t"))
