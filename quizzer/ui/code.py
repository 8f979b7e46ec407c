"""The code answer: an in-TUI Python editor, or `$EDITOR` on a workspace file that is watched.

Saving the workspace file from any editor (in another terminal, or the one Ctrl+O opens) puts
the new text in the editor here and asks for a regrade, as rustlings' watch mode does.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Static, TextArea

from quizzer.ui.answers import AnswerBox

WATCH_SECONDS = 0.5
PLACEHOLDER = "# Loading the starter file for this task…\n"
"""What the editor shows until the task's stub arrives; never written to the workspace."""


def _written(text: str) -> bool:
    """Whether this is text worth keeping: not blank, not the loading placeholder."""
    return bool(text.strip()) and text.strip() != PLACEHOLDER.strip()


def workspace_dir() -> Path:
    """Where code answers are kept as files: `$QUIZZER_HOME/workspace` (the progress data dir)."""
    from quizzer.progress import data_dir

    return data_dir() / "workspace"


def display_path(path: Path) -> str:
    """The workspace file as the learner would type it (home shown as ~)."""
    home = Path.home()
    return f"~/{path.relative_to(home)}" if path.is_relative_to(home) else str(path)


class CodeBox(AnswerBox):
    """Edit here (Ctrl+R grades) or in `$EDITOR` (Ctrl+O; every save regrades)."""

    @dataclass
    class Saved(Message):
        """The workspace file changed on disk: grade its new text."""

        source: str

    def __init__(self, task: str, text: str) -> None:
        super().__init__(classes="answer-box code-box")
        self.task_name = task
        self.initial = text
        self.path = workspace_dir() / f"{task}.py"
        self._mtime = 0.0

    def compose(self) -> ComposeResult:
        yield TextArea.code_editor(self.initial, language="python", id="answer-code")
        yield Static(f"Ctrl+R grades · Ctrl+O opens $EDITOR · saving "
                     f"{display_path(self.path)} regrades", classes="answer-help", id="code-path")

    def on_mount(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        saved = self._on_disk()
        if _written(saved):
            self.query_one(TextArea).load_text(saved)  # carry on where the learner left off
        else:
            self.persist()
        self._mtime = self._stat()
        self.set_interval(WATCH_SECONDS, self.check_workspace)

    @property
    def source(self) -> str:
        return self.query_one(TextArea).text

    def _on_disk(self) -> str:
        try:
            return self.path.read_text(encoding="utf-8")
        except OSError:
            return ""

    def _stat(self) -> float:
        try:
            return self.path.stat().st_mtime
        except OSError:
            return 0.0

    def persist(self) -> None:
        """Write the editor's text to the workspace file, so that no draft is lost when the
        question changes; the loading placeholder is never written."""
        text = self.source
        if _written(text) and text != self._on_disk():
            self.path.write_text(text, encoding="utf-8")
            self._mtime = self._stat()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.persist()

    def offer_stub(self, stub: str) -> None:
        """Show the task's stub while the editor only holds the loading placeholder; a workspace
        file with the learner's text in it is never replaced."""
        if _written(self.source):
            return
        saved = self._on_disk()
        self.query_one(TextArea).load_text(saved if _written(saved) else stub)
        self.persist()

    def check_workspace(self) -> None:
        """Regrade when the file was saved since we last looked."""
        try:
            mtime = self.path.stat().st_mtime
        except OSError:
            return
        if mtime != self._mtime:
            self._mtime = mtime
            text = self.path.read_text(encoding="utf-8")
            if text != self.source:
                self.query_one(TextArea).load_text(text)
                self.post_message(self.Saved(text))

    def submit(self) -> None:
        self.persist()
        self.post_message(self.Given("code", self.source))

    def open_editor(self) -> None:
        """Suspend the TUI and edit the workspace file in `$EDITOR` (or `$VISUAL`, or vi)."""
        self.persist()
        variable = "VISUAL" if os.environ.get("VISUAL") else "EDITOR"
        editor = os.environ.get(variable) or "vi"
        try:
            command = shlex.split(editor)
        except ValueError:
            command = []
        if not command or shutil.which(command[0]) is None:
            self._no_editor(editor, variable)
            return
        try:
            with self.app.suspend():
                subprocess.run([*command, str(self.path)], check=False)
        except OSError:
            self._no_editor(editor, variable)
            return
        self.check_workspace()

    def _no_editor(self, editor: str, variable: str) -> None:
        origin = f"${variable}" if os.environ.get(variable) else "the default"
        self.notify(f"Could not start the editor {editor!r} ({origin}). Set EDITOR or VISUAL "
                    f"to one on your PATH, e.g. `export EDITOR=nano`, or edit "
                    f"{display_path(self.path)} in another terminal.",
                    title="No editor", severity="warning", timeout=10)
