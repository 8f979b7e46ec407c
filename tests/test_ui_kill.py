"""SIGKILL in the middle of a quiz in the real app: every answer it had shown as graded is kept."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from quizzer.progress import Store

# Drives the app headless through a quiz, announcing each answer once the screen shows its
# verdict, then idles mid-quiz until it is killed.
QUIZ = """
import asyncio, sys
sys.path.insert(0, sys.argv[1])
from test_ui_quiz import BANK_DIR, FakeClock, quiz_app
from quizzer.bank import load_bank
from quizzer.quiz import Verdict
from quizzer.ui.context import Context

async def main():
    ctx = Context(load_bank(BANK_DIR), clock=FakeClock(), bank_dir=BANK_DIR)
    app, session = quiz_app(ctx, "t-choice", "t-int", "t-multi", "t-float")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for keys in (["2"], ["3", "0", "enter"], ["1", "enter"]):
            await pilot.press(*keys)
            item = session.current
            assert item.verdict not in (Verdict.PENDING, Verdict.UNANSWERED), item.verdict
            print(item.question.id, item.verdict.value, flush=True)
            await pilot.press("enter")
        while True:
            await pilot.pause(0.1)

asyncio.run(main())
"""


def test_killed_mid_quiz_keeps_every_answer_shown_as_graded(quizzer_home: Path) -> None:
    tests_dir = str(Path(__file__).parent)
    proc = subprocess.Popen([sys.executable, "-c", QUIZ, tests_dir], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=os.environ.copy())
    assert proc.stdout is not None
    shown = [proc.stdout.readline().split() for _ in range(3)]
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate()  # reaps it and closes both pipes
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read() if proc.stderr else ""
    assert [row[0] for row in shown] == ["t-choice", "t-int", "t-multi"]
    with Store.open() as store:
        kept = [(a.question_id, a.verdict) for a in store.attempts()]
    assert sorted(kept) == sorted((qid, verdict) for qid, verdict in shown)
