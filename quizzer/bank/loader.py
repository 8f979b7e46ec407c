"""Load the YAML bank: every problem in every file is collected as `file:line: field: message`.

The fast path parses with libyaml's safe loader and validates each question with pydantic. Line
numbers are looked up (by composing the file's node tree) only for files that have problems, so a
clean bank pays nothing for them. Chinese text is normalised on the way in (`quizzer.bank.cjk`):
folded lines leave no space between Chinese characters.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quizzer.bank import cache, cjk
from quizzer.bank.models import BankFile, Question
from quizzer.bank.sources import bank_sources, default_bank_dir

__all__ = ["Bank", "Problem", "bank_files", "default_bank_dir", "load_bank", "load_file"]

if TYPE_CHECKING:
    from pydantic import TypeAdapter
    from yaml import MarkedYAMLError, Node


@functools.cache
def question_adapter() -> TypeAdapter[Question]:
    """The validator for one question, built on first use."""
    from pydantic import TypeAdapter

    return TypeAdapter(Question)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file."""

    path: Path
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


@dataclass
class Bank:
    """The valid questions, and every problem found while loading."""

    questions: list[Question] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    @property
    def skipped_files(self) -> list[Path]:
        """Files with at least one problem (their valid questions are still loaded)."""
        return sorted({p.path for p in self.problems})

    def by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    def topics(self) -> dict[str, int]:
        """Question count per topic, in name order."""
        counts: dict[str, int] = {}
        for q in self.questions:
            counts[q.topic] = counts.get(q.topic, 0) + 1
        return dict(sorted(counts.items()))


def bank_files(root: Path) -> list[Path]:
    """Every YAML file under `root`, in a stable order."""
    return sorted(p for p in root.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def load_bank(
    root: Path | Sequence[Path] | None = None, files: Iterable[Path] | None = None,
    use_cache: bool = True,
) -> Bank:
    """Load every file under `root`, one folder or several (default: `bank_sources()`, the
    shipped bank and the learner's folders), and collect all problems.

    Clean files are cached by content hash (`quizzer.bank.cache`); `use_cache=False` re-parses.
    """
    found: list[Problem] = []
    if files is not None:
        paths = list(files)
    else:
        if root is None:
            sources = bank_sources()
            folders = sources.folders
            found = [Problem(*p) for p in sources.problems]
        else:
            folders = [root] if isinstance(root, Path) else list(root)
        paths = list(dict.fromkeys(p for folder in folders for p in bank_files(folder)))
    bank = Bank(files=paths, problems=found)
    seen: dict[str, tuple[Path, _LineFinder, int]] = {}
    for path in paths:
        questions, problems, lines = load_file(path, use_cache)
        bank.problems.extend(problems)
        for q, index in questions:
            if q.id in seen:
                first_path, first_lines, first_index = seen[q.id]
                first = f"{first_path}:{first_lines.find(('questions', first_index))}"
                line = lines.find(("questions", index))
                bank.problems.append(
                    Problem(path, line, f"{q.id}.id", f"duplicate id; first used at {first}")
                )
                continue
            seen[q.id] = (path, lines, index)
            bank.questions.append(q)
    return bank


def load_file(
    path: Path, use_cache: bool = True
) -> tuple[list[tuple[Question, int]], list[Problem], _LineFinder]:
    """The valid questions of one file (with their index in it), its problems, and a line finder.

    Line numbers are only computed when asked for, so clean files are parsed once.
    """
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return [], [Problem(path, 1, "(file)", f"cannot read: {exc}")], _LineFinder("")
    lines = _LineFinder(text)
    key = cache.key_for(raw) if use_cache else ""
    cached = cache.read(key) if use_cache else None
    if cached is not None:
        return cached, [], lines
    import yaml  # only files missing from the cache are parsed

    from quizzer.bank.yamlsafe import parse_file

    try:
        data = parse_file(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        return [], [Problem(path, line, "(yaml)", _yaml_message(exc))], lines
    valid, problems = _validate(path, lines, data)
    if use_cache and not problems:
        cache.write(key, valid)
    return valid, problems, lines


def _yaml_message(exc: MarkedYAMLError) -> str:
    parts = [exc.context or "", exc.problem or ""]
    return "invalid YAML: " + " ".join(p for p in parts if p).strip()


def _validate(
    path: Path, lines: _LineFinder, data: Any
) -> tuple[list[tuple[Question, int]], list[Problem]]:
    from pydantic import ValidationError

    problems: list[Problem] = []
    try:
        top = BankFile.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(err["loc"])
            problems.append(Problem(path, lines.find(loc), _dotted(loc) or "(file)", err["msg"]))
        return [], problems
    valid: list[tuple[Question, int]] = []
    for index, raw in enumerate(top.questions):
        base: tuple[str | int, ...] = ("questions", index)
        try:
            question = question_adapter().validate_python(cjk.normalise_tree(raw))
        except ValidationError as exc:
            raw_id = raw.get("id")
            label = raw_id if isinstance(raw_id, str) else f"questions[{index}]"
            for err in exc.errors():
                loc = _strip_tag(tuple(err["loc"]), raw)
                field_name = ".".join([label, *map(str, loc)]) if loc else label
                problems.append(
                    Problem(path, lines.find(base + loc), field_name, _message(err))
                )
            continue
        valid.append((question, index))
    return valid, problems


def _message(err: Any) -> str:
    msg = str(err["msg"]).removeprefix("Value error, ")
    if err["type"] == "union_tag_invalid":
        return "type must be one of choice, multi, numeric, short, code, derivation"
    if err["type"] == "missing":
        return "required field is missing"
    if err["type"] == "string_pattern_mismatch":
        return "must be kebab-case: lowercase letters and digits joined by '-'"
    if err["type"] == "extra_forbidden":
        return "unknown field"
    return msg


def _strip_tag(loc: tuple[Any, ...], raw: dict[str, Any]) -> tuple[Any, ...]:
    """Drop pydantic's discriminator tag (e.g. `choice`) and union-member names from a loc."""
    if loc and loc[0] == raw.get("type"):
        loc = loc[1:]
    return tuple(p for p in loc if not (isinstance(p, str) and p in _UNION_MEMBER_NAMES))


_UNION_MEMBER_NAMES = {"IntRange", "Choices", "list[str]", "str", "int", "float", "bool",
                       "list[union[str,int,float]]", "list[int]"}


def _dotted(loc: tuple[Any, ...]) -> str:
    return ".".join(str(p) for p in loc)


class _LineFinder:
    """Maps a pydantic location to a 1-based line, composing the node tree on first use."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._root: Node | None = None

    def find(self, loc: Iterable[Any]) -> int:
        if self._root is None and self._text:
            import yaml

            from quizzer.bank.yamlsafe import SafeLoader

            try:
                self._root = yaml.compose(self._text, Loader=SafeLoader)
            except yaml.YAMLError:
                return 1
        from quizzer.bank.yamlsafe import line_of

        return line_of(self._root, list(loc)) if self._root is not None else 1
