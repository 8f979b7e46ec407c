"""`quizzer check`'s content rules: shape of the options, letters, notes, Chinese spacing."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest

from quizzer.bank import load_bank
from quizzer.bank.cjk import normalise, stray_spaces
from quizzer.bank.lint import (
    Rule,
    check_cjk_source,
    check_content,
    check_letter_refs,
    check_shape,
    check_stand_alone,
    shape_of,
    zh_length,
)
from quizzer.bank.models import ChoiceQuestion, MultiQuestion, Question


def choice(qid: str, answer: str, key_long: bool, **changes: object) -> ChoiceQuestion:
    texts = ["short one", "short two", "short six", "short ten"]
    index = ord(answer) - ord("A")
    if key_long:
        texts[index] = "a much longer option text"
    base: dict[str, object] = {
        "id": qid, "type": "choice", "topic": "t", "difficulty": "easy", "time": 30,
        "prompt": "Which one?", "explanation": "Because.", "choices": texts, "answer": answer}
    return ChoiceQuestion.model_validate(base | changes)


def fixture_bank(longest: int, total: int, letters: str) -> list[Question]:
    return [choice(f"q{i}", letters[i % len(letters)], i < longest) for i in range(total)]


def verdicts(lines: Iterable[tuple[str, bool]]) -> list[bool]:
    return [passed for _line, passed in lines]


@pytest.mark.parametrize(("longest", "ok"), [(7, True), (8, False), (20, False), (0, True)])
def test_key_is_longest_share_is_capped_at_35_percent(longest: int, ok: bool) -> None:
    bank = fixture_bank(longest, 20, "ABCD")
    assert shape_of(bank).key_longest == longest
    assert verdicts(check_shape(bank))[0] is ok


def test_a_tie_for_longest_does_not_count_as_the_key_being_longest() -> None:
    q = choice("tie", "A", True, choices=["same length", "same length", "x", "y"])
    assert shape_of([q]).key_longest == 0


@pytest.mark.parametrize(("letters", "ok"), [("ABCD", True), ("AABCD" * 4, False),
                                              ("ABCDABCDAB" * 2, True), ("B", False)])
def test_one_key_letter_in_more_than_35_percent_fails(letters: str, ok: bool) -> None:
    bank = fixture_bank(0, 20, letters)
    assert verdicts(check_shape(bank))[2] is ok


def zh_choice(qid: str, answer: str, key_long: bool) -> ChoiceQuestion:
    """English options of one length; in Chinese the key is the longest when `key_long`."""
    texts = ["线性整流", "批量归一", "层归一化", "分组卷积"]
    if key_long:
        texts[ord(answer) - ord("A")] = "在通道维上做归一化"
    return choice(qid, answer, False, zh={"prompt": "哪个？", "explanation": "因为。",
                                          "choices": texts})


@pytest.mark.parametrize(("longest", "ok"), [(7, True), (8, False), (0, True)])
def test_the_chinese_options_are_held_to_the_same_35_percent(longest: int, ok: bool) -> None:
    bank = [zh_choice(f"q{i}", "ABCD"[i % 4], i < longest) for i in range(20)]
    assert shape_of(bank).key_longest == 0
    assert shape_of(bank, "zh").key_longest == longest
    lines = list(check_shape(bank))
    assert [passed for _l, passed in lines] == [True, ok, True]
    assert "in English (0%" in lines[0][0]
    assert f"{longest}/20 choice questions in Chinese" in lines[1][0]
    assert all(verdicts(check_content(bank, []))) is ok


def test_chinese_length_counts_a_chinese_character_as_two_latin_letters() -> None:
    assert zh_length("归一化") == 6
    assert zh_length("BatchNorm，") == 9 + 2
    assert zh_length("α = 1 时") == 5 + 1 + 2
    tie = choice("t", "A", False, zh={"prompt": "p", "explanation": "e",
                                      "choices": ["ReLU 激活", "BatchNorm", "x", "y"]})
    assert shape_of([tie], "zh").key_longest == 0


def test_questions_without_chinese_options_are_left_out_of_the_chinese_figure() -> None:
    bank = [choice("a", "A", True), zh_choice("b", "B", True)]
    assert (shape_of(bank, "zh").choice, shape_of(bank, "zh").key_longest) == (1, 1)


def test_the_real_bank_meets_the_shape_rules() -> None:
    bank = load_bank()
    assert all(verdicts(check_shape(bank.questions)))


def test_bare_option_letters_in_explanations_are_flagged_and_braced_ones_pass() -> None:
    bad: list[Question] = [choice("a", "A", False, explanation="So (B) is wrong."),
           choice("b", "A", False, explanation="Option C is L1, so A is false."),
           MultiQuestion.model_validate({
               "id": "m", "type": "multi", "topic": "t", "difficulty": "easy", "time": 30,
               "prompt": "p", "explanation": "e", "choices": ["x", "y"], "answer": ["A"],
               "zh": {"prompt": "p", "explanation": "所以 (B) 错。", "choices": ["x", "y"]}})]
    lines = list(check_letter_refs(bad))
    assert sum(not ok for _l, ok in lines) == 5
    assert any("m.zh.explanation" in line for line, _ok in lines)
    good = [choice("c", "A", False, explanation="So ({B}) is wrong; area(C) and F − B are not.")]
    assert verdicts(check_letter_refs(good)) == [True]


def test_prompts_that_lean_on_unseen_notes_are_flagged() -> None:
    flagged = [choice("a", "A", False, prompt="A note says ReLU never dies. Which is right?"),
               choice("b", "A", False, prompt="The notes say so. Why?"),
               choice("c", "A", False, zh={"prompt": "笔记说……", "explanation": "e"})]
    assert verdicts(check_stand_alone(flagged)) == [False, False, False, False]
    fine = [choice("d", "A", False, prompt="A colleague notes that ReLU dies. Why?")]
    assert verdicts(check_stand_alone(fine)) == [True]


def test_folded_chinese_lines_are_joined_without_a_space() -> None:
    assert normalise("精确 计数，输出 尺寸 。") == "精确计数，输出尺寸。"
    assert normalise("用 PyTorch 的 conv ， 然后") == "用 PyTorch 的 conv，然后"
    assert normalise("第一行\n第二行 and a b") == "第一行\n第二行 and a b"
    assert stray_spaces("一 二 三") == ["一 二", "二 三"]


BANK_YAML = """format_version: 1
questions:
  - id: spaced
    type: short
    topic: t
    difficulty: easy
    time: 30
    prompt: Why?
    explanation: Because.
    model_answer: It is.
    key_points: [it]
    zh:
      prompt: >
        为什么输出
        尺寸会变？
      explanation: 因为。
      model_answer: 是的。
      key_points: [是]
