"""`quizzer grade` and its contract: exit status, JSON on the last line, readable report."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizzer.cli import main

REPO = Path(__file__).resolve().parents[1]
SOLUTION = REPO / "solutions" / "softmax.py"
WRONG = REPO / "tests" / "submissions" / "softmax" / "bad_no_max_shift.py"


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["grade", *args])
    return result.exit_code, result.stdout, result.stderr


def test_installed_command_accepts_the_reference_solution_with_json_on_the_last_line() -> None:
    quizzer = Path(sys.executable).with_name("quizzer")
    proc = subprocess.run([str(quizzer), "grade", "softmax", str(SOLUTION), "--json"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    verdict = json.loads(proc.stdout.strip().splitlines()[-1])
    assert verdict["passed"] is True
    assert verdict["status"] == "passed"
    assert verdict["task"] == "softmax"
    assert verdict["seed"] == 0
    assert isinstance(verdict["seconds"], float)
    assert {"name", "passed", "message"} <= set(verdict["checks"][0])


def test_wrong_submission_exits_1_with_first_failure_and_hint() -> None:
    code, out, _ = invoke("softmax", str(WRONG))
    assert code == 1
    assert "FAILED" in out
    assert "huge" in out
    assert "hint: subtract the max" in out


def test_json_reports_the_seed_it_was_given() -> None:
    code, out, _ = invoke("log_softmax", str(REPO / "solutions" / "log_softmax.py"),
                          "--json", "--seed", "7")
    assert code == 0
    assert json.loads(out.strip().splitlines()[-1])["seed"] == 7


def test_timeout_option_limits_the_run(tmp_path: Path) -> None:
    loop = tmp_path / "loop.py"
    loop.write_text("def softmax(x, dim=-1):\n    while True:\n        pass\n")
    code, out, _ = invoke("softmax", str(loop), "--timeout", "0.5", "--json")
    assert code == 1
    assert json.loads(out.strip().splitlines()[-1])["status"] == "timeout"


@pytest.mark.parametrize(("args", "text"), [
    (("no_such_task", str(SOLUTION)), "unknown task 'no_such_task'"),
    (("softmax", "/no/such/file.py"), "cannot read /no/such/file.py"),
    (("softmax",), "give a FILE"),
    (("no-such-question", "--answer", "x"), "not a derivation question"),
])
def test_usage_errors_exit_2_with_one_line_on_stderr(args: tuple[str, ...], text: str) -> None:
    code, out, err = invoke(*args)
    assert code == 2
    assert text in err
    assert len(err.strip().splitlines()) == 1
    assert out == ""


@pytest.mark.parametrize(("answer", "code"), [("2*(yhat - y)", 0), ("yhat - y", 1)])
def test_answer_grades_a_derivation_question(answer: str, code: int) -> None:
    exit_code, out, _ = invoke("deriv-mse-prediction", "--answer", answer, "--json")
    assert exit_code == code
    assert json.loads(out.strip().splitlines()[-1])["passed"] is (code == 0)
