"""What watch mode knows: the workspace's tasks, their marks, the last verdict of each, hints.

Grading goes through a grader with `GraderClient`'s interface (the warm service). A pass is
logged in the progress store as `quizzer grade` would log it (once per distinct passing file);
failing saves are drafts and are not logged. Nothing here writes a task file except `reset`,
which the views only call after the learner confirms.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Protocol

from quizzer.bank import Question
from quizzer.core.catalog import TASK_NAMES
from quizzer.core.result import GradeResult, Status
from quizzer.paths import solutions_dir
from quizzer.watch.saves import read_settled


class CodeGrader(Protocol):
    """The part of `quizzer.grader.client.GraderClient` watch mode uses."""

    def grade_code(self, task: str, source: str, seed: int = 0, timeout: float = 10.0,
                   filename: str = "submission.py") -> GradeResult: ...

    def stub(self, task: str) -> str: ...


class Mark(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    UNTRIED = "untried"

    @property
    def symbol(self) -> str:
        return {"passed": "✓", "failed": "✗", "untried": "·"}[self.value]


Recorder = Callable[[str, GradeResult, str, bool], str | None]
"""(task, passing result, submission hash, hint used) -> a warning, or None when logged."""


@dataclass
class TaskState:
    name: str
    path: Path
    mark: Mark = Mark.UNTRIED
    result: GradeResult | None = None
    hints_shown: int = 0
    recorded: set[str] = field(default_factory=set)


def workspace_tasks(directory: Path) -> list[str]:
    """The tasks with a `<task>.py` file in `directory`, in the grader's order."""
    return [name for name in TASK_NAMES if (directory / f"{name}.py").is_file()]


def submission_digest(source: str) -> str:
    """The same text as `quizzer.progress.submission_hash`."""
    return "sha256:" + hashlib.sha256(source.encode()).hexdigest()


def unreadable(task: str, message: str) -> GradeResult:
    """A verdict for a save that could not be graded at all (never logged)."""
    return GradeResult(task, Status.ERROR, message=message)


