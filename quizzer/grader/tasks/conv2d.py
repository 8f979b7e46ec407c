"""The conv2d task: `F.conv2d` semantics written by hand (im2col via `F.unfold` is allowed)."""

from __future__ import annotations

import random
from typing import Any

import torch
import torch.nn.functional as F

from quizzer.core.result import Check
from quizzer.grader.tasks.base import Case, Outcome, Task
from quizzer.grader.tasks.compare import tensor_mismatch

Pair = int | tuple[int, int]

# Each output is a sum of C/g*kh*kw products; loops, numpy, im2col or FFT sum in other orders and
# differ from torch by a few ulps of the largest term, far below what any indexing mistake moves.
_TOLERANCE = {torch.float32: 1e-4, torch.float64: 1e-9}


class Conv2d(Task):
    """Grouped, strided, padded, dilated 2-D cross-correlation."""

    name = "conv2d"
    signature = "def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):"
    contract = """
2-D convolution with the semantics of torch.nn.functional.conv2d.

x is (N, C_in, H, W); weight is (C_out, C_in // groups, kH, kW); bias is (C_out,) or None.
stride, padding and dilation are each an int or a (height, width) pair of ints; padding
adds that many zeros on both sides. Like PyTorch this is cross-correlation (the kernel is
not flipped):
    out[n, o, i, j] = bias[o] + sum over c, u, v of
        x_padded[n, g*C_in/groups + c, i*sH + u*dH, j*sW + v*dW] * weight[o, c, u, v]
where g = o // (C_out // groups) is the group of output channel o.
The output is (N, C_out, H_out, W_out) with H_out = floor((H + 2pH - dH(kH - 1) - 1)/sH) + 1
(the same for W), in x's dtype. F.unfold (im2col) is allowed; conv functions are not.
"""
    forbidden = (
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
    )

    def cases(self, seed: int) -> list[Case]:
        gen = torch.Generator().manual_seed(self.rng(seed).randrange(2**62))
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
        cases = [self._case(gen, *spec, dtype=f32) for spec in specs]
        cases.append(self._case(
            gen, "everything at once, float64", "handle every argument together, in x's dtype",
            (2, 4, 7, 6), (4, 2, 3, 2),
            {"stride": (1, 2), "padding": (1, 0), "dilation": (2, 1), "groups": 2, "bias": True},
            dtype=torch.float64))
        cases.append(self._positional_case(gen))
        rng = self.rng(seed)
        cases.extend(self._random_case(gen, rng, seed) for _ in range(4))
        return cases

    def _case(
        self,
        gen: torch.Generator,
        label: str,
        hint: str,
        x_shape: tuple[int, ...],
        w_shape: tuple[int, ...],
        opts: dict[str, Any],
        dtype: torch.dtype,
    ) -> Case:
        x = torch.randn(x_shape, generator=gen, dtype=dtype)
        weight = torch.randn(w_shape, generator=gen, dtype=dtype)
        kwargs = {k: v for k, v in opts.items() if k != "bias"}
        if opts.get("bias"):
            kwargs["bias"] = torch.randn(w_shape[0], generator=gen, dtype=dtype)
        shown = " ".join(f"{k}={v}" for k, v in kwargs.items() if k != "bias")
        name = f"{label}: x {tuple(x_shape)} w {tuple(w_shape)} {shown}".rstrip()
        return Case(f"{name} {str(dtype).removeprefix('torch.')}", (x, weight), kwargs, hint)

    def _positional_case(self, gen: torch.Generator) -> Case:
        x = torch.randn(1, 2, 6, 6, generator=gen)
        weight = torch.randn(2, 1, 2, 2, generator=gen)
        bias = torch.randn(2, generator=gen)
        return Case("all positional: x (1, 2, 6, 6) w (2, 1, 2, 2) 2, 1, 2, groups 2 float32",
                    (x, weight, bias, 2, 1, 2, 2), {}, "keep the parameter order of F.conv2d")

    def _random_case(self, gen: torch.Generator, rng: random.Random, seed: int) -> Case:
        while True:
            groups = rng.choice([1, 1, 2, 3])
            c_in, c_out = groups * rng.randint(1, 2), groups * rng.randint(1, 2)
            kernel, stride = (rng.randint(1, 3), rng.randint(1, 3)), _draw_pair(rng, 1, 2)
            padding, dilation = _draw_pair(rng, 0, 2), _draw_pair(rng, 1, 2)
            size = (rng.randint(3, 8), rng.randint(3, 8))
            opts: dict[str, Any] = {"stride": stride, "padding": padding, "dilation": dilation,
                                    "groups": groups, "bias": rng.random() < 0.5}
            if _accepted(size, kernel, opts):
                return self._case(gen, f"random seed {seed}", "compare with F.conv2d on this "
                                  "input", (rng.randint(1, 2), c_in, *size),
                                  (c_out, c_in // groups, *kernel), opts, torch.float32)

    def error_hint(self, case: Case, error: str) -> str:
        if "tuple" in error:
            return "stride, padding and dilation may each be an int or a (height, width) pair"
        return case.hint

    def judge(self, case: Case, outcome: Outcome) -> Check:
        x = case.args[0]
        want = F.conv2d(*case.args, **case.kwargs)
        rel = _TOLERANCE[x.dtype]
        atol = rel * max(1.0, float(want.abs().max())) if want.numel() else rel
        problem = tensor_mismatch(outcome.output, want, rtol=rel, atol=atol)
        if problem is None:
            for index, label in enumerate(("x", "weight", "bias")):
                before = case.args[index] if index < len(case.args) else case.kwargs.get(label)
                after = (outcome.args_after[index] if index < len(outcome.args_after)
                         else outcome.kwargs_after.get(label))
                if isinstance(before, torch.Tensor) and not (
                        isinstance(after, torch.Tensor) and torch.equal(before, after)):
                    return Check(case.name, False, f"the input {label} was modified",
                                 "work on copies; the caller's tensors must not change")
            return Check(case.name, True)
        return Check(case.name, False, problem, _diagnose(case, outcome.output, rel, atol))


def _draw_pair(rng: random.Random, low: int, high: int) -> Pair:
    if rng.random() < 0.5:
        return rng.randint(low, high)
    return (rng.randint(low, high), rng.randint(low, high))


def _accepted(size: tuple[int, int], kernel: tuple[int, int], opts: dict[str, Any]) -> bool:
    """Whether torch accepts this configuration with a non-empty output."""
    c = opts["groups"]
    try:
        out = F.conv2d(torch.zeros(1, c, *size), torch.zeros(c, 1, *kernel), None,
                       opts["stride"], opts["padding"], opts["dilation"], c)
    except RuntimeError:
        return False
    return out.numel() > 0


def _diagnose(case: Case, got: Any, rtol: float, atol: float) -> str:
    """Name the flipped kernel (true convolution) when that is what the learner computed."""
    if isinstance(got, torch.Tensor) and got.is_floating_point():
        args = list(case.args)
        args[1] = args[1].flip(-1, -2)
        flipped = F.conv2d(*args, **case.kwargs)
        if got.shape == flipped.shape and torch.allclose(
                got.double(), flipped.double(), rtol=rtol, atol=atol):
            return ("this is the flipped kernel (textbook convolution); PyTorch's conv2d is "
                    "cross-correlation and does not flip")
    return case.hint


TASKS: dict[str, Task] = {"conv2d": Conv2d()}
