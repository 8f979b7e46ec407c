"""`quizzer review`, `stats`, `export` and `import` against a temporary QUIZZER_HOME."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizzer.bank import Question, load_bank
from quizzer.cli import main
from quizzer.progress import Store, content_hash, record_answer

QUIZZER = Path(sys.executable).with_name("quizzer")


@pytest.fixture(scope="module")
def questions() -> list[Question]:
    bank = load_bank()
    assert len(bank.questions) >= 3
    return bank.questions[:3]


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_review_lists_only_due_questions_with_their_flags(questions: list[Question]) -> None:
    past = datetime.now(UTC) - timedelta(days=2)
    first, second, third = questions
    with Store.open() as store:
        record_answer(store, first, "wrong", at=past)
        record_answer(store, second, "correct", at=past, seconds=1.0)
        store.record_attempt(third.id, qtype=third.type, topic=third.topic, verdict="wrong",
                             at=past, content_hash="an-older-version")
        store.record_attempt("gone-from-bank", qtype="choice", topic="t", verdict="wrong",
                             at=past)
    doc = json.loads(run("review", "--json"))
    due = {d["id"]: d for d in doc["due"]}
    assert set(due) == {first.id, third.id, "gone-from-bank"}
    assert not due[first.id]["changed"] and due[third.id]["changed"]
    assert due[first.id]["in_bank"] and not due["gone-from-bank"]["in_bank"]
    assert doc["due_total"] == 3
    assert doc["new"] == len(load_bank().questions) - 3


def test_review_text_says_how_many_are_due(questions: list[Question]) -> None:
    with Store.open() as store:
        record_answer(store, questions[0], "wrong", at=datetime.now(UTC) - timedelta(days=1))
    result = CliRunner().invoke(main, ["review"])
    assert result.exit_code == 0
    assert questions[0].id in result.stdout
    assert "1 due" in result.stderr


def test_stats_json_counts_attempts_by_topic_and_type(questions: list[Question]) -> None:
    now = datetime.now(UTC)
    first, second, _ = questions
    with Store.open() as store:
        record_answer(store, first, "correct", at=now)
        record_answer(store, first, "wrong", at=now)
        record_answer(store, second, "skipped", at=now)
    doc = json.loads(run("stats", "--json"))
    assert (doc["attempts"], doc["skipped"]) == (3, 1)
    assert doc["overall"]["accuracy"] == 0.5
    half = {"attempts": 2, "correct": 1, "accuracy": 0.5}  # the skip is not graded
    assert doc["by_topic"][first.topic] == doc["by_type"][first.type] == half
    assert doc["streak_days"] == 1
    assert doc["due"]["cards"] == 1


def test_stats_text_on_a_fresh_home() -> None:
    assert run("stats").startswith("0 attempts")


def test_export_then_import_elsewhere_moves_progress(
    questions: list[Question], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open() as store:
        record_answer(store, questions[0], "wrong", at=datetime.now(UTC))
    out = tmp_path / "progress.json"
    assert "exported 1 attempts" in run("export", str(out))
    monkeypatch.setenv("QUIZZER_HOME", str(tmp_path / "other-machine"))
    assert "imported 1 new attempts (0 already here)" in run("import", str(out))
    assert "imported 0 new attempts (1 already here)" in run("import", str(out))
    with Store.open() as store:
        [attempt] = store.attempts()
    assert attempt.question_id == questions[0].id
    assert attempt.content_hash == content_hash(questions[0])


def test_bad_database_gives_a_clear_message_from_the_installed_command(
    quizzer_home: Path,
) -> None:
    quizzer_home.mkdir(parents=True)
    db = quizzer_home / "progress.sqlite3"
    db.write_bytes(b"\x00not sqlite\x00" * 100)
    before = db.read_bytes()
    proc = subprocess.run([str(QUIZZER), "stats"], capture_output=True, text=True,
                          env={**os.environ, "QUIZZER_HOME": str(quizzer_home)}, timeout=60)
    assert proc.returncode == 1
    assert "not a readable progress database" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert db.read_bytes() == before


def test_import_of_a_bad_file_fails_cleanly(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[]", encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(bad)])
    assert result.exit_code == 1
    assert "not a quizzer progress export" in result.output


def test_progress_commands_load_no_torch_sympy_or_textual() -> None:
    code = ("import json, sys, quizzer.cli.progress, quizzer.progress\n"
            "print(json.dumps(sorted(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=60)
    assert {"torch", "sympy", "textual"}.isdisjoint(json.loads(out.stdout))
