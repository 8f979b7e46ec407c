"""Start-up: the plain `quizzer` launcher stays light, and the collector it pauses comes back."""

from __future__ import annotations

import gc
import subprocess
import sys

from test_ui_quiz import BANK_DIR, WALL, FakeClock, sync

from quizzer.bank import load_bank
from quizzer.ui.app import QuizzerApp
from quizzer.ui.context import Context
from quizzer.ui.home import HomeScreen


def test_launcher_module_imports_neither_click_nor_the_app() -> None:
    code = "import sys, quizzer.__main__; print(sorted(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert "'click'" not in out and "'textual'" not in out


@sync
async def test_collector_paused_by_the_launcher_is_back_once_home_is_drawn() -> None:
    ctx = Context(load_bank(BANK_DIR), clock=FakeClock(), wall=lambda: WALL, bank_dir=BANK_DIR)
    gc.disable()
    try:
        app = QuizzerApp(context=ctx)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            assert gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()
