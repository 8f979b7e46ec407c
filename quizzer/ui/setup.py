"""Setting up a quiz: topics, types, difficulty, count and time limits. Enter starts it."""

from __future__ import annotations

import random

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, SelectionList

from quizzer.bank import QUESTION_TYPES
from quizzer.quiz import QuizConfig, QuizSession, select_questions
from quizzer.quiz.order import new_seed
from quizzer.ui.context import Context

DIFFICULTIES = ("easy", "medium", "hard")


def start_quiz(app: App[None], ctx: Context, config: QuizConfig, *, replace: bool = False,
               rng: random.Random | None = None) -> bool:
    """Choose the questions and open the quiz screen; False (and a notice) when none match.

    The session, and with it the clock, starts here, as the first question is shown.
    """
    from quizzer.ui.quiz import QuizScreen

    questions = select_questions(ctx.bank.questions, config, rng or random.Random())
    if not questions:
        app.notify("No questions match; widen the topics, types or difficulty.",
                   title="Nothing to ask", severity="warning")
        return False
    screen = QuizScreen(ctx, QuizSession(questions, config, clock=ctx.clock, seed=new_seed()))
    if replace:
        app.switch_screen(screen)
    else:
        app.push_screen(screen)
    return True


def _seconds(text: str, scale: int) -> int | None:
    """A time limit from a field: empty or 0 means none."""
    value = float(text) if text.strip() else 0.0
    return round(value * scale) if value > 0 else None


class SetupScreen(Screen[None]):
    """Filters and limits; every field starts at the default quiz, so Enter alone starts one."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back"),
                Binding("ctrl+r", "start", "Start")]

    def __init__(self, ctx: Context, preset: QuizConfig) -> None:
        super().__init__()
        self.ctx = ctx
        self.preset = preset

    def compose(self) -> ComposeResult:
        p = self.preset
        yield Header()
        yield Label("Nothing ticked in a list means all of it. Space ticks; Tab moves on.",
                    id="setup-help")
        with Horizontal(id="setup-lists"):
            yield SelectionList[str](
                *((f"{t} ({n})", t, t in p.topics) for t, n in self.ctx.bank.topics().items()),
                id="setup-topics")
            yield SelectionList[str](*((t, t, t in p.types) for t in QUESTION_TYPES),
                                     id="setup-types")
            yield SelectionList[str](*((d, d, d in p.difficulties) for d in DIFFICULTIES),
                                     id="setup-difficulty")
        with Horizontal(id="setup-fields"):
            yield from self._field("Questions", "setup-count", str(p.count))
            yield from self._field("Quiz minutes (0: off)", "setup-quiz-minutes",
                                   _minutes(p.quiz_seconds))
            yield from self._field("Secs/question (0: off)", "setup-question-seconds",
                                   str(p.question_seconds or 0))
        yield Button("Start quiz", id="setup-start", variant="primary")
        yield Footer()

    @staticmethod
    def _field(label: str, field_id: str, value: str) -> ComposeResult:
        with Vertical(classes="setup-field"):
            yield Label(label)
            yield Input(value, id=field_id, type="number")

    def on_mount(self) -> None:
        self.query_one("#setup-topics").border_title = "Topics"
        self.query_one("#setup-types").border_title = "Types"
        self.query_one("#setup-difficulty").border_title = "Difficulty"
        self.query_one("#setup-start").focus()

    def config(self) -> QuizConfig:
        """The quiz the fields describe (bad numbers fall back to the defaults)."""
        def ticked(list_id: str) -> frozenset[str]:
            return frozenset(self.query_one(list_id, SelectionList).selected)

        def value(field_id: str) -> str:
            return self.query_one(field_id, Input).value

        default = QuizConfig()
        try:
            count = max(1, int(float(value("#setup-count") or default.count)))
            quiz_seconds = _seconds(value("#setup-quiz-minutes"), 60)
            question_seconds = _seconds(value("#setup-question-seconds"), 1)
        except ValueError:
            count, quiz_seconds, question_seconds = (default.count, default.quiz_seconds,
                                                     default.question_seconds)
        return QuizConfig(topics=ticked("#setup-topics"), types=ticked("#setup-types"),
                          difficulties=ticked("#setup-difficulty"), count=count,
                          quiz_seconds=quiz_seconds, question_seconds=question_seconds)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_start()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_start()

    def action_start(self) -> None:
        start_quiz(self.app, self.ctx, self.config(), replace=True)


def _minutes(seconds: int | None) -> str:
    if not seconds:
        return "0"
    return str(seconds // 60) if seconds % 60 == 0 else f"{seconds / 60:g}"
