"""The question bank: YAML files under `questions/`, validated into typed questions."""

from __future__ import annotations

from quizzer.bank.loader import Bank, Problem, default_bank_dir, load_bank
from quizzer.bank.models import QUESTION_TYPES, Question

__all__ = ["Bank", "Problem", "QUESTION_TYPES", "Question", "default_bank_dir", "load_bank"]
