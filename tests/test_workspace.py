"""`quizzer init`: one stub per available task and a README; never overwrites."""

from __future__ import annotations

import ast
from pathlib import Path

from click.testing import CliRunner

from quizzer.cli import main
from quizzer.core.catalog import TASK_NAMES
from quizzer.grader.bankcheck import check_tasks


def test_init_writes_a_stub_per_task_and_a_readme(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["init", str(tmp_path / "ws")])
    assert result.exit_code == 0, result.output
    stubs = sorted((tmp_path / "ws").glob("*.py"))
    assert sorted(p.stem for p in stubs) == sorted(TASK_NAMES)
    for stub in stubs:
        text = stub.read_text()
        tree = ast.parse(text)
        functions = [n.name for n in tree.body if isinstance(n, ast.FunctionDef)]
        assert functions == [stub.stem]
        assert "raise NotImplementedError" in text
    readme = (tmp_path / "ws" / "README.md").read_text()
    assert "quizzer grade softmax softmax.py" in readme


def test_init_refuses_to_overwrite_and_names_the_files(tmp_path: Path) -> None:
    (tmp_path / "softmax.py").write_text("# my work\n")
    result = CliRunner().invoke(main, ["init", str(tmp_path)])
    assert result.exit_code == 1
    assert "softmax.py" in result.stderr
    assert (tmp_path / "softmax.py").read_text() == "# my work\n"
    assert not (tmp_path / "README.md").exists()


def test_softmax_solutions_pass_and_stubs_fail() -> None:
    lines = list(check_tasks(tasks=("softmax", "log_softmax")))
    assert lines == [("code tasks: 2/2 load, solutions pass, stubs fail", True)]


def test_check_reports_a_missing_solution(tmp_path: Path) -> None:
    lines = list(check_tasks(tmp_path, tasks=("softmax",)))
    assert lines[0] == (f"solution softmax: {tmp_path / 'softmax.py'} is missing", False)
    assert lines[-1][1] is False
