"""Loading the bank: valid questions load, and every problem names its file, line and field."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from quizzer.bank import load_bank
from quizzer.bank.models import ChoiceQuestion

GOOD = """\
format_version: 1
questions:
  - id: good-one
    type: choice
    topic: testing
    difficulty: easy
    time: 30
    prompt: Pick A.
    choices: [a, b]
    answer: A
    explanation: Because.
"""

WriteBank = Callable[[dict[str, str]], Path]


def test_real_bank_loads_without_problems() -> None:
    bank = load_bank()
    assert bank.problems == []
    assert len(bank.questions) >= 20
    assert {q.type for q in bank.questions} >= {"choice", "multi", "numeric", "short", "derivation"}


def test_valid_file_loads(write_bank: WriteBank) -> None:
    bank = load_bank(write_bank({"a.yaml": GOOD}))
    assert bank.problems == []
    assert isinstance(bank.questions[0], ChoiceQuestion)
    assert bank.topics() == {"testing": 1}


@pytest.mark.parametrize(
    ("change", "line", "field", "message"),
    [
        (("answer: A", "answer: E"), 10, "good-one.answer", "'E' is not one of the choices A-B"),
        (("time: 30", "time: 30\n    colour: red"), 8, "good-one.colour", "unknown field"),
        (("    explanation: Because.\n", ""), 3, "good-one.explanation", "required field"),
        (("type: choice", "type: essay"), 3, "good-one", "type must be one of"),
        (("id: good-one", "id: Good_One"), 3, "Good_One.id", "kebab-case"),
        (("time: 30", "time: soon"), 7, "good-one.time", "valid integer"),
        (("difficulty: easy", "difficulty: brutal"), 6, "good-one.difficulty", "'easy'"),
        (("time: 30", "time: 30\n    time: 40"), 8, "(yaml)", "found the key 'time' twice"),
        (("choices: [a, b]", "choices: [a, b"), 10, "(yaml)", "invalid YAML"),
        (("format_version: 1", "format_version: 7"), 1, "format_version", "Input should be 1"),
    ],
)
def test_problem_names_file_line_and_field(
    write_bank: WriteBank, change: tuple[str, str], line: int, field: str, message: str
) -> None:
    root = write_bank({"bad.yaml": GOOD.replace(*change)})
    bank = load_bank(root)
    assert bank.questions == []
    [problem] = bank.problems
    assert problem.path == root / "bad.yaml"
    assert (problem.line, problem.field) == (line, field), str(problem)
    assert message in problem.message
    assert str(problem).startswith(f"{root / 'bad.yaml'}:{line}: {field}: ")


def test_duplicate_id_across_files_points_at_both(write_bank: WriteBank) -> None:
    root = write_bank({"a.yaml": GOOD, "b.yaml": GOOD})
    bank = load_bank(root)
    assert len(bank.questions) == 1
    [problem] = bank.problems
    assert problem.path == root / "b.yaml"
    assert problem.line == 3
    assert "duplicate id" in problem.message and f"{root / 'a.yaml'}:3" in problem.message


def test_every_problem_in_every_file_is_collected(write_bank: WriteBank) -> None:
    two_bad = GOOD.replace("answer: A", "answer: Z") + GOOD[GOOD.index("  - id"):].replace(
        "good-one", "good-two").replace("explanation: Because.", "explain: Because.")
    root = write_bank({"a.yaml": two_bad, "b.yaml": "format_version: 1\nquestions: [\n",
                       "c.yaml": GOOD.replace("good-one", "fine")})
    bank = load_bank(root)
    assert [q.id for q in bank.questions] == ["fine"]
    assert [(p.path.name, p.field) for p in bank.problems] == [
        ("a.yaml", "good-one.answer"),
        ("a.yaml", "good-two.explanation"),
        ("a.yaml", "good-two.explain"),
        ("b.yaml", "(yaml)"),
    ]
    assert bank.skipped_files == [root / "a.yaml", root / "b.yaml"]


def test_parametric_prompt_must_use_declared_parameters(write_bank: WriteBank) -> None:
    text = """\
format_version: 1
questions:
  - id: conv-size
    type: numeric
    topic: cnn
    difficulty: easy
    time: 30
    prompt: Input {i}, kernel {k}?
    params:
      i: {min: 5, max: 9}
    compute: {op: conv2d_output, args: {size: i, kernel: 3}}
    explanation: Formula.
"""
    [problem] = load_bank(write_bank({"p.yaml": text})).problems
    assert problem.field == "conv-size"
    assert "{k}" in problem.message


def test_unknown_op_and_task_are_reported(write_bank: WriteBank) -> None:
    text = GOOD.replace("type: choice", "type: code").replace(
        "    choices: [a, b]\n    answer: A\n", "    task: quicksort\n")
    [problem] = load_bank(write_bank({"c.yaml": text})).problems
    assert (problem.field, problem.line) == ("good-one.task", 9)
    assert "unknown grader task 'quicksort'" in problem.message
