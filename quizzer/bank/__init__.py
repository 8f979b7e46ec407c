"""The question bank: YAML files under `questions/`, validated into typed questions."""

from __future__ import annotations

from quizzer.bank.kinds import KINDS, Kind, kind_of
from quizzer.bank.loader import Bank, Problem, default_bank_dir, load_bank
from quizzer.bank.models import Question

QUESTION_TYPES: tuple[str, ...] = tuple(KINDS)

__all__ = ["KINDS", "QUESTION_TYPES", "Bank", "Kind", "Problem", "Question", "default_bank_dir",
           "kind_of", "load_bank"]
