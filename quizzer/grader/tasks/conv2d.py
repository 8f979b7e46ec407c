"""The conv2d task: `F.conv2d` semantics written by hand (im2col via `F.unfold` is allowed)."""

from __future__ import annotations

import random
from typing import Any

import torch
import torch.nn.functional as F

from quizzer.grader.kit.contract import Contract, Param
from quizzer.grader.kit.cover import expanded, relaid
from quizzer.grader.kit.mismatch import Mismatch, tensor_mismatch
from quizzer.grader.kit.seeds import rng, torch_generator
from quizzer.grader.kit.task import Declaration, KitTask, Variant
from quizzer.grader.kit.tolerance import Tolerance
from quizzer.grader.tasks.base import Case

NAME = "conv2d"
Pair = int | tuple[int, int]

# Each output is a sum of C/g*kh*kw products; loops, numpy, im2col or FFT sum in other orders and
# differ from torch by a few ulps of the largest term, far below what any indexing mistake moves.
_RELATIVE = {torch.float32: 1e-4, torch.float64: 1e-9}


def _cases(seed: int) -> list[Case]:
    gen = torch_generator(NAME, seed)
    f32 = torch.float32
    specs: list[tuple[str, str, tuple[int, ...], tuple[int, ...], dict[str, Any]]] = [
        ("one channel, 2x3 kernel", "PyTorch's conv2d is cross-correlation: do not flip the "
         "kernel", (1, 1, 4, 5), (1, 1, 2, 3), {}),
        ("channels and batch", "sum over every input channel, keep each image of the batch "
         "apart", (2, 3, 5, 5), (4, 3, 3, 3), {}),
        ("bias", "add bias[o] to every position of output channel o", (1, 2, 4, 4),
         (3, 2, 3, 3), {"bias": True}),
        ("stride 2 on odd sides", "output side = floor((H + 2p - d(k-1) - 1) / s) + 1, "
         "with a floor", (1, 2, 7, 8), (2, 2, 3, 3), {"stride": 2}),
        ("padding 1", "padding adds zeros on both sides of each spatial axis", (1, 2, 5, 6),
         (2, 2, 3, 3), {"padding": 1}),
        ("tuple stride/padding, 3x2 kernel", "pairs are (height, width); a non-square "
         "kernel has kH rows and kW columns", (1, 2, 6, 7), (2, 2, 3, 2),
         {"stride": (2, 1), "padding": (2, 1)}),
        ("dilation 2", "dilation spaces the kernel taps: tap u reads row i*s + u*d",
         (1, 1, 7, 7), (1, 1, 3, 3), {"dilation": 2}),
        ("dilation (1, 2) padding (0, 2)", "dilation and padding per axis, (height, width)",
         (1, 2, 5, 8), (3, 2, 2, 3), {"dilation": (1, 2), "padding": (0, 2)}),
        ("groups=2", "with groups g, output channel o sees only the input channels of its "
         "group o // (C_out // g)", (1, 4, 5, 5), (4, 2, 3, 3), {"groups": 2}),
        ("depthwise groups=3", "depthwise: groups = C_in, one input channel per group",
         (2, 3, 5, 5), (3, 1, 3, 3), {"groups": 3, "bias": True}),
        ("groups=2 with 3 outputs per group", "output channel o belongs to group "
         "o // (C_out // groups), not o % groups", (1, 2, 4, 4), (6, 1, 3, 3),
         {"groups": 2}),
    ]
    cases = [_case(gen, *spec, dtype=f32) for spec in specs]
    cases.append(_case(
        gen, "everything at once, float64", "handle every argument together, in x's dtype",
        (2, 4, 7, 6), (4, 2, 3, 2),
        {"stride": (1, 2), "padding": (1, 0), "dilation": (2, 1), "groups": 2, "bias": True},
        dtype=torch.float64))
    cases.append(_positional_case(gen))
    cases.extend(_coverage_cases(gen))
    r = rng(NAME, seed)
    cases.extend(_random_case(gen, r, seed) for _ in range(4))
    return cases


def _case(gen: torch.Generator, label: str, hint: str, x_shape: tuple[int, ...],
          w_shape: tuple[int, ...], opts: dict[str, Any], dtype: torch.dtype) -> Case:
    x = torch.randn(x_shape, generator=gen, dtype=dtype)
    weight = torch.randn(w_shape, generator=gen, dtype=dtype)
    kwargs = {k: v for k, v in opts.items() if k != "bias"}
    if opts.get("bias"):
        kwargs["bias"] = torch.randn(w_shape[0], generator=gen, dtype=dtype)
    shown = " ".join(f"{k}={v}" for k, v in kwargs.items() if k != "bias")
    name = f"{label}: x {tuple(x_shape)} w {tuple(w_shape)} {shown}".rstrip()
    return Case(f"{name} {str(dtype).removeprefix('torch.')}", (x, weight), kwargs, hint)


