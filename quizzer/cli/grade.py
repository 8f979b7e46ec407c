"""`quizzer grade`: grade a code file against a task, or a formula against a derivation question.

When watch mode or the TUI has a warm grader running, the code path sends the file to it over
its socket under `$QUIZZER_HOME` (`quizzer.grader.rendezvous`) and the service grades and logs
it, so this process never imports torch. Otherwise (no service, a socket that is not this user's
with mode 0600, a service of another checkout, store or bank) it grades cold: torch is imported
here once and the sandboxed child is forked from this process, so a cold grade costs little more
than the torch import itself. Both paths run the same grader code on the same cases.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import NoReturn

import click

from quizzer.cli import complete
from quizzer.core.catalog import TASK_NAMES
from quizzer.core.result import GradeResult, Status


@click.command()
@click.argument("target", shell_complete=complete.grade_targets)
@click.argument("file", required=False)
@click.option("--answer", help="Grade this formula for the derivation question TARGET.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object on the last line.")
@click.option("--seed", type=int, default=None,
              help="Seed of the generated cases (code: 0; formulas: one per question).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True,
              help="Seconds before the submission is killed.")
def grade(target: str, file: str | None, answer: str | None, as_json: bool, seed: int | None,
          timeout: float) -> None:
    """Grade FILE against the code task TARGET, or --answer against a derivation question.

    Exit status: 0 accepted, 1 rejected, 2 usage error (unknown task or question, unreadable file).
    """
    if answer is not None:
        result = _grade_answer(target, answer, seed)
        from quizzer.cli.progress import record_graded  # logged before the verdict is shown

        record_graded(target, result, answer=answer, file=None)
    elif file is None:
        _usage("give a FILE to grade, or --answer EXPR for a derivation question")
    else:
        result = _grade_code(target, Path(file), seed or 0, timeout)
    _finish(result, as_json)


def _grade_code(task: str, path: Path, seed: int, timeout: float) -> GradeResult:
    """Grade and log (before the verdict is shown), warm when a service is there."""
    if task not in TASK_NAMES:
        _usage(f"unknown task {task!r}; known tasks: {', '.join(TASK_NAMES)}")
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        _usage(f"cannot read {path}: {exc.strerror if isinstance(exc, OSError) else exc}")
    warm = _grade_warm(task, source, str(path), seed, timeout)
    if warm is not None:
        return warm
    from quizzer.grader.runner import grade_source, prepare_grader_process  # imports torch

    prepare_grader_process()
    try:
        result = grade_source(task, source, seed=seed, timeout=timeout, filename=str(path))
    except ImportError as exc:
        _usage(f"task {task!r} is not available in this version ({exc})")
    from quizzer.cli.progress import record_graded

    record_graded(task, result, answer=None, file=str(path))
    return result


def _grade_warm(task: str, source: str, filename: str, seed: int,
                timeout: float) -> GradeResult | None:
    """The warm service's verdict (already logged by it), or None: grade cold."""
    from quizzer.grader.rendezvous import SLACK_SECONDS, WarmGrader, WarmUnavailable, identity
    from quizzer.grader.wire import GradeAndRecord

    try:
        with WarmGrader() as warm:
            answer = "sha256:" + hashlib.sha256(source.encode()).hexdigest()  # submission_hash
            request = GradeAndRecord(task, source, identity(), seed, timeout, filename, answer)
            reply = warm.request(request, timeout + SLACK_SECONDS)
    except WarmUnavailable:
        return None
    if reply.get("warning"):
        click.echo(f"quizzer grade: not recorded: {reply['warning']}", err=True)
    return GradeResult.from_dict(reply["result"])


def _grade_answer(question_id: str, answer: str, seed: int | None) -> GradeResult:
    from quizzer.bank import load_bank
    from quizzer.bank.models import DerivationQuestion

    question = load_bank().by_id().get(question_id)
    if not isinstance(question, DerivationQuestion):
        _usage(f"{question_id!r} is not a derivation question in the bank")
    from quizzer.grader.symbolic import grade_expression  # imports sympy: only on this path

    return grade_expression(question, answer, seed=seed)


def _finish(result: GradeResult, as_json: bool) -> NoReturn:
    """Print the verdict and exit 0 when accepted, 1 when rejected, 3 when the grader itself
    failed (INTERNAL: the answer was not judged)."""
    if as_json:
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False))
    else:
        from quizzer.grader.report import render

        click.echo(render(result))
    sys.exit(0 if result.passed else 3 if result.status is Status.INTERNAL else 1)


def _usage(message: str) -> NoReturn:
    click.echo(f"quizzer grade: {message}", err=True)
    sys.exit(2)
