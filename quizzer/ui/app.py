"""The Textual application: builds the shared context and shows the home screen."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from quizzer.bank import Bank, load_bank
from quizzer.ui.context import Context
from quizzer.ui.home import HomeScreen

WARM_DELAY = 1.5
"""Seconds after start before the grader is started: the home screen gets the CPU first."""


class QuizzerApp(App[None]):
    """quizzer's TUI. Screens do the work; the app only wires them up."""

    TITLE = "quizzer"
    CSS_PATH = Path(__file__).with_name("quizzer.tcss")
    """Absolute, so that a subclass defined elsewhere (a benchmark, a test) still finds it."""
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark,f1", "help", "Keys", key_display="?"),
    ]

    def __init__(self, lang: str | None = None, bank: Bank | None = None,
                 context: Context | None = None) -> None:
        super().__init__()
        self.ctx = context or Context(bank if bank is not None else load_bank(), prewarm=True)
        self._lang_arg = lang

    def get_default_screen(self) -> Screen[Any]:
        """Home is the base screen: no empty default screen is drawn first."""
        self._open_store()
        return HomeScreen(self.ctx)

    def on_mount(self) -> None:
        self.call_after_refresh(self._started)
        bank = self.ctx.bank
        for path in bank.skipped_files:
            count = sum(1 for p in bank.problems if p.path == path)
            self.notify(f"{path.name}: {count} problem(s); run `quizzer check`",
                        title="Skipped questions", severity="warning", timeout=10)
        if self.ctx.prewarm:
            self.set_timer(WARM_DELAY, self._warm_grader)

    def _started(self) -> None:
        """Home is drawn: turn the garbage collector back on if the launcher paused it, and
        freeze the start-up objects so later collections skip them."""
        if not gc.isenabled():
            gc.freeze()
            gc.enable()

    @work(thread=True, exclusive=True, group="warm", exit_on_error=False)
    def _warm_grader(self) -> None:
        """Start the grader (it imports torch) while the learner is still choosing a quiz, so
        the first drawn number or formula preview does not wait for it."""
        try:
            self.ctx.grader().ping()
        except Exception:  # noqa: BLE001 - a grader that will not start is reported when used
            return

    def _open_store(self) -> None:
        from quizzer.progress import Store, StoreError

        if self.ctx.store is None:
            try:
                self.ctx.store = Store.open()
            except (StoreError, OSError) as exc:
                self.notify(f"{exc}; answers will not be saved", title="Progress store",
                            severity="error", timeout=15)
        saved = self.ctx.store.get_setting("lang") if self.ctx.store else None
        lang = self._lang_arg or saved or self.ctx.lang
        if lang != saved:
            self.ctx.set_lang(lang)
        self.ctx.lang = lang

    def action_help(self) -> None:
        from quizzer.ui.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def on_unmount(self) -> None:
        self.ctx.close()