class WatchSession:
    """The state behind both views; safe to use from the watcher thread and the UI thread."""

    def __init__(self, directory: Path, grader: CodeGrader, *, questions: Iterable[Question],
                 seed: int = 0, timeout: float = 10.0, record: Recorder | None = None,
                 marks: dict[str, Mark] | None = None) -> None:
        self.directory = directory
        self.grader = grader
        self.questions = list(questions)
        self.seed = seed
        self.timeout = timeout
        self.record = record
        self.tasks = {name: TaskState(name, directory / f"{name}.py",
                                      (marks or {}).get(name, Mark.UNTRIED))
                      for name in workspace_tasks(directory)}
        self.current: str | None = next(iter(self.tasks), None)
        self.warnings: list[str] = []
        """Progress-store problems not yet shown."""
        self._written: dict[str, str] = {}
        self._lock = threading.Lock()

    def file_names(self) -> set[str]:
        return {state.path.name for state in self.tasks.values()}

    def task_of(self, file_name: str) -> str | None:
        name = file_name.removesuffix(".py")
        return name if name in self.tasks else None

    def grade(self, name: str) -> GradeResult | None:
        """Regrade the saved file; None when the change was `reset`'s own write."""
        state = self.tasks[name]
        try:
            source = read_settled(state.path)
        except FileNotFoundError:
            return self._store(state, unreadable(name, f"{state.path.name} was removed; "
                                                       "save it again to grade it"))
        except (OSError, UnicodeDecodeError) as exc:
            return self._store(state, unreadable(name, f"cannot read {state.path.name}: {exc}"))
        with self._lock:
            if self._written.get(name) == source:
                del self._written[name]
                return None
        result = self._run(name, source, state.path)
        if result.passed:
            self._log(state, result, source)
        return self._store(state, result, graded=True)

    def _run(self, name: str, source: str, path: Path) -> GradeResult:
        try:
            return self.grader.grade_code(name, source, seed=self.seed, timeout=self.timeout,
                                          filename=str(path))
        except Exception as exc:  # noqa: BLE001 - a grader failure is a verdict, not a crash
            return unreadable(name, f"the grader failed ({type(exc).__name__}: {exc}); "
                                    "save again to retry")

    def _log(self, state: TaskState, result: GradeResult, source: str) -> None:
        digest = submission_digest(source)
        if self.record is None or digest in state.recorded:
            return
        warning = self.record(state.name, result, digest, state.hints_shown > 0)
        if warning is None:
            state.recorded.add(digest)
        else:  # the verdict stands; the view shows the warning
            self.warnings.append(f"{state.name}: not recorded: {warning}")

    def _store(self, state: TaskState, result: GradeResult, graded: bool = False) -> GradeResult:
        with self._lock:
            state.result = result
            self.current = state.name
            if graded and result.passed:
                state.mark = Mark.PASSED
            elif graded and result.checks and state.mark is not Mark.PASSED:
                state.mark = Mark.FAILED
        return result

    def hint(self, name: str) -> str:
        """One more of the task's hints on each call (then the misconception of the last
        failure, if any)."""
        state = self.tasks[name]
        hints = self._hints(name)
        with self._lock:
            if state.hints_shown < len(hints):
                state.hints_shown += 1
                return f"hint {state.hints_shown}/{len(hints)}: {hints[state.hints_shown - 1]}"
        failure = state.result.first_failure if state.result else None
        if failure is not None and failure.hint:
            return f"no more hints; the last failing check suggests: {failure.hint}"
        return "no more hints for this task" if hints else "this task has no hints"

    def _hints(self, name: str) -> list[str]:
        return next((list(q.hints) for q in self.questions
                     if q.type == "code" and q.task == name), [])

    def next_unsolved(self) -> str | None:
        """The first task after the current one (wrapping) that has not passed."""
        names = list(self.tasks)
        start = names.index(self.current) + 1 if self.current in names else 0
        for name in names[start:] + names[:start]:
            if self.tasks[name].mark is not Mark.PASSED:
                with self._lock:
                    self.current = name
                return name
        return None

    def reference(self, name: str) -> str:
        """The reference solution, once the task has passed."""
        if self.tasks[name].mark is not Mark.PASSED:
            return f"{name}: the reference solution is shown once your file passes"
        path = solutions_dir() / f"{name}.py"
        if not path.is_file():
            return f"{name}: no reference solution in {solutions_dir()}"
        return path.read_text(encoding="utf-8")

    def reset(self, name: str) -> None:
        """Replace the task file with its stub (the views ask the learner first)."""
        state = self.tasks[name]
        stub = self.grader.stub(name)
        temporary = state.path.with_name(f".{state.path.name}.reset")
        temporary.write_text(stub, encoding="utf-8")
        with self._lock:
            self._written[name] = stub
            state.result = None
            state.mark = Mark.UNTRIED
            state.hints_shown = 0
        os.replace(temporary, state.path)

    def counts(self) -> dict[Mark, int]:
        totals = dict.fromkeys(Mark, 0)
        for state in self.tasks.values():
            totals[state.mark] += 1
        return totals

    def listing(self) -> list[str]:
        """One line per task: its mark, its name, its last verdict."""
        lines = []
        for state in self.tasks.values():
            last = "" if state.result is None else f"  {str(state.result.status).upper()}"
            pointer = ">" if state.name == self.current else " "
            lines.append(f"{pointer} {state.mark.symbol} {state.name}{last}")
        return lines


def marks_from_store(questions: Iterable[Question], tasks: Iterable[str]) -> dict[str, Mark]:
    """Each task's mark from its logged attempts: the latest verdict (untried when none)."""
    from quizzer.core.verdict import Verdict
    from quizzer.progress import Store, question_for_task

    questions = list(questions)
    marks: dict[str, Mark] = {}
    with Store.open() as store:
        for task in tasks:
            question = question_for_task(questions, task)
            attempts = store.attempts(question.id if question else f"task:{task}")
            if attempts:
                correct = attempts[-1].verdict is Verdict.CORRECT
                marks[task] = Mark.PASSED if correct else Mark.FAILED
    return marks


def store_recorder(questions: Iterable[Question]) -> Recorder:
    """Log a passing grade in the progress store, as `quizzer grade` does."""
    questions = list(questions)

    def record(task: str, result: GradeResult, digest: str, hint_used: bool) -> str | None:
        from quizzer.progress import Store, StoreError
        from quizzer.progress.record import record_code_grade

        try:
            with Store.open() as store:
                record_code_grade(store, questions, task, result, at=datetime.now(UTC),
                                  answer=digest, hint_used=hint_used)
        except StoreError as exc:
            return str(exc)
        return None

    return record
