"""Watch mode: the learner edits task files in their own editor; every save is regraded.

`session` holds what the screen shows (tasks, marks, verdicts, hints) and does the grading and
recording; `saves` turns file-system events into one regrade per save; `plain` is the line view
for editor panels, CI logs and scripts. The Textual view lives in `quizzer.ui.watch`. No Textual
and no torch here: grading goes through the warm grader service.
"""
