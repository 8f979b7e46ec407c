"""What the learner sees after answering: the verdict, expected vs got, the explanation."""

from __future__ import annotations

from textual.widgets import Static

from quizzer.bank.kinds import Judge, kind_of
from quizzer.bank.models import DerivationQuestion
from quizzer.core.result import GradeResult, Status
from quizzer.quiz import Item, Verdict
from quizzer.ui import text

HEADLINE = {
    Verdict.CORRECT: "✓ **Correct**",
    Verdict.WRONG: "✗ **Not right**",
    Verdict.PENDING: "⏳ **Grading…** (keep going; the verdict appears when it is ready)",
    Verdict.UNANSWERED: "",
}
DETAIL_LINES = 12


def verdict_markdown(item: Item, lang: str, *, explain: bool = True) -> str:
    """The verdict panel's text for an item ("" while it is open and ungraded)."""
    if item.timed_out and item.verdict is Verdict.UNANSWERED:
        head = "⌛ **Time ran out** for this question."
    else:
        head = HEADLINE[item.verdict]
    parts = [head] if head else []
    if item.grade is not None:
        parts.append(grade_markdown(item.grade))
    if item.verdict in (Verdict.CORRECT, Verdict.WRONG) or item.timed_out:
        right = text.right_answer(item, lang)
        kind = kind_of(item.question)
        if item.verdict is Verdict.WRONG and kind.judge is Judge.QUIZ and right:
            parts.append(f"Your answer: `{text.given_answer(item)}` · right answer: **{right}**")
            if text.slip(item, lang):
                parts.append(f"**Likely slip:** {text.slip(item, lang)}")
        # Code can be graded again until it passes: its explanation would give the answer away.
        if explain and (not kind.regradable or item.verdict is Verdict.CORRECT):
            parts.append(_explanation(item, lang))
    return "\n\n".join(p for p in parts if p)


def _explanation(item: Item, lang: str) -> str:
    q = item.question
    parts = [text.item_explanation(item, lang)]
    if isinstance(q, DerivationQuestion) and q.steps:
        parts.append("**Steps**\n\n" + "\n".join(f"1. {s}" for s in text.steps(q, lang)))
    return "\n\n".join(parts)


def grade_markdown(result: GradeResult) -> str:
    """The grader's verdict: the first failing check, expected vs got, the hint, then detail."""
    if result.passed:
        return f"All {len(result.checks)} checks passed." if result.checks else ""
    label = {Status.INVALID: "Could not read the answer", Status.TIMEOUT: "Timed out",
             Status.MEMORY: "Out of memory", Status.CRASHED: "Crashed",
             Status.ERROR: "Error",
             Status.INTERNAL: "The grader failed, please report this"}.get(result.status, "Failed")
    parts = [f"**{label}:** {result.message}" if result.message else f"**{label}**"]
    first = result.first_failure
    if first is not None:
        failed = sum(1 for c in result.checks if not c.passed)
        parts.append(f"First failing check ({failed} of {len(result.checks)} failed): "
                     f"`{first.name}`\n\n{first.message}")
        if first.hint:
            parts.append(f"**Hint:** {first.hint}")
    if result.detail:
        lines = result.detail.strip().splitlines()[-DETAIL_LINES:]
        parts.append("```\n" + "\n".join(lines) + "\n```")
    if result.seed is not None and not result.passed:
        parts.append(f"Seed {result.seed} reproduces this.")
    return "\n\n".join(parts)


class Countdown(Static):
    """Shows the time the quiz session says is left; it decides nothing itself."""

    _shown = ""

    def show(self, quiz_left: float | None, question_left: float | None,
             stopped: bool = False) -> None:
        """Redraw only when the text changes (once a second), not on every tick. `stopped`: the
        question has its answer, so its clock no longer runs."""
        parts = []
        if quiz_left is not None:
            parts.append(f"⏱ {text.clock(quiz_left)}")
        if question_left is not None:
            parts.append(f"this one {text.clock(question_left)}" + (" (stopped)" * stopped))
            question_left = None if stopped else question_left
        shown = " · ".join(parts) or "no time limit"
        if shown == self._shown:
            return
        self._shown = shown
        self.update(shown)
        low = min(x for x in (quiz_left, question_left, 1e9) if x is not None)
        self.set_class(low <= 30, "-low")
