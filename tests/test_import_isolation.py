"""The domain packages and the TUI must not pull in heavy or UI modules they do not need."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

DOMAIN = ["quizzer.bank", "quizzer.quiz", "quizzer.grader", "quizzer.progress",
          "quizzer.grader.tasks", "quizzer.grader.ops", "quizzer.bank.params", "quizzer.cli",
          "quizzer.watch.session", "quizzer.watch.plain", "quizzer.cli.watch"]


def loaded_after_import(*modules: str) -> set[str]:
    code = (
        "import importlib, json, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout))


@pytest.mark.parametrize("module", DOMAIN)
def test_domain_module_imports_no_textual_torch_or_sympy(module: str) -> None:
    loaded = loaded_after_import(module)
    assert {"textual", "torch", "sympy"}.isdisjoint(loaded)


def test_tui_app_imports_neither_torch_nor_sympy() -> None:
    loaded = loaded_after_import("quizzer.ui.app")
    assert "textual" in loaded
    assert {"torch", "sympy"}.isdisjoint(loaded)


def test_the_warm_grade_path_loads_neither_torch_nor_the_bank_models() -> None:
    loaded = loaded_after_import("quizzer.cli.grade", "quizzer.grader.rendezvous",
                                 "quizzer.grader.report")
    assert {"torch", "sympy", "pydantic", "quizzer.bank", "quizzer.progress"}.isdisjoint(loaded)
