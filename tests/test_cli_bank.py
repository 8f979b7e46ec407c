"""`quizzer list`, `quizzer check`, `--version` and usage errors, run as the installed command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from quizzer import __version__

QUIZZER = str(Path(sys.executable).with_name("quizzer"))


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([QUIZZER, *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, **(env or {})})


def test_list_json_is_one_array_with_required_fields() -> None:
    result = run("list", "--json")
    assert result.returncode == 0
    rows = json.loads(result.stdout)
    assert isinstance(rows, list) and len(rows) >= 20
    assert all({"id", "type", "topic", "difficulty"} <= row.keys() for row in rows)


def test_list_filters_by_topic_and_type() -> None:
    rows = json.loads(run("list", "--json", "--type", "numeric").stdout)
    assert rows and {r["type"] for r in rows} == {"numeric"}
    topic = rows[0]["topic"]
    rows = json.loads(run("list", "--json", "--topic", topic).stdout)
    assert rows and {r["topic"] for r in rows} == {topic}


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0 and __version__ in result.stdout


def test_unknown_command_and_option_exit_2_with_usage() -> None:
    for args in (["frobnicate"], ["list", "--colour"]):
        result = run(*args)
        assert result.returncode == 2
        assert "Usage:" in result.stderr


def test_help_on_every_command() -> None:
    for args in (["--help"], ["list", "--help"], ["check", "--help"]):
        result = run(*args)
        assert result.returncode == 0 and "Usage:" in result.stdout


def test_check_quick_passes_on_the_real_bank() -> None:
    result = run("check", "--quick")
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_on_a_broken_bank_prints_every_problem_with_file_and_line_and_exits_1(
    tmp_path: Path,
) -> None:
    good = (
        "format_version: 1\nquestions:\n  - id: fine\n    type: short\n    topic: t\n"
        "    difficulty: easy\n    time: 30\n    prompt: Why?\n    model_answer: Because.\n"
        "    key_points: [because]\n    explanation: That is why.\n"
    )
    (tmp_path / "good.yaml").write_text(good)
    (tmp_path / "dup.yaml").write_text(good.replace("time: 30", "time: 30\n    colour: red"))
    (tmp_path / "broken.yaml").write_text("format_version: 1\nquestions: [\n")
    (tmp_path / "later.yaml").write_text(good)
    result = run("check", "--quick", env={"QUIZZER_BANK": str(tmp_path)})
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert f"{tmp_path / 'broken.yaml'}:3: (yaml): invalid YAML" in "\n".join(lines)
    assert f"{tmp_path / 'dup.yaml'}:8: fine.colour: unknown field" in lines
    assert (f"{tmp_path / 'later.yaml'}:3: fine.id: duplicate id; first used at "
            f"{tmp_path / 'good.yaml'}:3") in lines
