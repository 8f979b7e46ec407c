"""The batch_norm_backward task: the training-mode gradients of batch norm, written by hand."""

from __future__ import annotations

from typing import Any

import torch
import torch.nn.functional as F

from quizzer.grader.kit.contract import Contract, Param
from quizzer.grader.kit.cover import relaid
from quizzer.grader.kit.mismatch import Kind, Mismatch, describe, tensor_mismatch
from quizzer.grader.kit.seeds import rng, torch_generator
from quizzer.grader.kit.task import Declaration, KitTask, Variant
from quizzer.grader.kit.tolerance import Tolerance
from quizzer.grader.tasks.base import Case
from quizzer.grader.tasks.bn_common import (
    BN_FORBIDDEN,
    TOLERANCE,
    channel_input,
    channel_tensors,
    random_shape,
    shape_text,
)

NAME = "batch_norm_backward"
_PARTS = ("grad_x", "grad_weight", "grad_bias")


def _cases(seed: int) -> list[Case]:
    gen = torch_generator(NAME, seed)
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
    cases = [_case(gen, *spec) for spec in specs]
    cases.extend(_coverage_cases(gen))
    r = rng(NAME, seed)
    for _ in range(3):
        shape = random_shape(r)
        cases.append(_case(gen, f"random seed {seed}", "compare with autograd through "
                           "F.batch_norm", shape, f32, 1.0, r.choice([1e-5, 1e-3])))
    return cases


def _coverage_cases(gen: torch.Generator) -> list[Case]:
    """eps left to its default, one image, large values and memory layouts."""
    f32 = torch.float32
    x = channel_input(gen, (3, 2), f32, 1e-3)
    default_eps = Case(f"eps left to its default, tiny variance {shape_text(x)}",
                       (torch.randn(3, 2, generator=gen, dtype=f32), x,
                        channel_tensors(gen, 2, f32)["weight"]), {},
                       "eps defaults to 1e-5, inside the square root")
    return [
        default_eps,
        _case(gen, "one image", "n is N*H*W: with N=1 it is H*W", (1, 3, 2, 3), f32, 1.0, 1e-5),
        _case(gen, "large values", "compare with autograd through F.batch_norm", (4, 3),
              torch.float64, 1e3, 1e-5),
        _case(gen, "wide (32, 8)", "compare with autograd through F.batch_norm", (32, 8), f32,
              1.0, 1e-5),
        *relaid(_case(gen, "layouts", "any memory layout", (2, 3, 2, 4), f32, 1.0, 1e-5)),
        *relaid(_case(gen, "layouts", "any memory layout", (5, 3), f32, 1.0, 1e-5),
                ("transposed",)),
    ]


def _case(gen: torch.Generator, label: str, hint: str, shape: tuple[int, ...],
          dtype: torch.dtype, scale: float, eps: float) -> Case:
    x = channel_input(gen, shape, dtype, scale)
    grad_out = torch.randn(shape, generator=gen, dtype=dtype)
    weight = channel_tensors(gen, shape[1], dtype)["weight"]
    return Case(f"{label} {shape_text(x)} eps={eps:g}", (grad_out, x, weight), {"eps": eps},
                hint)


def _manual_grad_x(case: Case, unbiased: bool = False, eps_inside: bool = True,
                   through_stats: bool = True) -> torch.Tensor:
    """grad_x by the closed form, optionally with one classic mistake switched on."""
    grad_out, x, weight = (a.double() for a in case.args)
    eps = case.kwargs.get("eps", 1e-5)
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


def _variant(**switches: Any) -> Any:
    def variant(grad_out: torch.Tensor, x: torch.Tensor, weight: torch.Tensor,
                eps: float = 1e-5) -> tuple[torch.Tensor, ...]:
        _, gw, gb = _reference_backward(grad_out, x, weight, eps)
        case = Case("", (grad_out, x, weight), {"eps": eps})
        return _manual_grad_x(case, **switches).to(x.dtype), gw, gb
    return variant


_VARIANTS = (
    Variant("grad_x with eps outside the square root", _variant(eps_inside=False),
            "eps belongs inside the square root: istd = 1 / sqrt(var + eps)"),
    Variant("grad_x through the unbiased variance", _variant(unbiased=True),
            "the forward pass normalised with the biased variance (/n), not the unbiased one"),
    Variant("grad_x with mean and var held constant", _variant(through_stats=False),
            "mean and var depend on x: the gradient has terms through both, not just "
            "grad_out*w*istd"),
)


def _reference(grad_out: torch.Tensor, x: torch.Tensor, weight: torch.Tensor,
               eps: float = 1e-5) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    return _reference_backward(grad_out, x, weight, eps)


def _tolerance(case: Case) -> Tolerance:
    """grad_x grows like 1/std: the absolute tolerance scales with its magnitude."""
    base = TOLERANCE[case.args[1].dtype]
    return base.widened(float(_reference(*case.args, **case.kwargs)[0].abs().max()))


def _compare(got: Any, want: tuple[torch.Tensor, ...], case: Case) -> Mismatch | None:
    if not isinstance(got, tuple | list):
        return Mismatch(Kind.TYPE, "expected a tuple (grad_x, grad_weight, grad_bias), got "
                        f"{describe(got)}")
    if len(got) != 3:
        return Mismatch(Kind.LENGTH, "expected a tuple (grad_x, grad_weight, grad_bias), got "
                        f"{describe(got)} of {len(got)}")
    base = TOLERANCE[case.args[1].dtype]
    for label, value, expected in zip(_PARTS, got, want, strict=True):
        tol = base.widened(float(expected.abs().max()) if expected.numel() else 1.0)
        problem = tensor_mismatch(value, expected, tol, what=label)
        if problem is not None:
            return problem
    return None


def _value_hint(case: Case, mismatch: Mismatch) -> str:
    if mismatch.part in ("grad_weight", "grad_bias"):
        return ("grad_weight = sum of grad_out * xhat, grad_bias = sum of grad_out, both per "
                "channel")
    return ""


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


BATCH_NORM_BACKWARD = Declaration(
    name=NAME,
    contract=Contract(
        (Param("grad_out"), Param("x"), Param("weight"), Param("eps", "1e-5")),
        """
Gradients of training-mode batch norm y = (x - mean) / sqrt(var + eps) * weight + bias,
with mean and biased variance (divide by n) per channel over every axis but C.

x and grad_out are (N, C), (N, C, L) or (N, C, H, W); weight is a (C,) tensor.
mean and var depend on x: their gradient paths count.
Write the formula yourself: autograd and the library batch norm are not allowed.""",
        "(grad_x, grad_weight, grad_bias): a tuple (or list) of three torch.Tensors, grad_x "
        "shaped like x and the other two (C,), all in x's dtype",
        forbidden=BN_FORBIDDEN + (
        "torch.autograd.grad",
        "torch.autograd.backward",
        "torch.Tensor.backward",
        "torch.autograd.functional.vjp",
        "torch.func.grad",
        "torch.func.vjp",
        "torch.batch_norm_backward_reduce",
        "torch.batch_norm_backward_elemt",
        )),
    reference=_reference,
    compare=_compare,
    cases=_cases,
    hints={Kind.TYPE: "return all three gradients", Kind.LENGTH: "return all three gradients",
           Kind.VALUE: _value_hint},
    variants=_VARIANTS,
    tolerance=_tolerance,
)

TASKS: dict[str, KitTask] = {NAME: KitTask(BATCH_NORM_BACKWARD)}
