"""Formulas typed by the learner: a safe parser and a SymPy-backed equivalence grader.

Importing this package loads no SymPy: parsing is plain Python, and SymPy is imported by the
functions that build, compare or draw expressions.
"""

from __future__ import annotations

from quizzer.grader.symbolic.api import grade_expression, preview
from quizzer.grader.symbolic.tokens import InvalidExpression

__all__ = ["InvalidExpression", "grade_expression", "preview"]
