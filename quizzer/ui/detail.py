"""One question in full: the prompt, the learner's answer beside the explanation, for code the
failing checks and (after a pass, or on request) the reference solution."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Markdown

from quizzer.bank.kinds import kind_of
from quizzer.bank.models import CodeQuestion
from quizzer.paths import reference_solution
from quizzer.quiz import Item, Verdict
from quizzer.ui import text
from quizzer.ui.verdict import grade_markdown


def answer_markdown(item: Item, lang: str) -> str:
    """The learner's side: the prompt, what they answered, and how it was judged."""
    parts = [text.prompt(item, lang)]
    options = text.shown_choices(item, lang)
    if options:
        parts.append("\n".join(f"- {chr(ord('A') + i)}. {o}" for i, o in enumerate(options)))
    parts.append(f"**Verdict:** {_verdict(item)}")
    if kind_of(item.question).regradable and isinstance(item.answer, str):
        parts.append("**Your code**\n\n```python\n" + item.answer.rstrip() + "\n```")
    else:
        parts.append(f"**Your answer:** {text.given_answer(item)}")
    if item.grade is not None:
        parts.append(grade_markdown(item.grade))
    return "\n\n".join(parts)


def _verdict(item: Item) -> str:
    if item.timed_out and item.verdict is Verdict.UNANSWERED:
        return "time ran out"
    return item.verdict.value


def explanation_markdown(item: Item, lang: str, *, show_solution: bool) -> str:
    """The other side: the right answer, the explanation, and the reference solution."""
    q = item.question
    parts = []
    right = text.right_answer(item, lang)
    if right:
        parts.append(f"**Right answer:** {right}")
    parts.append(text.item_explanation(item, lang))
    if isinstance(q, CodeQuestion):
        solution = reference_solution(q.task)
        if solution is None:
            parts.append("*No reference solution in `solutions/` for this task yet.*")
        elif show_solution or item.verdict is Verdict.CORRECT:
            parts.append("**Reference solution**\n\n```python\n" + solution.rstrip() + "\n```")
        else:
            parts.append("*The reference solution is hidden until your code passes; "
                         "press s to show it anyway.*")
    return "\n\n".join(parts)


class DetailScreen(Screen[None]):
    """Side by side on a wide terminal, one above the other on a narrow one."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back"),
                Binding("s", "solution", "Show solution")]

    def __init__(self, item: Item, lang: str) -> None:
        super().__init__()
        self.item, self.lang = item, lang

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="detail"):
            with VerticalScroll(id="detail-answer"):
                yield Markdown(answer_markdown(self.item, self.lang))
            with VerticalScroll(id="detail-explanation"):
                yield Markdown(explanation_markdown(self.item, self.lang, show_solution=False),
                               id="detail-explanation-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#detail-answer").border_title = "Your answer"
        self.query_one("#detail-explanation").border_title = "Explanation"
        self.query_one("#detail-answer").focus()
        self.set_class(self.app.size.width < 100, "-narrow")

    def on_resize(self) -> None:
        self.set_class(self.app.size.width < 100, "-narrow")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action != "solution" or isinstance(self.item.question, CodeQuestion)

    def action_solution(self) -> None:
        self.query_one("#detail-explanation-text", Markdown).update(
            explanation_markdown(self.item, self.lang, show_solution=True))
