"""App-wide events, as small dataclasses. Widget-local messages live in their widget classes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.message import Message

from quizzer.core.result import GradeResult
from quizzer.quiz import Instance


@dataclass
class AnswerGraded(Message):
    """The grader's verdict on quiz item `index` came back."""

    index: int
    result: GradeResult


@dataclass
class GraderFailed(Message):
    """The grader could not be reached or broke; `index` is the item waiting, if any."""

    index: int | None
    reason: str


@dataclass
class PreviewReady(Message):
    """A pretty preview of the formula being typed for item `index`."""

    index: int
    text: str
    preview: dict[str, Any]


@dataclass
class InstancesDrawn(Message):
    """Drawn values for the parametric questions of the quiz, by question id."""

    instances: dict[str, Instance]


@dataclass
class LanguageChanged(Message):
    """The learner switched the language of prompts and explanations."""

    lang: str
