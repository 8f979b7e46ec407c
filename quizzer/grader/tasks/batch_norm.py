"""The batch_norm task: the forward pass of F.batch_norm, running statistics updated in place."""

from __future__ import annotations

from typing import Any

import torch
import torch.nn.functional as F

from quizzer.grader.kit.contract import Contract, Param
from quizzer.grader.kit.cover import expanded, relaid
from quizzer.grader.kit.mismatch import Kind, Mismatch, tensor_mismatch
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

NAME = "batch_norm"
_NAMES = ("x", "running_mean", "running_var", "weight", "bias", "training", "momentum", "eps")
_DEFAULTS: dict[str, Any] = {"weight": None, "bias": None, "training": False, "momentum": 0.1,
                             "eps": 1e-5}


def _cases(seed: int) -> list[Case]:
    gen = torch_generator(NAME, seed)
    f32, f64 = torch.float32, torch.float64
    specs: list[tuple[str, str, tuple[int, ...], torch.dtype, dict[str, Any]]] = [
        ("training N=2", "in training normalise with this batch's mean and biased variance "
         "(/n), not with the running statistics or the unbiased variance (/(n-1))", (2, 4), f32,
         {"training": True}),
        ("training", "normalise with the batch statistics (biased variance) and update the "
         "running ones", (6, 3), f32, {"training": True}),
        ("training tiny variance", "eps belongs inside the square root: sqrt(var + eps)",
         (3, 2), f32, {"training": True, "scale": 1e-3}),
        ("training image batch", "reduce over N, H and W together, not over H, W per sample",
         (2, 3, 4, 5), f32, {"training": True}),
        ("training one image", "with N=1 the statistics still come from H and W",
         (1, 2, 3, 4), f32, {"training": True}),
        ("training sequence", "for (N, C, L) reduce over N and L", (3, 2, 5), f32,
         {"training": True}),
        ("training momentum=0.3", "running = (1 - momentum) * running + momentum * batch "
         "(PyTorch convention, not Keras' 0.99 style)", (4, 3), f32,
         {"training": True, "momentum": 0.3}),
        ("training weight=None bias=None", "None weight means 1 and None bias means 0",
         (5, 3), f32, {"training": True, "affine": False}),
        ("training running stats None", "with no running statistics there is nothing to "
         "update", (4, 2, 3), f32, {"training": True, "running": False}),
        ("eval", "eval mode normalises with running_mean / running_var, not the batch "
         "statistics, and changes nothing", (4, 3),
         f32, {"training": False}),
        ("eval tiny running_var", "eps belongs inside the square root in eval too",
         (2, 3, 3, 3), f32, {"training": False, "tiny_running": True}),
        ("eval bias=None", "None bias means 0", (3, 4, 2), f32,
         {"training": False, "bias": False}),
        ("training float64 eps=1e-3", "work in the input's dtype and use the given eps",
         (5, 4, 3), f64, {"training": True, "eps": 1e-3}),
    ]
    cases = [_case(gen, *spec) for spec in specs]
    cases.append(_positional_case(gen))
    cases.extend(_coverage_cases(gen))
    cases.extend(_random_case(gen, seed, i) for i in range(4))
    return cases


def _case(gen: torch.Generator, label: str, hint: str, shape: tuple[int, ...],
          dtype: torch.dtype, opts: dict[str, Any]) -> Case:
    x = channel_input(gen, shape, dtype, opts.get("scale", 1.0))
    ch = channel_tensors(gen, shape[1], dtype)
    if opts.get("tiny_running"):
        ch["running_var"] = ch["running_var"] * 1e-6
    kwargs: dict[str, Any] = {"training": opts["training"]}
    if opts.get("affine", True):
        if opts.get("weight", True):
            kwargs["weight"] = ch["weight"]
        if opts.get("bias", True):
            kwargs["bias"] = ch["bias"]
    for key in ("momentum", "eps"):
        if key in opts:
            kwargs[key] = opts[key]
    running = opts.get("running", True)
    rm, rv = (ch["running_mean"], ch["running_var"]) if running else (None, None)
    return Case(f"{label} {shape_text(x)}", (x, rm, rv), kwargs, hint)