"""


def test_loader_normalises_and_check_flags_the_source(tmp_path: Path) -> None:
    path = tmp_path / "b.yaml"
    path.write_text(BANK_YAML, encoding="utf-8")
    bank = load_bank(tmp_path, use_cache=False)
    assert bank.questions[0].zh is not None
    assert bank.questions[0].zh.prompt.strip() == "为什么输出尺寸会变？"
    lines = list(check_cjk_source([path]))
    assert [ok for _l, ok in lines] == [False, False]
    assert "spaced.zh.prompt" in lines[0][0] and "出 尺" in lines[0][0]
    path.write_text(BANK_YAML.replace("输出\n        尺寸", "输出尺寸"), encoding="utf-8")
    assert verdicts(check_cjk_source([path])) == [True]


def test_a_rule_not_yet_enforced_reports_without_failing() -> None:
    bank = [choice("a", "A", False, explanation="(B) is wrong.")]
    rule = Rule("letters", lambda qs, _f: check_letter_refs(qs), enforced=False)
    lines = list(check_content(bank, [], [rule]))
    assert lines == [("letters: 1 option letters written out in explanations "
                      "(reported, not enforced yet)", True)]
    enforced = list(check_content(bank, [], [Rule("letters", rule.run)]))
    assert [ok for _l, ok in enforced] == [False, False]


def test_the_default_rules_fail_an_explanation_that_names_an_option_by_its_letter() -> None:
    def bank(explanation: str) -> list[Question]:
        return [choice(f"q{k.lower()}", k, False, explanation=explanation) for k in "ABCD"]

    assert not all(verdicts(check_content(bank("A large step kills units, so (B) is wrong."), [])))
    assert all(verdicts(check_content(bank("A large step kills units; a tiny one does not."), [])))


@pytest.mark.parametrize("text", ["所以 A 错。", "学习率过大（A）可能把权重推走", "so A is false.",
                                  "thus C is wrong", "（C 错误）"])
def test_letters_after_chinese_text_or_a_conjunction_are_flagged(text: str) -> None:
    assert not verdicts(check_letter_refs([choice("a", "A", False, explanation=text)]))[-1]


@pytest.mark.parametrize("text", ["LayerNorm normalises over (C, H, W).", "对（C、H、W）做标准化",
                                  "A ReLU is dead when", "(A + Aᵀ)x", "F(x) = H(x) − x"])
def test_axis_names_formulas_and_the_article_a_are_not_flagged(text: str) -> None:
    assert verdicts(check_letter_refs([choice("a", "A", False, explanation=text)])) == [True]


def test_the_real_bank_names_options_by_content() -> None:
    assert verdicts(check_letter_refs(load_bank().questions)) == [True]
