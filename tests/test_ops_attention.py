"""The attention / transformer / ViT ops agree with the papers' formulas and worked examples."""

from __future__ import annotations

import math

import pytest

from quizzer.grader.ops import InvalidDraw, run_op

CASES: list[tuple[str, dict[str, object], float]] = [
    # nn.MultiheadAttention: 4d² + 4d whatever the head count (ViT-B width).
    ("mha_params", {"embed_dim": 768, "num_heads": 12}, 4 * 768**2 + 4 * 768),
    ("mha_params", {"embed_dim": 768, "num_heads": 1}, 4 * 768**2 + 4 * 768),
    ("mha_params", {"embed_dim": 768, "num_heads": 12, "bias": False}, 4 * 768**2),
    # Two matmuls of n²·e multiply-adds per head, 2 FLOPs each.
    ("sdpa_flops_counted", {"batch": 2, "heads": 4, "seq": 10, "head_dim": 16}, 51_200),
    (
        "sdpa_flops_counted",
        {"batch": 1, "heads": 8, "seq": 256, "head_dim": 32, "per": 1e6},
        4 * 8 * 256**2 * 32 / 1e6,
    ),
    (
        "mha_flops_counted",
        {"seq": 10, "embed_dim": 64, "num_heads": 8},
        8 * 10 * 64**2 + 4 * 100 * 64,
    ),
    # Llama-2-7B: 32 layers, 32 KV heads of 128, 4096 tokens in fp16 = 2 GiB.
    ("kv_cache_mib", {"layers": 32, "kv_heads": 32, "head_dim": 128, "tokens": 4096}, 2048),
    (
        "kv_cache_mib",
        {
            "layers": 80,
            "kv_heads": 8,
            "head_dim": 128,
            "tokens": 4096,
            "batch": 2,
            "dtype_bytes": 4,
        },
        2 * 80 * 8 * 128 * 4096 * 2 * 4 / 2**20,
    ),
    ("sinusoidal_encoding", {"position": 5, "index": 2, "dim": 8}, math.sin(5 / 10000 ** (2 / 8))),
    ("sinusoidal_encoding", {"position": 5, "index": 3, "dim": 8}, math.cos(5 / 10000 ** (2 / 8))),
    ("sinusoidal_encoding", {"position": 0, "index": 1, "dim": 8}, 1.0),
    ("rope_angle", {"position": 10, "pair": 0, "dim": 64}, 10.0),
    ("rope_angle", {"position": 10, "pair": 3, "dim": 64}, 10 * 10000 ** (-6 / 64)),
    # Post-LN encoder layer: attention 4d²+4d, FFN 2·d·f + f + d, two LayerNorms 4d.
    ("encoder_layer_params", {"d_model": 512, "nhead": 8, "dim_feedforward": 2048}, 3_152_384),
    ("vit_attention_entries", {"image": 224, "patch": 16}, 197**2),
    # Swin's Ω(MSA) / Ω(W-MSA) = (4hwC² + 2(hw)²C) / (4hwC² + 2M²hwC) = (2C + hw) / (2C + M²).
    ("window_attention_flops_ratio", {"size": 56, "channels": 96, "window": 7}, 3328 / 241),
    ("swin_windows", {"image": 224, "stage": 1}, 64),
    ("swin_windows", {"image": 224, "stage": 3}, 4),
    ("swin_windows", {"image": 224, "stage": 4}, 1),
    ("swin_windows", {"image": 384, "stage": 1, "window": 12}, 64),
    ("relative_bias_table_entries", {"window": 7, "heads": 3}, 169 * 3),
]


@pytest.mark.parametrize(("name", "args", "want"), CASES, ids=[c[0] for c in CASES])
def test_op_matches_formula(name: str, args: dict[str, object], want: float) -> None:
    assert run_op(name, args) == pytest.approx(want, rel=1e-9, abs=1e-9)


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("mha_params", {"embed_dim": 512, "num_heads": 6}),
        ("mha_flops_counted", {"seq": 4, "embed_dim": 100, "num_heads": 8}),
        ("encoder_layer_params", {"d_model": 100, "nhead": 8, "dim_feedforward": 64}),
        ("sinusoidal_encoding", {"position": 3, "index": 8, "dim": 8}),
        ("rope_angle", {"position": 3, "pair": 32, "dim": 64}),
        ("vit_attention_entries", {"image": 230, "patch": 16}),
        ("window_attention_flops_ratio", {"size": 30, "channels": 96, "window": 7}),
        ("swin_windows", {"image": 256, "stage": 1}),
    ],
)
def test_op_rejects_impossible_configurations(name: str, args: dict[str, object]) -> None:
    with pytest.raises(InvalidDraw):
        run_op(name, args)


def test_sdpa_flops_grow_with_the_square_of_the_length() -> None:
    short = run_op("sdpa_flops_counted", {"batch": 1, "heads": 2, "seq": 64, "head_dim": 16})
    long = run_op("sdpa_flops_counted", {"batch": 1, "heads": 2, "seq": 128, "head_dim": 16})
    assert long == 4 * short
