"""The detection tasks' references against hand-computed values, and their cases and judges."""

from __future__ import annotations

import importlib.util
from fractions import Fraction
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import torch

from quizzer.grader.runner import grade_source
from quizzer.grader.tasks import average_precision as ap
from quizzer.grader.tasks import detection_scenes as sc
from quizzer.grader.tasks import load_task
from quizzer.grader.tasks.base import Outcome
from quizzer.grader.tasks.boxes import (
    _MARGIN,
    greedy_nms,
    reference_box_iou,
    reference_nms,
    valid_tie_orders,
)

REPO = Path(__file__).resolve().parents[1]
TASKS = ("box_iou", "nms", "mean_average_precision", "coco_map")
CATALOG_BOXES = torch.tensor([[0, 0, 10, 10], [1, 1, 11, 11], [0, 0, 10, 9], [20, 20, 30, 30],
                              [21, 21, 30, 31]], dtype=torch.float32)
CATALOG_SCORES = torch.tensor([0.9, 0.8, 0.7, 0.6, 0.95])


def solution(task: str) -> ModuleType:
    path = REPO / "solutions" / f"{task}.py"
    spec = importlib.util.spec_from_file_location(f"solution_{task}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def boxes(*rows: list[float]) -> torch.Tensor:
    return torch.tensor(rows, dtype=torch.float32).reshape(-1, 4)


# --- box_iou ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("a", "b", "want"), [
    ([0, 0, 2, 2], [1, 1, 3, 3], 1 / 7),
    ([0, 0, 4, 2], [1, 0, 3, 4], 1 / 3),
    ([0, 0, 1, 1], [2, 2, 3, 3], 0.0),
    ([0, 0, 1, 1], [1, 0, 2, 1], 0.0),
    ([0, 0, 2, 1], [0, 0, 1, 1], 0.5),
    ([1, 2, 3, 5], [1, 2, 3, 5], 1.0),
])
def test_reference_iou_matches_hand_computed_values(a: list[float], b: list[float],
                                                    want: float) -> None:
    assert reference_box_iou(boxes(a), boxes(b)).item() == pytest.approx(want, abs=1e-7)


def test_reference_iou_is_pairwise_and_keeps_dtype() -> None:
    a = torch.rand(3, 2, dtype=torch.float64).repeat(1, 2) + torch.tensor([0, 0, 1, 1.0])
    b = a[:2].flip(0)
    out = reference_box_iou(a, b)
    assert out.shape == (3, 2) and out.dtype == torch.float64
    assert out[0, 1].item() == pytest.approx(1.0) and out[1, 0].item() == pytest.approx(1.0)


def test_reference_iou_of_empty_inputs_keeps_the_other_dimension() -> None:
    assert reference_box_iou(boxes(), boxes([0, 0, 1, 1], [0, 0, 2, 2])).shape == (0, 2)
    assert reference_box_iou(boxes([0, 0, 1, 1]), boxes()).shape == (1, 0)


# --- nms -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("threshold", "kept"), [(0.5, [4, 0]), (0.7, [4, 0, 1])])
def test_reference_nms_keeps_the_catalog_survivors(threshold: float, kept: list[int]) -> None:
    assert reference_nms(CATALOG_BOXES, CATALOG_SCORES, threshold) == kept


def test_reference_nms_lets_a_box_survive_when_only_a_suppressed_box_covered_it() -> None:
    chain = boxes([0, 0, 10, 10], [3, 0, 13, 10], [6, 0, 16, 10])
    assert reference_nms(chain, torch.tensor([0.9, 0.8, 0.7]), 0.3) == [0, 2]


def test_reference_nms_keeps_a_box_whose_iou_equals_the_threshold() -> None:
    pair = boxes([0, 0, 2, 1], [0, 0, 1, 1])
    assert reference_nms(pair, torch.tensor([0.9, 0.8]), 0.5) == [0, 1]
    assert reference_nms(pair, torch.tensor([0.9, 0.8]), 0.49) == [0]


def test_tie_orders_include_every_valid_answer_and_nothing_else() -> None:
    tied = boxes([0, 0, 10, 10], [1, 0, 11, 10], [50, 0, 60, 10])
    answers = valid_tie_orders(tied, torch.tensor([0.5, 0.5, 0.1]), 0.5)
    assert answers == {(0, 2), (1, 2)}


def test_nms_judge_accepts_either_tie_order_and_rejects_a_wrong_one() -> None:
    task = load_task("nms")
    case = next(c for c in task.cases(0) if c.name.startswith("tied scores"))
    answers = valid_tie_orders(*case.args)
    assert len(answers) > 1
    for answer in answers:
        assert task.judge(case, Outcome(output=torch.tensor(answer))).passed
    everything = torch.arange(len(case.args[1]))
    assert not task.judge(case, Outcome(output=everything)).passed


def test_random_nms_cases_keep_ious_away_from_the_threshold() -> None:
    task = load_task("nms")
    for case in task.cases(5)[-3:]:
        bx, _, threshold = case.args
        iou = reference_box_iou(bx.double(), bx.double())
        assert bool(((iou - threshold).abs() > _MARGIN).all())


