"""The task kit: what every code task shares (seeds, input checks, tolerances, mismatches).

A task module declares its contract, reference, cases, tolerances, hints and known
misconceptions, and builds a `KitTask` from them (`quizzer.grader.kit.task`). Nothing in a task
module reaches into another task's module: what two tasks share lives here.
"""
