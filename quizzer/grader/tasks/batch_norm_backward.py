"""The batch_norm_backward task: the training-mode gradients of batch norm, written by hand."""

from __future__ import annotations

from typing import Any

import torch
import torch.nn.functional as F

from quizzer.core.result import Check
from quizzer.grader.tasks.base import Case, Outcome, Task
from quizzer.grader.tasks.batch_norm import (
    _BN_FORBIDDEN,
    _TOLERANCE,
    _channel_tensors,
    _generator,
    _input,
    _random_shape,
    _shape_text,
    _unchanged,
)
from quizzer.grader.tasks.compare import describe, tensor_mismatch


class BatchNormBackward(Task):
    """Gradients of training-mode batch norm, by hand."""

    name = "batch_norm_backward"
    signature = "def batch_norm_backward(grad_out, x, weight, eps=1e-5):"
    contract = """
Gradients of training-mode batch norm y = (x - mean) / sqrt(var + eps) * weight + bias,
with mean and biased variance (divide by n) per channel over every axis but C.

x and grad_out are (N, C), (N, C, L) or (N, C, H, W); weight is a (C,) tensor.
Return (grad_x, grad_weight, grad_bias): grad_x shaped like x, the other two (C,), all
in x's dtype. mean and var depend on x: their gradient paths count.
Write the formula yourself: autograd and the library batch norm are not allowed.
"""
    forbidden = _BN_FORBIDDEN + (
        "torch.autograd.grad",
        "torch.autograd.backward",
        "torch.Tensor.backward",
        "torch.autograd.functional.vjp",
        "torch.func.grad",
        "torch.func.vjp",
        "torch.batch_norm_backward_reduce",
        "torch.batch_norm_backward_elemt",
    )

    def cases(self, seed: int) -> list[Case]:
        gen = _generator(self, seed)
        f32 = torch.float32
        specs: list[tuple[str, str, tuple[int, ...], torch.dtype, float, float]] = [
            ("N=2", "mean and var depend on x: keep their gradient terms, and use the biased "
             "variance (/n) the forward pass used", (2, 3), f32, 1.0, 1e-5),
            ("N=3", "grad_x = istd/n * (n*g - sum(g) - xhat*sum(g*xhat)) with g = grad_out*weight",
             (3, 4), f32, 1.0, 1e-5),
            ("image batch", "n is N*H*W per channel, and sums run over N, H, W", (2, 3, 3, 4), f32,
             1.0, 1e-5),
            ("sequence", "for (N, C, L) sums run over N and L", (3, 2, 5), f32, 1.0, 1e-5),
            ("tiny variance", "eps belongs inside the square root", (4, 2), f32, 1e-3, 1e-5),
            ("eps=0.1", "use the given eps", (5, 3), f32, 1.0, 0.1),
            ("float64", "work in the input's dtype", (4, 3, 2), torch.float64, 1.0, 1e-5),
        ]
        cases = [self._case(gen, *spec) for spec in specs]
        rng = self.rng(seed)
        for _ in range(3):
            shape = _random_shape(rng)
            label = f"random seed {seed}"
            cases.append(self._case(gen, label, "compare with autograd through F.batch_norm",
                                    shape, f32, 1.0, rng.choice([1e-5, 1e-3])))
        return cases

    def _case(
        self,
        gen: torch.Generator,
        label: str,
        hint: str,
        shape: tuple[int, ...],
        dtype: torch.dtype,
        scale: float,
        eps: float,
    ) -> Case:
        x = _input(gen, shape, dtype, scale)
        grad_out = torch.randn(shape, generator=gen, dtype=dtype)
        weight = _channel_tensors(gen, shape[1], dtype)["weight"]
        return Case(f"{label} {_shape_text(x)} eps={eps:g}", (grad_out, x, weight), {"eps": eps},
                    hint)

    def judge(self, case: Case, outcome: Outcome) -> Check:
        grad_out, x, weight = case.args
        wants = _reference_backward(grad_out, x, weight, case.kwargs["eps"])
        got = outcome.output
        if not isinstance(got, tuple | list) or len(got) != 3:
            return Check(case.name, False,
                         "expected a tuple (grad_x, grad_weight, grad_bias), got "
                         f"{describe(got)}{_length(got)}",
                         "return all three gradients")
        rtol, atol = _TOLERANCE[x.dtype]
        for label, value, want in zip(("grad_x", "grad_weight", "grad_bias"), got, wants,
                                      strict=True):
            # grad_x grows like 1/std: scale the absolute tolerance with its magnitude.
            scaled = atol * max(1.0, float(want.abs().max()))
            problem = tensor_mismatch(value, want, rtol=rtol, atol=scaled, what=label)
            if problem is not None:
                hint = (_diagnose_backward(case, value, rtol, scaled) if label == "grad_x"
                        else "grad_weight = sum of grad_out * xhat, grad_bias = sum of grad_out, "
                        "both per channel")
                return Check(case.name, False, problem, hint or case.hint)
        for index, label in enumerate(("grad_out", "x", "weight")):
            problem = _unchanged(case.args[index], outcome.args_after, index, label)
            if problem is not None:
                return Check(case.name, False, problem, "do not modify the inputs")
        return Check(case.name, True)


