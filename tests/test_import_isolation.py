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


def _modules_of(package: str) -> list[str]:
    import importlib
    import pkgutil

    path = importlib.import_module(package).__path__
    return sorted(f"{package}.{m.name}" for m in pkgutil.iter_modules(path))


def test_every_ui_module_loads_neither_torch_nor_sympy() -> None:
    modules = _modules_of("quizzer.ui")
    assert len(modules) >= 19
    loaded = loaded_after_import(*modules)
    assert set(modules) <= loaded
    assert {"torch", "sympy", "numpy"}.isdisjoint(loaded)


def test_the_core_vocabulary_imports_nothing_else_of_quizzer() -> None:
    modules = _modules_of("quizzer.core")
    loaded = loaded_after_import(*modules)
    ours = {m for m in loaded if m == "quizzer" or m.startswith("quizzer.")}
    assert ours == {"quizzer", "quizzer.core", *modules}


def test_the_catalogue_matches_the_grader_registries() -> None:
    import inspect

    from quizzer.core.catalog import OP_SIGNATURES, TASK_NAMES
    from quizzer.grader.ops import OPS
    from quizzer.grader.tasks import TASK_MODULES

    assert tuple(TASK_MODULES) == TASK_NAMES
    assert {name: tuple(inspect.signature(fn).parameters) for name, fn in OPS.items()} == \
        OP_SIGNATURES


def test_an_op_missing_from_the_catalogue_is_refused_at_registration() -> None:
    from quizzer.grader.ops import op

    def not_in_the_catalogue(a: float) -> float:
        return a

    with pytest.raises(ValueError, match="quizzer/core/catalog.py"):
        op(not_in_the_catalogue)
