"""`quizzer watch [DIR]`: regrade every save of a workspace's task files, in your own editor.

It starts a warm grader service (torch loaded once) that also listens under `$QUIZZER_HOME`,
so `quizzer grade` run elsewhere meanwhile is warm too. The screen is Textual on a terminal, and
the line view with `--plain` or when stdout is not a terminal.
"""

from __future__ import annotations

import signal
import sys
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from quizzer.grader.client import GraderClient
    from quizzer.watch.session import WatchSession


@click.command()
@click.argument("directory", default="quizzer-workspace", required=False)
@click.option("--plain", is_flag=True, help="One line per regrade, then the report (no TUI).")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Seed of the generated cases.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True,
              help="Seconds before a submission is killed.")
def watch(directory: str, plain: bool, seed: int, timeout: float) -> None:
    """Watch DIR (default: quizzer-workspace, made by `quizzer init`) and grade each save.

    Keys: h hint, n next unsolved, s reference solution (after a pass), r reset to the stub,
    l list, q quit. In the line view, type them as lines on stdin.
    """
    from quizzer.watch.session import workspace_tasks

    root = Path(directory)
    if not workspace_tasks(root):
        click.echo(f"quizzer watch: no task files in {root}; create a workspace with "
                   f"`quizzer init {directory}`", err=True)
        sys.exit(2)
    session, grader = _start(root, seed, timeout)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        if plain or not sys.stdout.isatty():
            from quizzer.watch.plain import run_plain

            run_plain(session, sys.stdout, sys.stdin)
        else:
            from quizzer.ui.watch import run_watch

            run_watch(session)
    except KeyboardInterrupt:
        pass
    finally:
        grader.close()


def _start(root: Path, seed: int, timeout: float) -> tuple[WatchSession, GraderClient]:
    from quizzer.bank import load_bank
    from quizzer.grader.client import GraderClient
    from quizzer.grader.rendezvous import socket_path
    from quizzer.progress import StoreError
    from quizzer.watch.session import (
        WatchSession,
        marks_from_store,
        store_recorder,
        workspace_tasks,
    )

    bank = load_bank()
    tasks = workspace_tasks(root)
    try:
        marks = marks_from_store(bank.questions, tasks)
    except StoreError as exc:
        click.echo(f"quizzer watch: progress not available: {exc}", err=True)
        marks = {}
    grader = GraderClient(listen=socket_path())
    session = WatchSession(root, grader, questions=bank.questions, seed=seed, timeout=timeout,
                           record=store_recorder(bank.questions), marks=marks)
    click.echo(f"starting the grader for {len(session.tasks)} tasks...", err=True)
    grader.warm(list(session.tasks), seed)  # torch, the bank and every task's cases, now
    return session, grader


def _interrupt(_signum: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt
