"""`quizzer export --anki`: a valid Anki package with one note per question (three per
parametric one), readable fields, topic tags, and GUIDs that stay put across exports."""

from __future__ import annotations

import sqlite3
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizzer.bank import load_bank
from quizzer.bank.kinds import formula
from quizzer.bank.models import NumericQuestion
from quizzer.cli import main
from quizzer.export.cards import DRAWS, markup


@dataclass(frozen=True)
class Note:
    guid: str
    front: str
    back: str
    id: str
    tags: list[str]


def export(tmp: Path, name: str, *args: str) -> dict[str, Note]:
    path = tmp / name
    result = CliRunner().invoke(main, ["export", "--anki", str(path), *args])
    assert result.exit_code == 0, result.output
    return read_package(path, tmp / f"{name}.d")


def read_package(path: Path, into: Path) -> dict[str, Note]:
    with zipfile.ZipFile(path) as z:
        assert "collection.anki2" in z.namelist()
        z.extract("collection.anki2", into)
    with sqlite3.connect(into / "collection.anki2") as db:
        rows = db.execute("select guid, flds, tags from notes").fetchall()
        cards = db.execute("select count(*) from cards").fetchone()[0]
    db.close()
    notes = {}
    for guid, flds, tags in rows:
        front, back, qid = flds.split("\x1f")
        notes[qid] = Note(guid, front, back, qid, tags.split())
    assert cards == len(rows) == len(notes)
    return notes


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Note]:
    return export(tmp_path_factory.mktemp("anki"), "all.apkg", "--lang", "both")


def test_every_question_is_a_note_and_parametric_ones_are_three(full: dict[str, Note]) -> None:
    bank = load_bank()
    want = set()
    for q in bank.questions:
        if isinstance(q, NumericQuestion) and q.params is not None:
            want |= {f"{q.id}/draw-{seed}" for seed in range(DRAWS)}
        else:
            want.add(q.id)
    assert set(full) == want


def test_fronts_hold_the_prompt_and_backs_the_answer_in_both_languages(
        full: dict[str, Note]) -> None:
    bank = load_bank().by_id()
    for note in full.values():
        q = bank[note.id.split("/")[0]]
        assert "<hr>" in note.front and "<hr>" in note.back
        assert "Answer: " in note.back or q.type == "short"
        assert q.topic in note.tags and f"type::{q.type}" in note.tags
        if q.zh is not None:
            assert markup(q.zh.explanation)[:20] in note.back


def test_parametric_notes_show_drawn_values_and_a_number(full: dict[str, Note]) -> None:
    fronts = [full[f"weight-decay-sgd-step-param/draw-{s}"].front for s in range(DRAWS)]
    assert len(set(fronts)) == DRAWS  # three different instances
    assert all("{" not in f for f in fronts)
    for seed in range(DRAWS):
        back = full[f"weight-decay-sgd-step-param/draw-{seed}"].back
        answer = back.split("Answer: </b>")[1].split("<")[0]
        float(answer)


def test_choice_back_names_the_key_and_code_cards_point_to_watch(full: dict[str, Note]) -> None:
    bank = load_bank()
    choice = next(q for q in bank.questions if q.type == "choice")
    key = choice.answer
    assert f"<b>{key}</b>. " in full[choice.id].back.split("</div>")[0]
    code = next(q for q in bank.questions if q.type == "code")
    assert "quizzer watch" in full[code.id].back


def test_a_re_export_keeps_every_guid_and_filters_select(tmp_path: Path,
                                                        full: dict[str, Note]) -> None:
    again = export(tmp_path, "choice.apkg", "--type", "choice", "--lang", "zh")
    bank = load_bank()
    assert set(again) == {q.id for q in bank.questions if q.type == "choice"}
    assert all(again[qid].guid == full[qid].guid for qid in again)
    topic = bank.questions[0].topic
    by_topic = export(tmp_path, "topic.apkg", "--topic", topic, "--type", "short")
    assert all(n.id in full and topic in n.tags for n in by_topic.values())


def test_no_match_and_both_targets_are_usage_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    none = runner.invoke(main, ["export", "--anki", str(tmp_path / "x.apkg"), "--topic", "nope"])
    assert none.exit_code == 2 and "no question matches" in none.output
    both = runner.invoke(main, ["export", str(tmp_path / "p.json"), "--anki",
                                str(tmp_path / "x.apkg")])
    assert both.exit_code == 2 and "not both" in both.output
    assert not (tmp_path / "x.apkg").exists()


def test_formulas_and_markup_read_as_a_person_writes_them() -> None:
    assert formula("x**2*exp(-x)") == "x^2·exp(-x)"
    assert formula("sqrt(6)/sqrt(m + n)") == "√(6)/√(m + n)"
    assert markup("use `torch.exp` on **logits** <x>") == \
        "use <code>torch.exp</code> on <b>logits</b> &lt;x&gt;"
    assert markup("a\n```python\nx = 1 < 2\n```\nb") == \
        "a<pre><code>x = 1 &lt; 2\n</code></pre>b"
