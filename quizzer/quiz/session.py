"""A quiz in progress: the items, the answers, and the clock that decides when time is up.

The session owns time. It reads an injected clock (`time.monotonic` by default) and the UI only
shows what `remaining()` says and calls `tick()`; tests pass a fake clock instead of sleeping.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar

from quizzer.bank.kinds import Judge, kind_of
from quizzer.bank.models import (
    ChoiceQuestion,
    MultiQuestion,
    NumericQuestion,
    Question,
    ShortQuestion,
)
from quizzer.core.result import GradeResult
from quizzer.core.verdict import Verdict, verdict_of
from quizzer.quiz.check import (
    Rating,
    choice_correct,
    multi_correct,
    numeric_correct,
    parse_number,
)
from quizzer.quiz.instance import Instance, Slip
from quizzer.quiz.order import display_order, to_bank
from quizzer.quiz.select import QuizConfig

Clock = Callable[[], float]
_Q = TypeVar("_Q", ChoiceQuestion, MultiQuestion, NumericQuestion, ShortQuestion)


@dataclass
class Item:
    """One question of the quiz and what happened to it."""

    question: Question
    instance: Instance | None = None
    answer: str | list[str] | None = None
    """A letter, a list of letters, or the text typed (number, short answer, formula, code)."""
    verdict: Verdict = Verdict.UNANSWERED
    rating: Rating | None = None
    grade: GradeResult | None = None
    flagged: bool = False
    seconds: float = 0.0
    """Time spent on this question while it was the current one, up to its answer."""
    stopped: bool = False
    """The question's clock is stopped: it has an answer (time spent reading the verdict after
    it is not time to answer), until a regradable answer is sent back open."""
    timed_out: bool = False
    slip: Slip | None = None
    """The listed mistake a wrong numeric answer matches, if any."""
    seed: int | None = None
    """Decides the order of a choice or multi question's options; None keeps bank order."""
    seen: bool = False
    """Shown to the learner at least once: a question never shown has no outcome to log."""

    @property
    def order(self) -> tuple[int, ...]:
        """Bank index of the option at each display position (empty for other types)."""
        return display_order(self.question, self.seed)

    @property
    def shown_seed(self) -> int | None:
        """The seed that reproduces what the learner saw: option order or drawn values."""
        if self.instance is not None:
            return self.instance.seed
        return self.seed if self.order else None

    @property
    def locked(self) -> bool:
        """No more answers accepted: judged, out of time, or (code excepted) waiting for a grade."""
        if self.timed_out:
            return True
        kind = kind_of(self.question)
        if kind.regradable:
            return self.verdict is Verdict.CORRECT
        if kind.judge is Judge.LEARNER:
            return self.rating is not None
        return self.verdict is not Verdict.UNANSWERED

    @property
    def expected_number(self) -> float | None:
        """The right number for a numeric question (drawn or fixed)."""
        if self.instance is not None:
            return self.instance.answer
        return self.question.answer if isinstance(self.question, NumericQuestion) else None


class Tick(StrEnum):
    """What `QuizSession.tick` found."""

    RUNNING = "running"
    QUESTION_EXPIRED = "question-expired"
    QUIZ_OVER = "quiz-over"


@dataclass(frozen=True)
class Results:
    """The score of a quiz (recomputed on demand, so late grades still count)."""

    total: int
    correct: int
    wrong: int
    unanswered: int
    pending: int
    seconds: float

    @property
    def score(self) -> float:
        return self.correct / self.total if self.total else 0.0


