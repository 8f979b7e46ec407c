"""The results of a quiz: score, time, and a verdict per question; Enter opens one."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from quizzer.quiz import QuizSession, Verdict
from quizzer.ui import text
from quizzer.ui.context import Context

MARK = {Verdict.CORRECT: "✓", Verdict.WRONG: "✗", Verdict.UNANSWERED: "–", Verdict.PENDING: "…"}


class ResultsScreen(Screen[None]):
    """The end of a quiz."""

    BINDINGS = [Binding("escape", "home", "Home"),
                Binding("enter", "open", "Open", show=False)]

    def __init__(self, ctx: Context, session: QuizSession) -> None:
        super().__init__()
        self.ctx, self.session = ctx, session
        self._pending = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="results-summary")
        yield DataTable(id="results-table", cursor_type="row", zebra_stripes=True)
        yield Static("Enter opens a question: your answer beside the explanation. Esc: home.",
                     id="results-help")
        yield Footer()

    def on_mount(self) -> None:
        self.show_results()
        self.query_one(DataTable).focus()
        self._pending = self.session.results().pending
        if self._pending:
            self.set_interval(1.0, self._catch_up)

    def _catch_up(self) -> None:
        """Redraw when a grade that was still on its way has arrived."""
        pending = self.session.results().pending
        if pending != self._pending:
            self._pending = pending
            self.show_results()

    def action_home(self) -> None:
        self.dismiss()

    def show_results(self) -> None:
        """The summary line and one row per question."""
        r = self.session.results()
        limit = self.session.config.quiz_seconds
        used = text.clock(r.seconds) + (f" of {text.clock(limit)}" if limit else "")
        extra = [f"{r.wrong} wrong"] if r.wrong else []
        extra += [f"{r.unanswered} unanswered"] if r.unanswered else []
        extra += [f"{r.pending} still grading"] if r.pending else []
        self.query_one("#results-summary", Static).update(
            f"Score {r.correct}/{r.total} ({r.score:.0%}) · time {used}"
            + "".join(f" · {e}" for e in extra))
        table = self.query_one("#results-table", DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        table.add_columns("#", "", "Type", "Time")
        # The prompt column takes the rest of the width and wraps, so nothing is cut off.
        table.add_column("Question", width=max(20, self.app.size.width - 30))
        for index, item in enumerate(self.session.items):
            mark = "⌛" if item.timed_out and item.verdict is Verdict.UNANSWERED \
                else MARK[item.verdict]
            flag = "⚑ " if item.flagged else ""
            prompt = " ".join(text.prompt(item, self.ctx.lang).split())
            table.add_row(str(index + 1), mark, item.question.type, text.clock(item.seconds),
                          flag + prompt, key=str(index), height=None)
        table.move_cursor(row=row)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        from quizzer.ui.detail import DetailScreen

        item = self.session.items[int(str(event.row_key.value))]
        self.app.push_screen(DetailScreen(item, self.ctx.lang))

    def action_open(self) -> None:
        self.query_one(DataTable).action_select_cursor()
