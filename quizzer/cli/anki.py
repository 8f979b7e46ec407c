"""`quizzer export --anki FILE.apkg`: the bank as an Anki deck."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from quizzer.bank import Question, load_bank
from quizzer.bank.models import NumericQuestion
from quizzer.export.cards import cards

LANGS = {"en": ("en",), "zh": ("zh",), "both": ("en", "zh")}


def export_anki(path: Path, lang: str, topics: Sequence[str], types: Sequence[str]) -> None:
    """Write the chosen questions to `path` and say how many notes it holds."""
    bank = load_bank()
    for problem in bank.problems:
        click.echo(f"skipped: {problem}", err=True)
    chosen = [q for q in bank.questions
              if (not topics or q.topic in topics) and (not types or q.type in types)]
    if not chosen:
        raise click.UsageError("no question matches the --topic/--type filters")
    count = _write(chosen, path, LANGS[lang])
    click.echo(f"wrote {count} notes ({len(chosen)} questions) to {path}")


def _write(chosen: list[Question], path: Path, langs: Sequence[str]) -> int:
    from quizzer.export.anki import write_package

    parametric = any(isinstance(q, NumericQuestion) and q.params is not None for q in chosen)
    if not parametric:
        return write_package(cards(chosen, langs, _no_draws), path)
    from quizzer.grader.client import GraderClient

    with GraderClient() as grader:
        def drawer(q: NumericQuestion, seed: int) -> tuple[dict[str, int | float], float]:
            drawn = grader.draw(q.id, seed)
            return dict(drawn["values"]), float(drawn["answer"])

        return write_package(cards(chosen, langs, drawer), path)


def _no_draws(q: NumericQuestion, seed: int) -> tuple[dict[str, int | float], float]:
    raise AssertionError(f"{q.id} is parametric")  # pragma: no cover - filtered above