def _coverage_cases(gen: torch.Generator) -> list[Case]:
    """Defaults, weight None with a bias, empty and large batches, layouts and dtypes."""
    f32, f64 = torch.float32, torch.float64
    x = channel_input(gen, (4, 3), f32)
    ch = channel_tensors(gen, 3, f32)
    cases = [
        Case(f"training left to its default (eval) {shape_text(x)}",
             (x, ch["running_mean"], ch["running_var"]), {"weight": ch["weight"]},
             "training defaults to False: eval mode, running statistics used and unchanged"),
        _case(gen, "training weight=None with a bias", "None weight means 1, and the bias "
              "is still added", (5, 2, 3), f32, {"training": True, "weight": False}),
        _case(gen, "eval empty batch", "an empty batch gives an empty output in eval mode",
              (0, 3), f32, {"training": False}),
        _case(gen, "training large batch", "compare with F.batch_norm on this input",
              (64, 16), f32, {"training": True}),
        _case(gen, "eval float64", "work in the input's dtype", (3, 2, 4), f64,
              {"training": False}),
        _case(gen, "training one value per channel and sample, N=2", "the biased variance of "
              "two values is (a - b)^2 / 4", (2, 5, 1, 1), f32, {"training": True}),
    ]
    x3 = channel_input(gen, (3, 2, 5), f32)
    c3 = channel_tensors(gen, 2, f32)
    cases.append(Case(f"training x and weight expanded with stride 0 {shape_text(x3)}",
                      (expanded(x3), c3["running_mean"], c3["running_var"]),
                      {"weight": expanded(c3["weight"]), "bias": c3["bias"], "training": True},
                      "do not write into x or weight: they may share memory"))
    for spec in (("training", "reduce over N, H and W together", (2, 3, 4, 5), f32,
                  {"training": True}),
                 ("eval", "eval uses the running statistics", (5, 3), f32,
                  {"training": False})):
        cases.extend(relaid(_case(gen, *spec)))
    return cases


def _positional_case(gen: torch.Generator) -> Case:
    x = channel_input(gen, (4, 2, 3), torch.float32)
    ch = channel_tensors(gen, 2, torch.float32)
    args = (x, ch["running_mean"], ch["running_var"], ch["weight"], ch["bias"], True, 0.2, 1e-2)
    return Case(f"training all positional momentum=0.2 eps=1e-2 {shape_text(x)}", args,
                {}, "keep the parameter order of F.batch_norm")


def _random_case(gen: torch.Generator, seed: int, index: int) -> Case:
    r = rng(NAME, seed * 1000 + index)
    shape = random_shape(r)
    training = r.random() < 0.6
    kwargs: dict[str, Any] = {"training": training, "momentum": r.choice([0.1, 0.05, 0.3]),
                              "eps": r.choice([1e-5, 1e-3, 0.1])}
    x = channel_input(gen, shape, torch.float32)
    ch = channel_tensors(gen, shape[1], torch.float32)
    if r.random() < 0.7:
        kwargs["weight"], kwargs["bias"] = ch["weight"], ch["bias"]
    mode = "training" if training else "eval"
    return Case(f"random {mode} {shape_text(x)} seed {seed}",
                (x, ch["running_mean"], ch["running_var"]), kwargs,
                "compare with F.batch_norm on this input")


def parts(case: Case) -> dict[str, Any]:
    """Every argument of a case by name, defaults filled in."""
    named = dict(_DEFAULTS)
    named.update(zip(_NAMES, case.args, strict=False))
    named.update(case.kwargs)
    return named


def _reference(x: torch.Tensor, running_mean: Any, running_var: Any, weight: Any = None,
               bias: Any = None, training: bool = False, momentum: float = 0.1,
               eps: float = 1e-5) -> torch.Tensor:
    return F.batch_norm(x, running_mean, running_var, weight, bias, training, momentum, eps)


