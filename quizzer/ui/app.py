"""The Textual application: loads the bank and shows the home screen."""

from __future__ import annotations

from textual.app import App

from quizzer.bank import Bank, load_bank
from quizzer.ui.home import HomeScreen


class QuizzerApp(App[None]):
    """quizzer's TUI."""

    TITLE = "quizzer"
    CSS_PATH = "quizzer.tcss"
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, lang: str | None = None, bank: Bank | None = None) -> None:
        super().__init__()
        self.lang = lang or "en"
        self.bank = bank if bank is not None else load_bank()

    def on_mount(self) -> None:
        self.push_screen(HomeScreen(self.bank))
        for path in self.bank.skipped_files:
            count = sum(1 for p in self.bank.problems if p.path == path)
            self.notify(f"{path.name}: {count} problem(s); run `quizzer check`",
                        title="Skipped questions", severity="warning", timeout=10)
