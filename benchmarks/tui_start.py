"""TUI start: launch to an interactive home screen vs `python -c "import textual.app"`."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

from common import REPO

# Runs the real app headless and exits as soon as the home screen has been drawn once.
READY = """
import quizzer.cli, quizzer.ui.app
from quizzer.ui.app import QuizzerApp

class Ready(QuizzerApp):
    CSS_PATH = quizzer.ui.app.__file__.replace("app.py", "quizzer.tcss")

    def on_mount(self):
        super().on_mount()
        self.call_after_refresh(self.exit)

Ready().run(headless=True)
assert "torch" not in __import__("sys").modules
"""


def time_python(code: str, runs: int = 5) -> float:
    """Median wall seconds of `python -c code` (after one warm-up run)."""
    samples = []
    for i in range(runs + 1):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True, capture_output=True)
        if i:
            samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def measure() -> list[dict[str, float | str]]:
    value = time_python(READY)
    baseline = time_python("import textual.app")
    return [{"name": "tui_start", "value": value, "baseline": baseline, "target": 2.5}]
