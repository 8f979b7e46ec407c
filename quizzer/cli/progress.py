"""`quizzer review`, `stats`, `export` and `import`: the learner's progress from the command line.

This layer owns the clock: it reads the time once per command and passes it to the store.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from quizzer.bank import QUESTION_TYPES, load_bank
from quizzer.cli import complete
from quizzer.core.result import GradeResult
from quizzer.progress import (
    DueItem,
    Stats,
    Store,
    StoreError,
    content_hashes,
    export_progress,
    import_progress,
    record_grade,
    submission_hash,
)
from quizzer.progress.record import grade_outcome, record_code_grade


@contextmanager
def open_store() -> Iterator[Store]:
    """The learner's store; a bad file or a failed read or write becomes a clean message."""
    try:
        with Store.open() as store:
            yield store
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc


def local_now() -> datetime:
    """Now, in the local timezone (days and streaks follow the learner's calendar)."""
    return datetime.now(UTC).astimezone()


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Show at most N.")
def review(as_json: bool, limit: int | None) -> None:
    """List the questions due for review, most overdue first."""
    now = local_now()
    bank = load_bank()
    hashes = content_hashes(bank.questions)
    with open_store() as store:
        store.flag_changed(hashes)
        due = store.due(now)
        seen = {c.question_id for c in store.cards()}
    shown = due[:limit] if limit else due
    new = sorted(set(hashes) - seen)
    if as_json:
        doc = {"now": now.isoformat(), "due": [_due_dict(d, d.question_id in hashes)
                                               for d in shown],
               "due_total": len(due), "new": len(new)}
        click.echo(json.dumps(doc, ensure_ascii=False))
        return
    for item in shown:
        note = " (changed)" if item.changed else ""
        note += "" if item.question_id in hashes else " (no longer in the bank)"
        click.echo(f"{item.question_id:40} {item.qtype:10} {item.topic:24} "
                   f"{_ago(item.due, now)}{note}")
    click.echo(f"{len(due)} due, {len(new)} never tried", err=True)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def stats(as_json: bool) -> None:
    """Attempts, accuracy per topic and type, streak and due counts."""
    now = local_now()
    with open_store() as store:
        figures = store.stats(now)
    if as_json:
        click.echo(json.dumps(figures.as_dict(), ensure_ascii=False))
        return
    for line in _stats_lines(figures):
        click.echo(line)


@click.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path), required=False)
@click.option("--anki", "anki", type=click.Path(dir_okay=False, path_type=Path), default=None,
              metavar="FILE.apkg", help="Write the bank as an Anki deck instead of progress.")
@click.option("--lang", type=click.Choice(["en", "zh", "both"]), default="en", show_default=True,
              help="With --anki: the language of the cards.")
@click.option("--topic", multiple=True, shell_complete=complete.topics,
              help="With --anki: only these topics (repeatable).")
@click.option("--type", "types", multiple=True, type=click.Choice(QUESTION_TYPES),
              help="With --anki: only these question types (repeatable).")
def export_command(file: Path | None, anki: Path | None, lang: str, topic: tuple[str, ...],
                   types: tuple[str, ...]) -> None:
    """Write every attempt to FILE (JSON), to carry progress to another machine; or, with
    --anki, write the question bank as an Anki package (re-exporting updates the same notes)."""
    if anki is not None:
        if file is not None:
            raise click.UsageError("give either FILE (progress) or --anki FILE.apkg, not both")
        from quizzer.cli.anki import export_anki

        export_anki(anki, lang, topic, types)
        return
    if file is None:
        raise click.UsageError("missing FILE (or --anki FILE.apkg)")
    with open_store() as store:
        count = export_progress(store, file, datetime.now(UTC))
    click.echo(f"exported {count} attempts to {file}")


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def import_command(file: Path) -> None:
    """Merge the attempts in FILE (from `quizzer export`); attempts already here are skipped."""
    with open_store() as store:
        report = import_progress(store, file)
    click.echo(f"imported {report.added} new attempts ({report.already_known} already here); "
               f"{report.questions} questions rescheduled")


def _due_dict(item: DueItem, in_bank: bool) -> dict[str, Any]:
    return {"id": item.question_id, "type": item.qtype, "topic": item.topic,
            "due": item.due.isoformat(), "state": item.state, "reviews": item.reviews,
            "changed": item.changed, "in_bank": in_bank}


def _ago(due: datetime, now: datetime) -> str:
    hours = (now - due).total_seconds() / 3600
    return f"due {hours / 24:.1f} days ago" if hours >= 24 else f"due {hours:.1f} h ago"


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _stats_lines(s: Stats) -> Iterator[str]:
    yield (f"{s.attempts} attempts ({s.skipped} skipped), accuracy "
           f"{_percent(s.overall.accuracy)}, streak {s.streak_days} days")
    yield (f"due now {s.due.now}, due today {s.due.today}, {s.due.cards} questions scheduled"
           + (f", {s.due.changed} changed since answered" if s.due.changed else ""))
    for title, table in (("topic", s.by_topic), ("type", s.by_type)):
        yield f"by {title}:"
        for key, tally in table.items():
            yield f"  {key:28} {tally.correct:4}/{tally.attempts:<4} {_percent(tally.accuracy)}"


def record_graded(target: str, result: GradeResult, *, answer: str | None,
                  file: str | None) -> None:
    """Log a `quizzer grade` verdict before it is shown. A progress problem is only a warning:
    the grade itself still stands. A code task no bank question uses is logged as `task:NAME`."""
    if grade_outcome(result) is None:
        return
    bank = load_bank()
    now = datetime.now(UTC)
    try:
        with open_store() as store:
            if answer is None:
                record_code_grade(store, bank.questions, target, result, at=now,
                                  answer=_submission(file))
                return
            question = bank.by_id().get(target)
            if question is not None:
                record_grade(store, result, question, at=now, answer=answer)
    except click.ClickException as exc:
        click.echo(f"quizzer grade: not recorded: {exc.message}", err=True)


def _submission(file: str | None) -> str | None:
    try:
        return submission_hash(Path(file).read_text(encoding="utf-8")) if file else None
    except (OSError, UnicodeDecodeError):
        return None
