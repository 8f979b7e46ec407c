"""Logging quiz answers to the progress store as soon as each is graded."""

from __future__ import annotations

from quizzer.progress import Verdict as Logged
from quizzer.progress import record_answer, record_grade, submission_hash
from quizzer.quiz import Item, QuizSession, Rating, Verdict
from quizzer.ui.context import Context

SELF_RATING = {Rating.AGAIN: 1, Rating.HARD: 2, Rating.GOOD: 3, Rating.EASY: 4}


class Recorder:
    """Writes each finished item once; quitting mid-quiz therefore keeps what was answered."""

    def __init__(self, ctx: Context, session: QuizSession) -> None:
        self.ctx = ctx
        self.session = session
        self.done: set[int] = set()

    def final(self, index: int) -> None:
        """Item `index` has its verdict (code may be graded again: every grade is an attempt)."""
        item = self.session.items[index]
        store = self.ctx.store
        if store is None or item.verdict not in (Verdict.CORRECT, Verdict.WRONG):
            return
        if item.grade is not None:
            answer = item.answer if isinstance(item.answer, str) else ""
            if item.question.type == "code":
                answer = submission_hash(answer)
            record_grade(store, item.grade, item.question, at=self.ctx.wall(), answer=answer,
                         seconds=self._seconds(index), quiz_id=self.session.quiz_id,
                         seed=item.shown_seed)
        else:
            rating = SELF_RATING[item.rating] if item.rating else None
            record_answer(store, item.question, item.verdict.value, at=self.ctx.wall(),
                          answer=_answer_text(item), seconds=self._seconds(index),
                          quiz_id=self.session.quiz_id, self_rating=rating,
                          seed=item.shown_seed, drawn=_drawn(item))
        self.done.add(index)

    def timed_out(self, index: int) -> None:
        self._unanswered(index, Logged.UNANSWERED)

    def left_open(self, *, timed_out: bool) -> None:
        """At the end: open items the learner saw count as unanswered when time ran out, else
        as skipped; a question never shown has no outcome and records nothing."""
        for index, item in enumerate(self.session.items):
            if item.verdict is Verdict.UNANSWERED and item.seen:
                self._unanswered(index, Logged.UNANSWERED if timed_out or item.timed_out
                                 else Logged.SKIPPED)

    def _unanswered(self, index: int, verdict: Logged) -> None:
        store = self.ctx.store
        if store is None or index in self.done:
            return
        item = self.session.items[index]
        record_answer(store, item.question, verdict, at=self.ctx.wall(),
                      seconds=self._seconds(index), quiz_id=self.session.quiz_id,
                      seed=item.shown_seed, drawn=_drawn(item))
        self.done.add(index)

    def _seconds(self, index: int) -> float:
        return self.session.spent(index)


def _drawn(item: Item) -> dict[str, int | float] | None:
    return None if item.instance is None else item.instance.drawn


def _answer_text(item: Item) -> str | None:
    if item.answer is None:
        return None
    return ",".join(item.answer) if isinstance(item.answer, list) else item.answer
