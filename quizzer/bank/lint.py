"""`quizzer check`'s content rules: what a valid bank can still get wrong for a learner.

Each rule yields `(message, passed)` lines like the grader half of the check. A rule that is not
enforced yet still reports its figures but never fails the check (`Rule.enforced`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from quizzer.bank import cjk
from quizzer.bank.models import ChoiceQuestion, MultiQuestion, Question

MAX_SHARE = 0.35
"""The most a single shape cue may cover: the key as the longest option, or one key letter."""
Lines = Iterator[tuple[str, bool]]

NOTE_SAYS = re.compile(r"\b(?:a|the|one|some)\s+notes?(?:'s?)?\b|笔记", re.IGNORECASE)
"""A prompt that leans on notes the learner has never seen ("a note says ...")."""
BARE_LETTER = re.compile(
    r"(?<![A-Za-z0-9_{(（])[(（]([A-F])(?:[)）]|[,，、](?!\s*[HW]\b)| and| is| are)"  # (B) 大（B）
    r"|\b(?:[Oo]ption|[Cc]hoice)s? ([A-F])\b"  # option C
    r"|(?<![\w{(−+*/=·-] )(?<![\w{(])\b([A-F]) (?:is|are) (?:false|wrong|true|right|correct|"
    r"not|the|beside)\b"  # A is false
    r"|\b(?:[Ss]o|[Tt]hus|[Hh]ence|and|but) ([A-F]) (?:is|are)\b"  # so A is false
    r"|选项\s*([A-F])\b|(?<![\w{])([A-F])\s*项"
    r"|(?<![A-Za-z0-9_{])([A-F])\s*(?:错|对|正确|不正确|不相关)"  # 所以 A 错
)
"""A bank letter written out in an explanation: after shuffling it names the wrong option.
Explanations write `{B}`, which is shown as the letter the learner saw."""


@dataclass(frozen=True)
class Shape:
    """How guessable the keys of the choice questions are from their shape alone."""

    choice: int
    key_longest: int
    """Questions whose key is strictly the longest option."""
    letters: Counter[str]
    """Key letter in bank order (before shuffling) -> questions."""

    @property
    def longest_share(self) -> float:
        return self.key_longest / self.choice if self.choice else 0.0

    @property
    def top_letter(self) -> tuple[str, float]:
        if not self.choice:
            return "A", 0.0
        letter, count = self.letters.most_common(1)[0]
        return letter, count / self.choice

    def spread(self) -> str:
        return ", ".join(f"{k} {v}" for k, v in sorted(self.letters.items()))


def shape_of(questions: Iterable[Question], lang: str = "en") -> Shape:
    """Key-is-longest and key-letter figures over the single-answer choice questions.

    For `lang="zh"` only the questions with Chinese options count, measured by `zh_length`.
    The key letters are the same in both languages: the options correspond one for one.
    """
    choice = [q for q in questions if isinstance(q, ChoiceQuestion)]
    if lang == "zh":
        pairs = [(q, [zh_length(c) for c in q.zh.choices]) for q in choice
                 if q.zh and q.zh.choices]
    else:
        pairs = [(q, [len(c) for c in q.choices]) for q in choice]
    return Shape(len(pairs), sum(_key_is_longest(q.answer, n) for q, n in pairs),
                 Counter(q.answer for q, _n in pairs))


def zh_length(text: str) -> int:
    """How long a Chinese option looks: its width in terminal columns.

    A Chinese character or full-width punctuation mark (East Asian width W or F) counts 2, any
    other character 1. So a Chinese character weighs two Latin letters, and a Latin term in
    Chinese text (ReLU, `torch.no_grad()`, α = 1) weighs the room it takes on screen, about half a
    Chinese character per letter. Counting characters instead would make "BatchNorm" as long as
    nine Chinese characters, twice what it looks.
    """
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _key_is_longest(answer: str, lengths: Sequence[int]) -> bool:
    key = ord(answer) - ord("A")
    return all(lengths[key] > n for i, n in enumerate(lengths) if i != key)


def check_shape(questions: Sequence[Question], limit: float = MAX_SHARE) -> Lines:
    """The key is the longest option (in English and in Chinese), and one letter is the key,
    each in at most `limit`."""
    for lang, name in (("en", "English"), ("zh", "Chinese")):
        shape = shape_of(questions, lang)
        share = shape.longest_share
        yield (f"shape: the key is the longest option in {shape.key_longest}/{shape.choice} "
               f"choice questions in {name} ({share:.0%}; at most {limit:.0%})", share <= limit)
    shape = shape_of(questions)
    letter, top = shape.top_letter
    yield (f"shape: key letters before shuffling {shape.spread()} ({letter} {top:.0%}; at most "
           f"{limit:.0%})", top <= limit)


def check_letter_refs(questions: Iterable[Question]) -> Lines:
    """Explanations and hints of choice and multi questions name options as `{B}`."""
    found = 0
    for q in questions:
        if not isinstance(q, ChoiceQuestion | MultiQuestion):
            continue
        for where, text in _explained(q):
            for match in BARE_LETTER.finditer(text):
                found += 1
                yield (f"{q.id}.{where}: write {{X}} for an option letter, "
                       f"not {match.group(0)!r}"), False
    yield f"letters: {found} option letters written out in explanations", found == 0


def _explained(q: ChoiceQuestion | MultiQuestion) -> Iterator[tuple[str, str]]:
    yield "explanation", q.explanation
    yield from ((f"hints.{i}", h) for i, h in enumerate(q.hints))
    if q.zh:
        yield "zh.explanation", q.zh.explanation
        yield from ((f"zh.hints.{i}", h) for i, h in enumerate(q.zh.hints))


def check_stand_alone(questions: Iterable[Question]) -> Lines:
    """No prompt (or option) refers to notes the learner has never seen."""
    found = 0
    for q in questions:
        texts = [("prompt", q.prompt)] + ([("zh.prompt", q.zh.prompt)] if q.zh else [])
        if isinstance(q, ChoiceQuestion | MultiQuestion):
            texts += [(f"choices.{i}", c) for i, c in enumerate(q.choices)]
            if q.zh and q.zh.choices:
                texts += [(f"zh.choices.{i}", c) for i, c in enumerate(q.zh.choices)]
        for where, text in texts:
            match = NOTE_SAYS.search(text)
            if match:
                found += 1
                yield (f"{q.id}.{where}: refers to notes the learner has not seen "
                       f"({match.group(0)!r})"), False
    yield f"stand-alone: {found} prompts or options refer to unseen notes", found == 0


def check_cjk_source(files: Iterable[Path]) -> Lines:
    """No space between two Chinese characters (or by Chinese punctuation) in the YAML source."""
    from quizzer.bank.yamlsafe import parse_file

    places = blocks = 0
    for path in files:
        try:
            data = parse_file(path.read_text(encoding="utf-8"))
        except Exception:  # noqa: BLE001 - the loader already reported this file
            continue
        for question in data.get("questions", []) if isinstance(data, dict) else []:
            qid = question.get("id", "?") if isinstance(question, dict) else "?"
            for where, text in cjk.strings(question):
                stray = cjk.stray_spaces(text)
                if stray:
                    places, blocks = places + len(stray), blocks + 1
                    yield f"{path}: {qid}.{where}: space in Chinese text: {stray[0]!r}", False
    yield f"chinese: {places} stray spaces in {blocks} strings of the source", places == 0


@dataclass(frozen=True)
class Rule:
    """One content rule; `enforced` rules fail the check, the others only report."""

    name: str
    run: Callable[[Sequence[Question], Sequence[Path]], Lines]
    enforced: bool = True


RULES = (
    Rule("shape", lambda qs, _files: check_shape(qs)),
    Rule("letters", lambda qs, _files: check_letter_refs(qs)),
    Rule("stand-alone", lambda qs, _files: check_stand_alone(qs)),
    Rule("chinese", lambda _qs, files: check_cjk_source(files)),
)


def check_content(questions: Sequence[Question], files: Sequence[Path],
                  rules: Sequence[Rule] = RULES) -> Lines:
    """Every rule's lines: each failure, then the rule's summary.

    A rule not enforced yet gives its summary only, as a pass marked as reported.
    """
    for rule in rules:
        lines = list(rule.run(questions, files))
        if rule.enforced:
            yield from lines
            continue
        summary, passed = lines[-1]
        yield (summary if passed else f"{summary} (reported, not enforced yet)"), True
