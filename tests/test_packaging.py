"""The wheel is a complete tool: built, installed non-editable into a fresh virtual environment
and run from another directory, it lists the whole bank, grades every task with the reference
solutions it carries, and shows them. The new environment reuses the installed torch and the
other dependencies (`--system-site-packages`, plus the running environment's site-packages), so
nothing is downloaded."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

from quizzer.bank import load_bank
from quizzer.core.catalog import TASK_NAMES

REPO = Path(__file__).resolve().parents[1]
SOURCES = ["quizzer", "questions", "solutions", "pyproject.toml", "setup.py", "MANIFEST.in",
           "README.md", "LICENSE"]


def _copy_sources(target: Path) -> Path:
    """What a build needs, copied so the build leaves nothing in the checkout."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for name in SOURCES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        else:
            shutil.copy2(source, target / name)
    return target


def _isolation_flags() -> list[str]:
    """Build with the installed setuptools when it is new enough (no download), else let pip
    fetch the build requirements."""
    try:
        major = int(metadata.version("setuptools").split(".")[0])
    except metadata.PackageNotFoundError:
        return []
    return ["--no-build-isolation"] if major >= 77 else []


def _run(args: list[str], cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("QUIZZER_BANK", "PYTHONPATH")}
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = _copy_sources(tmp_path_factory.mktemp("source"))
    out = tmp_path_factory.mktemp("wheel")
    build = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", *_isolation_flags(),
                  "-w", str(out), str(source)], cwd=out, timeout=300)
    assert build.returncode == 0, build.stderr
    [built] = out.glob("quizzer-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("venv")
    made = _run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip",
                 str(root)], cwd=root)
    assert made.returncode == 0, made.stderr
    python = root / "bin" / "python"
    site = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()"
                      "['purelib'])"], cwd=root).stdout.strip())
    if sys.prefix != sys.base_prefix:  # this environment's packages (torch, click, ...) too
        paths = {sysconfig.get_paths()[key] for key in ("purelib", "platlib")}
        (site / "outer-environment.pth").write_text("\n".join(sorted(paths)) + "\n")
    installed = _run([sys.executable, "-m", "pip", "--python", str(python), "install",
                      "--no-deps", "--no-index", "-q", str(wheel)], cwd=root)
    assert installed.returncode == 0, installed.stderr
    return root


def test_the_wheel_carries_the_bank_the_solutions_and_both_licences(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    bank = sorted((REPO / "questions").rglob("*.yaml"))
    assert bank and all(f"quizzer/_data/{p.relative_to(REPO)}" in names for p in bank)
    assert {f"quizzer/_data/solutions/{task}.py" for task in TASK_NAMES} <= names
    assert "quizzer/_data/questions/LICENSE" in names
    metadata_text = zipfile.ZipFile(wheel).read("quizzer-0.1.0.dist-info/METADATA").decode()
    assert "License-Expression: MIT AND CC-BY-4.0" in metadata_text
    assert {"quizzer-0.1.0.dist-info/licenses/LICENSE",
            "quizzer-0.1.0.dist-info/licenses/questions/LICENSE"} <= names


def test_installed_tool_lists_grades_and_shows_solutions_from_another_directory(
    venv: Path, tmp_path: Path
) -> None:
    quizzer = str(venv / "bin" / "quizzer")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = _run([str(venv / "bin" / "python"), "-c",
                  "import quizzer, quizzer.paths as p; print(quizzer.__file__); "
                  "print(p.shipped_dir('questions')); print(p.solutions_dir())"], cwd=elsewhere)
    assert where.returncode == 0, where.stderr
    assert all(Path(line).resolve().is_relative_to(venv.resolve()) for line in where.stdout.split())

    listed = _run([quizzer, "list", "--json"], cwd=elsewhere)
    assert listed.returncode == 0, listed.stderr
    expected = {q.id for q in load_bank(REPO / "questions").questions}
    assert {row["id"] for row in json.loads(listed.stdout)} == expected

    solution = Path(where.stdout.split()[2]) / "softmax.py"
    graded = _run([quizzer, "grade", "softmax", str(solution), "--json"], cwd=elsewhere)
    assert graded.returncode == 0, graded.stdout + graded.stderr
    assert json.loads(graded.stdout.splitlines()[-1])["passed"] is True

    checked = _run([quizzer, "check"], cwd=elsewhere, timeout=300)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert f"code tasks: {len(TASK_NAMES)}/{len(TASK_NAMES)} load, solutions pass" in checked.stdout
    assert "submissions: not part of an installed copy" in checked.stdout

    shown = _run([quizzer, "solution", "nms"], cwd=elsewhere)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout == (REPO / "solutions" / "nms.py").read_text(encoding="utf-8")
