"""`quizzer grade QUESTION_ID --answer EXPR [--json]` for derivation questions."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from quizzer.cli import main
from quizzer.progress import Store

REPO = Path(__file__).resolve().parents[1]
QUIZZER = Path(sys.executable).with_name("quizzer")


def grade(*args: str) -> tuple[Result, dict[str, Any]]:
    outcome = CliRunner().invoke(main, ["grade", *args, "--json"])
    lines = outcome.stdout.strip().splitlines()
    return outcome, json.loads(lines[-1]) if lines else {}


def test_installed_command_accepts_an_equivalent_form(quizzer_home: Path) -> None:
    run = subprocess.run(
        [str(QUIZZER), "grade", "deriv-sigmoid", "--answer", "1/(4cosh(x/2)^2)", "--json"],
        capture_output=True, text=True, cwd=REPO, timeout=120,
        env={**os.environ, "QUIZZER_HOME": str(quizzer_home)})
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout.strip().splitlines()[-1])
    assert data["passed"] is True and data["status"] == "passed"
    assert data["task"] == "deriv-sigmoid"


def test_wrong_formula_exits_1_with_the_disagreeing_point() -> None:
    outcome, data = grade("deriv-softmax-ce", "--answer", "y - p")
    assert outcome.exit_code == 1
    assert data["status"] == "failed" and data["passed"] is False
    failed = [c for c in data["checks"] if not c["passed"]]
    assert failed[0]["name"] == "agrees with the reference across the domain"
    assert "expected" in failed[0]["message"] and "p = " in failed[0]["message"]
    assert "Reference: p - y" in data["detail"]


def test_integer_formula_without_floor_is_rejected() -> None:
    outcome, data = grade("formula-conv-output", "--answer", "(i + 2p - k)/s + 1")
    assert outcome.exit_code == 1 and data["status"] == "failed"


def test_unparsable_answer_exits_1_as_invalid_and_points_at_the_problem() -> None:
    outcome, data = grade("deriv-bce-logit", "--answer", "sigmoid(z) - yy + w")
    assert outcome.exit_code == 1
    assert data["status"] == "invalid"
    assert data["message"] == "column 19: unknown name 'w'; the variables are z, y"


def test_invalid_answer_is_not_recorded_as_a_wrong_attempt() -> None:
    grade("deriv-tanh", "--answer", "1 - tanh(x")
    grade("deriv-tanh", "--answer", "tanh(x)")
    with Store.open() as store:
        attempts = store.attempts()
    assert [a.answer for a in attempts] == ["tanh(x)"]


def test_text_report_shows_the_reference_and_steps() -> None:
    outcome = CliRunner().invoke(main, ["grade", "deriv-log-transform", "--answer", "c/r"])
    assert outcome.exit_code == 1
    assert "Reference: c/(r + 1)" in outcome.stdout
    assert "Steps:" in outcome.stdout


def test_unknown_question_is_a_usage_error() -> None:
    outcome = CliRunner().invoke(main, ["grade", "no-such-question", "--answer", "x"])
    assert outcome.exit_code == 2


def test_seed_option_chooses_the_sample_points_and_is_reported() -> None:
    _, first = grade("deriv-sigmoid", "--answer", "sigmoid(x) + 0.001", "--seed", "5")
    _, again = grade("deriv-sigmoid", "--answer", "sigmoid(x) + 0.001", "--seed", "5")
    _, other = grade("deriv-sigmoid", "--answer", "sigmoid(x) + 0.001", "--seed", "6")
    assert first["seed"] == 5 and other["seed"] == 6
    assert first["checks"] == again["checks"]
    assert first["checks"] != other["checks"], "another seed samples other points"
