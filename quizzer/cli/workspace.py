"""`quizzer init [DIR]`: a workspace of stubs to implement and grade; `quizzer solution TASK`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from quizzer.cli import complete


@click.command()
@click.argument("directory", default="quizzer-workspace", required=False)
def init(directory: str) -> None:
    """Create DIR (default: quizzer-workspace) with one stub per code task and a README."""
    from quizzer.grader.workspace import existing, plan, write

    root = Path(directory)
    files = plan(root)
    clashes = existing(files)
    if clashes:
        names = ", ".join(str(p) for p in clashes)
        click.echo(f"quizzer init: refusing to overwrite existing files: {names}", err=True)
        sys.exit(1)
    write(files)
    click.echo(f"wrote {len(files) - 1} stubs and README.md to {root}")
    click.echo(f"next: edit {root / 'softmax.py'}, then "
               f"`quizzer grade softmax {root / 'softmax.py'}`")


@click.command()
@click.argument("task", shell_complete=complete.tasks)
def solution(task: str) -> None:
    """Print the reference solution of the code task TASK (best read after yours passes)."""
    from quizzer.core.catalog import TASK_NAMES
    from quizzer.paths import reference_solution

    if task not in TASK_NAMES:
        click.echo(f"quizzer solution: unknown task {task!r}; known tasks: "
                   f"{', '.join(TASK_NAMES)}", err=True)
        sys.exit(2)
    source = reference_solution(task)
    if source is None:
        click.echo(f"quizzer solution: no reference solution for {task!r} yet", err=True)
        sys.exit(1)
    click.echo(source, nl=False)
