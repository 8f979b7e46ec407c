"""The `quizzer` console script (and `python -m quizzer`).

Plain `quizzer` opens the TUI straight away, without importing click and the command group: it
shows in start-up time. Anything on the command line goes through `quizzer.cli.main`.
"""

from __future__ import annotations

import gc
import os
import sys


def entry() -> None:
    """Start the TUI, or run the command line."""
    if len(sys.argv) == 1 and "_QUIZZER_COMPLETE" not in os.environ:  # not shell completion
        # Start-up allocates many long-lived objects and no garbage cycles worth collecting;
        # the app re-enables the collector once home is drawn (`QuizzerApp._started`).
        gc.disable()
        from quizzer.ui import run_tui

        run_tui()
    else:
        from quizzer.cli import main

        main()


if __name__ == "__main__":
    entry()
