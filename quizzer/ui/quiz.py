"""Taking a quiz: the question, its answer widget, the verdict, and the session's countdown."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, Markdown, Static

from quizzer.bank.models import (
    ChoiceQuestion,
    CodeQuestion,
    DerivationQuestion,
    MultiQuestion,
    NumericQuestion,
    ShortQuestion,
)
from quizzer.quiz import BadNumber, Instance, Item, QuizSession, Tick, Verdict
from quizzer.ui import text
from quizzer.ui.answers import AnswerBox, ChoiceBox, LineBox, MultiBox, ShortBox
from quizzer.ui.context import Context
from quizzer.ui.events import AnswerGraded, GraderFailed, InstancesDrawn, PreviewReady
from quizzer.ui.recording import Recorder
from quizzer.ui.verdict import Countdown, verdict_markdown

if TYPE_CHECKING:
    from quizzer.ui.code import CodeBox

TICK_SECONDS = 0.25
PREVIEW_DELAY = 0.3


class QuizScreen(Screen[None]):
    """One question at a time; the session decides scoring and time, this screen shows them."""

    BINDINGS = [
        Binding("ctrl+n", "next", "Next"),
        Binding("ctrl+b", "back", "Back"),
        Binding("ctrl+s", "skip", "Skip"),
        Binding("ctrl+t", "flag", "Flag"),
        Binding("ctrl+r", "submit", "Answer/Grade"),
        Binding("ctrl+o", "editor", "$EDITOR", show=False),
        Binding("enter", "next", "Next", show=False),
        Binding("escape", "finish", "Finish"),
    ]

    def __init__(self, ctx: Context, session: QuizSession) -> None:
        super().__init__()
        self.ctx = ctx
        self.session = session
        self.recorder = Recorder(ctx, session)
        self.seed = random.randrange(1_000_000)
        self._preview_timer: Timer | None = None
        self._ended = False

    def compose(self) -> ComposeResult:
        # No Header here: the status line says where the learner is, and a Header being torn
        # down as the clock switches to the results raced with its own title update.
        with Horizontal(id="quiz-status"):
            yield Static(id="quiz-progress")
            yield Countdown(id="quiz-countdown")
        with VerticalScroll(id="quiz-body"):
            yield Markdown(id="quiz-prompt")
            yield Static(id="quiz-slot")
            yield Markdown(id="quiz-verdict")
        yield Footer()

    def on_mount(self) -> None:
        self.set_interval(TICK_SECONDS, self.tick)
        if any(self._parametric(i) for i in self.session.items):
            self.draw_instances()
        self.show_item()

    @staticmethod
    def _parametric(item: Item) -> bool:
        q = item.question
        return isinstance(q, NumericQuestion) and q.params is not None and item.instance is None

    # -- the clock -----------------------------------------------------------------------
    def tick(self) -> None:
        """Let the session apply its limits, then show what it says is left."""
        before = self.session.index
        result = self.session.tick()
        if result is Tick.QUIZ_OVER:
            self.end_quiz(timed_out=True)
            return
        if result is Tick.QUESTION_EXPIRED:
            self.recorder.timed_out(before)
            self.notify("Time is up for that question.", severity="warning", timeout=3)
            self.show_item()
        self._show_clock()

    # -- showing the current item --------------------------------------------------------
    def show_item(self) -> None:
        """Redraw everything for the current item."""
        s, item = self.session, self.session.current
        flag = " · ⚑ flagged" if item.flagged else ""
        self.query_one("#quiz-progress", Static).update(
            f"Question {s.index + 1}/{len(s.items)} · {item.question.topic} · "
            f"{item.question.difficulty} · {item.question.type}{flag}")
        self.query_one("#quiz-prompt", Markdown).update(self._prompt_text(item))
        self.query_one("#quiz-verdict", Markdown).update(verdict_markdown(item, self.ctx.lang))
        slot = self.query_one("#quiz-slot", Static)
        self._keep_drafts()
        slot.remove_children()
        box = self._answer_box(item)
        if box is not None:
            slot.mount(box)
        else:
            self.query_one("#quiz-body").focus()
        self._show_clock()

    def _show_clock(self) -> None:
        s = self.session
        self.query_one(Countdown).show(s.remaining(), s.question_remaining(), s.current.stopped)

    def _keep_drafts(self) -> None:
        """Write any code draft on screen to its workspace file before the box goes."""
        from quizzer.ui.code import CodeBox

        for box in self.query(CodeBox):
            box.persist()

    def _prompt_text(self, item: Item) -> str:
        if self._parametric(item):
            return "*Preparing this question…*"
        prompt = text.prompt(item, self.ctx.lang)
        q = item.question
        if isinstance(q, DerivationQuestion):
            names = ", ".join(f"`{v}`" for v in q.variables)
            prompt += f"\n\nVariables: {names}"
        return prompt

    def _answer_box(self, item: Item) -> AnswerBox | None:
        q, lang = item.question, self.ctx.lang
        if item.locked or item.verdict is Verdict.PENDING and q.type != "code":
            return None
        if isinstance(q, ChoiceQuestion):
            return ChoiceBox(text.shown_choices(item, lang))
        if isinstance(q, MultiQuestion):
            return MultiBox(text.shown_choices(item, lang))
        if isinstance(q, NumericQuestion):
            unit = f"Answer in {q.unit}. " if q.unit else ""
            return None if self._parametric(item) else LineBox(
                "numeric", "a number, e.g. 12, 0.25, 1/4", f"{unit}Enter answers.")
        if isinstance(q, ShortQuestion):
            model, points = text.model_answer(q, lang)
            shown = item.answer if isinstance(item.answer, str) else None
            return ShortBox(model, points, shown)
        if isinstance(q, DerivationQuestion):
            return LineBox("derivation", "a formula, e.g. 2*(yhat - y)",
                           "Use * for products and ^ or ** for powers. Enter grades.")
        if isinstance(q, CodeQuestion):
            from quizzer.ui.code import PLACEHOLDER, CodeBox

            box = CodeBox(q.task, item.answer if isinstance(item.answer, str) else PLACEHOLDER)
            self.fetch_stub(q.task)
            return box
        return None

    # -- answering -----------------------------------------------------------------------
    def on_answer_box_given(self, event: AnswerBox.Given) -> None:
        event.stop()
        s = self.session
        try:
            if event.kind == "choice":
                s.answer_choice(str(event.value))
            elif event.kind == "multi":
                s.answer_multi(list(event.value))
            elif event.kind == "numeric":
                s.answer_numeric(str(event.value))
            elif event.kind == "short":
                s.answer_short(str(event.value))
            else:
                self._send_to_grader(event.kind, str(event.value))
                return
        except BadNumber as exc:
            self.notify(str(exc), title="Not a number", severity="warning", timeout=4)
            return
        except ValueError as exc:
            self.notify(str(exc), severity="warning", timeout=4)
            return
        self.recorder.final(s.index)
        self.show_item()

    def on_answer_box_rated(self, event: AnswerBox.Rated) -> None:
        event.stop()
        self.session.rate(event.rating)
        self.recorder.final(self.session.index)
        self.show_item()

    def _send_to_grader(self, kind: str, answer: str) -> None:
        if self.session.over:
            return
        if not answer.strip():
            self.notify("Type an answer first.", severity="warning", timeout=3)
            return
        index = self.session.submit(answer)
        item = self.session.items[index]
        if isinstance(item.question, CodeQuestion):
            self.grade_code(index, item.question.task, answer)
        else:
            self.grade_expression(index, item.question.id, answer)
        if kind == "code":
            self.query_one("#quiz-verdict", Markdown).update(verdict_markdown(item, self.ctx.lang))
        else:
            self.show_item()

    def on_code_box_saved(self, event: CodeBox.Saved) -> None:
        event.stop()
        self._send_to_grader("code", event.source)

    # -- grader workers (they only post back) --------------------------------------------
    @work(thread=True, exclusive=True, group="grade", exit_on_error=False)
    def grade_code(self, index: int, task: str, source: str) -> None:
        try:
            result = self.ctx.grader().grade_code(task, source, seed=self.seed)
        except Exception as exc:  # noqa: BLE001 - any grader failure is reported, never fatal
            self.post_message(GraderFailed(index, f"{type(exc).__name__}: {exc}"))
        else:
            self.post_message(AnswerGraded(index, result))

    @work(thread=True, exclusive=True, group="grade", exit_on_error=False)
    def grade_expression(self, index: int, question_id: str, answer: str) -> None:
        try:
            result = self.ctx.grader().grade_expression(question_id, answer)
        except Exception as exc:  # noqa: BLE001 - any grader failure is reported, never fatal
            self.post_message(GraderFailed(index, f"{type(exc).__name__}: {exc}"))
        else:
            self.post_message(AnswerGraded(index, result))

    @work(thread=True, exclusive=True, group="preview", exit_on_error=False)
    def preview(self, index: int, question_id: str, formula: str) -> None:
        try:
            result = self.ctx.grader().preview_expression(question_id, formula)
        except Exception as exc:  # noqa: BLE001 - a preview failure only hides the preview
            result = {"ok": False, "pretty": "", "message": f"preview unavailable: {exc}"}
        self.post_message(PreviewReady(index, formula, result))

    @work(thread=True, exclusive=True, group="stub", exit_on_error=False)
    def fetch_stub(self, task: str) -> None:
        try:
            stub = self.ctx.stub(task)
        except Exception:  # noqa: BLE001 - without a stub the learner starts from the fallback
            return
        self.app.call_from_thread(self._offer_stub, stub)

    def _offer_stub(self, stub: str) -> None:
        from quizzer.ui.code import CodeBox

        for box in self.query(CodeBox):
            box.offer_stub(stub)

    @work(thread=True, exclusive=True, group="draw", exit_on_error=False)
    def draw_instances(self) -> None:
        drawn: dict[str, Instance] = {}
        try:
            for item in self.session.items:
                if self._parametric(item):
                    d = self.ctx.grader().draw(item.question.id, self.seed)
                    drawn[item.question.id] = Instance.from_reply(d, self.seed)
        except Exception as exc:  # noqa: BLE001 - reported; those questions cannot be asked
            self.post_message(GraderFailed(None, f"could not draw values: {exc}"))
        self.post_message(InstancesDrawn(drawn))

    def on_instances_drawn(self, event: InstancesDrawn) -> None:
        for item in self.session.items:
            if item.question.id in event.instances:
                item.instance = event.instances[item.question.id]
        self.show_item()

    def on_answer_graded(self, event: AnswerGraded) -> None:
        verdict = self.session.record_grade(event.index, event.result)
        if verdict is not Verdict.UNANSWERED:
            self.recorder.final(event.index)
        if self.session.over:
            return  # graded after the end: it counts, and the results screen shows it
        if event.index == self.session.index and verdict is Verdict.UNANSWERED:
            self.notify(event.result.message or "could not read that", title="Not understood",
                        severity="warning", timeout=5)
        if event.index == self.session.index:
            item = self.session.current
            if item.question.type == "code" and not item.locked:
                self.call_later(self._show_code_verdict, verdict_markdown(item, self.ctx.lang))
            else:
                self.show_item()
        elif not self.is_current:
            return
        else:
            self.notify(f"Question {event.index + 1}: {verdict.value}", timeout=3)

    async def _show_code_verdict(self, text: str) -> None:
        panel = self.query_one("#quiz-verdict", Markdown)
        await panel.update(text)
        # On a small terminal the editor fills the screen: bring the verdict into view.
        self.call_after_refresh(panel.scroll_visible, top=True, animate=False)

    def on_grader_failed(self, event: GraderFailed) -> None:
        if event.index is not None and self.session.items[event.index].verdict is Verdict.PENDING:
            self.session.grading_failed(event.index)
            if event.index == self.session.index and not self.session.over:
                self.show_item()
        self.notify(event.reason, title="Grader problem", severity="error", timeout=10)

    def on_input_changed(self, event: Input.Changed) -> None:
        item = self.session.current
        if event.input.id != "answer-derivation" or not event.value.strip():
            return
        if self._preview_timer is not None:
            self._preview_timer.stop()
        index, qid, formula = self.session.index, item.question.id, event.value
        self._preview_timer = self.set_timer(
            PREVIEW_DELAY, lambda: self.preview(index, qid, formula))

    def on_preview_ready(self, event: PreviewReady) -> None:
        if event.index != self.session.index:
            return
        for box in self.query(LineBox):
            if box.kind == "derivation" and box.query_one(Input).value == event.text:
                p = event.preview
                box.show_preview(bool(p.get("ok")), str(p.get("pretty", "")),
                                 str(p.get("message", "")))

    # -- navigation ----------------------------------------------------------------------
    def action_next(self) -> None:
        if self.session.index == len(self.session.items) - 1:
            if self.session.all_answered:
                self.end_quiz(timed_out=False)
            else:
                self.notify("That was the last question. Ctrl+S goes to one still open; "
                            "Esc finishes the quiz.", timeout=4)
            return
        self.session.next()
        self.show_item()

    def action_back(self) -> None:
        self.session.back()
        self.show_item()

    def action_skip(self) -> None:
        if not self.session.skip():
            self.notify("No other open question; Esc finishes the quiz.", timeout=3)
        self.show_item()

    def action_flag(self) -> None:
        self.session.toggle_flag()
        self.show_item()

    def action_submit(self) -> None:
        for box in self.query(AnswerBox):
            box.submit()

    def action_editor(self) -> None:
        from quizzer.ui.code import CodeBox

        for box in self.query(CodeBox):
            box.open_editor()

    def action_finish(self) -> None:
        from quizzer.ui.confirm import Confirm

        open_count = sum(1 for i in self.session.items if not i.locked)
        if open_count == 0:
            self.end_quiz(timed_out=False)
            return

        def decided(finish: bool | None) -> None:
            if finish:
                self.end_quiz(timed_out=False)

        self.app.push_screen(Confirm(f"{open_count} question(s) still open. Finish the quiz?"),
                             decided)

    def end_quiz(self, *, timed_out: bool) -> None:
        """Stop the clock, log what was left open, and show the results."""
        from quizzer.ui.results import ResultsScreen

        if self._ended:
            return
        self._ended = True
        self.session.finish()
        self.recorder.left_open(timed_out=timed_out)
        # The quiz screen stays underneath until the results close, so that grades still on
        # their way (code submitted just before the end) land in the session and the log.
        self.app.push_screen(ResultsScreen(self.ctx, self.session), self._results_closed)

    def _results_closed(self, _result: None) -> None:
        # Not `lambda _: self.dismiss()`: Textual awaits a callback's return value, and awaiting
        # this screen's own dismissal from its message loop is an error (a timed-out quiz ended
        # from the clock's tick runs here).
        self.dismiss()
