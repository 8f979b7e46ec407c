"""One answer widget per question type. Each posts `AnswerBox.Given` when the learner answers."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Input, Markdown, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from quizzer.bank.models import LETTERS
from quizzer.quiz import Rating


class AnswerBox(Vertical):
    """Base of the answer widgets: `submit()` is what the screen's submit key calls."""

    @dataclass
    class Given(Message):
        """The learner answered: a letter, letters, or text."""

        kind: str
        value: str | list[str]

    @dataclass
    class Rated(Message):
        """The learner rated a revealed short answer."""

        rating: Rating

    def on_mount(self) -> None:
        self.call_after_refresh(self.focus_answer)

    def submit(self) -> None:
        """Answer with what is entered now (types that answer on a key press do nothing)."""

    def focus_answer(self) -> None:
        """Put the keyboard where the answer is typed or chosen."""
        for widget in self.query("OptionList, SelectionList, Input, TextArea"):
            widget.focus()
            return


def _label(index: int, text: str) -> str:
    return f"{index + 1}. {LETTERS[index]}) {text}"


def _key_index(event: events.Key, count: int) -> int | None:
    """1-9 or a letter, as a 0-based choice index, if it names a choice."""
    char = event.character or ""
    if char.isdigit() and 1 <= int(char) <= count:
        return int(char) - 1
    if len(char) == 1 and char.upper() in LETTERS[:count]:
        return LETTERS.index(char.upper())
    return None


class ChoiceList(OptionList):
    """Options chosen with arrows and Enter, a number key, or the option's letter."""

    def on_key(self, event: events.Key) -> None:
        index = _key_index(event, self.option_count)
        if index is not None:
            event.stop()
            self.highlighted = index
            self.action_select()


class ChoiceBox(AnswerBox):
    """One right option."""

    def __init__(self, choices: list[str]) -> None:
        super().__init__(classes="answer-box")
        self.choices = choices

    def compose(self) -> ComposeResult:
        yield ChoiceList(*(Option(Content(_label(i, c))) for i, c in enumerate(self.choices)),
                         id="answer-choice")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Given("choice", LETTERS[event.option_index]))


class TickList(OptionList):
    """Options ticked with Space, a number key or the letter (wrapping like any option); Enter
    answers. Textual's SelectionList cannot wrap a long option, so this draws its own boxes."""

    BINDINGS = [Binding("space", "tick", "Tick"), Binding("enter", "submit", "Answer")]

    @dataclass
    class Done(Message):
        """Enter pressed."""

    def __init__(self, choices: list[str]) -> None:
        self.labels = choices
        self.ticked: set[int] = set()
        super().__init__(*(Option(self._prompt(i)) for i in range(len(choices))),
                         id="answer-multi")

    def _prompt(self, index: int) -> Content:
        box = "☑" if index in self.ticked else "☐"
        return Content(f"{box} {_label(index, self.labels[index])}")

    @property
    def selected(self) -> list[str]:
        return [LETTERS[i] for i in sorted(self.ticked)]

    def toggle(self, index: int) -> None:
        self.ticked ^= {index}
        self.highlighted = index
        self.replace_option_prompt_at_index(index, self._prompt(index))

    def on_key(self, event: events.Key) -> None:
        index = _key_index(event, self.option_count)
        if index is not None:
            event.stop()
            self.toggle(index)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.toggle(event.option_index)

    def action_tick(self) -> None:
        if self.highlighted is not None:
            self.toggle(self.highlighted)

    def action_submit(self) -> None:
        self.post_message(self.Done())


class MultiBox(AnswerBox):
    """Every right option."""

    def __init__(self, choices: list[str]) -> None:
        super().__init__(classes="answer-box")
        self.choices = choices

    def compose(self) -> ComposeResult:
        yield TickList(self.choices)
        yield Static("Tick every right option (Space or its number), then Enter.",
                     classes="answer-help")

    def on_tick_list_done(self, event: TickList.Done) -> None:
        event.stop()
        self.submit()

    def submit(self) -> None:
        self.post_message(self.Given("multi", self.query_one(TickList).selected))


class LineBox(AnswerBox):
    """One line of text: a number or a formula. Enter answers."""

    def __init__(self, kind: str, placeholder: str, note: str = "") -> None:
        super().__init__(classes="answer-box")
        self.kind, self.placeholder, self.note = kind, placeholder, note

    def compose(self) -> ComposeResult:
        yield Input(placeholder=self.placeholder, id=f"answer-{self.kind}")
        if self.note:
            yield Static(self.note, classes="answer-help")
        if self.kind == "derivation":
            yield Static("", id="answer-preview")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    def submit(self) -> None:
        self.post_message(self.Given(self.kind, self.query_one(Input).value))

    def show_preview(self, ok: bool, pretty: str, message: str) -> None:
        """The grader's reading of the formula typed so far."""
        preview = self.query_one("#answer-preview", Static)
        preview.update(f"= {pretty}" if ok else f"⚠ {message}")
        preview.set_class(not ok, "-invalid")


class ShortBox(AnswerBox):
    """Type an answer, reveal the model answer, then rate yourself."""

    RATINGS = [(Rating.AGAIN, "1 Again"), (Rating.HARD, "2 Hard"), (Rating.GOOD, "3 Good"),
               (Rating.EASY, "4 Easy")]

    def __init__(self, model: str, key_points: list[str], revealed_answer: str | None) -> None:
        super().__init__(classes="answer-box")
        self.model, self.key_points = model, key_points
        self.revealed_answer = revealed_answer

    def compose(self) -> ComposeResult:
        if self.revealed_answer is None:
            yield TextArea(id="answer-short", soft_wrap=True, tab_behavior="focus")
            yield Static("Write your answer, then Ctrl+R to reveal the model answer.",
                         classes="answer-help")
            return
        points = "\n".join(f"- {p}" for p in self.key_points)
        yours = self.revealed_answer.strip() or "(nothing written)"
        yield Markdown(f"**Your answer.** {yours}\n\n**Model answer.** {self.model}\n\n"
                       f"**Key points**\n\n{points}", id="short-model")
        with Horizontal(id="short-ratings"):
            for rating, label in self.RATINGS:
                yield Button(label, id=f"rate-{rating.value}", classes="rate")

    def submit(self) -> None:
        if self.revealed_answer is None:
            self.post_message(self.Given("short", self.query_one(TextArea).text))

    def focus_answer(self) -> None:
        if self.revealed_answer is None:
            self.query_one(TextArea).focus()
        else:
            self.query_one("#rate-good", Button).focus()

    def on_key(self, event: events.Key) -> None:
        if self.revealed_answer is not None and event.character in ("1", "2", "3", "4"):
            event.stop()
            self.post_message(self.Rated(self.RATINGS[int(event.character) - 1][0]))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Rated(Rating(str(event.button.id).removeprefix("rate-"))))
