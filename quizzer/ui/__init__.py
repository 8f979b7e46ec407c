"""The Textual front end. The only package that imports Textual."""

from __future__ import annotations


def run_tui(lang: str | None = None) -> None:
    """Start the app (imports Textual only now)."""
    from quizzer.ui.app import QuizzerApp

    QuizzerApp(lang=lang).run()