def test_greedy_nms_compares_with_kept_boxes_only() -> None:
    iou = torch.tensor([[1.0, 0.6, 0.1], [0.6, 1.0, 0.6], [0.1, 0.6, 1.0]])
    assert greedy_nms(iou, [0, 1, 2], 0.5) == [0, 2]


# --- VOC and COCO mAP ------------------------------------------------------------------------

def test_all_point_ap_of_the_worked_ranking_is_five_eighths() -> None:
    assert ap.all_point_ap([True, False, True, True, False], 4) == pytest.approx(0.625)


@pytest.mark.parametrize(("scene", "want"), [
    (sc.worked_example, 0.625),
    (sc.fallback_example, 0.5),
    (sc.duplicate_example, 5 / 6),
    (sc.class_mix_example, 5 / 18),
    (sc.multi_image_example, 0.6),
])
def test_reference_voc_map_matches_hand_computed_values(scene: Any, want: float) -> None:
    preds, targets = scene()
    assert ap.reference_voc_map(preds, targets, 0.5) == pytest.approx(want, abs=1e-12)


def test_reference_voc_map_counts_iou_equal_to_the_threshold_as_a_match() -> None:
    preds = [sc.make_pred([[0, 0, 2, 1]], [0.9], [0])]
    targets = [sc.make_target([[0, 0, 1, 1]], [0])]
    assert ap.reference_voc_map(preds, targets, 0.5) == 1.0
    assert ap.reference_voc_map(preds, targets, 0.51) == 0.0


def test_coco_reference_gives_the_101_point_value_of_the_worked_example() -> None:
    assert ap.reference_coco_map(*sc.worked_example()) == pytest.approx(
        float(Fraction(127, 202)), abs=1e-12)


def test_coco_reference_falls_back_to_the_next_box_below_threshold_0_75() -> None:
    # Thresholds 0.50..0.70 see both detections match (AP 1); 0.75..0.95 only the first (51/101).
    want = (5 * 1.0 + 5 * 51 / 101) / 10
    assert ap.reference_coco_map(*sc.fallback_example()) == pytest.approx(want, abs=1e-12)


def test_coco_reference_drops_detections_beyond_100_per_image() -> None:
    assert ap.reference_coco_map(*sc.many_detections()) == 0.0


def test_coco_reference_without_detections_is_zero() -> None:
    assert ap.reference_coco_map(*sc.no_detections()) == 0.0


@pytest.mark.parametrize("seed", range(10))
def test_solutions_equal_the_references_on_random_scenes(seed: int) -> None:
    task = load_task("coco_map")
    scene = sc.random_scene(task.generator(seed), task.rng(seed), ap.COCO_THRESHOLDS)
    assert solution("coco_map").coco_map(*scene) == pytest.approx(
        ap.reference_coco_map(*scene), abs=1e-12)
    assert solution("mean_average_precision").mean_average_precision(*scene) == pytest.approx(
        ap.reference_voc_map(*scene, 0.5), abs=1e-12)


def test_random_scenes_avoid_class_sizes_that_are_multiples_of_five() -> None:
    task = load_task("coco_map")
    for case in (c for c in task.cases(7) if c.name.startswith("random scene")):
        for cls in {int(c) for t in case.args[1] for c in t["labels"]}:
            count = sum(int((t["labels"] == cls).sum()) for t in case.args[1])
            assert count % 5 != 0, case.name


def test_map_judge_names_the_expected_and_received_values() -> None:
    task = load_task("mean_average_precision")
    case = task.cases(0)[0]
    check = task.judge(case, Outcome(output=0.6136))
    assert not check.passed
    assert "expected 0.6250000, got 0.6136000" in check.message
    assert task.judge(case, Outcome(output=torch.tensor(0.625, dtype=torch.float64))).passed
    assert "Python float" in task.judge(case, Outcome(output=[0.625])).message


def test_judges_reject_a_modified_input() -> None:
    task = load_task("box_iou")
    case = task.cases(0)[0]
    changed = (case.args[0] + 1, case.args[1])
    check = task.judge(case, Outcome(output=reference_box_iou(*case.args), args_after=changed))
    assert not check.passed and "modified in place" in check.message


# --- whole tasks -----------------------------------------------------------------------------

@pytest.mark.parametrize("name", TASKS)
def test_cases_are_reproducible_from_the_seed(name: str) -> None:
    task = load_task(name)
    first, again, other = task.cases(3), task.cases(3), task.cases(4)
    assert [c.name for c in first] == [c.name for c in again]
    assert all(_same(a.args, b.args) for a, b in zip(first, again, strict=True))
    assert not all(_same(a.args, b.args) for a, b in zip(first, other, strict=True))


@pytest.mark.parametrize("name", TASKS)
def test_every_case_has_a_hint(name: str) -> None:
    assert all(case.hint for case in load_task(name).cases(0))


@pytest.mark.parametrize("name", TASKS)
def test_solution_passes_and_stub_fails(name: str) -> None:
    task = load_task(name)
    source = (REPO / "solutions" / f"{name}.py").read_text(encoding="utf-8")
    assert grade_source(name, source, seed=1).passed
    assert not grade_source(name, task.stub(), seed=1).passed


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, torch.Tensor):
        return isinstance(b, torch.Tensor) and a.shape == b.shape and bool(torch.equal(a, b))
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list | tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)
