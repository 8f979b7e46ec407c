"""The vocabulary every package speaks: grades, checks, verdicts, and the catalogue of tasks.

Nothing here imports any other part of quizzer, nor torch, sympy, numpy or Textual.
"""
