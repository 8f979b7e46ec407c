"""The grader: runs learner code in sandboxed child processes and checks symbolic answers.

Importing this package loads neither torch nor sympy; those are imported by the grader's own
processes when a task or an expression is actually graded.
"""
