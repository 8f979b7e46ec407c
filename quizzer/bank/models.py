"""The question-bank schema: one pydantic model per question type, discriminated by `type`."""

from __future__ import annotations

import re
import string
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from quizzer.core.catalog import OP_SIGNATURES, TASK_NAMES, op_parameters

FORMAT_VERSION = 1
KEBAB = r"^[a-z0-9]+(-[a-z0-9]+)*$"
LETTERS = string.ascii_uppercase
PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
"""A `{name}` in a parametric prompt; braces that name no parameter are ordinary text."""
FORMULA_PLACEHOLDER = re.compile(r"\{=([^{}]+)\}")
"""`{= lr * wd}` in a parametric question's text: the formula's value for the drawn parameters
(`answer` names the right answer)."""


class Strict(BaseModel):
    """Base for every bank model: unknown fields are errors, not silently dropped.

    Validators are built on first use (`defer_build`): a bank read back from the cache never
    validates, so the TUI does not pay for building them at start.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Chinese(Strict):
    """The Chinese (zh) version of a question's text; fields mirror the English ones."""

    prompt: str
    explanation: str
    choices: list[str] | None = None
    hints: list[str] = []
    model_answer: str | None = None
    key_points: list[str] = []
    steps: list[str] = []
    """A derivation's worked steps in Chinese; empty falls back to the English steps."""


class IntRange(Strict):
    """A parameter drawn uniformly from the integers min..max (both included)."""

    min: int
    max: int

    @model_validator(mode="after")
    def _ordered(self) -> IntRange:
        if self.min > self.max:
            raise ValueError(f"min {self.min} is greater than max {self.max}")
        return self


class Choices(Strict):
    """A parameter drawn from an explicit list of values."""

    choices: list[int | float] = Field(min_length=1)


ParamSpec = IntRange | Choices


class Compute(Strict):
    """How a parametric question computes its answer: a named torch-backed op from the grader."""

    op: str
    args: dict[str, str | int | float | bool | list[str | int | float]]
    """Each value (or list item) is a parameter name (a string) or a literal."""

    @field_validator("op")
    @classmethod
    def _known_op(cls, op: str) -> str:
        if op not in OP_SIGNATURES:
            raise ValueError(f"unknown op {op!r}; known ops: {', '.join(sorted(OP_SIGNATURES))}")
        return op


class Tolerance(Strict):
    """Accepted distance from the exact answer: |got - want| <= abs + rel * |want|."""

    abs: float = Field(default=0.0, ge=0)
    rel: float = Field(default=0.0, ge=0)

    def accepts(self, got: float, want: float) -> bool:
        """Exact for an integer answer with no declared tolerance, else within the tolerance.

        A float answer with no declared tolerance still accepts a rounding error of one part in
        1e9, so that `0.1 + 0.2`-style representation noise never fails a right answer.
        """
        allowed = self.abs + self.rel * abs(want)
        if allowed == 0 and float(want).is_integer():
            return got == want
        return abs(got - want) <= max(allowed, 1e-9 * max(1.0, abs(want)))


class Mistake(Strict):
    """A classic wrong computation of a parametric answer, and the misconception behind it.

    Either a `formula` over the parameters (`w * (1 - wd)`) or the question's op run with some
    arguments changed (`args: {padding: 0}`; `op` names another op, given all its arguments).
    """

    formula: str | None = None
    op: str | None = None
    args: dict[str, str | int | float | bool | list[str | int | float]] = {}
    misconception: str = Field(min_length=1)
    """What the learner who gets this number believes, said to them as feedback."""
    zh: str | None = None
    """The misconception in Chinese."""

    @model_validator(mode="after")
    def _one_form(self) -> Mistake:
        if (self.formula is None) == (self.op is None and not self.args):
            raise ValueError("give either `formula` or `op`/`args`")
        if self.formula is not None:
            from quizzer.bank.formula import parse

            parse(self.formula)
        return self


class Variable(Strict):
    """A variable of a derivation answer and the domain it is checked on."""

    domain: Literal["real", "positive", "negative", "unit", "integer"] = "real"
    """`unit` is the open interval (0, 1), `positive`/`negative` exclude 0; `min`/`max` narrow
    the domain and are included in it, except where they meet such an open end."""
    min: float | None = None
    max: float | None = None
    parity: Literal["odd", "even"] | None = None
    """For an `integer` variable: only odd (or only even) values are in the domain."""
    meaning: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Variable:
        if self.parity is not None and self.domain != "integer":
            raise ValueError("parity applies to integer variables only")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min {self.min} is above max {self.max}")
        return self


