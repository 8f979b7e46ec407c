"""The learner-facing text of a question in the chosen language, falling back to English."""

from __future__ import annotations

from quizzer.bank.kinds import Judge, kind_of
from quizzer.bank.models import (
    ChoiceQuestion,
    DerivationQuestion,
    MultiQuestion,
    Question,
    ShortQuestion,
)
from quizzer.quiz import Item
from quizzer.quiz.order import refer, shown

LANGUAGES = {"en": "English", "zh": "中文"}


def prompt(item: Item, lang: str) -> str:
    """The prompt, with drawn values for a parametric question."""
    q, zh = item.question, item.question.zh
    if item.instance is not None:
        if lang == "zh" and item.instance.prompt_zh:
            return item.instance.prompt_zh
        return item.instance.prompt
    return zh.prompt if lang == "zh" and zh else q.prompt


def question_prompt(question: Question, lang: str) -> str:
    """The prompt of a question outside a quiz (review, details)."""
    return question.zh.prompt if lang == "zh" and question.zh else question.prompt


def choices(question: ChoiceQuestion | MultiQuestion, lang: str) -> list[str]:
    zh = question.zh
    return zh.choices if lang == "zh" and zh and zh.choices else question.choices


def shown_choices(item: Item, lang: str) -> list[str]:
    """The options of a choice or multi item in the order the learner sees them."""
    q = item.question
    if not isinstance(q, ChoiceQuestion | MultiQuestion):
        return []
    return shown(item.order, choices(q, lang))


def explanation(question: Question, lang: str) -> str:
    return question.zh.explanation if lang == "zh" and question.zh else question.explanation


def item_explanation(item: Item, lang: str) -> str:
    """The explanation as this item shows it: option letters as displayed, drawn values filled."""
    instance = item.instance
    if instance is not None and instance.explanation is not None:
        if lang == "zh" and instance.explanation_zh:
            return instance.explanation_zh
        return instance.explanation
    return refer(explanation(item.question, lang), item.order)


def slip(item: Item, lang: str) -> str:
    """The misconception a wrong numeric answer matches ("" when it matches none)."""
    if item.slip is None:
        return ""
    return item.slip.misconception_zh if lang == "zh" and item.slip.misconception_zh else (
        item.slip.misconception)


def hints(question: Question, lang: str) -> list[str]:
    zh = question.zh
    return zh.hints if lang == "zh" and zh and zh.hints else question.hints


def steps(question: DerivationQuestion, lang: str) -> list[str]:
    """A derivation's worked steps; Chinese falls back to English where none are written."""
    zh = question.zh
    return zh.steps if lang == "zh" and zh and zh.steps else question.steps


def model_answer(question: ShortQuestion, lang: str) -> tuple[str, list[str]]:
    """The model answer and its key points."""
    zh = question.zh
    if lang == "zh" and zh and zh.model_answer:
        return zh.model_answer, zh.key_points or question.key_points
    return question.model_answer, question.key_points


def right_answer(item: Item, lang: str) -> str:
    """The right answer in words, for the verdict panel and the results."""
    kind = kind_of(item.question)
    if kind.judge is Judge.GRADER:
        return ""  # the grader's report and the reference say it
    return kind.right_answer(item.question, lang, item.order, item.expected_number)


def given_answer(item: Item) -> str:
    """What the learner answered, in one line (code: its length, not its text)."""
    if item.answer is None:
        return "(timed out)" if item.timed_out else "(no answer)"
    if isinstance(item.answer, list):
        return ", ".join(item.answer) or "(none)"
    if kind_of(item.question).regradable:
        if item.answer.startswith("sha256:"):  # the progress log keeps a hash, not the code
            return "(code)"
        return f"{len(item.answer.splitlines())} lines of code"
    return item.answer


def clock(seconds: float | None) -> str:
    """`m:ss` (or `h:mm:ss`), rounding up so that 0:00 means time is really up."""
    if seconds is None:
        return "--:--"
    total = int(-(-seconds // 1))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"
