"""Quiz sessions: choosing questions, the clock, checking answers, scoring. No UI code here."""

from __future__ import annotations

from quizzer.core.verdict import Verdict
from quizzer.quiz.check import BadNumber, Rating, parse_number
from quizzer.quiz.instance import Instance, Slip
from quizzer.quiz.select import QUIZ_TYPES, QuizConfig, select_questions
from quizzer.quiz.session import Item, QuizSession, Results, Tick

__all__ = ["BadNumber", "Instance", "Item", "QUIZ_TYPES", "QuizConfig", "QuizSession", "Rating",
           "Results", "Slip", "Tick", "Verdict", "parse_number", "select_questions"]