class Differentiate(Strict):
    """The reference answer is SymPy's derivative of `expr` with respect to `wrt`."""

    expr: str
    wrt: str


class QuestionBase(Strict):
    """Fields every question has."""

    id: Annotated[str, Field(pattern=KEBAB)]
    topic: Annotated[str, Field(pattern=KEBAB)]
    tags: list[str] = []
    difficulty: Literal["easy", "medium", "hard"]
    time: int = Field(gt=0, le=3600)
    """Suggested seconds to answer."""
    source: list[str] = []
    """Seed notes the facts come from, e.g. `001`."""
    covers: list[Annotated[str, Field(pattern=r"^(S1\.|S3\.)?[A-Z]+-[0-9]+$")]] = []
    """Seed-catalog topic ids this question tests, e.g. `NORM-01`, `S1.DET-04`, `S3.PT-02`."""
    prompt: str = Field(min_length=1)
    explanation: str = Field(min_length=1)
    hints: list[str] = []
    zh: Chinese | None = None


class ChoiceQuestion(QuestionBase):
    """One right option among several."""

    type: Literal["choice"]
    choices: list[str] = Field(min_length=2, max_length=len(LETTERS))
    answer: str
    """The letter of the right choice: A for the first."""
    fixed_order: bool = False
    """Show the options in bank order instead of shuffling them per attempt (ordered ranges)."""
    pinned: list[str] = []
    """Letters of options that keep their place while the others move ("all of the above")."""

    @field_validator("answer")
    @classmethod
    def _among_choices(cls, answer: str, info: Any) -> str:
        _check_letters([answer], len(info.data.get("choices") or []))
        return answer

    @model_validator(mode="after")
    def _zh_choices(self) -> ChoiceQuestion:
        _check_zh_choices(self.zh, len(self.choices))
        _check_letters(self.pinned, len(self.choices))
        return self


class MultiQuestion(QuestionBase):
    """Every right option among several (select all that apply)."""

    type: Literal["multi"]
    choices: list[str] = Field(min_length=2, max_length=len(LETTERS))
    answer: list[str] = Field(min_length=1)
    fixed_order: bool = False
    """Show the options in bank order instead of shuffling them per attempt."""
    pinned: list[str] = []
    """Letters of options that keep their place when the others are shuffled."""

    @field_validator("answer")
    @classmethod
    def _among_choices(cls, answer: list[str], info: Any) -> list[str]:
        _check_letters(answer, len(info.data.get("choices") or []))
        if len(set(answer)) != len(answer):
            raise ValueError("a letter is listed twice")
        return answer

    @model_validator(mode="after")
    def _zh_choices(self) -> MultiQuestion:
        _check_zh_choices(self.zh, len(self.choices))
        _check_letters(self.pinned, len(self.choices))
        return self


class NumericQuestion(QuestionBase):
    """A number: fixed (`answer`) or parametric (`params` + `compute`, prompt uses `{name}`)."""

    type: Literal["numeric"]
    answer: float | None = None
    params: dict[str, ParamSpec] | None = None
    compute: Compute | None = None
    tolerance: Tolerance = Tolerance()
    unit: str | None = None
    mistakes: list[Mistake] = []
    """Classic wrong computations: no draw lets one of them pass, and a learner who types one
    is told the misconception. Parametric questions only."""

    @model_validator(mode="after")
    def _fixed_or_parametric(self) -> NumericQuestion:
        parametric = self.params is not None or self.compute is not None
        if parametric == (self.answer is not None):
            raise ValueError("give either `answer` or both `params` and `compute`")
        if parametric:
            _check_parametric(self)
            _check_mistakes(self)
        elif self.mistakes:
            raise ValueError("mistakes are listed on parametric questions only")
        return self


class ShortQuestion(QuestionBase):
    """Free text, self-rated against a model answer and its key points."""

    type: Literal["short"]
    model_answer: str = Field(min_length=1)
    key_points: list[str] = Field(min_length=1)


