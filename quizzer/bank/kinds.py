"""One place per question type: its model, who judges it, and how its answers read.

The bank, the quiz session, the CLI, the exporter and the UI look a type up here instead of
testing `question.type` or the model class, so adding a type means its model (models.py), its
`Kind` (this file) and its answer widget (`quizzer/ui/answers.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from quizzer.bank.models import (
    LETTERS,
    ChoiceQuestion,
    CodeQuestion,
    DerivationQuestion,
    MultiQuestion,
    NumericQuestion,
    Question,
    QuestionBase,
    ShortQuestion,
)


class Judge(StrEnum):
    """Who decides whether an answer is right."""

    QUIZ = "quiz"
    """The quiz itself, at once (options, numbers)."""
    LEARNER = "learner"
    """The learner's self-rating after seeing the model answer."""
    GRADER = "grader"
    """The grader's processes (code against torch, formulas with SymPy); the verdict comes later."""


RightAnswer = Callable[[Any, str, Sequence[int], "float | None"], str]
"""(question, lang, display order, expected number) -> the right answer in words."""


@dataclass(frozen=True)
class Kind:
    """Everything the program knows about one question type."""

    name: str
    model: type[QuestionBase]
    judge: Judge
    right_answer_of: RightAnswer
    options: bool = False
    """Shows lettered options (shuffled per attempt unless the question pins them)."""
    regradable: bool = False
    """Every submission is a new attempt until one passes (code)."""

    def right_answer(self, question: Question, lang: str, order: Sequence[int] = (),
                     expected: float | None = None) -> str:
        """The right answer in words; `order` is the display order of the options."""
        return self.right_answer_of(question, lang, order, expected)


def number(value: float, unit: str | None = None) -> str:
    """A number as the quiz shows it: integers without a decimal point."""
    shown = str(int(value)) if float(value).is_integer() else f"{value:g}"
    return f"{shown} {unit}" if unit else shown


def formula(expr: str) -> str:
    """A SymPy-syntax expression as a person writes it: `x**2*exp(-x)` -> `x^2·exp(-x)`."""
    text = expr.replace("**", "^")
    text = " ".join(text.split())
    text = text.replace(" * ", "·").replace("*", "·")
    return text.replace("sqrt(", "√(")


def _options(q: ChoiceQuestion | MultiQuestion, lang: str, order: Sequence[int],
             _expected: float | None) -> str:
    zh = q.zh
    texts = zh.choices if lang == "zh" and zh and zh.choices else q.choices
    order = list(order) or list(range(len(texts)))
    keys = [q.answer] if isinstance(q.answer, str) else q.answer
    shown = sorted((order.index(LETTERS.index(k)), k) for k in keys)
    return "; ".join(f"{LETTERS[pos]}. {texts[LETTERS.index(k)]}" for pos, k in shown)


def _numeric(q: NumericQuestion, _lang: str, _order: Sequence[int],
             expected: float | None) -> str:
    value = expected if expected is not None else q.answer
    return "" if value is None else number(value, q.unit)


def _short(q: ShortQuestion, lang: str, _order: Sequence[int], _expected: float | None) -> str:
    zh = q.zh
    return zh.model_answer if lang == "zh" and zh and zh.model_answer else q.model_answer


def _code(q: CodeQuestion, lang: str, _order: Sequence[int], _expected: float | None) -> str:
    if lang == "zh":
        return (f"在编辑器里实现任务 `{q.task}`，用 `quizzer watch` 评测；"
                f"通过后 `quizzer solution {q.task}` 显示参考实现。")
    return (f"implement task `{q.task}` in your editor and grade it with `quizzer watch`; "
            f"after a pass, `quizzer solution {q.task}` shows the reference.")


def _derivation(q: DerivationQuestion, _lang: str, _order: Sequence[int],
                _expected: float | None) -> str:
    if q.reference is not None:
        return formula(q.reference)
    assert q.differentiate is not None
    return f"d/d{q.differentiate.wrt} [{formula(q.differentiate.expr)}]"


KINDS: dict[str, Kind] = {
    kind.name: kind for kind in (
        Kind("choice", ChoiceQuestion, Judge.QUIZ, _options, options=True),
        Kind("multi", MultiQuestion, Judge.QUIZ, _options, options=True),
        Kind("numeric", NumericQuestion, Judge.QUIZ, _numeric),
        Kind("short", ShortQuestion, Judge.LEARNER, _short),
        Kind("code", CodeQuestion, Judge.GRADER, _code, regradable=True),
        Kind("derivation", DerivationQuestion, Judge.GRADER, _derivation),
    )
}
"""Every question type, in the order lists and menus show them."""


def kind_of(question: Question) -> Kind:
    """The kind of `question`."""
    return KINDS[question.type]
