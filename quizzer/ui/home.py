"""The home screen: topics with question counts."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from quizzer.bank import Bank


class HomeScreen(Screen[None]):
    """Topics and their question counts."""

    def __init__(self, bank: Bank) -> None:
        super().__init__()
        self.bank = bank

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"{len(self.bank.questions)} questions", id="bank-summary")
        yield DataTable(id="topics", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#topics", DataTable)
        table.add_columns("Topic", "Questions")
        for topic, count in self.bank.topics().items():
            table.add_row(topic, str(count), key=topic)
