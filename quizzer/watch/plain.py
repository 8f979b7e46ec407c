"""The line view of watch mode (`quizzer watch --plain`, or when stdout is not a terminal).

Each regrade prints one line, `TASK: STATUS message (N/M checks, S s)`, N the checks passed and
S the seconds from noticing the save to the verdict, then the report `quizzer grade` prints.
Commands are read as lines from stdin when there is one: h hint, n next unsolved, s reference
solution (after a pass), r reset to the stub (asks first), l list, q quit.
"""

from __future__ import annotations

import threading
import time
from typing import TextIO

from quizzer.core.result import GradeResult
from quizzer.grader.report import render
from quizzer.watch.saves import saves
from quizzer.watch.session import Mark, WatchSession

KEYS = "h hint · n next unsolved · s solution · r reset · l list · q quit"


def verdict_line(result: GradeResult, seconds: float) -> str:
    passed = sum(1 for c in result.checks if c.passed)
    return (f"{result.task}: {str(result.status).upper()} {result.message} "
            f"({passed}/{len(result.checks)} checks, {seconds:.2f} s)")


def report(result: GradeResult) -> str:
    """`quizzer grade`'s report without its first line (the verdict line says it)."""
    return "\n".join(render(result).splitlines()[1:])


class PlainView:
    """Prints verdicts and answers commands; one lock keeps their lines apart."""

    def __init__(self, session: WatchSession, out: TextIO, stop: threading.Event) -> None:
        self.session = session
        self.out = out
        self.stop = stop
        self._lock = threading.Lock()

    def say(self, text: str) -> None:
        with self._lock:
            self.out.write(text if text.endswith("\n") else text + "\n")
            self.out.flush()

    def announce(self) -> None:
        counts = self.session.counts()
        self.say(f"watching {self.session.directory}: {len(self.session.tasks)} tasks, "
                 f"{counts[Mark.PASSED]} passed, {counts[Mark.FAILED]} failing, "
                 f"{counts[Mark.UNTRIED]} untried; save a task file to grade it")
        self.say("\n".join(self.session.listing()))
        self.say(KEYS)

    def regrade(self, file_name: str) -> None:
        name = self.session.task_of(file_name)
        if name is None:
            return
        start = time.perf_counter()
        result = self.session.grade(name)
        if result is None:
            return
        self.say(f"{verdict_line(result, time.perf_counter() - start)}\n{report(result)}\n\n")
        while self.session.warnings:
            self.say(self.session.warnings.pop(0))

    def read_commands(self, commands: TextIO) -> None:
        """Answer command lines until end of input (watching goes on) or `q`."""
        for line in commands:
            if not self.command(line.strip().lower(), commands):
                self.stop.set()
                return

    def command(self, key: str, commands: TextIO) -> bool:
        """Carry out one command; False for quit."""
        session = self.session
        current = session.current
        if key == "q":
            return False
        if key == "l" or current is None:
            self.say("\n".join(session.listing()))
        elif key == "h":
            self.say(f"{current}: {session.hint(current)}")
        elif key == "n":
            name = session.next_unsolved()
            self.say(f"next: {name} ({session.tasks[name].path})" if name
                     else "every task has passed")
        elif key == "s":
            self.say(session.reference(current))
        elif key == "r":
            self.say(f"reset {session.tasks[current].path} to its stub? "
                     "Your code in it is lost. [y/N]")
            if commands.readline().strip().lower() in ("y", "yes"):
                session.reset(current)
                self.say(f"{current}: reset to the stub")
            else:
                self.say(f"{current}: left as it is")
        elif key:
            self.say(KEYS)
        return True


def run_plain(session: WatchSession, out: TextIO, commands: TextIO | None,
              stop: threading.Event | None = None) -> None:
    """Watch until `q`, Ctrl+C or `stop`; every save of a task file is regraded and printed."""
    stop = stop or threading.Event()
    view = PlainView(session, out, stop)

    def ready() -> None:
        view.announce()
        if commands is not None:
            threading.Thread(target=view.read_commands, args=(commands,), daemon=True).start()

    for batch in saves(session.directory, session.file_names(), stop, ready):
        for file_name in batch:
            view.regrade(file_name)