def _coverage_cases(gen: torch.Generator) -> list[Case]:
    """Kernel sizes at the edges, an empty batch, a larger layer, layouts and stride 0."""
    f32 = torch.float32
    specs: list[tuple[str, str, tuple[int, ...], tuple[int, ...], dict[str, Any]]] = [
        ("1x1 kernel with padding", "padding adds zeros even around a 1x1 kernel: the "
         "border of the output is the bias alone", (1, 3, 4, 5), (2, 3, 1, 1),
         {"padding": 1, "bias": True}),
        ("kernel larger than the input, padded", "padding makes room: H + 2p >= d(k-1)+1",
         (1, 2, 2, 3), (2, 2, 5, 5), {"padding": 2}),
        ("exact-fit kernel", "a kernel as large as the input gives a 1x1 output", (2, 2, 4, 3),
         (3, 2, 4, 3), {"bias": True}),
        ("empty batch", "N = 0 gives an empty (0, C_out, H_out, W_out) output", (0, 2, 5, 5),
         (3, 2, 3, 3), {}),
        ("larger layer", "compare with F.conv2d on this input", (2, 8, 16, 16), (8, 4, 3, 3),
         {"padding": 1, "groups": 2, "bias": True}),
    ]
    cases = [_case(gen, *spec, dtype=f32) for spec in specs]
    x = torch.randn(3, 2, 5, 6, generator=gen)
    weight = torch.randn(2, 2, 3, 3, generator=gen)
    cases.append(Case("x expanded over the batch with stride 0 (3, 2, 5, 6), weight (2, 2, 3, 3)"
                      " float32", (expanded(x), weight), {"padding": 1},
                      "the batch may share memory: do not write into x"))
    base = _case(gen, "layouts", "any memory layout: .view needs contiguous memory, "
                 ".reshape does not", (2, 4, 6, 5), (4, 2, 3, 2),
                 {"stride": (2, 1), "padding": 1, "groups": 2, "bias": True}, dtype=f32)
    return cases + relaid(base)


def _positional_case(gen: torch.Generator) -> Case:
    x = torch.randn(1, 2, 6, 6, generator=gen)
    weight = torch.randn(2, 1, 2, 2, generator=gen)
    bias = torch.randn(2, generator=gen)
    return Case("all positional: x (1, 2, 6, 6) w (2, 1, 2, 2) 2, 1, 2, groups 2 float32",
                (x, weight, bias, 2, 1, 2, 2), {}, "keep the parameter order of F.conv2d")


