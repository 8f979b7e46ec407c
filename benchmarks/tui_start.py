"""TUI start: launch to an interactive home screen vs `python -c "import textual.app"`.

Both are timed from just before the process is started to the moment the child prints the wall
clock: for the TUI, once the home screen has been drawn (headless), for the baseline once
`textual.app` is imported. Interpreter shutdown is left out of both.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

from common import REPO

# Runs the real app headless and reports as soon as the home screen has been drawn once.
READY = """
import gc, time
gc.disable()  # as the `quizzer` script does (quizzer/__main__.py)
import quizzer.__main__, quizzer.ui, quizzer.ui.app  # what the `quizzer` script loads
from quizzer.ui.app import QuizzerApp
from quizzer.ui.home import HomeScreen

class Ready(QuizzerApp):
    CSS_PATH = quizzer.ui.app.__file__.replace("app.py", "quizzer.tcss")

    def on_mount(self):
        super().on_mount()
        self.call_after_refresh(self.ready)

    def ready(self):
        assert isinstance(self.screen, HomeScreen)
        print(time.time(), flush=True)
        self.exit()

Ready().run(headless=True)
assert "torch" not in __import__("sys").modules
"""
BASELINE = "import time\nimport textual.app\nprint(time.time(), flush=True)"


def time_to_ready(code: str, runs: int = 7) -> float:
    """Median seconds from launch to the child's printed timestamp (after one warm-up)."""
    samples = []
    for i in range(runs + 1):
        start = time.time()
        out = subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True,
                             capture_output=True, text=True).stdout
        if i:
            samples.append(float(out.strip().splitlines()[-1]) - start)
    return statistics.median(samples)


def measure() -> list[dict[str, float | str]]:
    value = time_to_ready(READY)
    baseline = time_to_ready(BASELINE)
    return [{"name": "tui_start", "value": value, "baseline": baseline, "target": 2.5}]
