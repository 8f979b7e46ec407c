"""`quizzer check`'s grader half: parametric questions draw, solutions pass and stubs fail."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from quizzer.bank import Bank
from quizzer.bank.models import CodeQuestion, NumericQuestion
from quizzer.core.catalog import TASK_NAMES
from quizzer.grader.draw import NoValidDraw, draw, mistake_value
from quizzer.grader.formulacheck import check_derivations
from quizzer.grader.submissions import check_submissions
from quizzer.paths import solutions_dir, submissions_dir

DRAW_SEEDS = 20
"""100 seeds took ~45 s for 64 questions on the 2-core machine; 20 keeps `quizzer check` fast."""
SOLUTIONS_DIR = solutions_dir()
REQUIRE_MISTAKES = False
"""Whether a parametric question without `mistakes:` fails the check (once every one has them)."""


def check_bank(
    bank: Bank, solutions: Path = SOLUTIONS_DIR, submissions: Path | None = None
) -> Iterator[tuple[str, bool]]:
    """Yield (message, passed) lines; only failures and a summary per part are printed.

    `submissions` defaults to the checkout's `tests/submissions`; an installed copy has none,
    and says so.
    """
    yield from _check_draws(bank)
    yield from check_derivations(bank)
    yield from check_questions_cover_tasks(bank)
    yield from check_tasks(solutions)
    submissions = submissions or submissions_dir()
    if submissions is None:
        yield "submissions: not part of an installed copy (checked in a source checkout)", True
    else:
        yield from check_submissions(submissions, TASK_NAMES)


def check_questions_cover_tasks(
    bank: Bank, tasks: tuple[str, ...] = TASK_NAMES
) -> Iterator[tuple[str, bool]]:
    """Every code task is asked by at least one code question of the bank."""
    asked = {q.task for q in bank.questions if isinstance(q, CodeQuestion)}
    missing = [task for task in tasks if task not in asked]
    yield from ((f"task {task}: no code question in the bank asks for it", False)
                for task in missing)
    yield f"questions: {len(tasks) - len(missing)}/{len(tasks)} code tasks have a question", (
        not missing)


def _check_draws(bank: Bank) -> Iterator[tuple[str, bool]]:
    parametric = [q for q in bank.questions if isinstance(q, NumericQuestion) and q.params]
    failures = redrawn = 0
    for q in parametric:
        try:
            problems, refused = _draws_of(q)
        except NoValidDraw as exc:
            failures += 1
            yield f"draw: {exc}", False
            continue
        redrawn += refused
        failures += bool(problems)
        yield from ((f"mistakes: {q.id}: {problem}", False) for problem in problems)
    yield f"parametric: {len(parametric) - failures}/{len(parametric)} draw valid instances", (
        failures == 0
    )
    listed = [q for q in parametric if q.mistakes]
    count = sum(len(q.mistakes) for q in listed)
    yield (f"mistakes: {count} listed on {len(listed)}/{len(parametric)} parametric questions, "
           f"each rejected on all {DRAW_SEEDS} checked draws; {redrawn} candidate draws were "
           f"redrawn because a mistake landed within the tolerance"), (
        len(listed) == len(parametric) or not REQUIRE_MISTAKES)


def _draws_of(q: NumericQuestion) -> tuple[list[str], int]:
    """Problems with `q`'s listed mistakes over the checked seeds, and the draws refused."""
    problems: list[str] = []
    computed = [False] * len(q.mistakes)
    refused = 0
    for seed in range(DRAW_SEEDS):
        instance = draw(q, seed)
        refused += instance.redrawn
        for index, mistake in enumerate(q.mistakes):
            value = mistake_value(q, mistake, instance.values).value
            if value is None:
                continue
            computed[index] = True
            if q.tolerance.accepts(value, instance.answer):
                problems.append(f"mistake {index} is accepted on seed {seed} ({value:g})")
    problems += [f"mistake {i} gives no number on any checked draw"
                 for i, ok in enumerate(computed) if not ok]
    return problems, refused


def check_tasks(
    solutions: Path = SOLUTIONS_DIR, tasks: tuple[str, ...] = TASK_NAMES
) -> Iterator[tuple[str, bool]]:
    """Grade every task's reference solution (must pass) and its stub (must fail).

    A task whose module cannot be imported fails the check, with the error.
    """
    from quizzer.grader.runner import grade_file, grade_source, prepare_grader_process
    from quizzer.grader.tasks import load_task

    prepare_grader_process(adopt_orphans=False)  # may run inside a test process
    failing = set()
    for name in tasks:
        try:
            task = load_task(name)
        except Exception as exc:  # an import error or a broken declaration: both fail the gate
            failing.add(name)
            yield f"task {name}: its module does not load: {type(exc).__name__}: {exc}", False
            continue
        path = solutions / f"{name}.py"
        if not path.exists():
            failing.add(name)
            yield f"solution {name}: {path} is missing", False
        else:
            result = grade_file(name, path)
            if not result.passed:
                failing.add(name)
                yield f"solution {name}: {result.status}: {result.message}", False
        stub = grade_source(name, task.stub(), filename=f"{name}_stub.py")
        if stub.passed:
            failing.add(name)
            yield f"stub {name}: passes the grader, but it must fail", False
    passing = len(tasks) - len(failing)
    yield f"code tasks: {passing}/{len(tasks)} load, solutions pass, stubs fail", not failing
