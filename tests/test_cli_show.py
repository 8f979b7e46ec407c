"""`quizzer show ID`: every question of the bank, in both languages, as the learner sees it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from quizzer.bank import Bank, load_bank
from quizzer.bank.models import ChoiceQuestion, MultiQuestion, NumericQuestion
from quizzer.cli.show import as_text, question_view
from quizzer.quiz.order import display_order, to_bank

QUIZZER = str(Path(sys.executable).with_name("quizzer"))
KEYS = {"id", "type", "lang", "prompt", "choices", "answer", "explanation", "seed"}
HAN = re.compile("[\u4e00-\u9fff]")
BANK = load_bank()


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([QUIZZER, "show", *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ})


@pytest.fixture(scope="module")
def bank() -> Bank:
    return BANK


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("qid", sorted(q.id for q in BANK.questions))
def test_every_question_shows_in_both_languages(bank: Bank, qid: str, lang: str) -> None:
    q = bank.by_id()[qid]
    view = question_view(q, lang, seed=5)
    assert set(view) == KEYS and view["id"] == qid and view["lang"] == lang
    json.dumps(view, ensure_ascii=False)
    assert view["prompt"] and view["explanation"] and view["answer"] not in (None, "", [])
    if lang == "zh" and q.zh is not None:
        assert HAN.search(view["prompt"]) and HAN.search(view["explanation"])
    assert not re.search(r"\{[A-Z]\}|\{[a-z_][a-z0-9_]*\}|\{=", view["explanation"])
    if isinstance(q, ChoiceQuestion | MultiQuestion):
        order = display_order(q, 5)
        bank_texts = q.zh.choices if lang == "zh" and q.zh and q.zh.choices else q.choices
        assert view["choices"] == [bank_texts[i].strip() for i in order]
        keys = [view["answer"]] if isinstance(view["answer"], str) else view["answer"]
        assert sorted(to_bank(order, k) for k in keys) == sorted(
            [q.answer] if isinstance(q.answer, str) else q.answer)
    else:
        assert view["choices"] == []
    if isinstance(q, NumericQuestion) and q.params:
        assert not re.search(r"\{[a-z_][a-z0-9_]*\}", view["prompt"])
        assert isinstance(view["answer"], float)


def test_the_seed_reproduces_the_order_and_another_seed_changes_it(bank: Bank) -> None:
    q = next(q for q in bank.questions if isinstance(q, ChoiceQuestion) and not q.fixed_order)
    first = question_view(q, "en", 11)
    assert question_view(q, "en", 11) == first
    assert any(question_view(q, "en", s)["choices"] != first["choices"] for s in range(12, 30))


def test_json_output_is_one_object_and_text_output_reads_like_the_quiz() -> None:
    result = run("weight-decay-sgd-step-param", "--seed", "4", "--json")
    assert result.returncode == 0, result.stderr
    view = json.loads(result.stdout)
    assert set(view) == KEYS and view["seed"] == 4 and view["type"] == "numeric"
    text = run("weight-decay-sgd-step-param", "--seed", "4", "--lang", "zh")
    assert text.returncode == 0 and "答案：" in text.stdout and "seed 4" in text.stdout


def test_choice_text_lists_display_letters_and_the_answer_uses_them(bank: Bank) -> None:
    q = next(q for q in bank.questions if isinstance(q, ChoiceQuestion))
    view = question_view(q, "en", 2)
    lines = as_text(view).splitlines()
    answer = view["answer"]
    assert f"  {answer}. {view['choices'][ord(answer) - ord('A')]}" in lines
    assert f"Answer: {answer}" in lines


def test_unknown_id_exits_2_and_says_so() -> None:
    result = run("no-such-question")
    assert result.returncode == 2 and "no question with id" in result.stderr


def test_without_a_seed_a_fresh_one_is_printed() -> None:
    result = run("weight-decay-sgd-step-param", "--json")
    assert result.returncode == 0 and isinstance(json.loads(result.stdout)["seed"], int)
