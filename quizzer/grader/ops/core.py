"""Core torch-backed ops: layer geometry, parameter counts, activations, softmax / CE."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from quizzer.grader.ops.registry import InvalidDraw, op


def _shape_after(make: Callable[[Any], Any], size: int, channels: int = 1) -> int:
    import torch

    with torch.no_grad():
        out = make(torch.zeros(1, channels, size, size))
    side = int(out.shape[-1])
    if side <= 0:
        raise InvalidDraw(f"output side {side}")
    return side


@op
def conv2d_output(
    size: int, kernel: int, stride: int = 1, padding: int = 0, dilation: int = 1
) -> float:
    """Output side of a square conv, read off `F.conv2d` on zeros."""
    import torch
    import torch.nn.functional as F

    w = torch.zeros(1, 1, kernel, kernel)
    return _shape_after(lambda x: F.conv2d(x, w, None, stride, padding, dilation), size)


@op
def pool2d_output(
    size: int,
    kernel: int,
    stride: int = 0,
    padding: int = 0,
    dilation: int = 1,
    ceil_mode: bool = False,
) -> float:
    """Output side of a max pool (stride 0 means the kernel size, as in torch)."""
    import torch.nn.functional as F

    return _shape_after(
        lambda x: F.max_pool2d(x, kernel, stride or None, padding, dilation, bool(ceil_mode)),
        size,
    )


@op
def conv_transpose2d_output(
    size: int,
    kernel: int,
    stride: int = 1,
    padding: int = 0,
    output_padding: int = 0,
    dilation: int = 1,
) -> float:
    """Output side of a transposed conv, read off `F.conv_transpose2d` on zeros."""
    import torch
    import torch.nn.functional as F

    w = torch.zeros(1, 1, kernel, kernel)
    return _shape_after(
        lambda x: F.conv_transpose2d(x, w, None, stride, padding, output_padding, 1, dilation),
        size,
    )


@op
def conv2d_params(
    in_channels: int, out_channels: int, kernel: int, groups: int = 1, bias: bool = True
) -> float:
    """Learnable parameters of an `nn.Conv2d`."""
    import torch.nn as nn

    layer = nn.Conv2d(in_channels, out_channels, kernel, groups=groups, bias=bias, device="meta")
    return float(sum(p.numel() for p in layer.parameters()))


@op
def linear_params(in_features: int, out_features: int, bias: bool = True) -> float:
    """Learnable parameters of an `nn.Linear`."""
    import torch.nn as nn

    layer = nn.Linear(in_features, out_features, bias=bias, device="meta")
    return float(sum(p.numel() for p in layer.parameters()))


@op
def conv2d_macs(
    size: int,
    in_channels: int,
    out_channels: int,
    kernel: int,
    stride: int = 1,
    padding: int = 0,
    groups: int = 1,
) -> float:
    """Multiply-accumulates of a square conv: output elements times (k*k*C_in/groups)."""
    out = conv2d_output(size, kernel, stride, padding)
    if in_channels % groups or out_channels % groups:
        raise InvalidDraw("channels not divisible by groups")
    return float(out * out * out_channels * kernel * kernel * (in_channels // groups))


@op
def receptive_field(kernels: list[int], strides: list[int], dilations: list[int]) -> float:
    """Receptive field of a 1-D stack, measured from the gradient footprint of one output."""
    import torch
    import torch.nn.functional as F

    if not len(kernels) == len(strides) == len(dilations):
        raise InvalidDraw("kernels, strides and dilations differ in length")
    length = 1 + sum(d * (k - 1) for k, d in zip(kernels, dilations, strict=True)) * math.prod(
        strides
    )
    x = torch.zeros(1, 1, length * 2 + 8, requires_grad=True)
    y = x
    for k, s, d in zip(kernels, strides, dilations, strict=True):
        y = F.conv1d(y, torch.ones(1, 1, k), stride=s, dilation=d)
    y[0, 0, 0].backward()  # type: ignore[no-untyped-call]  # torch leaves it unannotated
    assert x.grad is not None
    touched = torch.nonzero(x.grad[0, 0]).flatten()
    return float(touched.max() - touched.min() + 1)


@op
def sigmoid(x: float) -> float:
    """sigmoid(x)."""
    import torch

    return float(torch.sigmoid(torch.tensor(x, dtype=torch.float64)))


@op
def sigmoid_grad(x: float) -> float:
    """d sigmoid / dx at x, by autograd."""
    return _grad_at("sigmoid", x)


@op
def tanh_grad(x: float) -> float:
    """d tanh / dx at x, by autograd."""
    return _grad_at("tanh", x)


def _grad_at(fn: str, x: float) -> float:
    import torch

    t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    getattr(torch, fn)(t).backward()
    assert t.grad is not None
    return float(t.grad)


@op
def softmax_entry(logits: list[int], index: int) -> float:
    """softmax(logits)[index]."""
    import torch

    return float(torch.softmax(torch.tensor(logits, dtype=torch.float64), 0)[index])


@op
def cross_entropy(logits: list[int], target: int, label_smoothing: float = 0.0) -> float:
    """`F.cross_entropy` of one sample."""
    import torch
    import torch.nn.functional as F

    z = torch.tensor([logits], dtype=torch.float64)
    y = torch.tensor([target])
    return float(F.cross_entropy(z, y, label_smoothing=label_smoothing))
