"""Batch norm tasks: the forward pass with running statistics, and the training-mode backward."""

from __future__ import annotations

import random
from typing import Any

import torch
import torch.nn.functional as F

from quizzer.core.result import Check
from quizzer.grader.tasks.base import Case, Outcome, Task
from quizzer.grader.tasks.compare import describe, tensor_mismatch

# float32 answers computed in another reduction order (loops, numpy, one-pass moments) differ
# from torch by a few ulps of the normalised values; every classic mistake moves them by at least
# a few tenths of a percent, so 1e-4 separates the two with a wide margin on both sides.
_TOLERANCE = {torch.float32: (1e-4, 1e-4), torch.float64: (1e-7, 1e-8)}

_BN_FORBIDDEN = (
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


def _generator(task: Task, seed: int) -> torch.Generator:
    return torch.Generator().manual_seed(task.rng(seed).randrange(2**62))


def _random_shape(rng: random.Random) -> tuple[int, ...]:
    """(N, C), (N, C, L) or (N, C, H, W) with small sides."""
    return tuple([rng.randint(2, 5), rng.randint(1, 4)] + [rng.randint(1, 4)] * rng.randint(0, 2))


def _shape_text(x: torch.Tensor) -> str:
    return f"{tuple(x.shape)} {str(x.dtype).removeprefix('torch.')}"


def _channel_tensors(
    gen: torch.Generator, channels: int, dtype: torch.dtype
) -> dict[str, torch.Tensor]:
    """Running statistics and affine parameters that differ per channel."""
    return {
        "running_mean": torch.randn(channels, generator=gen, dtype=dtype) * 0.5,
        "running_var": torch.rand(channels, generator=gen, dtype=dtype) + 0.5,
        "weight": torch.rand(channels, generator=gen, dtype=dtype) * 1.5 + 0.5,
        "bias": torch.randn(channels, generator=gen, dtype=dtype),
    }


def _input(
    gen: torch.Generator, shape: tuple[int, ...], dtype: torch.dtype, scale: float = 1.0
) -> torch.Tensor:
    """Values with a different mean and spread per channel, centred near zero overall."""
    channels = shape[1]
    view = (1, channels) + (1,) * (len(shape) - 2)
    spread = (torch.rand(channels, generator=gen, dtype=dtype) * 2 + 0.5).view(view)
    offset = (torch.randn(channels, generator=gen, dtype=dtype) * 1.5).view(view)
    return (torch.randn(shape, generator=gen, dtype=dtype) * spread + offset) * scale


class BatchNorm(Task):
    """`F.batch_norm`, running statistics updated in place in training."""

    name = "batch_norm"
    signature = (
        "def batch_norm(x, running_mean, running_var, weight=None, bias=None, training=False,\n"
        "               momentum=0.1, eps=1e-5):"
    )
    contract = """
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

Return y with the dtype and shape of x; do not modify x. The grader always gives at
least two values per channel in training (torch raises ValueError otherwise).
"""
    forbidden = _BN_FORBIDDEN

    def cases(self, seed: int) -> list[Case]:
        gen = _generator(self, seed)
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
        cases = [self._case(gen, *spec) for spec in specs]
        cases.append(self._positional_case(gen))
        cases.extend(self._random_case(gen, seed, i) for i in range(4))
        return cases

    def _case(
        self,
        gen: torch.Generator,
        label: str,
        hint: str,
        shape: tuple[int, ...],
        dtype: torch.dtype,
        opts: dict[str, Any],
    ) -> Case:
        x = _input(gen, shape, dtype, opts.get("scale", 1.0))
        ch = _channel_tensors(gen, shape[1], dtype)
        if opts.get("tiny_running"):
            ch["running_var"] = ch["running_var"] * 1e-6
        kwargs: dict[str, Any] = {"training": opts["training"]}
        if opts.get("affine", True):
            kwargs["weight"] = ch["weight"]
            if opts.get("bias", True):
                kwargs["bias"] = ch["bias"]
        for key in ("momentum", "eps"):
            if key in opts:
                kwargs[key] = opts[key]
        running = opts.get("running", True)
        rm, rv = (ch["running_mean"], ch["running_var"]) if running else (None, None)
        return Case(f"{label} {_shape_text(x)}", (x, rm, rv), kwargs, hint)

    def _positional_case(self, gen: torch.Generator) -> Case:
        x = _input(gen, (4, 2, 3), torch.float32)
        ch = _channel_tensors(gen, 2, torch.float32)
        args = (x, ch["running_mean"], ch["running_var"], ch["weight"], ch["bias"], True, 0.2,
                1e-2)
        return Case(f"training all positional momentum=0.2 eps=1e-2 {_shape_text(x)}", args,
                    {}, "keep the parameter order of F.batch_norm")

    def _random_case(self, gen: torch.Generator, seed: int, index: int) -> Case:
        rng = self.rng(seed * 1000 + index)
        shape = _random_shape(rng)
        training = rng.random() < 0.6
        kwargs: dict[str, Any] = {"training": training, "momentum": rng.choice([0.1, 0.05, 0.3]),
                                  "eps": rng.choice([1e-5, 1e-3, 0.1])}
        x = _input(gen, shape, torch.float32)
        ch = _channel_tensors(gen, shape[1], torch.float32)
        if rng.random() < 0.7:
            kwargs["weight"], kwargs["bias"] = ch["weight"], ch["bias"]
        mode = "training" if training else "eval"
        return Case(f"random {mode} {_shape_text(x)} seed {seed}",
                    (x, ch["running_mean"], ch["running_var"]), kwargs,
                    "compare with F.batch_norm on this input")

    def judge(self, case: Case, outcome: Outcome) -> Check:
        x = case.args[0]
        rtol, atol = _TOLERANCE[x.dtype]
        args: list[Any] = [a.clone() if isinstance(a, torch.Tensor) else a for a in case.args]
        kwargs: dict[str, Any] = {k: v.clone() if isinstance(v, torch.Tensor) else v
                                  for k, v in case.kwargs.items()}
        want = F.batch_norm(*args, **kwargs)
        problem = tensor_mismatch(outcome.output, want, rtol=rtol, atol=atol)
        if problem is not None:
            return Check(case.name, False, problem, _diagnose(case, outcome.output, rtol, atol))
        problem = _unchanged(case.args[0], outcome.args_after, 0, "x")
        if problem is not None:
            return Check(case.name, False, problem, "the caller's x must not change")
        problem = self._running_problem(case, outcome, args, rtol, atol)
        if problem is not None:
            return Check(case.name, False, problem, _running_hint(case))
        return Check(case.name, True)

    @staticmethod
    def _running_problem(
        case: Case, outcome: Outcome, reference: list[Any], rtol: float, atol: float
    ) -> str | None:
        after = outcome.args_after
        for index, label in ((1, "running_mean"), (2, "running_var")):
            before, want = case.args[index], reference[index]
            if want is None:
                continue
            if len(after) <= index or not isinstance(after[index], torch.Tensor):
                return f"{label} after the call should still be a tensor"
            got = after[index]
            if not torch.equal(want, before) and torch.equal(got, before):
                return f"{label} was not updated in place (the caller's tensor is unchanged)"
            problem = tensor_mismatch(got, want, rtol=rtol, atol=atol,
                                      what=f"{label} after the call")
            if problem is not None:
                return problem
        return None


def _bn_parts(case: Case) -> dict[str, Any]:
    names = ("x", "running_mean", "running_var", "weight", "bias", "training", "momentum", "eps")
    parts: dict[str, Any] = {"weight": None, "bias": None, "training": False, "eps": 1e-5}
    parts.update(zip(names, case.args, strict=False))
    parts.update(case.kwargs)
    return parts


def _variants(case: Case) -> list[tuple[str, torch.Tensor]]:
    """Outputs of classic mistakes on this case, each with the hint that names it."""
    p = _bn_parts(case)
    x, eps, training = p["x"], p["eps"], p["training"]
    dims = [0, *range(2, x.dim())]
    spatial = list(range(2, x.dim()))
    batch = (x.mean(dims, keepdim=True), x.var(dims, unbiased=False, keepdim=True))
    running = None
    if p["running_mean"] is not None:
        view = [1, -1] + [1] * (x.dim() - 2)
        running = (p["running_mean"].view(view), p["running_var"].view(view))
    right = batch if training or running is None else running
    stats = [("eps belongs inside the square root: sqrt(var + eps), not sqrt(var) + eps",
              *right, False)]
    if training:
        stats.append(("normalise with the biased variance (/n); the unbiased one (/(n-1)) is "
                      "only for running_var", batch[0], x.var(dims, keepdim=True), True))
        if spatial:
            stats.append(("reduce over N and the other axes together, not per sample",
                          x.mean(spatial, keepdim=True),
                          x.var(spatial, unbiased=False, keepdim=True), True))
    if running is not None:
        other = running if training else batch
        stats.append(("training normalises with the batch statistics, eval with the running ones",
                      *other, True))
    out = []
    for hint, m, v, inside in stats:
        xhat = (x - m) / (torch.sqrt(v + eps) if inside else torch.sqrt(v) + eps)
        out.append((hint, _affine(xhat, p["weight"], p["bias"])))
    return out


def _affine(xhat: torch.Tensor, weight: Any, bias: Any) -> torch.Tensor:
    view = [1, -1] + [1] * (xhat.dim() - 2)
    if weight is not None:
        xhat = xhat * weight.view(view)
    return xhat + bias.view(view) if bias is not None else xhat


def _diagnose(case: Case, got: Any, rtol: float, atol: float) -> str:
    """The hint of the classic mistake that reproduces `got`, else the case's own hint."""
    if isinstance(got, torch.Tensor) and got.dtype.is_floating_point:
        for hint, wrong in _variants(case):
            if got.shape == wrong.shape and torch.allclose(
                got.double(), wrong.double(), rtol=rtol, atol=atol
            ):
                return hint
    return case.hint


def _running_hint(case: Case) -> str:
    if not _bn_parts(case)["training"]:
        return "eval mode must leave running_mean and running_var unchanged"
    return (
        "in training update in place, e.g. running_mean.mul_(1 - momentum).add_(momentum * mean);"
        " running_var uses the unbiased variance (/(n-1)); momentum weights the new batch"
    )


def _unchanged(before: Any, after: tuple[Any, ...], index: int, label: str) -> str | None:
    """A message when the learner modified an input it should only read."""
    if len(after) <= index:
        return None
    got = after[index]
    if isinstance(before, torch.Tensor) and (
        not isinstance(got, torch.Tensor) or got.shape != before.shape
        or not torch.equal(got, before)
    ):
        return f"the input {label} was modified ({describe(got)} after the call); work on a copy"
    return None


TASKS: dict[str, Task] = {"batch_norm": BatchNorm()}
