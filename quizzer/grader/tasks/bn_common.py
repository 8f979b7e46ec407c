"""What the two batch-norm tasks share: their inputs, tolerances and forbidden functions."""

from __future__ import annotations

import random

import torch

from quizzer.grader.kit.tolerance import Tolerance

# float32 answers computed in another reduction order (loops, numpy, one-pass moments) differ
# from torch by a few ulps of the normalised values; every classic mistake moves them by at least
# a few tenths of a percent, so 1e-4 separates the two with a wide margin on both sides.
TOLERANCE = {torch.float32: Tolerance(1e-4, 1e-4), torch.float64: Tolerance(1e-7, 1e-8)}

BN_FORBIDDEN = (
    "torch.nn.functional.batch_norm",
    "torch.batch_norm",
    "torch.native_batch_norm",
    "torch._native_batch_norm_legit",
    "torch.nn.functional.instance_norm",
    "torch.nn.functional.layer_norm",
    "torch.nn.functional.group_norm",
    "torch.layer_norm",
    "torch.group_norm",
    "torch.instance_norm",
)


def random_shape(rng: random.Random) -> tuple[int, ...]:
    """(N, C), (N, C, L) or (N, C, H, W) with small sides."""
    return tuple([rng.randint(2, 5), rng.randint(1, 4)] + [rng.randint(1, 4)] * rng.randint(0, 2))


def shape_text(x: torch.Tensor) -> str:
    return f"{tuple(x.shape)} {str(x.dtype).removeprefix('torch.')}"


def channel_tensors(
    gen: torch.Generator, channels: int, dtype: torch.dtype
) -> dict[str, torch.Tensor]:
    """Running statistics and affine parameters that differ per channel."""
    return {
        "running_mean": torch.randn(channels, generator=gen, dtype=dtype) * 0.5,
        "running_var": torch.rand(channels, generator=gen, dtype=dtype) + 0.5,
        "weight": torch.rand(channels, generator=gen, dtype=dtype) * 1.5 + 0.5,
        "bias": torch.randn(channels, generator=gen, dtype=dtype),
    }


def channel_input(
    gen: torch.Generator, shape: tuple[int, ...], dtype: torch.dtype, scale: float = 1.0
) -> torch.Tensor:
    """Values with a different mean and spread per channel, centred near zero overall."""
    channels = shape[1]
    view = (1, channels) + (1,) * (len(shape) - 2)
    spread = (torch.rand(channels, generator=gen, dtype=dtype) * 2 + 0.5).view(view)
    offset = (torch.randn(channels, generator=gen, dtype=dtype) * 1.5).view(view)
    return (torch.randn(shape, generator=gen, dtype=dtype) * spread + offset) * scale
