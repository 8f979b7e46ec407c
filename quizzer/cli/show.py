"""`quizzer show ID`: one question as the learner sees it, without starting the TUI.

The seed decides what an attempt with that seed shows: the order of the options and, for a
parametric question, the drawn values. Without `--seed` a fresh one is drawn and printed.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from quizzer.bank.models import (
    ChoiceQuestion,
    CodeQuestion,
    DerivationQuestion,
    MultiQuestion,
    NumericQuestion,
    Question,
    ShortQuestion,
)
from quizzer.cli import complete


def question_view(question: Question, lang: str, seed: int) -> dict[str, Any]:
    """The JSON object `quizzer show --json` prints (see the command's help)."""
    from quizzer.quiz.order import display_order, key_letters, refer, shown

    zh = question.zh if lang == "zh" else None
    prompt = zh.prompt if zh else question.prompt
    explanation = zh.explanation if zh else question.explanation
    choices: list[str] = []
    answer: Any
    if isinstance(question, ChoiceQuestion | MultiQuestion):
        order = display_order(question, seed)
        texts = zh.choices if zh and zh.choices else question.choices
        choices, letters = shown(order, texts), key_letters(question, order)
        answer = letters[0] if isinstance(question, ChoiceQuestion) else letters
        explanation = refer(explanation, order)
    elif isinstance(question, NumericQuestion):
        prompt, explanation, answer = _numeric(question, lang, seed)
    else:
        answer = _answer(question, lang)
    return {"id": question.id, "type": question.type, "lang": lang, "prompt": prompt.strip(),
            "choices": [c.strip() for c in choices], "answer": answer,
            "explanation": explanation.strip(), "seed": seed}


def _numeric(question: NumericQuestion, lang: str, seed: int) -> tuple[str, str, float]:
    zh = question.zh if lang == "zh" else None
    if question.params is None:
        assert question.answer is not None, "a fixed numeric question has an answer"
        return (zh.prompt if zh else question.prompt,
                zh.explanation if zh else question.explanation, question.answer)
    from quizzer.grader.draw import draw  # torch: only for a parametric question

    instance = draw(question, seed)
    if zh:
        return instance.prompt_zh or instance.prompt, instance.explanation_zh or "", instance.answer
    return instance.prompt, instance.explanation, instance.answer


def _answer(question: Question, lang: str) -> Any:
    zh = question.zh if lang == "zh" else None
    if isinstance(question, ShortQuestion):
        return zh.model_answer if zh and zh.model_answer else question.model_answer
    if isinstance(question, CodeQuestion):
        from quizzer.paths import reference_solution

        return reference_solution(question.task)
    if isinstance(question, DerivationQuestion):
        if question.reference is not None:
            return question.reference
        from quizzer.grader.symbolic.api import reference_text

        return reference_text(question)
    return None


def as_text(view: dict[str, Any]) -> str:
    """The view as a learner reads it: prompt, lettered options, answer, explanation."""
    zh = view["lang"] == "zh"
    lines = [f"{view['id']} ({view['type']}, seed {view['seed']})", "", view["prompt"], ""]
    lines += [f"  {chr(ord('A') + i)}. {text}" for i, text in enumerate(view["choices"])]
    answer = view["answer"]
    shown = ", ".join(answer) if isinstance(answer, list) else _plain(answer)
    lines += ["" if view["choices"] else None, ("答案：" if zh else "Answer: ") + shown]
    lines += ["", ("解析：" if zh else "Explanation: ") + view["explanation"]]
    return "\n".join(line for line in lines if line is not None)


def _plain(value: Any) -> str:
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:g}"
    return "" if value is None else str(value).rstrip()


@click.command()
@click.argument("question_id", shell_complete=complete.question_ids)
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True,
              help="Language of the text (falls back to English where none is written).")
@click.option("--seed", type=int, default=None,
              help="The attempt's seed: option order and drawn values (default: a fresh one).")
@click.option("--json", "as_json", is_flag=True,
              help="One object: id, type, lang, prompt, choices, answer, explanation, seed.")
def show(question_id: str, lang: str, seed: int | None, as_json: bool) -> None:
    """Print one question as the learner sees it, with its answer and explanation.

    Options are listed in display order and the answer gives display letters; for a
    parametric question the prompt, answer and explanation use the drawn values.
    """
    from quizzer.bank import load_bank
    from quizzer.quiz.order import new_seed

    question = load_bank().by_id().get(question_id)
    if question is None:
        click.echo(f"no question with id {question_id!r} (`quizzer list` shows them)", err=True)
        sys.exit(2)
    view = question_view(question, lang, new_seed() if seed is None else seed)
    click.echo(json.dumps(view, ensure_ascii=False) if as_json else as_text(view))