class CodeQuestion(QuestionBase):
    """Implement a grader task; the grader decides."""

    type: Literal["code"]
    task: str

    @field_validator("task")
    @classmethod
    def _known_task(cls, task: str) -> str:
        if task not in TASK_NAMES:
            raise ValueError(f"unknown grader task {task!r}; known: {', '.join(TASK_NAMES)}")
        return task


class DerivationQuestion(QuestionBase):
    """A formula typed by the learner and checked symbolically / numerically."""

    type: Literal["derivation"]
    variables: dict[str, Variable] = Field(min_length=1)
    functions: list[str] = []
    """Extra function names the answer may use beyond the standard ones."""
    forbid: list[str] = []
    """Standard functions this question refuses (its prompt must name each one)."""
    differentiate: Differentiate | None = None
    reference: str | None = None
    """A reference expression, when the answer is not a plain derivative."""
    steps: list[str] = []
    """The worked derivation shown after grading."""

    @model_validator(mode="after")
    def _one_reference(self) -> DerivationQuestion:
        if (self.differentiate is None) == (self.reference is None):
            raise ValueError("give exactly one of `differentiate` and `reference`")
        if self.differentiate is not None and self.differentiate.wrt not in self.variables:
            raise ValueError(f"wrt {self.differentiate.wrt!r} is not a declared variable")
        unsaid = [name for name in self.forbid if name not in self.prompt]
        if unsaid:
            raise ValueError(f"forbid names {unsaid}, which the prompt does not mention")
        return self


Question = Annotated[
    ChoiceQuestion
    | MultiQuestion
    | NumericQuestion
    | ShortQuestion
    | CodeQuestion
    | DerivationQuestion,
    Field(discriminator="type"),
]


class BankFile(Strict):
    """The top level of a YAML file; `questions` is validated one by one by the loader."""

    format_version: Literal[1]
    questions: list[dict[str, Any]]


def _check_letters(letters: list[str], count: int) -> None:
    valid = LETTERS[:count]
    for letter in letters:
        if len(letter) != 1 or letter not in valid:
            raise ValueError(f"{letter!r} is not one of the choices {valid[0]}-{valid[-1]}")


def _check_zh_choices(zh: Chinese | None, count: int) -> None:
    if zh is not None and zh.choices is not None and len(zh.choices) != count:
        raise ValueError(f"zh.choices has {len(zh.choices)} entries, choices has {count}")


def _check_parametric(q: NumericQuestion) -> None:
    if q.params is None or q.compute is None:
        raise ValueError("a parametric question needs both `params` and `compute`")
    expected = op_parameters(q.compute.op)
    unknown = set(q.compute.args) - set(expected)
    if unknown:
        raise ValueError(f"op {q.compute.op} takes no argument {sorted(unknown)}")
    for name, value in q.compute.args.items():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and item not in q.params:
                raise ValueError(f"compute.args.{name} names {item!r}, which is not a parameter")
    for text in (q.prompt, q.zh.prompt if q.zh else ""):
        for name in PLACEHOLDER.findall(text):
            if name not in q.params:
                raise ValueError(f"the prompt uses {{{name}}}, which is not a parameter")
    from quizzer.bank.formula import names

    known = {*q.params, "answer"}
    for text in (q.prompt, q.explanation, *([q.zh.prompt, q.zh.explanation] if q.zh else [])):
        for formula in FORMULA_PLACEHOLDER.findall(text):
            unknown = names(formula) - known
            if unknown:
                raise ValueError(f"{{={formula}}} uses {sorted(unknown)}, not parameters")


def _check_mistakes(q: NumericQuestion) -> None:
    from quizzer.bank.formula import names

    assert q.params is not None and q.compute is not None
    for index, mistake in enumerate(q.mistakes):
        where = f"mistakes.{index}"
        if mistake.formula is not None:
            unknown = names(mistake.formula) - set(q.params)
            if unknown:
                raise ValueError(f"{where}: the formula uses {sorted(unknown)}, not parameters")
            continue
        op = mistake.op or q.compute.op
        if op not in OP_SIGNATURES:
            raise ValueError(f"{where}: unknown op {op!r}")
        for value in mistake.args.values():
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, str) and item not in q.params:
                    raise ValueError(f"{where}: args name {item!r}, which is not a parameter")
        unknown_args = set(mistake.args) - set(op_parameters(op))
        if unknown_args:
            raise ValueError(f"{where}: op {op} takes no argument {sorted(unknown_args)}")
