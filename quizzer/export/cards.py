"""Questions as flash cards: the front and back of each, in plain HTML, one language or both.

Torch-free: a parametric question's instances come from a `Drawer` (the grader computes their
answers), so this module only arranges text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from quizzer.bank import Question
from quizzer.bank.kinds import kind_of
from quizzer.bank.models import (
    LETTERS,
    ChoiceQuestion,
    DerivationQuestion,
    MultiQuestion,
    NumericQuestion,
    ShortQuestion,
)
from quizzer.bank.params import render

DRAWS = 3
"""Fixed instances exported per parametric question (seeds 0, 1, 2: the same on every export)."""

Drawer = Callable[[NumericQuestion, int], tuple[dict[str, int | float], float]]
"""The drawn values and the computed answer of a parametric question for one seed."""


@dataclass(frozen=True)
class Card:
    """One note: `key` is what its stable GUID is made from."""

    key: tuple[str, ...]
    front: str
    back: str
    tags: tuple[str, ...]
    topic: str


def cards(questions: Sequence[Question], langs: Sequence[str], drawer: Drawer) -> Iterator[Card]:
    """Every card of `questions`: one per question, `DRAWS` per parametric numeric one."""
    for q in questions:
        tags = _tags(q)
        if getattr(q, "params", None) is not None:
            assert isinstance(q, NumericQuestion)
            for seed in range(DRAWS):
                values, answer = drawer(q, seed)
                front, back = _sides(q, langs, values, answer)
                yield Card((q.id, f"draw-{seed}"), front, back, tags, q.topic)
        else:
            front, back = _sides(q, langs, {}, None)
            yield Card((q.id,), front, back, tags, q.topic)


def _tags(q: Question) -> tuple[str, ...]:
    raw = [q.topic, f"type::{q.type}", f"difficulty::{q.difficulty}", *q.tags]
    return tuple(dict.fromkeys(re.sub(r"\s+", "_", t.strip()) for t in raw if t.strip()))


def _sides(q: Question, langs: Sequence[str], values: dict[str, int | float],
           answer: float | None) -> tuple[str, str]:
    fronts, backs = [], []
    for lang in langs:
        text = _Text(q, lang, values)
        fronts.append(_front(q, text))
        backs.append(_back(q, text, answer))
    return _join(fronts), _join(backs)


def _join(parts: list[str]) -> str:
    return "<hr>".join(f"<div>{p}</div>" for p in parts)


class _Text:
    """The question's text in one language (English where the Chinese is missing)."""

    def __init__(self, q: Question, lang: str, values: dict[str, int | float]) -> None:
        zh = q.zh if lang == "zh" else None
        self.zh = zh is not None
        self.lang = "zh" if self.zh else "en"
        self.prompt = render(zh.prompt if zh else q.prompt, values)
        self.explanation = render(zh.explanation if zh else q.explanation, values)
        own_choices = getattr(q, "choices", None)
        self.choices: list[str] = list((zh.choices if zh and zh.choices else own_choices) or [])
        self.model_answer = (zh.model_answer if zh and zh.model_answer else
                             getattr(q, "model_answer", ""))
        self.key_points: list[str] = list(zh.key_points if zh and zh.key_points else
                                           getattr(q, "key_points", []))
        self.steps: list[str] = list(zh.steps if zh and zh.steps else getattr(q, "steps", []))

    def word(self, en: str, zh: str) -> str:
        return zh if self.zh else en


def _front(q: Question, t: _Text) -> str:
    parts = [markup(t.prompt)]
    if kind_of(q).options:
        items = "".join(f"<li><b>{LETTERS[i]}</b>. {markup(c)}</li>"
                        for i, c in enumerate(t.choices))
        parts.append(f"<ul class=choices>{items}</ul>")
        if isinstance(q, MultiQuestion):
            parts.append(f"<i>{t.word('Choose every correct option.', '选出所有正确选项。')}</i>")
    return "".join(parts)


def _back(q: Question, t: _Text, answer: float | None) -> str:
    label = t.word("Answer: ", "答案：")
    body = _answer(q, t, answer)
    return (f"<div class=answer><b>{label}</b>{body}</div>" if body else "") + \
        f"<div class=explanation>{markup(t.explanation)}</div>"


def _answer(q: Question, t: _Text, answer: float | None) -> str:
    kind = kind_of(q)
    if kind.options:
        keys = [q.answer] if isinstance(q, ChoiceQuestion) else list(getattr(q, "answer", []))
        return "; ".join(_option(letter, t.choices) for letter in keys)
    said = kind.right_answer(q, t.lang, (), answer)
    if isinstance(q, ShortQuestion):
        points = "".join(f"<li>{markup(p)}</li>" for p in t.key_points)
        return f"{markup(said)}<ul>{points}</ul>"
    if isinstance(q, DerivationQuestion):
        steps = "".join(f"<li>{markup(s)}</li>" for s in t.steps)
        return f"<code>{html.escape(said)}</code>" + (f"<ol>{steps}</ol>" if steps else "")
    return markup(said)


def _option(letter: str, choices: list[str]) -> str:
    index = LETTERS.index(letter)
    text = choices[index] if index < len(choices) else ""
    return f"<b>{letter}</b>. {markup(text)}"


_CODE_SPAN = re.compile(r"`([^`]+)`")
_BOLD = re.compile(r"\*\*([^*]+)\*\*")
_FENCE = re.compile(r"```[a-z]*\n(.*?)```", re.DOTALL)


def markup(text: str) -> str:
    """The bank's light Markdown (code spans, fenced code, bold, line breaks) as HTML."""
    pieces: list[str] = []
    last = 0
    for block in _FENCE.finditer(text):
        pieces.append(_inline(text[last:block.start()]))
        pieces.append(f"<pre><code>{html.escape(block.group(1))}</code></pre>")
        last = block.end()
    pieces.append(_inline(text[last:]))
    return "".join(pieces)


def _inline(text: str) -> str:
    escaped = html.escape(text.strip("\n"), quote=False)
    escaped = _CODE_SPAN.sub(r"<code>\1</code>", escaped)
    escaped = _BOLD.sub(r"<b>\1</b>", escaped)
    return escaped.replace("\n", "<br>")
