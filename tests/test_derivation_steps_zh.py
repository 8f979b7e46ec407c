"""Derivation steps in Chinese: stored under `zh.steps`, shown for zh, English as the fallback."""

from __future__ import annotations

from quizzer.bank.models import Chinese, DerivationQuestion
from quizzer.quiz import Item, Verdict
from quizzer.ui import text
from quizzer.ui.verdict import verdict_markdown

BASE = {
    "id": "deriv-demo", "type": "derivation", "topic": "demo", "difficulty": "easy", "time": 60,
    "prompt": "Differentiate x^2.", "explanation": "Power rule.",
    "variables": {"x": {"domain": "real"}}, "differentiate": {"expr": "x**2", "wrt": "x"},
    "steps": ["Bring the exponent down: 2x"],
}


def _question(zh: dict[str, object] | None) -> DerivationQuestion:
    return DerivationQuestion.model_validate({**BASE, "zh": zh} if zh else BASE)


def test_chinese_steps_are_read_and_shown_for_zh_only() -> None:
    q = _question({"prompt": "求 x^2 的导数。", "explanation": "幂法则。",
                   "steps": ["把指数拿下来：2x"]})
    assert isinstance(q.zh, Chinese) and q.zh.steps == ["把指数拿下来：2x"]
    assert text.steps(q, "zh") == ["把指数拿下来：2x"]
    assert text.steps(q, "en") == ["Bring the exponent down: 2x"]
    item = Item(question=q, verdict=Verdict.CORRECT)
    assert "把指数拿下来" in verdict_markdown(item, "zh")
    assert "Bring the exponent down" not in verdict_markdown(item, "zh")
    assert "Bring the exponent down" in verdict_markdown(item, "en")


def test_without_chinese_steps_zh_falls_back_to_english() -> None:
    q = _question({"prompt": "求 x^2 的导数。", "explanation": "幂法则。"})
    assert text.steps(q, "zh") == ["Bring the exponent down: 2x"]
    assert "Bring the exponent down" in verdict_markdown(Item(question=q, verdict=Verdict.CORRECT),
                                                         "zh")
