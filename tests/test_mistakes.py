"""Parametric questions list classic wrong computations: draws separate them from the answer."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from quizzer.bank import Bank, load_bank
from quizzer.bank.formula import FormulaError, evaluate, names, parse
from quizzer.bank.models import NumericQuestion
from quizzer.grader.bankcheck import _check_draws, _draws_of
from quizzer.grader.draw import draw
from quizzer.quiz import Instance, QuizSession, Slip, Verdict
from quizzer.ui import text

IGNORES_DECAY = {"formula": "w", "misconception": "ignored the decay", "zh": "忽略了衰减"}


def sgd_question(**changes: object) -> NumericQuestion:
    base: dict[str, object] = {
        "id": "wd", "type": "numeric", "topic": "t", "difficulty": "easy", "time": 30,
        "prompt": "w = {w}, lr = {lr}, wd = {wd}?",
        "explanation": "{w}·(1 − {lr}·{wd}) = {w}·{= 1 - lr*wd} = {answer}",
        "params": {"w": {"choices": [0.5, 3]}, "lr": {"choices": [0.01, 0.5]},
                   "wd": {"choices": [0.0001, 0.1]}},
        "compute": {"op": "sgd_weight_after", "args": {
            "lr": "lr", "momentum": 0, "grad": 0, "steps": 1, "weight_decay": "wd", "w0": "w"}},
        "tolerance": {"abs": 0.0001}, "mistakes": [IGNORES_DECAY]}
    return NumericQuestion.model_validate(base | changes)


def test_formulas_evaluate_arithmetic_and_refuse_anything_else() -> None:
    assert evaluate("w * (1 - lr * wd)", {"w": 3, "lr": 0.1, "wd": 0.1}) == pytest.approx(2.97)
    assert evaluate("sqrt(n) + floor(7 / 2) + max(a, 1)", {"n": 16, "a": 0}) == 8
    assert names("log(x) * pi + y") == {"x", "y"}
    for bad in ("__import__('os')", "x.real", "[1, 2]", "open('f')", "'text'", "a if b else c"):
        with pytest.raises(FormulaError):
            parse(bad)
    with pytest.raises(FormulaError, match="cannot be evaluated"):
        evaluate("1 / (n - n)", {"n": 2})


def test_a_mistake_must_be_a_formula_over_parameters_or_an_op_variant() -> None:
    with pytest.raises(ValidationError, match="not parameters"):
        sgd_question(mistakes=[{"formula": "w * eta", "misconception": "m"}])
    with pytest.raises(ValidationError, match="either `formula` or"):
        sgd_question(mistakes=[{"misconception": "m"}])
    with pytest.raises(ValidationError, match="takes no argument"):
        sgd_question(mistakes=[{"args": {"padding": 0}, "misconception": "m"}])
    with pytest.raises(ValidationError, match="parametric questions only"):
        NumericQuestion.model_validate({
            "id": "f", "type": "numeric", "topic": "t", "difficulty": "easy", "time": 9,
            "prompt": "p", "explanation": "e", "answer": 1, "mistakes": [IGNORES_DECAY]})
    assert sgd_question(mistakes=[{"args": {"weight_decay": 0}, "misconception": "m"}])


def test_no_draw_lets_a_listed_mistake_pass() -> None:
    q = sgd_question()
    bare = sgd_question(mistakes=[])
    accepted_without = sum(q.tolerance.accepts(draw(bare, s).values["w"], draw(bare, s).answer)
                           for s in range(60))
    assert accepted_without > 5  # lr·wd·w below the tolerance: ignoring the decay passes
    for seed in range(60):
        instance = draw(q, seed)
        assert not q.tolerance.accepts(instance.values["w"], instance.answer)
    assert sum(draw(q, s).redrawn for s in range(60)) > 0


def test_an_op_variant_mistake_runs_the_op_with_changed_arguments() -> None:
    q = sgd_question(mistakes=[{"args": {"weight_decay": 0}, "misconception": "no decay"}])
    for seed in range(20):
        instance = draw(q, seed)
        assert instance.mistakes[0].value == instance.values["w"]


def test_explanations_use_the_drawn_values() -> None:
    instance = draw(sgd_question(), 3)
    w, lr, wd = (instance.values[k] for k in ("w", "lr", "wd"))
    assert instance.explanation.startswith(f"{w:g}·(1 − {lr:g}·{wd:g}) = ")
    assert instance.explanation.endswith(f"= {instance.answer:g}")


def test_a_wrong_answer_matching_a_mistake_names_its_misconception() -> None:
    q = sgd_question()
    instance = Instance("p", None, 2.97, 1, mistakes=(Slip(3.0, "ignored the decay", "忽略"),))
    session = QuizSession([q], instances={"wd": instance})
    assert session.answer_numeric("3.0") is Verdict.WRONG
    assert text.slip(session.current, "en") == "ignored the decay"
    assert text.slip(session.current, "zh") == "忽略"
    other = QuizSession([q], instances={"wd": instance})
    assert other.answer_numeric("2.5") is Verdict.WRONG and other.current.slip is None
    right = QuizSession([q], instances={"wd": instance})
    assert right.answer_numeric("2.97") is Verdict.CORRECT and right.current.slip is None


def test_the_service_reply_carries_mistakes_and_the_filled_explanation() -> None:
    reply = {"prompt": "p", "prompt_zh": None, "answer": 1.5, "explanation": "e 1.5",
             "explanation_zh": "解 1.5", "mistakes": [{"value": 2.0, "misconception": "m",
                                                      "zh": None}]}
    instance = Instance.from_reply(reply, 7)
    assert instance.mistakes == (Slip(2.0, "m", None),) and instance.seed == 7
    assert instance.explanation == "e 1.5" and instance.explanation_zh == "解 1.5"


def test_the_check_fails_a_mistake_that_never_computes_a_number() -> None:
    q = sgd_question(mistakes=[{"formula": "w / (lr - lr)", "misconception": "m"}])
    problems, _refused = _draws_of(q)
    assert problems == ["mistake 0 gives no number on any checked draw"]


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank()


def test_the_real_bank_rejects_every_listed_mistake_on_every_checked_draw(bank: Bank) -> None:
    lines = list(_check_draws(bank))
    assert all(ok for _line, ok in lines), [line for line, ok in lines if not ok]


def test_weight_decay_step_no_longer_accepts_an_unchanged_weight(bank: Bank) -> None:
    q = bank.by_id()["weight-decay-sgd-step-param"]
    assert isinstance(q, NumericQuestion) and len(q.mistakes) >= 3
    assert "garbled" not in q.explanation and "{answer}" in q.explanation
    for seed in range(100):
        instance = draw(q, seed)
        assert all(not q.tolerance.accepts(m.value, instance.answer)
                   for m in instance.mistakes if m.value is not None)
        assert f"= {instance.answer:g}" in instance.explanation

