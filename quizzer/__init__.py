"""quizzer: drill deep-learning and computer-vision interview questions in the terminal."""

from __future__ import annotations

__version__ = "0.1.0"