def _random_case(gen: torch.Generator, r: random.Random, seed: int) -> Case:
    while True:
        groups = r.choice([1, 1, 2, 3])
        c_in, c_out = groups * r.randint(1, 2), groups * r.randint(1, 2)
        kernel, stride = (r.randint(1, 3), r.randint(1, 3)), _draw_pair(r, 1, 2)
        padding, dilation = _draw_pair(r, 0, 2), _draw_pair(r, 1, 2)
        size = (r.randint(3, 8), r.randint(3, 8))
        opts: dict[str, Any] = {"stride": stride, "padding": padding, "dilation": dilation,
                                "groups": groups, "bias": r.random() < 0.5}
        if _accepted(size, kernel, opts):
            return _case(gen, f"random seed {seed}", "compare with F.conv2d on this input",
                         (r.randint(1, 2), c_in, *size), (c_out, c_in // groups, *kernel), opts,
                         torch.float32)


def _draw_pair(r: random.Random, low: int, high: int) -> Pair:
    if r.random() < 0.5:
        return r.randint(low, high)
    return (r.randint(low, high), r.randint(low, high))


def _accepted(size: tuple[int, int], kernel: tuple[int, int], opts: dict[str, Any]) -> bool:
    """Whether torch accepts this configuration with a non-empty output."""
    c = opts["groups"]
    try:
        out = F.conv2d(torch.zeros(1, c, *size), torch.zeros(c, 1, *kernel), None,
                       opts["stride"], opts["padding"], opts["dilation"], c)
    except RuntimeError:
        return False
    return out.numel() > 0


def _reference(x: torch.Tensor, weight: torch.Tensor, bias: Any = None, stride: Pair = 1,
               padding: Pair = 0, dilation: Pair = 1, groups: int = 1) -> torch.Tensor:
    return F.conv2d(x, weight, bias, stride, padding, dilation, groups)


def _pair(value: Pair) -> tuple[int, int]:
    return (value, value) if isinstance(value, int) else (int(value[0]), int(value[1]))


def _swap(value: Pair) -> Pair:
    return value if isinstance(value, int) else (value[1], value[0])


def _variant(mistake: str) -> Any:
    """F.conv2d with one classic mistake applied to its arguments."""
    def variant(x: torch.Tensor, weight: torch.Tensor, bias: Any = None, stride: Pair = 1,
                padding: Pair = 0, dilation: Pair = 1, groups: int = 1) -> torch.Tensor:
        if mistake == "flip":
            weight = weight.flip(-1, -2)
        elif mistake == "no-bias":
            bias = None
        elif mistake == "no-dilation":
            dilation = 1
        elif mistake == "swap":
            stride, padding, dilation = _swap(stride), _swap(padding), _swap(dilation)
        elif mistake == "one-side":
            ph, pw = _pair(padding)
            x, padding = F.pad(x, (pw, 0, ph, 0)), 0
        elif mistake == "group-modulo" and groups > 1:
            order = [o for g in range(groups) for o in range(g, weight.shape[0], groups)]
            out = F.conv2d(x, weight[order], None, stride, padding, dilation, groups)
            inverse = torch.empty(len(order), dtype=torch.int64)
            inverse[torch.tensor(order)] = torch.arange(len(order))
            out = out[:, inverse]
            return out + bias.view(1, -1, 1, 1) if bias is not None else out
        return F.conv2d(x, weight, bias, stride, padding, dilation, groups)
    return variant


_VARIANTS = (
    Variant("the flipped kernel (textbook convolution)", _variant("flip"),
            "PyTorch's conv2d is cross-correlation and does not flip the kernel"),
    Variant("the output without the bias", _variant("no-bias"),
            "add bias[o] to every position of output channel o"),
    Variant("a kernel read without dilation", _variant("no-dilation"),
            "dilation spaces the kernel taps: tap u reads row i*s + u*d"),
    Variant("(width, height) pairs read as (height, width)", _variant("swap"),
            "pairs are (height, width): the first number is for rows"),
    Variant("padding on one side only", _variant("one-side"),
            "padding adds zeros on both sides of each spatial axis"),
    Variant("output channels assigned to groups by o % groups", _variant("group-modulo"),
            "output channel o belongs to group o // (C_out // groups), not o % groups"),
)


def _tolerance(case: Case) -> Tolerance:
    rel = _RELATIVE[case.args[0].dtype]
    want = _reference(*case.args, **case.kwargs)
    return Tolerance(rel, rel * max(1.0, float(want.abs().max())) if want.numel() else rel)


def _compare(got: Any, want: torch.Tensor, case: Case) -> Mismatch | None:
    return tensor_mismatch(got, want, _tolerance(case))


CONV2D = Declaration(
    name=NAME,
    contract=Contract(
        (Param("x"), Param("weight"), Param("bias", "None"), Param("stride", "1"),
         Param("padding", "0"), Param("dilation", "1"), Param("groups", "1")),
        """
2-D convolution with the semantics of torch.nn.functional.conv2d.

x is (N, C_in, H, W); weight is (C_out, C_in // groups, kH, kW); bias is (C_out,) or None.
stride, padding and dilation are each an int or a (height, width) pair of ints; padding
adds that many zeros on both sides. Like PyTorch this is cross-correlation (the kernel is
not flipped):
    out[n, o, i, j] = bias[o] + sum over c, u, v of
        x_padded[n, g*C_in/groups + c, i*sH + u*dH, j*sW + v*dW] * weight[o, c, u, v]
where g = o // (C_out // groups) is the group of output channel o.
The output is (N, C_out, H_out, W_out) with H_out = floor((H + 2pH - dH(kH - 1) - 1)/sH) + 1
(the same for W). F.unfold (im2col) is allowed; conv functions are not.""",
        "a torch.Tensor (N, C_out, H_out, W_out) in x's dtype",
        forbidden=(
        "torch.nn.functional.conv2d",
        "torch.conv2d",
        "torch.nn.Conv2d.forward",
        "torch.nn.Conv2d._conv_forward",
        "torch.convolution",
        "torch._convolution",
        "torch.nn.functional.conv1d",
        "torch.nn.functional.conv3d",
        "torch.conv1d",
        "torch.conv3d",
        "torch.nn.functional.conv_transpose2d",
        "torch.conv_transpose2d",
        "torch.mkldnn_convolution",
        "torch.nn.grad.conv2d_input",
        "torch.nn.grad.conv2d_weight",
        )),
    reference=_reference,
    compare=_compare,
    cases=_cases,
    variants=_VARIANTS,
    tolerance=_tolerance,
    error_hints=(("tuple", "stride, padding and dilation may each be an int or a (height, "
                  "width) pair"),),
)

TASKS: dict[str, KitTask] = {NAME: KitTask(CONV2D)}
