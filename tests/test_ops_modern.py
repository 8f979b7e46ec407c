"""The detector, self-supervised and dataset ops agree with the papers' formulas and examples."""

from __future__ import annotations

import math

import pytest

from quizzer.grader.ops import InvalidDraw, run_op


def _info_nce(pos: float, negs: list[float], tau: float) -> float:
    logits = [pos / tau] + [n / tau for n in negs]
    return -logits[0] + math.log(sum(math.exp(z) for z in logits))


CASES: list[tuple[str, dict[str, object], float]] = [
    # FCOS on an 800×1024 input: P3..P7 maps of 100×128, 50×64, 25×32, 13×16, 7×8.
    ("fcos_locations", {"height": 800, "width": 1024}, 12800 + 3200 + 800 + 208 + 56),
    ("fcos_locations", {"height": 512, "width": 512, "first_level": 3, "last_level": 5}, 5376),
    ("fcos_centerness", {"left": 10, "top": 20, "right": 30, "bottom": 40}, math.sqrt(1 / 6)),
    ("fcos_centerness", {"left": 5, "top": 5, "right": 5, "bottom": 5}, 1.0),
    # SciPy's linear_sum_assignment example: rows 0, 1, 2 take columns 1, 0, 2.
    ("hungarian_min_cost", {"costs": [4, 1, 3, 2, 0, 5, 3, 2, 2]}, 5),
    ("hungarian_min_cost", {"costs": [1, 9, 9, 1]}, 2),
    ("hungarian_min_cost", {"costs": [1, 2, 1, 5], "require_conflict": True}, 3),
    ("yolov3_predictions", {"size": 416}, 10647),
    ("yolov3_predictions", {"size": 608, "anchors": 1}, 19**2 + 38**2 + 76**2),
    (
        "info_nce_loss",
        {"positive": 0.9, "negatives": [0.1, 0.2, -0.3], "temperature": 0.5},
        _info_nce(0.9, [0.1, 0.2, -0.3], 0.5),
    ),
    (
        "info_nce_loss",
        {"positive": 0.0, "negatives": [0.0, 0.0, 0.0], "temperature": 1},
        math.log(4),
    ),
    ("nt_xent_negatives", {"batch": 256}, 510),
    ("ema_update", {"target": 1.0, "online": 0.0, "momentum": 0.999}, 0.999),
    ("ema_update", {"target": 1.0, "online": 0.0, "momentum": 0.9, "steps": 2}, 0.81),
    (
        "dino_teacher_prob",
        {"logits": [0.2, 0.1, 0.0], "center": [0.1, 0.0, 0.0], "temperature": 0.1},
        1 / (2 + math.exp(-1)),
    ),
    (
        "clip_loss",
        {"similarities": [0.5, 0.0, 0.0, 0.5], "logit_scale": 2},
        math.log(1 + math.exp(-1)),
    ),
    ("mae_visible_tokens", {"image": 224, "patch": 16, "mask_ratio": 0.75}, 49),
    ("mae_visible_tokens", {"image": 224, "patch": 14, "mask_ratio": 0.9}, 25),
    ("imagenet_normalized", {"value": 255, "channel": 0}, (1 - 0.485) / 0.229),
    ("imagenet_normalized", {"value": 0, "channel": 2}, -0.406 / 0.225),
]


@pytest.mark.parametrize(("name", "args", "want"), CASES, ids=[c[0] for c in CASES])
def test_op_matches_formula(name: str, args: dict[str, object], want: float) -> None:
    assert run_op(name, args) == pytest.approx(want, rel=1e-9, abs=1e-9)


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("fcos_centerness", {"left": 0, "top": 2, "right": 3, "bottom": 4}),
        ("hungarian_min_cost", {"costs": [1, 2, 3]}),
        ("hungarian_min_cost", {"costs": [1, 9, 9, 1], "require_conflict": True}),
        ("yolov3_predictions", {"size": 400}),
        ("dino_teacher_prob", {"logits": [1, 2], "center": [0], "temperature": 0.1}),
        ("clip_loss", {"similarities": [1, 2, 3], "logit_scale": 10}),
        ("mae_visible_tokens", {"image": 230, "patch": 16, "mask_ratio": 0.75}),
        ("imagenet_normalized", {"value": 256, "channel": 0}),
    ],
)
def test_op_rejects_impossible_configurations(name: str, args: dict[str, object]) -> None:
    with pytest.raises(InvalidDraw):
        run_op(name, args)


def test_lower_temperature_sharpens_the_dino_teacher() -> None:
    args = {"logits": [0.3, 0.1, 0.0], "center": [0.0, 0.0, 0.0]}
    sharp = run_op("dino_teacher_prob", {**args, "temperature": 0.04})
    soft = run_op("dino_teacher_prob", {**args, "temperature": 0.1})
    assert sharp > soft > 1 / 3
