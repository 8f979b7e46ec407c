"""`quizzer check`'s grader half: parametric questions draw, solutions pass and stubs fail."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from quizzer.bank import Bank
from quizzer.bank.models import NumericQuestion
from quizzer.core.catalog import TASK_NAMES
from quizzer.grader.draw import NoValidDraw, draw, mistake_value
from quizzer.paths import solutions_dir

DRAW_SEEDS = 20
"""100 seeds took ~45 s for 64 questions on the 2-core machine; 20 keeps `quizzer check` fast."""
SOLUTIONS_DIR = solutions_dir()
REQUIRE_MISTAKES = False
"""Whether a parametric question without `mistakes:` fails the check (once every one has them)."""


def check_bank(bank: Bank, solutions: Path = SOLUTIONS_DIR) -> Iterator[tuple[str, bool]]:
    """Yield (message, passed) lines; only failures and a summary per part are printed."""
    yield from _check_draws(bank)
    yield from check_tasks(solutions)


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
    """Grade every task's reference solution (must pass) and its stub (must fail)."""
    from quizzer.grader.runner import grade_file, grade_source, prepare_grader_process
    from quizzer.grader.tasks import load_task

    prepare_grader_process(adopt_orphans=False)  # may run inside a test process
    available, missing, failing = 0, [], set()
    for name in tasks:
        try:
            task = load_task(name)
        except ImportError:
            missing.append(name)
            continue
        available += 1
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
    summary = f"code tasks: {available - len(failing)}/{available} solutions pass and stubs fail"
    if missing:
        summary += f" ({len(missing)} not available: {', '.join(missing)})"
    yield summary, not failing
