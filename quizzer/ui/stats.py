"""Statistics: accuracy over time and per topic as terminal charts, and per type in a table."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static
from textual_plotext import PlotextPlot

from quizzer.ui.context import Context


def percent(accuracy: float | None) -> str:
    return "–" if accuracy is None else f"{accuracy:.0%}"


class StatsScreen(Screen[None]):
    """Charts of the learner's record (empty charts say so instead of drawing nothing)."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="stats-summary")
        with Horizontal(id="stats-charts"):
            yield PlotextPlot(id="stats-days")
            yield PlotextPlot(id="stats-topics")
        yield DataTable(id="stats-types", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        store = self.ctx.store
        if store is None:
            self.query_one("#stats-summary", Static).update("No progress store: nothing to show.")
            return
        stats = store.stats(self.ctx.wall())
        self.query_one("#stats-summary", Static).update(
            f"{stats.attempts} answers · accuracy {percent(stats.overall.accuracy)} · "
            f"streak {stats.streak_days} day(s) · {stats.due.today} due today · "
            f"{stats.due.cards} questions scheduled")
        days = self.query_one("#stats-days", PlotextPlot)
        days.plt.title("Accuracy by day (%)")
        points = stats.by_day[-14:]
        if points:
            # Bars labelled by day rather than a date axis: a line through one or two points
            # on a date axis says little, and plotext stretches a lone date over decades.
            days.plt.bar([p.day.strftime("%m-%d") for p in points],
                         [100 * (p.tally.accuracy or 0) for p in points], width=0.6)
            days.plt.ylim(0, 100)
        topics = self.query_one("#stats-topics", PlotextPlot)
        topics.plt.title("Accuracy by topic (%)")
        tallies = [(t, v.accuracy) for t, v in stats.by_topic.items() if v.accuracy is not None]
        if tallies:
            topics.plt.bar([t for t, _ in tallies], [100 * (a or 0) for _, a in tallies],
                           orientation="horizontal", width=0.5)
            topics.plt.xlim(0, 100)
        table = self.query_one("#stats-types", DataTable)
        table.add_columns("Type", "Answers", "Correct", "Accuracy")
        for qtype, tally in stats.by_type.items():
            table.add_row(qtype, str(tally.attempts), str(tally.correct),
                          percent(tally.accuracy))
        table.focus()
