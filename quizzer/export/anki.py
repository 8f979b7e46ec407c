"""An Anki package (.apkg) of the bank, written with genanki.

Note GUIDs come from the question ids (and the draw number of a parametric question), and the
note type and deck ids are fixed, so importing a re-export updates the same notes in place.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from pathlib import Path

import genanki

from quizzer.export.cards import Card

MODEL_ID = 1_607_392_319
"""Fixed forever: Anki matches notes to their note type by this id."""
DECK_NAME = "quizzer"
CSS = """
.card { font-family: sans-serif; font-size: 18px; text-align: left; line-height: 1.45; }
code, pre { font-family: monospace; font-size: 16px; }
pre { white-space: pre-wrap; background: #f4f4f4; padding: 6px; }
ul.choices { list-style: none; padding-left: 0; }
"""

MODEL = genanki.Model(
    MODEL_ID,
    "quizzer question",
    fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Id"}],
    templates=[{
        "name": "Recall",
        "qfmt": "{{Front}}",
        "afmt": "{{FrontSide}}<hr id=answer>{{Back}}<div style='color:#888;font-size:12px'>"
                "{{Id}}</div>",
    }],
    css=CSS,
)


def deck_id(name: str) -> int:
    """A stable id per deck name (a subdeck per topic)."""
    return 1_000_000_000 + zlib.crc32(name.encode()) % 1_000_000_000


def note_guid(card: Card) -> str:
    return str(genanki.guid_for(*card.key))


def write_package(cards: Iterable[Card], path: Path) -> int:
    """Write `cards` to `path` as one .apkg with a subdeck per topic; returns the note count."""
    decks: dict[str, genanki.Deck] = {}
    count = 0
    for card in cards:
        name = f"{DECK_NAME}::{card.topic}"
        deck = decks.get(name)
        if deck is None:
            deck = decks[name] = genanki.Deck(deck_id(name), name)
        deck.add_note(genanki.Note(model=MODEL, fields=[card.front, card.back, "/".join(card.key)],
                                   tags=list(card.tags), guid=note_guid(card)))
        count += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    genanki.Package(list(decks.values())).write_to_file(str(path))
    return count
