"""`quizzer list` and `quizzer check`: the bank from the command line."""

from __future__ import annotations

import json
import sys

import click

from quizzer.bank import QUESTION_TYPES, Question, load_bank
from quizzer.cli import complete


def question_summary(q: Question) -> dict[str, object]:
    """The fields `quizzer list --json` prints for a question."""
    return {
        "id": q.id,
        "type": q.type,
        "topic": q.topic,
        "difficulty": q.difficulty,
        "tags": q.tags,
        "time": q.time,
        "zh": q.zh is not None,
        "parametric": getattr(q, "params", None) is not None,
        "prompt": q.prompt.strip().splitlines()[0][:100],
    }


@click.command("list")
@click.option("--topic", multiple=True, shell_complete=complete.topics,
              help="Only these topics (repeatable).")
@click.option("--type", "types", multiple=True, type=click.Choice(QUESTION_TYPES),
              help="Only these question types (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON array.")
def list_questions(topic: tuple[str, ...], types: tuple[str, ...], as_json: bool) -> None:
    """List the questions in the bank."""
    bank = load_bank()
    chosen = [q for q in bank.questions
              if (not topic or q.topic in topic) and (not types or q.type in types)]
    for problem in bank.problems:
        click.echo(f"skipped: {problem}", err=True)
    if as_json:
        click.echo(json.dumps([question_summary(q) for q in chosen], ensure_ascii=False))
        return
    for q in chosen:
        click.echo(f"{q.id:40} {q.type:10} {q.topic:24} {q.difficulty}")
    click.echo(f"{len(chosen)} questions", err=True)


@click.command()
@click.option("--quick", is_flag=True, help="Validate the YAML only; do not run the grader.")
def check(quick: bool) -> None:
    """Validate the whole bank; with the grader, prove every solution passes and stub fails."""
    bank = load_bank()
    for problem in bank.problems:
        click.echo(str(problem))
    ok = not bank.problems
    from quizzer.bank.lint import check_content

    for line, passed in check_content(bank.questions, bank.files):
        click.echo(line)
        ok = ok and passed
    if not quick:
        from quizzer.grader.bankcheck import check_bank

        for line, passed in check_bank(bank):
            click.echo(line)
            ok = ok and passed
    summary = f"{len(bank.questions)} questions in {len(bank.files)} files, "
    summary += f"{len(bank.problems)} problems"
    click.echo(summary, err=True)
    sys.exit(0 if ok else 1)
