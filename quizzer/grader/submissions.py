"""`quizzer check` for code tasks' example submissions: each gets the verdict its first line states.

A task folder `<root>/<task>/` holds `ok_*.py` files, which must pass, and `bad_*.py` files,
whose first line reads `# expect: <status>: <text>` and which must be rejected with that status
and with `text` in the message or in the first failing check's message or hint.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from quizzer.core.result import GradeResult, Status

MIN_CORRECT = 3
MIN_WRONG = 8
PREFIX = "# expect: "


def expectation(path: Path) -> tuple[Status, str]:
    """The status and text of `# expect: passed` or `# expect: <status>: <text>`.

    Raises ValueError when the first line does not state one.
    """
    lines = path.read_text(encoding="utf-8").splitlines()
    first = lines[0] if lines else ""
    if not first.startswith(PREFIX):
        raise ValueError(f"the first line must be '{PREFIX}<status>[: <text>]'")
    status, _, text = first.removeprefix(PREFIX).partition(":")
    return Status(status.strip()), text.strip()


def explained(result: GradeResult, text: str) -> bool:
    """True when `text` appears in the message or the first failing check's message or hint."""
    first = result.first_failure
    places = [result.message] + ([first.message, first.hint] if first else [])
    return any(text.lower() in place.lower() for place in places)


def mismatch(path: Path, result: GradeResult) -> str | None:
    """Why `result` is not the verdict `path` states, or None when it is."""
    try:
        status, text = expectation(path)
    except ValueError as exc:
        return str(exc)
    wrong_kind = path.name.startswith("ok_") != (status is Status.PASSED)
    if wrong_kind:
        return "an ok_ file must expect passed, a bad_ file a rejection"
    if result.status is not status:
        return f"expected {status.value}, got {result.status.value}: {result.message}"
    if status is not Status.PASSED and not explained(result, text):
        return f"{text!r} is not in the verdict: {result.message}"
    return None


def check_submissions(root: Path, tasks: tuple[str, ...]) -> Iterator[tuple[str, bool]]:
    """Grade every submission of every task (seed 0) and yield a line per problem, then a total."""
    from quizzer.grader.runner import grade_file

    graded = problems = 0
    for task in tasks:
        folder = root / task
        ok, bad = sorted(folder.glob("ok_*.py")), sorted(folder.glob("bad_*.py"))
        stray = sorted(set(folder.glob("*.py")) - set(ok) - set(bad))
        if len(ok) < MIN_CORRECT or len(bad) < MIN_WRONG or stray:
            problems += 1
            yield (f"submissions {task}: {len(ok)} correct and {len(bad)} wrong (at least "
                   f"{MIN_CORRECT} and {MIN_WRONG}), {len(stray)} files named neither ok_ nor "
                   f"bad_", False)
        for path in ok + bad:
            graded += 1
            why = mismatch(path, grade_file(task, path, seed=0))
            if why:
                problems += 1
                yield f"submission {task}/{path.name}: {why}", False
    yield (f"submissions: {graded} graded over {len(tasks)} tasks, {problems} problems",
           problems == 0)