_BACKWARD_MISTAKES = (
    ("eps belongs inside the square root: istd = 1 / sqrt(var + eps)",
     {"eps_inside": False}),
    ("the forward pass normalised with the biased variance (/n), not the unbiased one",
     {"unbiased": True}),
    ("mean and var depend on x: the gradient has terms through both, not just grad_out*w*istd",
     {"through_stats": False}),
)


def _manual_grad_x(case: Case, unbiased: bool = False, eps_inside: bool = True,
                   through_stats: bool = True) -> torch.Tensor:
    """grad_x by the closed form, optionally with one classic mistake switched on."""
    grad_out, x, weight = (a.double() for a in case.args)
    eps = case.kwargs["eps"]
    dims = [0, *range(2, x.dim())]
    n = x.numel() // x.shape[1]
    var = x.var(dims, unbiased=unbiased, keepdim=True)
    istd = 1 / torch.sqrt(var + eps) if eps_inside else 1 / (torch.sqrt(var) + eps)
    xhat = (x - x.mean(dims, keepdim=True)) * istd
    g = grad_out * weight.view([1, -1] + [1] * (x.dim() - 2))
    if not through_stats:
        constant: torch.Tensor = g * istd
        return constant
    full: torch.Tensor = istd / n * (n * g - g.sum(dims, keepdim=True)
                                     - xhat * (g * xhat).sum(dims, keepdim=True))
    return full


def _diagnose_backward(case: Case, got: Any, rtol: float, atol: float) -> str:
    """The hint of the classic mistake that reproduces grad_x, if one does."""
    if not isinstance(got, torch.Tensor) or got.shape != case.args[1].shape:
        return ""
    for hint, switches in _BACKWARD_MISTAKES:
        wrong = _manual_grad_x(case, **switches)
        if torch.allclose(got.double(), wrong, rtol=rtol, atol=atol):
            return hint
    return ""


def _length(value: Any) -> str:
    return f" of {len(value)}" if isinstance(value, tuple | list) else ""


def _reference_backward(
    grad_out: torch.Tensor, x: torch.Tensor, weight: torch.Tensor, eps: float
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Autograd through F.batch_norm in training mode."""
    xs = x.detach().clone().requires_grad_(True)
    w = weight.detach().clone().requires_grad_(True)
    b = torch.zeros_like(w, requires_grad=True)
    y = F.batch_norm(xs, None, None, w, b, training=True, eps=eps)
    gx, gw, gb = torch.autograd.grad(y, (xs, w, b), grad_out)
    return gx, gw, gb


TASKS: dict[str, Task] = {"batch_norm_backward": BatchNormBackward()}
