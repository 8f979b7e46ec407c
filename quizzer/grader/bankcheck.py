"""`quizzer check`'s grader half: every parametric question draws, every solution passes."""

from __future__ import annotations

from collections.abc import Iterator

from quizzer.bank import Bank
from quizzer.bank.models import NumericQuestion
from quizzer.grader.draw import NoValidDraw, draw

DRAW_SEEDS = 20


def check_bank(bank: Bank) -> Iterator[tuple[str, bool]]:
    """Yield (message, passed) lines; only failures and a summary per part are printed."""
    yield from _check_draws(bank)


def _check_draws(bank: Bank) -> Iterator[tuple[str, bool]]:
    parametric = [q for q in bank.questions if isinstance(q, NumericQuestion) and q.params]
    failures = 0
    for q in parametric:
        try:
            for seed in range(DRAW_SEEDS):
                draw(q, seed)
        except NoValidDraw as exc:
            failures += 1
            yield f"draw: {exc}", False
    yield f"parametric: {len(parametric) - failures}/{len(parametric)} draw valid instances", (
        failures == 0
    )
