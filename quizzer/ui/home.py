"""The home screen: what to do next, and how each topic is going."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from quizzer.quiz import QuizConfig
from quizzer.ui.context import Context
from quizzer.ui.events import LanguageChanged
from quizzer.ui.text import LANGUAGES

ACTIONS = [
    ("quick", "Quick quiz: 10 questions, 15 min", "⏎"),
    ("setup", "Set up a quiz…", "s"),
    ("code", "Practise code tasks", "c"),
    ("review", "Review mistakes and due questions", "r"),
    ("stats", "Statistics", "t"),
    ("settings", "Settings (language)", "l"),
]


class HomeScreen(Screen[None]):
    """Actions on the left, topics with counts and accuracy on the right."""

    BINDINGS = [
        Binding("s", "go('setup')", "Set up"),
        Binding("c", "go('code')", "Code"),
        Binding("r", "go('review')", "Review"),
        Binding("t", "go('stats')", "Stats"),
        Binding("l", "go('settings')", "Language"),
    ]

    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="bank-summary")
        with Horizontal(id="home-body"):
            yield OptionList(*(Option(f"{key}  {label}", id=action)
                               for action, label, key in ACTIONS), id="home-actions")
            yield DataTable(id="topics", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#topics", DataTable)
        table.add_columns("Topic", "Qs", "Right", "Tries")
        self.query_one("#home-actions").focus()

    def on_screen_resume(self) -> None:
        """Also runs when home is first shown, so the numbers are drawn once at start."""
        self.refresh_progress()

    def refresh_progress(self) -> None:
        """Redraw the numbers that change as the learner answers."""
        stats = self.ctx.store.stats(self.ctx.wall()) if self.ctx.store else None
        table = self.query_one("#topics", DataTable)
        table.clear()
        for topic, count in self.ctx.bank.topics().items():
            tally = stats.by_topic.get(topic) if stats else None
            accuracy = tally.accuracy if tally else None
            table.add_row(topic, str(count), "–" if accuracy is None else f"{accuracy:.0%}",
                          str(tally.attempts if tally else 0), key=topic)
        due = f"{stats.due.today} due today" if stats else "progress not saved"
        self.query_one("#bank-summary", Static).update(
            f"{len(self.ctx.bank.questions)} questions · {due} · "
            f"language: {LANGUAGES.get(self.ctx.lang, self.ctx.lang)}")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_go(event.option.id or "quick")

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        topic = str(event.row_key.value)
        self.action_go("setup", QuizConfig(topics=frozenset({topic})))

    def on_language_changed(self, event: LanguageChanged) -> None:
        self.refresh_progress()

    def action_go(self, where: str, preset: QuizConfig | None = None) -> None:
        """Open one flow; each screen's module is imported the first time it is needed."""
        if where in ("quick", "code"):
            from quizzer.ui.setup import start_quiz

            config = QuizConfig(types=frozenset({"code"}), count=50, quiz_seconds=None) \
                if where == "code" else QuizConfig()
            start_quiz(self.app, self.ctx, config)
        elif where == "setup":
            from quizzer.ui.setup import SetupScreen

            self.app.push_screen(SetupScreen(self.ctx, preset or QuizConfig()))
        elif where == "review":
            from quizzer.ui.review import ReviewScreen

            self.app.push_screen(ReviewScreen(self.ctx))
        elif where == "stats":
            from quizzer.ui.stats import StatsScreen

            self.app.push_screen(StatsScreen(self.ctx))
        elif where == "settings":
            from quizzer.ui.settings import SettingsScreen

            self.app.push_screen(SettingsScreen(self.ctx))
