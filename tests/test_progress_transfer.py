"""Export and import: progress moves between machines, merged by attempt, never duplicated."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizzer.progress import Store, StoreError, export_progress, import_progress

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
Opener = Callable[[str], Store]


@pytest.fixture
def open_store(tmp_path: Path) -> Iterator[Opener]:
    opened: list[Store] = []

    def make(name: str) -> Store:
        opened.append(Store.open(tmp_path / f"{name}.sqlite3"))
        return opened[-1]

    yield make
    for store in opened:
        store.close()


def practise(store: Store, qid: str, verdicts: list[str], start: datetime) -> None:
    for n, verdict in enumerate(verdicts):
        store.record_attempt(qid, qtype="numeric", topic="cnn", verdict=verdict,
                             at=start + timedelta(days=n), seconds=30.0, time_limit=60.0,
                             content_hash="h")


def test_import_into_an_empty_store_reproduces_attempts_and_schedule(
    open_store: Opener, tmp_path: Path
) -> None:
    laptop, desktop = open_store("laptop"), open_store("desktop")
    practise(laptop, "q1", ["wrong", "correct", "correct"], T0)
    practise(laptop, "q2", ["correct", "skipped"], T0)
    assert export_progress(laptop, tmp_path / "p.json", T0) == 5
    report = import_progress(desktop, tmp_path / "p.json")
    assert (report.added, report.already_known, report.questions) == (5, 0, 2)
    assert desktop.attempts() == laptop.attempts()
    assert desktop.cards() == laptop.cards()


def test_reimporting_the_same_file_changes_nothing(open_store: Opener, tmp_path: Path) -> None:
    laptop, desktop = open_store("laptop"), open_store("desktop")
    practise(laptop, "q1", ["wrong", "correct"], T0)
    export_progress(laptop, tmp_path / "p.json", T0)
    import_progress(desktop, tmp_path / "p.json")
    before = (desktop.attempts(), desktop.cards())
    report = import_progress(desktop, tmp_path / "p.json")
    assert (report.added, report.already_known) == (0, 2)
    assert (desktop.attempts(), desktop.cards()) == before


def test_merging_two_machines_replays_attempts_in_time_order(
    open_store: Opener, tmp_path: Path
) -> None:
    # Ratings are fixed when an attempt is recorded; `practise` uses a middling time, so each
    # rating here is the same whichever machine recorded it.
    laptop, desktop, reference = open_store("laptop"), open_store("desktop"), open_store("ref")
    practise(laptop, "q", ["correct"], T0)
    practise(desktop, "q", ["wrong"], T0 + timedelta(days=1))
    practise(laptop, "q", ["correct"], T0 + timedelta(days=2))
    for verdict, day in (("correct", 0), ("wrong", 1), ("correct", 2)):
        practise(reference, "q", [verdict], T0 + timedelta(days=day))
    export_progress(laptop, tmp_path / "laptop.json", T0)
    export_progress(desktop, tmp_path / "desktop.json", T0)
    import_progress(desktop, tmp_path / "laptop.json")
    import_progress(laptop, tmp_path / "desktop.json")
    assert len(desktop.attempts()) == len(laptop.attempts()) == 3
    assert desktop.cards() == laptop.cards()
    [merged], [ref] = desktop.cards(), reference.cards()
    assert (merged.due, merged.state, merged.reviews) == (ref.due, ref.state, ref.reviews)


def test_import_keeps_the_changed_flag_of_an_existing_card(
    open_store: Opener, tmp_path: Path
) -> None:
    laptop, desktop = open_store("laptop"), open_store("desktop")
    practise(desktop, "q", ["correct"], T0)
    desktop.flag_changed({"q": "h-new"})
    practise(laptop, "q", ["wrong"], T0 - timedelta(days=1))
    export_progress(laptop, tmp_path / "p.json", T0)
    import_progress(desktop, tmp_path / "p.json")
    [card] = desktop.cards()
    assert card.changed and card.reviews == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not a quizzer progress export"),
        ('{"format": "other", "version": 1, "exported_at": "2026-03-01T00:00:00Z", '
         '"attempts": []}', "format"),
        ('{"format": "quizzer-progress", "version": 1, "exported_at": "2026-03-01T00:00:00Z",'
         ' "attempts": [{"id": "a"}]}', "attempts.0"),
    ],
)
def test_invalid_export_file_is_refused_and_imports_nothing(
    open_store: Opener, tmp_path: Path, content: str, message: str
) -> None:
    store = open_store("s")
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(StoreError, match=message):
        import_progress(store, bad)
    assert store.attempts() == []


def test_one_bad_attempt_rolls_back_the_whole_import(open_store: Opener, tmp_path: Path) -> None:
    laptop, desktop = open_store("laptop"), open_store("desktop")
    practise(laptop, "q", ["correct", "wrong"], T0)
    export_progress(laptop, tmp_path / "p.json", T0)
    doc = json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))
    doc["attempts"][1]["at"] = "2026-03-01T09:00:00"  # no timezone
    (tmp_path / "p.json").write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(StoreError, match="timezone"):
        import_progress(desktop, tmp_path / "p.json")
    assert desktop.attempts() == [] and desktop.cards() == []


def test_missing_export_file_is_a_clear_error(open_store: Opener, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot read"):
        import_progress(open_store("s"), tmp_path / "nowhere.json")


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["a", "b"]), st.sampled_from(["q1", "q2"]),
                          st.sampled_from(["correct", "wrong", "unanswered", "skipped"])),
                min_size=1, max_size=10))
def test_two_machines_merged_either_way_match_one_machine_that_saw_everything(
    tmp_path: Path, log: list[tuple[str, str, str]]
) -> None:
    home = Path(tempfile.mkdtemp(dir=tmp_path))
    stores = {name: Store.open(home / f"{name}.sqlite3") for name in ("a", "b", "all")}
    try:
        for day, (machine, qid, verdict) in enumerate(log):
            for name in (machine, "all"):  # no timings: each rating is Again or Good anywhere
                stores[name].record_attempt(qid, qtype="choice", topic="t", verdict=verdict,
                                            at=T0 + timedelta(days=day))
        for name in ("a", "b"):
            export_progress(stores[name], home / f"{name}.json", T0)
        import_progress(stores["a"], home / "b.json")
        import_progress(stores["b"], home / "a.json")
        expected = stores["all"].cards()
        assert stores["a"].cards() == stores["b"].cards()
        assert [(c.question_id, c.due, c.state, c.reviews) for c in stores["a"].cards()] == [
            (c.question_id, c.due, c.state, c.reviews) for c in expected]
    finally:
        for store in stores.values():
            store.close()


def test_drawn_values_travel_with_the_attempt(open_store: Opener, tmp_path: Path) -> None:
    source, target = open_store("a"), open_store("b")
    source.record_attempt("p", qtype="numeric", topic="t", verdict="wrong", at=T0, seed=7,
                          drawn={"i": 32, "k": 3, "answer": 30})
    export_progress(source, tmp_path / "out.json", T0)
    import_progress(target, tmp_path / "out.json")
    assert [a.drawn for a in target.attempts()] == [{"i": 32, "k": 3, "answer": 30}]
