"""Review: the questions last answered wrong and those due today, each with its explanation."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from quizzer.bank.models import NumericQuestion, Question
from quizzer.progress import Attempt
from quizzer.quiz import Instance, Item, QuizConfig, Verdict
from quizzer.ui import text
from quizzer.ui.context import Context


class ReviewScreen(Screen[None]):
    """Mistakes first, then due cards; Enter explains one, p practises them all."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back"),
                Binding("p", "practise", "Practise these")]

    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx
        self.rows: list[Item] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="review-summary")
        yield DataTable(id="review-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.rows = self._collect()
        table = self.query_one("#review-table", DataTable)
        table.add_columns("Why", "Topic", "Your answer")
        table.add_column("Question", width=max(20, self.app.size.width - 46))
        for index, item in enumerate(self.rows):
            why = "due" if item.verdict is Verdict.UNANSWERED and item.answer is None \
                else "mistake"
            table.add_row(why, item.question.topic, text.given_answer(item)[:24],
                          " ".join(text.prompt(item, self.ctx.lang).split()),
                          key=str(index), height=None)
        mistakes = sum(1 for r in self.rows if r.verdict is Verdict.WRONG)
        self.query_one("#review-summary", Static).update(
            f"{mistakes} mistake(s) to put right · {len(self.rows) - mistakes} more due today"
            if self.rows else "Nothing to review: no mistakes and nothing due. Well done.")
        table.focus()

    def _collect(self) -> list[Item]:
        """Items for the latest mistakes, then for due questions not already listed."""
        store, by_id = self.ctx.store, self.ctx.bank.by_id()
        if store is None:
            return []
        items: list[Item] = []
        for attempt in store.mistakes():
            question: Question | None = by_id.get(attempt.question_id)
            if question is not None:
                items.append(Item(question, _instance(question, attempt), answer=attempt.answer,
                                  verdict=Verdict.WRONG, seed=attempt.seed))
        listed = {i.question.id for i in items}
        for due in store.due(self.ctx.wall()):
            if due.question_id in by_id and due.question_id not in listed:
                question = by_id[due.question_id]
                last = store.attempts(due.question_id)[-1:]
                items.append(Item(question, _instance(question, last[0]) if last else None,
                                  seed=last[0].seed if last else None))
        return items

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        from quizzer.ui.detail import DetailScreen

        self.app.push_screen(DetailScreen(self.rows[int(str(event.row_key.value))],
                                          self.ctx.lang))

    def action_practise(self) -> None:
        from quizzer.ui.setup import start_quiz

        ids = tuple(item.question.id for item in self.rows)
        if ids:
            start_quiz(self.app, self.ctx, QuizConfig(ids=ids, count=len(ids), quiz_seconds=None),
                       replace=True)


def _instance(question: Question, attempt: Attempt) -> Instance | None:
    """The drawn values a parametric question had in `attempt`, so that it reads as asked."""
    if not isinstance(question, NumericQuestion) or attempt.drawn is None:
        return None
    return Instance.from_drawn(question, attempt.drawn, attempt.seed)
