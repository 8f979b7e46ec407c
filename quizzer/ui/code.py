"""The code answer: an in-TUI Python editor, or `$EDITOR` on a workspace file that is watched.

Saving the workspace file from any editor (in another terminal, or the one Ctrl+O opens) puts
the new text in the editor here and asks for a regrade, as rustlings' watch mode does.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from dataclasses import dataclass
from pathlib import Path

from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Static, TextArea

from quizzer.ui.answers import AnswerBox

WATCH_SECONDS = 0.5


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
        saved = self.path.read_text(encoding="utf-8") if self.path.exists() else ""
        if saved.strip():
            self.query_one(TextArea).load_text(saved)  # carry on where the learner left off
        else:
            self.path.write_text(self.initial, encoding="utf-8")
        self._mtime = self.path.stat().st_mtime
        self.set_interval(WATCH_SECONDS, self.check_workspace)

    @property
    def source(self) -> str:
        return self.query_one(TextArea).text

    def offer_stub(self, stub: str) -> None:
        """Put the task's stub in the editor unless the learner has written something."""
        if self.source.strip() == self.initial.strip():
            self.query_one(TextArea).load_text(stub)
            self.path.write_text(stub, encoding="utf-8")
            self._mtime = self.path.stat().st_mtime

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
        self.path.write_text(self.source, encoding="utf-8")
        self._mtime = self.path.stat().st_mtime
        self.post_message(self.Given("code", self.source))

    def open_editor(self) -> None:
        """Suspend the TUI and edit the workspace file in `$EDITOR` (or `$VISUAL`, or vi)."""
        self.path.write_text(self.source, encoding="utf-8")
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        with self.app.suspend():
            subprocess.run([*shlex.split(editor), str(self.path)], check=False)
        self.check_workspace()