@dataclass
class QuizSession:
    """The quiz being taken. Create it when the first question is shown: the clock starts then."""

    questions: Sequence[Question]
    config: QuizConfig = field(default_factory=QuizConfig)
    clock: Clock = time.monotonic
    instances: Mapping[str, Instance] = field(default_factory=dict)
    quiz_id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    seed: int | None = None
    """Shuffles every choice and multi question's options (see `quizzer.quiz.order`); it is
    recorded with each attempt so that review shows the letters the learner saw. None keeps the
    bank order."""

    def __post_init__(self) -> None:
        self.items = [Item(q, self.instances.get(q.id), seed=self.seed) for q in self.questions]
        self.index = 0
        if self.items:
            self.items[0].seen = True
        self.started = self.clock()
        self._entered = self.started
        self.ended: float | None = None

    # -- the clock ---------------------------------------------------------------------------
    def elapsed(self) -> float:
        """Seconds since the quiz started (frozen once it is over)."""
        return (self.ended if self.ended is not None else self.clock()) - self.started

    def remaining(self) -> float | None:
        """Seconds left for the whole quiz, or None without a limit."""
        if self.config.quiz_seconds is None:
            return None
        return max(0.0, self.config.quiz_seconds - self.elapsed())

    def question_remaining(self) -> float | None:
        """Seconds left for the current question, or None without a per-question limit (frozen
        once the question has its answer: see `Item.stopped`)."""
        limit = self.config.question_seconds
        if limit is None or self.over:
            return None
        return max(0.0, limit - self._spent_on_current())

    def tick(self) -> Tick:
        """Apply the time limits: end the quiz, or time out the current question and move on."""
        if self.over:
            return Tick.QUIZ_OVER
        remaining = self.remaining()
        if remaining is not None and remaining <= 0:
            self.finish()
            return Tick.QUIZ_OVER
        left = self.question_remaining()
        if left is not None and left <= 0 and not self.current.locked:
            self.current.timed_out = True
            if not self._move_to_open(self.index + 1):
                self.finish()
                return Tick.QUIZ_OVER
            return Tick.QUESTION_EXPIRED
        return Tick.RUNNING

    # -- navigation --------------------------------------------------------------------------
    @property
    def current(self) -> Item:
        return self.items[self.index]

    @property
    def over(self) -> bool:
        return self.ended is not None

    def go(self, index: int) -> None:
        """Make item `index` the current one (clamped to the quiz)."""
        index = max(0, min(index, len(self.items) - 1))
        if index != self.index and not self.over:
            self._settle()
        self.index = index
        self.current.seen = True

    def next(self) -> None:
        self.go(self.index + 1)

    def back(self) -> None:
        self.go(self.index - 1)

    def skip(self) -> bool:
        """Leave this question for later: go to the next one still open. False if none is."""
        return self._move_to_open(self.index + 1, skip_current=True)

    def toggle_flag(self) -> bool:
        self.current.flagged = not self.current.flagged
        return self.current.flagged

    def _move_to_open(self, start: int, skip_current: bool = False) -> bool:
        count = len(self.items)
        for step in range(count):
            index = (start + step) % count
            if skip_current and index == self.index:
                continue
            if not self.items[index].locked:
                self.go(index)
                return True
        return False

    def question_spent(self) -> float:
        """Seconds on the current question since it was last shown or answered, while its clock
        runs (not counting earlier visits)."""
        if self.over or self.current.stopped:
            return 0.0
        return self.clock() - self._entered

    def spent(self, index: int) -> float:
        """Seconds item `index` has taken so far (up to its answer, once it has one)."""
        item = self.items[index]
        return item.seconds + (self.question_spent() if index == self.index else 0.0)

    def _spent_on_current(self) -> float:
        return self.spent(self.index)

    def _settle(self) -> None:
        """Add the time since the current question was shown (or last settled) to it, if its
        clock runs; every change of question or of its clock goes through here."""
        now = self.clock()
        self.current.seconds += self.question_spent()
        self._entered = now

    def _stop_clock(self) -> None:
        self._settle()
        self.current.stopped = True

    def _reopen(self, index: int) -> None:
        """Item `index` takes answers again (code graded wrong, an unreadable formula, a grader
        failure): its clock runs again from now."""
        item = self.items[index]
        if index == self.index and not self.over:
            self._settle()
        item.stopped = False
    # -- answering ---------------------------------------------------------------------------
    def answer_choice(self, letter: str) -> Verdict:
        """Judge the option shown under display `letter` (what the learner pressed)."""
        q = self._open_question(ChoiceQuestion)
        order = self.current.order
        picked = to_bank(order, letter) if _is_letter(letter, len(order)) else letter
        return self._judge(letter.strip().upper(), choice_correct(picked, q.answer))

    def answer_multi(self, letters: Sequence[str]) -> Verdict:
        """Judge the options shown under these display letters."""
        q = self._open_question(MultiQuestion)
        order = self.current.order
        picked = [to_bank(order, x) if _is_letter(x, len(order)) else x for x in letters]
        return self._judge(sorted(x.strip().upper() for x in letters),
                           multi_correct(picked, q.answer))

    def answer_numeric(self, text: str) -> Verdict:
        """Judge a typed number. Raises `BadNumber` (nothing recorded) when it is not one."""
        q = self._open_question(NumericQuestion)
        want = self.current.expected_number
        assert want is not None, "a numeric item always has an expected number"
        got = parse_number(text)
        verdict = self._judge(text.strip(), numeric_correct(got, want, q.tolerance))
        if verdict is Verdict.WRONG and self.current.instance is not None:
            self.current.slip = next((m for m in self.current.instance.mistakes
                                      if numeric_correct(got, m.value, q.tolerance)), None)
        return verdict

    def answer_short(self, text: str) -> None:
        """Keep the learner's short answer; the verdict comes with the self-rating."""
        self._open_question(ShortQuestion)
        self._stop_clock()
        self.current.answer = text

    def rate(self, rating: Rating) -> Verdict:
        """Rate the short answer just revealed; this is its verdict."""
        self._open_question(ShortQuestion)
        item = self.current
        item.rating, item.verdict = rating, rating.verdict
        return item.verdict

    def submit(self, text: str) -> int:
        """Send a formula or code to the grader: the item waits for `record_grade(index, ...)`."""
        item = self.current
        if self.over or kind_of(item.question).judge is not Judge.GRADER or (
                item.locked and not self._regradable()):
            raise ValueError(f"{item.question.id} takes no submission now")
        self._stop_clock()
        item.answer, item.verdict = text, Verdict.PENDING
        return self.index

    def record_grade(self, index: int, result: GradeResult) -> Verdict:
        """The grader's verdict on item `index`; an unparsable formula leaves it open."""
        item = self.items[index]
        item.grade = result
        item.verdict = verdict_of(result) or Verdict.UNANSWERED
        if not item.locked:
            self._reopen(index)
        return item.verdict

    def grading_failed(self, index: int) -> None:
        """The grader could not judge item `index`: it is open again, as if never sent."""
        item = self.items[index]
        if item.verdict is Verdict.PENDING:
            item.verdict = Verdict.UNANSWERED
            self._reopen(index)

    def _regradable(self) -> bool:
        return kind_of(self.current.question).regradable and not self.current.timed_out

    def _open_question(self, kind: type[_Q]) -> _Q:
        question = self.current.question
        if not isinstance(question, kind) or self.current.locked or self.over:
            raise ValueError(f"{question.id} takes no {kind.__name__} answer now")
        return question

    def _judge(self, answer: str | list[str], correct: bool) -> Verdict:
        self._stop_clock()
        self.current.answer = answer
        self.current.verdict = Verdict.CORRECT if correct else Verdict.WRONG
        return self.current.verdict

    # -- the end -----------------------------------------------------------------------------
    def finish(self) -> Results:
        """End the quiz now (idempotent); unanswered questions stay unanswered."""
        if self.ended is None:
            self._settle()
            self.ended = self._entered
        return self.results()

    @property
    def all_answered(self) -> bool:
        return all(item.verdict is not Verdict.UNANSWERED or item.timed_out for item in self.items)

    def results(self) -> Results:
        verdicts = [item.verdict for item in self.items]
        return Results(
            total=len(self.items),
            correct=verdicts.count(Verdict.CORRECT),
            wrong=verdicts.count(Verdict.WRONG),
            unanswered=verdicts.count(Verdict.UNANSWERED),
            pending=verdicts.count(Verdict.PENDING),
            seconds=self.elapsed(),
        )


def _is_letter(text: str, count: int) -> bool:
    letter = text.strip().upper()
    return len(letter) == 1 and "A" <= letter < chr(ord("A") + count)
