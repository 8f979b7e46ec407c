"""Bank B's torch-backed ops agree with the worked examples of the seed catalogs."""

from __future__ import annotations

import pytest

from quizzer.grader.ops import InvalidDraw, run_op

CASES: list[tuple[str, dict[str, object], float]] = [
    ("unfold_columns", {"height": 4, "width": 4, "kernel": 2, "stride": 2}, 4),
    ("unfold_columns", {"height": 10, "width": 10, "kernel": 3, "padding": 1}, 100),
    ("patch_embed_tokens", {"height": 224, "width": 224, "patch": 16}, 196),
    ("patch_embed_tokens", {"height": 224, "width": 160, "patch": 16}, 140),
    ("embedding_params", {"num_embeddings": 50000, "embedding_dim": 100}, 5_000_000),
    ("cosine_similarity", {"a": [0.60, 0.80], "b": [-0.78, -0.62]}, -0.9675),
    ("dot_product", {"a": [0.53, 0.85], "b": [-0.78, -0.62]}, -0.9404),
    ("dot_product", {"a": [0.60, 0.80], "b": [-0.78, -0.62]}, -0.964),
    ("permuted_arange_entry", {"a": 2, "b": 3, "c": 4, "i": 2, "j": 1, "k": 3}, 23),
    ("permuted_arange_entry", {"a": 2, "b": 3, "c": 4, "i": 0, "j": 1, "k": 0}, 12),
    ("conv3d_params", {"in_channels": 3, "out_channels": 64, "kt": 3, "k": 3}, 5248),
    ("conv3d_time_output", {"frames": 7, "kt": 3}, 5),
    ("separable_conv_params", {"in_channels": 32, "out_channels": 64, "kernel": 3}, 2336),
    ("se_block_params", {"channels": 256, "reduction": 16}, 8464),
    ("se_block_params", {"channels": 256, "reduction": 4}, 33088),
    ("bottleneck_conv_weights", {"width": 64}, 69632),
    ("hardsigmoid", {"x": 1.5}, 0.75),
    ("hardswish", {"x": -1.0}, -1 / 3),
    ("repeated_factor", {"factor": 1.1, "steps": 100}, 13780.61),
    ("sgd_momentum_weight", {"lr": 0.1, "momentum": 0.9, "grads": [1, 1, 1]}, 0.439),
    ("adagrad_weight", {"lr": 0.1, "grads": [1, -1, 3]}, 0.880257),
    ("rmsprop_weight", {"lr": 0.1, "alpha": 0.9, "grads": [1, -1, 3]}, 0.623302),
    ("adam_weight", {"lr": 0.1, "grads": [1, -1, 3]}, 0.849206),
    ("weight_decay_after", {"lr": 0.1, "weight_decay": 0.1, "steps": 3}, 0.970299),
    ("clip_grad_norm_component", {"grad": [30, 40], "max_norm": 5, "index": 0}, 3.0),
    ("xavier_normal_std", {"fan_in": 256, "fan_out": 128}, 0.0721688),
    ("kaiming_uniform_bound", {"fan_in": 256}, 0.1530931),
    ("huber_value", {"error": -3.0}, 2.5),
    ("huber_value", {"error": 0.5}, 0.125),
    ("bernoulli_kl", {"p": 0.5, "q": 0.9}, 0.510826),
    ("bernoulli_kl", {"p": 0.9, "q": 0.5}, 0.368064),
    ("torch_smoothed_target", {"num_classes": 3, "epsilon": 0.15, "true_class": True}, 0.9),
    ("torch_smoothed_target", {"num_classes": 3, "epsilon": 0.1, "true_class": False}, 0.1 / 3),
    ("dice_coefficient", {"intersection": 1, "size_a": 2, "size_b": 1}, 2 / 3),
    ("dice_coefficient", {"intersection": 1, "size_a": 2, "size_b": 1, "smooth": 1.0}, 0.75),
    (
        "triplet_loss",
        {"anchor": [0, 0], "positive": [1, 0], "negative": [0, 1.5], "margin": 1.0},
        0.5,
    ),
    ("confusion_pixel_accuracy", {"cells": [3, 1, 0, 0, 2, 1, 1, 0, 4]}, 0.75),
    ("confusion_miou", {"cells": [3, 1, 0, 0, 2, 1, 1, 0, 4]}, 53 / 90),
    ("recurrent_params", {"gates": 1, "input_size": 10, "hidden_size": 20}, 640),
    ("recurrent_params", {"gates": 3, "input_size": 10, "hidden_size": 20}, 1920),
    ("recurrent_params", {"gates": 4, "input_size": 10, "hidden_size": 20, "num_layers": 2}, 5920),
    (
        "recurrent_params",
        {"gates": 4, "input_size": 10, "hidden_size": 20, "bidirectional": True},
        5120,
    ),
    ("alpha_composite", {"foreground": 200, "background": 50, "alpha": 0.3}, 95),
    ("chunk_size", {"batch": 10, "devices": 4, "index": 3}, 1),
    ("chunk_size", {"batch": 6, "devices": 4, "index": 3}, 0),
    ("kfold_fold_size", {"samples": 10, "folds": 4, "index": 0}, 3),
    ("kfold_fold_size", {"samples": 10, "folds": 4, "index": 3}, 2),
    ("pooled_variance", {"first": [1, 2, 3, 4], "second": [10, 12]}, 17.2222),
    ("generalized_iou", {"box_a": [0, 0, 2, 2], "box_b": [1, 1, 3, 3]}, -5 / 63),
    ("generalized_iou", {"box_a": [0, 0, 1, 1], "box_b": [2, 0, 3, 1]}, -1 / 3),
    ("f1_score", {"tp": 8, "fp": 2, "fn": 4}, 2 * 8 / (2 * 8 + 2 + 4)),
]


@pytest.mark.parametrize(("name", "args", "want"), CASES, ids=[c[0] for c in CASES])
def test_op_matches_worked_example(name: str, args: dict[str, object], want: float) -> None:
    assert run_op(name, args) == pytest.approx(want, abs=1e-4, rel=1e-6)


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("patch_embed_tokens", {"height": 230, "width": 224, "patch": 16}),
        ("se_block_params", {"channels": 100, "reduction": 16}),
        ("dice_coefficient", {"intersection": 3, "size_a": 2, "size_b": 5}),
        ("confusion_miou", {"cells": [1, 2, 3]}),
        ("recurrent_params", {"gates": 2, "input_size": 4, "hidden_size": 4}),
        ("generalized_iou", {"box_a": [0, 0, 0, 1], "box_b": [0, 0, 1, 1]}),
    ],
)
def test_op_rejects_configurations_torch_or_the_formula_cannot_take(
    name: str, args: dict[str, object]
) -> None:
    with pytest.raises(InvalidDraw):
        run_op(name, args)


def test_momentum_form_differs_from_plain_sgd() -> None:
    plain = run_op("sgd_momentum_weight", {"lr": 0.1, "momentum": 0.0, "grads": [1, 1, 1]})
    assert plain == pytest.approx(0.7)
    assert run_op("sgd_momentum_weight", {"lr": 0.1, "momentum": 0.9, "grads": [1, 1, 1]}) < plain
