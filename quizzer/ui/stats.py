"""Statistics: accuracy by day as a chart; by topic and by type as tables with the same figures
as `quizzer stats`, every row reachable by scrolling."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static
from textual_plotext import PlotextPlot

from quizzer.progress.stats import Tally
from quizzer.ui.context import Context

BAR_CELLS = 20


def percent(accuracy: float | None) -> str:
    return "–" if accuracy is None else f"{accuracy:.0%}"


def bar(accuracy: float | None, cells: int = BAR_CELLS) -> str:
    """A text bar of `cells` cells, filled in proportion (rounded to the nearest cell)."""
    if accuracy is None:
        return ""
    filled = round(accuracy * cells)
    return "█" * filled + "░" * (cells - filled)


class StatsScreen(Screen[None]):
    """Charts of the learner's record (empty charts say so instead of drawing nothing)."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="stats-summary")
        yield PlotextPlot(id="stats-days")
        yield DataTable(id="stats-topics", cursor_type="row")
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
        _tabulate(self.query_one("#stats-topics", DataTable), "Topic", stats.by_topic)
        _tabulate(self.query_one("#stats-types", DataTable), "Type", stats.by_type)
        self.query_one("#stats-topics", DataTable).focus()


def _tabulate(table: DataTable[str], title: str, tallies: dict[str, Tally]) -> None:
    """One row per key, in the order `quizzer stats` prints them, with a bar of its accuracy."""
    table.add_columns(title, "Answers", "Correct", "Accuracy", "")
    for key, tally in tallies.items():
        table.add_row(key, str(tally.attempts), str(tally.correct), percent(tally.accuracy),
                      bar(tally.accuracy))