def _variant(*, eps_outside: bool = False, unbiased: bool = False, per_sample: bool = False,
             other_mode: bool = False) -> Any:
    """The output of batch norm with one classic mistake switched on."""
    def variant(x: torch.Tensor, running_mean: Any, running_var: Any, weight: Any = None,
                bias: Any = None, training: bool = False, momentum: float = 0.1,
                eps: float = 1e-5) -> torch.Tensor:
        dims = list(range(2, x.dim())) if per_sample else [0, *range(2, x.dim())]
        use_batch = training != other_mode or running_mean is None
        view = [1, -1] + [1] * (x.dim() - 2)
        if use_batch:
            mean = x.mean(dims, keepdim=True)
            var = x.var(dims, unbiased=unbiased, keepdim=True)
        else:
            mean, var = running_mean.view(view), running_var.view(view)
        xhat = (x - mean) / (torch.sqrt(var) + eps if eps_outside else torch.sqrt(var + eps))
        if weight is not None:
            xhat = xhat * weight.view(view)
        return xhat + bias.view(view) if bias is not None else xhat
    return variant


_VARIANTS = (
    Variant("eps added outside the square root", _variant(eps_outside=True),
            "eps belongs inside the square root: sqrt(var + eps), not sqrt(var) + eps"),
    Variant("the unbiased variance (/(n-1)) used to normalise", _variant(unbiased=True),
            "normalise with the biased variance (/n); the unbiased one (/(n-1)) is only for "
            "running_var"),
    Variant("statistics taken per sample", _variant(per_sample=True),
            "reduce over N and the other axes together, not per sample"),
    Variant("the statistics of the other mode", _variant(other_mode=True),
            "training normalises with the batch statistics, eval with the running ones"),
)


def _running_hint(case: Case, mismatch: Mismatch) -> str:
    if not parts(case)["training"]:
        return "eval mode must leave running_mean and running_var unchanged"
    return (
        "in training update in place, e.g. running_mean.mul_(1 - momentum).add_(momentum * mean);"
        " running_var uses the unbiased variance (/(n-1)); momentum weights the new batch"
    )


def _tolerance(case: Case) -> Tolerance:
    return TOLERANCE[case.args[0].dtype]


def _compare(got: Any, want: torch.Tensor, case: Case) -> Mismatch | None:
    return tensor_mismatch(got, want, _tolerance(case))


_TEXT = """
Batch normalisation with the semantics of torch.nn.functional.batch_norm.

x is (N, C), (N, C, L) or (N, C, H, W); statistics are per channel C, taken over every
other axis (N; N, L; N, H, W). y = (x - mean) / sqrt(var + eps) * weight + bias, where
weight and bias are (C,) tensors or None (None means 1 and 0).

training=True: normalise with the batch mean and the biased batch variance (divide by n),
and, when running_mean / running_var are tensors, update them IN PLACE:
    running = (1 - momentum) * running + momentum * batch_statistic
using the unbiased variance (divide by n - 1) for running_var. They may be None in
training, then there is nothing to update.
training=False: normalise with running_mean / running_var and leave them unchanged.

The grader always gives at least two values per channel in training (torch raises
ValueError otherwise)."""

BATCH_NORM = Declaration(
    name=NAME,
    contract=Contract(
        (Param("x"), Param("running_mean"), Param("running_var"), Param("weight", "None"),
         Param("bias", "None"), Param("training", "False"), Param("momentum", "0.1"),
         Param("eps", "1e-5")),
        _TEXT, "y, a torch.Tensor with the shape and dtype of x", forbidden=BN_FORBIDDEN,
        updates=("running_mean", "running_var")),
    reference=_reference,
    compare=_compare,
    cases=_cases,
    hints={Kind.UPDATE: _running_hint, Kind.NOT_UPDATED: _running_hint},
    variants=_VARIANTS,
    tolerance=_tolerance,
)

TASKS: dict[str, KitTask] = {NAME: KitTask(BATCH_NORM)}
