"""TUI memory: peak RSS of the TUI process while taking a quiz (the grader runs elsewhere)."""

from __future__ import annotations

import json
import subprocess
import sys

from common import REPO

# Starts the quick quiz from home and answers ten questions with the keyboard, headless.
QUIZ = """
import asyncio, json, resource, sys
from quizzer.ui.app import QuizzerApp

async def main():
    app = QuizzerApp()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("enter")
        for _ in range(10):
            await pilot.press("1", "enter")
            await pilot.pause(0.05)
            await pilot.press("enter")
            await pilot.pause(0.05)
    print(json.dumps({"peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "torch": "torch" in sys.modules}))

asyncio.run(main())
"""
BARE = """
import json, resource
import textual.app
print(json.dumps({"peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def peak_mb(code: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True,
                         capture_output=True, text=True).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


def measure() -> list[dict[str, float | str]]:
    quiz = peak_mb(QUIZ)
    assert not quiz.get("torch"), "the TUI process imported torch"
    bare = peak_mb(BARE)
    return [{"name": "tui_peak_rss", "value": quiz["peak_mb"], "baseline": bare["peak_mb"],
             "unit": "MB", "target": "", "target_text": "value <= 150 MB"}]
