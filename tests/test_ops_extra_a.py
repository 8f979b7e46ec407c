"""The extra_a ops agree with hand-computed values from the seed catalogs' worked examples."""

from __future__ import annotations

import math
from typing import Any

import pytest

from quizzer.grader.ops import InvalidDraw, run_op

CASES: list[tuple[str, dict[str, Any], float]] = [
    ("batchnorm2d_params", {"channels": 64}, 128),
    ("depthwise_separable_params", {"in_channels": 64, "out_channels": 128, "kernel": 3}, 8768),
    ("stacked_3x3_param_ratio", {"kernel": 5}, 18 / 25),
    ("stacked_3x3_param_ratio", {"kernel": 7}, 27 / 49),
    (
        "conv2d_flops_counted",
        {"size": 10, "in_channels": 16, "out_channels": 32, "kernel": 3},
        589824,
    ),
    ("linear_flops_counted", {"in_features": 100, "out_features": 10}, 2000),
    ("spp_output_length", {"channels": 256, "levels": [1, 2, 4]}, 5376),
    ("dropout_kept_value", {"x": 2.0, "p": 0.2}, 2.5),
    ("cosine_annealing_lr", {"base_lr": 0.1, "eta_min": 0.0, "t_max": 100, "step": 25}, 0.0853553),
    ("cosine_annealing_lr", {"base_lr": 0.1, "eta_min": 0.0, "t_max": 100, "step": 50}, 0.05),
    ("step_lr", {"base_lr": 0.1, "step_size": 30, "gamma": 0.1, "epoch": 65}, 0.001),
    (
        "linear_warmup_lr",
        {"base_lr": 0.1, "start_factor": 0.1, "total_iters": 4, "step": 1},
        0.0325,
    ),
    ("sgd_weight_after", {"lr": 0.1, "momentum": 0.9, "grad": 1.0, "steps": 3}, 0.439),
    (
        "sgd_weight_after",
        {"lr": 0.1, "momentum": 0.0, "grad": 0.0, "steps": 1, "weight_decay": 0.1, "w0": 3.0},
        2.97,
    ),
    ("adam_weight_after", {"lr": 0.1, "grad": 1.0, "steps": 3}, 0.7),
    ("clip_grad_norm_first", {"g1": 3.0, "g2": 4.0, "max_norm": 1.0}, 0.6),
    ("focal_loss_value", {"p_t": 0.9, "gamma": 2.0, "alpha": 0.25}, 2.634e-4),
    ("label_smoothing_target", {"classes": 10, "eps": 0.1, "true_class": True}, 0.91),
    ("label_smoothing_target", {"classes": 10, "eps": 0.1, "true_class": False}, 0.01),
    ("smooth_l1_value", {"x": -3.0, "beta": 1.0}, 2.5),
    ("smooth_l1_value", {"x": -0.5, "beta": 1.0}, 0.125),
    ("mse_reduced", {"errors": [1.0, 2.0, 3.0], "reduction": 0}, 14 / 3),
    ("mse_reduced", {"errors": [1.0, 2.0, 3.0], "reduction": 1}, 14),
    ("bce_with_logits_value", {"logit": 20.0, "target": 0.0}, 20.0),
    (
        "batchnorm_train_output",
        {"values": [1, 2, 3, 4], "index": 0, "gamma": 2, "beta": 1},
        -1.6833,
    ),
    ("batchnorm_train_output", {"values": [1, 2, 3, 4], "index": 3, "gamma": 2, "beta": 1}, 3.6833),
    ("batchnorm_running_var", {"values": [1, 2, 3, 4], "momentum": 0.1}, 1.0666667),
    ("kaiming_normal_std", {"fan_in": 2000}, math.sqrt(2 / 2000)),
    (
        "xavier_uniform_bound",
        {"in_channels": 64, "out_channels": 128, "kernel": 3},
        math.sqrt(6 / 1728),
    ),
    ("log_transform_level", {"r": 10}, 110),
    ("log_transform_level", {"r": 50}, 181),
    ("log_transform_level", {"r": 255}, 255),
    ("contrast_stretch_level", {"r": 90, "r_min": 50, "r_max": 170}, 85),
    ("contrast_stretch_level", {"r": 54, "r_min": 50, "r_max": 170}, 8.5),
    ("one_vs_one_classifiers", {"classes": 10}, 45),
    ("int8_symmetric_code", {"values": [0.5, -1.27, 0.02], "index": 0}, 50),
    ("int8_symmetric_code", {"values": [0.5, -1.27, 0.02], "index": 1}, -127),
    ("int8_symmetric_code", {"values": [0.5, -1.27, 0.02], "index": 2}, 2),
    ("box_iou_pair", {"a": [0, 0, 2, 2], "b": [1, 1, 3, 3]}, 1 / 7),
    ("box_iou_pair", {"a": [0, 0, 4, 2], "b": [1, 0, 3, 4]}, 1 / 3),
    ("weights_memory_mb", {"params_millions": 25.6, "bits": 32}, 102.4),
    ("weights_memory_mb", {"params_millions": 25.6, "bits": 8}, 25.6),
]


@pytest.mark.parametrize(("name", "args", "want"), CASES)
def test_op_matches_worked_example(name: str, args: dict[str, Any], want: float) -> None:
    assert run_op(name, args) == pytest.approx(want, rel=1e-4, abs=1e-6)


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("stacked_3x3_param_ratio", {"kernel": 4}),
        ("dropout_kept_value", {"x": 1.0, "p": 1.0}),
        ("cosine_annealing_lr", {"base_lr": 0.1, "eta_min": 0.0, "t_max": 10, "step": 11}),
        ("focal_loss_value", {"p_t": 1.0, "gamma": 2.0, "alpha": 0.25}),
        ("contrast_stretch_level", {"r": 10, "r_min": 20, "r_max": 30}),
        ("box_iou_pair", {"a": [2, 0, 1, 3], "b": [0, 0, 1, 1]}),
        ("weights_memory_mb", {"params_millions": 1.0, "bits": 4}),
    ],
)
def test_op_rejects_impossible_configuration(name: str, args: dict[str, Any]) -> None:
    with pytest.raises(InvalidDraw):
        run_op(name, args)


def test_adamw_decays_more_than_adam_with_same_gradients() -> None:
    adam = run_op("adam_weight_after", {"lr": 0.1, "grad": 1.0, "steps": 2})
    adamw = run_op("adam_weight_after", {"lr": 0.1, "grad": 1.0, "steps": 2, "decoupled": True})
    assert adamw < adam
