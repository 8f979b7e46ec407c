"""The order in which a choice or multi question shows its options, decided by a seed.

The bank writes options in a fixed order and names the key by its bank letter. Each attempt shows
them shuffled by the attempt's seed (recorded with the attempt, so the order can be rebuilt for
review); a question declaring `fixed_order` keeps bank order, and `pinned` options keep their
place while the others move. Letters the learner sees are *display* letters; `to_bank` and
`to_display` translate between the two.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Sequence

from quizzer.bank.models import LETTERS, ChoiceQuestion, MultiQuestion, Question

OPTION_REF = re.compile(r"\{([A-Z])\}")
"""`{C}` in an explanation or hint names bank option C; it is shown as that option's letter."""


def new_seed() -> int:
    """A fresh seed for a quiz (each attempt gets its own order)."""
    return random.SystemRandom().randrange(1_000_000)


def display_order(question: Question, seed: int | None) -> tuple[int, ...]:
    """Bank index of the option shown at each position (identity without a seed or options).

    The same question and seed always give the same order.
    """
    if not isinstance(question, ChoiceQuestion | MultiQuestion):
        return ()
    count = len(question.choices)
    if seed is None or question.fixed_order:
        return tuple(range(count))
    pinned = {LETTERS.index(letter) for letter in question.pinned}
    free = [i for i in range(count) if i not in pinned]
    moved = free[:]
    random.Random(f"{question.id}:order:{seed}").shuffle(moved)
    placed = dict(zip(free, moved, strict=True))
    return tuple(placed.get(i, i) for i in range(count))


def to_bank(order: Sequence[int], letter: str) -> str:
    """The bank letter of the option shown under display `letter`."""
    return LETTERS[order[LETTERS.index(letter.strip().upper())]]


def to_display(order: Sequence[int], letter: str) -> str:
    """The display letter under which bank option `letter` is shown."""
    return LETTERS[list(order).index(LETTERS.index(letter))]


def shown(order: Sequence[int], texts: Sequence[str]) -> list[str]:
    """The option texts in display order."""
    return [texts[i] for i in order]


def key_letters(question: ChoiceQuestion | MultiQuestion, order: Sequence[int]) -> list[str]:
    """The display letters of the right options, in display order."""
    keys: Iterable[str] = [question.answer] if isinstance(question.answer, str) else question.answer
    return sorted(to_display(order, letter) for letter in keys)


def refer(text: str, order: Sequence[int]) -> str:
    """Replace each `{C}` (a bank letter) with the letter the learner saw for that option."""
    if not order:
        return text

    def swap(match: re.Match[str]) -> str:
        index = LETTERS.index(match.group(1))
        return to_display(order, match.group(1)) if index < len(order) else match.group(0)

    return OPTION_REF.sub(swap, text)
