"""The watch-mode screen: the workspace's tasks with ✓/✗/·, and the verdict of the last save.

The learner edits in their own editor; a worker thread waits for saves (`quizzer.watch.saves`)
and regrades through the warm service; this screen only shows. Keys: h hint, n next unsolved,
s reference solution (after a pass), r reset to the stub (asks first), l list, q quit.
"""

from __future__ import annotations

import threading

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from quizzer.core.result import GradeResult
from quizzer.ui.confirm import Confirm
from quizzer.watch.plain import report, verdict_line
from quizzer.watch.saves import saves
from quizzer.watch.session import WatchSession

CSS = """
#watch-tasks { width: 36; }
#watch-body { padding: 0 1; }
#watch-verdict { width: 1fr; }
#watch-notes { color: $text-muted; margin-top: 1; }
Confirm { align: center middle; }
#confirm { width: 64; height: auto; border: thick $accent; padding: 1 2; background: $panel; }
#confirm-buttons { height: auto; margin-top: 1; }
"""


class WatchApp(App[None]):
    """Watch a workspace; every save of a task file is regraded and shown here."""

    TITLE = "quizzer watch"
    CSS = CSS
    BINDINGS = [
        Binding("h", "hint", "Hint"),
        Binding("n", "next_unsolved", "Next unsolved"),
        Binding("s", "solution", "Solution"),
        Binding("r", "reset", "Reset to stub"),
        Binding("l", "list", "List"),
        Binding("q", "quit_watch", "Quit"),
    ]

    def __init__(self, session: WatchSession, *, watch_files: bool = True) -> None:
        super().__init__()
        self.session = session
        self.watch_files = watch_files
        self.stop = threading.Event()
        self.notes: list[str] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield OptionList(id="watch-tasks")
            with VerticalScroll(id="watch-body"):
                yield Static(id="watch-verdict", markup=False)
                yield Static(id="watch-notes", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = str(self.session.directory)
        self.refresh_list()
        self.show_current()
        if self.watch_files:
            self.watch_saves()

    @work(thread=True, exclusive=True, group="watch")
    def watch_saves(self) -> None:
        session = self.session
        for batch in saves(session.directory, session.file_names(), self.stop):
            for file_name in batch:
                name = session.task_of(file_name)
                if name is not None:
                    self.call_from_thread(self.grading, name)
                    result = session.grade(name)
                    self.call_from_thread(self.graded, name, result)

    def regrade_now(self, name: str) -> GradeResult | None:
        """Grade the task's file as a save would (the watcher thread's work, inline)."""
        result = self.session.grade(name)
        self.graded(name, result)
        return result

    def grading(self, name: str) -> None:
        self.notes = []
        self.query_one("#watch-verdict", Static).update(f"{name}: grading...")
        self.select(name)

    def graded(self, name: str, result: GradeResult | None) -> None:
        self.notes = list(self.session.warnings)
        self.session.warnings.clear()
        self.refresh_list()
        self.select(name)
        self.show_current()

    def refresh_list(self) -> None:
        tasks = self.query_one("#watch-tasks", OptionList)
        highlighted = tasks.highlighted
        tasks.clear_options()
        tasks.add_options([Option(f"{s.mark.symbol} {s.name}", id=s.name)
                           for s in self.session.tasks.values()])
        names = list(self.session.tasks)
        current = self.session.current
        tasks.highlighted = names.index(current) if current in names else highlighted

    def select(self, name: str) -> None:
        self.session.current = name
        names = list(self.session.tasks)
        self.query_one("#watch-tasks", OptionList).highlighted = names.index(name)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id and event.option.id != self.session.current:
            self.session.current = event.option.id
            self.notes = []
            self.show_current()

    def show_current(self) -> None:
        name = self.session.current
        verdict = self.query_one("#watch-verdict", Static)
        if name is None:
            verdict.update("no tasks")
            return
        state = self.session.tasks[name]
        result = state.result
        if result is None:
            verdict.update(f"{name}: not graded yet. Edit {state.path} in your editor and "
                           "save it; the verdict appears here.")
        else:
            verdict.update(f"{verdict_line(result, result.seconds)}\n{report(result)}")
        self.query_one("#watch-notes", Static).update("\n\n".join(self.notes))

    def note(self, text: str) -> None:
        self.notes.append(text)
        self.show_current()

    def action_hint(self) -> None:
        if self.session.current:
            self.note(self.session.hint(self.session.current))

    def action_next_unsolved(self) -> None:
        name = self.session.next_unsolved()
        if name is None:
            self.note("every task has passed")
            return
        self.notes = []
        self.select(name)
        self.show_current()

    def action_solution(self) -> None:
        if self.session.current:
            self.note(self.session.reference(self.session.current))

    def action_list(self) -> None:
        tasks = self.query_one("#watch-tasks", OptionList)
        tasks.display = True
        tasks.focus()
        self.note("\n".join(self.session.listing()))

    def action_reset(self) -> None:
        name = self.session.current
        if name is None:
            return
        path = self.session.tasks[name].path

        def answered(yes: bool | None) -> None:
            if yes:
                self.reset_task(name)

        self.push_screen(Confirm(f"Reset {path} to its stub? Your code in it is lost."),
                         answered)

    @work(thread=True, group="reset")
    def reset_task(self, name: str) -> None:
        try:
            self.session.reset(name)
            text = f"{name}: reset to the stub"
        except Exception as exc:  # noqa: BLE001 - shown, never a crash
            text = f"{name}: could not reset ({type(exc).__name__}: {exc})"
        self.call_from_thread(self.graded, name, None)
        self.call_from_thread(self.note, text)

    def action_quit_watch(self) -> None:
        self.stop.set()
        self.exit()


def run_watch(session: WatchSession) -> None:
    """Run the screen until the learner quits."""
    app = WatchApp(session)
    try:
        app.run()
    finally:
        app.stop.set()
