"""The layer_norm task: torch.nn.functional.layer_norm over the trailing normalized_shape dims."""

from __future__ import annotations

from typing import Any

import torch
import torch.nn.functional as F

from quizzer.grader.kit.contract import Contract, Param
from quizzer.grader.kit.cover import relaid
from quizzer.grader.kit.mismatch import Mismatch, preview, tensor_mismatch
from quizzer.grader.kit.seeds import rng
from quizzer.grader.kit.task import Declaration, KitTask, Variant
from quizzer.grader.kit.tolerance import Tolerance
from quizzer.grader.tasks.base import Case

_FORBIDDEN = (
    "torch.layer_norm", "torch.native_layer_norm", "torch.nn.functional.layer_norm",
    "torch.nn.LayerNorm", "torch.group_norm", "torch.nn.functional.group_norm",
    "torch.nn.GroupNorm", "torch.instance_norm", "torch.nn.functional.instance_norm",
    "torch.batch_norm", "torch.nn.functional.batch_norm", "torch.native_batch_norm",
    "torch.rms_norm", "torch.nn.functional.rms_norm",
)

HINT_DIMS = (
    "normalise over the last len(normalized_shape) dims together: for x of shape (N, C, L) "
    "and normalized_shape (C, L), one mean and one variance per sample over C*L values"
)
HINT_BATCH = (
    "layer norm never looks across the batch: each sample (each leading index) gets its own "
    "mean and variance, so one sample's output does not depend on the others"
)
HINT_BIASED = (
    "use the biased variance (divide by the number of values, correction=0), as layer norm "
    "does; torch.var's default divides by n - 1"
)
HINT_EPS = (
    "eps goes inside the square root: (x - mean) / sqrt(var + eps), not / (std + eps); it "
    "matters where the variance is near 0"
)
HINT_AFFINE = (
    "after normalising, multiply by weight and add bias element-wise over normalized_shape; "
    "either may be None on its own (then skip just that one)"
)
HINT_ONE_PASS = (
    "compute the variance as the mean of (x - mean)**2: E[x**2] - E[x]**2 cancels "
    "catastrophically in float32 once the mean is large next to the spread"
)
HINT_INT_SHAPE = (
    "normalized_shape may be a plain int (one trailing dim) as in torch; turn it into a tuple"
)


def _reference(x: torch.Tensor, normalized_shape: Any, weight: torch.Tensor | None = None,
               bias: torch.Tensor | None = None, eps: float = 1e-5) -> torch.Tensor:
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else normalized_shape
    return F.layer_norm(x, tuple(shape), weight, bias, eps)


def _dims(x: torch.Tensor, normalized_shape: Any) -> tuple[int, ...]:
    count = 1 if isinstance(normalized_shape, int) else len(normalized_shape)
    return tuple(range(x.dim() - count, x.dim()))


def _affine(y: torch.Tensor, weight: torch.Tensor | None,
            bias: torch.Tensor | None) -> torch.Tensor:
    y = y * weight if weight is not None else y
    return y + bias if bias is not None else y


def _unbiased(x: torch.Tensor, normalized_shape: Any, weight: Any = None, bias: Any = None,
              eps: float = 1e-5) -> torch.Tensor:
    dims = _dims(x, normalized_shape)
    mean = x.mean(dims, keepdim=True)
    var = x.var(dims, keepdim=True, correction=1)
    return _affine((x - mean) / torch.sqrt(var + eps), weight, bias)


def _eps_outside(x: torch.Tensor, normalized_shape: Any, weight: Any = None, bias: Any = None,
                 eps: float = 1e-5) -> torch.Tensor:
    dims = _dims(x, normalized_shape)
    mean = x.mean(dims, keepdim=True)
    std = x.var(dims, keepdim=True, correction=0).sqrt()
    return _affine((x - mean) / (std + eps), weight, bias)


def _last_dim_only(x: torch.Tensor, normalized_shape: Any, weight: Any = None, bias: Any = None,
                   eps: float = 1e-5) -> torch.Tensor:
    mean = x.mean(-1, keepdim=True)
    var = x.var(-1, keepdim=True, correction=0)
    return _affine((x - mean) / torch.sqrt(var + eps), weight, bias)


def _over_batch(x: torch.Tensor, normalized_shape: Any, weight: Any = None, bias: Any = None,
                eps: float = 1e-5) -> torch.Tensor:
    mean = x.mean(0, keepdim=True)
    var = x.var(0, keepdim=True, correction=0)
    return _affine((x - mean) / torch.sqrt(var + eps), weight, bias)


def _one_pass(x: torch.Tensor, normalized_shape: Any, weight: Any = None, bias: Any = None,
              eps: float = 1e-5) -> torch.Tensor:
    dims = _dims(x, normalized_shape)
    mean = x.mean(dims, keepdim=True)
    var = (x * x).mean(dims, keepdim=True) - mean * mean
    return _affine((x - mean) / torch.sqrt(var + eps), weight, bias)


def _no_affine(x: torch.Tensor, normalized_shape: Any, weight: Any = None, bias: Any = None,
               eps: float = 1e-5) -> torch.Tensor:
    return _reference(x, normalized_shape, None, None, eps)


_VARIANTS = (
    Variant("statistics over the batch axis (batch norm, not layer norm)", _over_batch,
            HINT_BATCH),
    Variant("statistics over the last dim only", _last_dim_only, HINT_DIMS),
    Variant("the unbiased variance (divided by n - 1)", _unbiased, HINT_BIASED),
    Variant("eps added to the standard deviation instead of the variance", _eps_outside,
            HINT_EPS),
    Variant("the normalised values without weight and bias", _no_affine, HINT_AFFINE),
    Variant("the variance as E[x**2] - E[x]**2 in one pass", _one_pass, HINT_ONE_PASS),
)


def _fixed_cases() -> list[Case]:
    g = torch.Generator().manual_seed(4321)
    f64 = torch.float64

    def randn(*shape: int, dtype: torch.dtype = torch.float32) -> torch.Tensor:
        return torch.randn(*shape, generator=g, dtype=f64).to(dtype)

    w5, b5 = randn(5) + 1, randn(5)
    w34, b34 = randn(3, 4) + 1, randn(3, 4)
    flat = torch.tensor([[1.0, 1.0, 1.0, 1.0], [2.0, 2.0, 2.001, 2.0]])
    cases = [
        Case("(2, 5) float32, normalized_shape (5,), weight and bias",
             (randn(2, 5), (5,), w5, b5), {}, HINT_AFFINE),
        Case("(2, 3, 4) float32, normalized_shape (3, 4)", (randn(2, 3, 4), (3, 4)), {},
             HINT_DIMS),
        Case("(4, 3, 4) float64, normalized_shape (3, 4), weight and bias",
             (randn(4, 3, 4, dtype=f64), (3, 4), w34.double(), b34.double()), {}, HINT_DIMS),
        Case("normalized_shape as a plain int 5, (3, 5) float32", (randn(3, 5), 5), {},
             HINT_INT_SHAPE),
        Case("a batch of 2 whose samples differ in scale (2, 6) float64",
             (randn(2, 6, dtype=f64) * torch.tensor([[0.01], [100.0]], dtype=f64), (6,)), {},
             HINT_BATCH),
        Case("nearly constant rows: eps matters (2, 4) float32, eps=0.1",
             (flat, (4,)), {"eps": 0.1}, HINT_EPS),
        Case("a constant row, default eps (1, 4) float32", (torch.full((1, 4), 3.0), (4,)), {},
             HINT_EPS),
        Case("weight None, bias given (3, 5) float32", (randn(3, 5), (5,), None, b5), {},
             HINT_AFFINE),
        Case("weight given, bias None (3, 5) float32", (randn(3, 5), (5,)),
             {"weight": w5}, HINT_AFFINE),
        Case("few values per sample, n=2 (4, 2) float64: biased variance",
             (randn(4, 2, dtype=f64), (2,)), {}, HINT_BIASED),
        Case("large offset +1e3 (3, 8) float32", (randn(3, 8) + 1e3, (8,)), {}, HINT_ONE_PASS),
        Case("one sample (1, 3, 4) float32, normalized_shape (3, 4)",
             (randn(1, 3, 4), (3, 4), w34, b34), {}, HINT_DIMS),
        Case("empty batch (0, 5) float32", (torch.empty(0, 5), (5,)), {}, HINT_DIMS),
    ]
    for base in (Case("(4, 6) float32, normalized_shape (6,)", (randn(4, 6), (6,)), {},
                      HINT_DIMS),
                 Case("(2, 3, 4, 5) float32, normalized_shape (4, 5)",
                      (randn(2, 3, 4, 5), (4, 5), randn(4, 5), randn(4, 5)), {}, HINT_DIMS)):
        cases.extend(relaid(base))
    return cases


def _generated_cases(seed: int) -> list[Case]:
    r = rng("layer_norm", seed)
    g = torch.Generator().manual_seed(r.randrange(2**31))
    cases = []
    for _ in range(6):
        shape = tuple(r.randint(1, 5) for _ in range(r.randint(2, 4)))
        count = r.randint(1, len(shape) - 1)
        normalized = shape[-count:]
        dtype = r.choice([torch.float32, torch.float64])
        x = (torch.randn(shape, generator=g, dtype=torch.float64) * r.choice([0.1, 1.0, 10.0])
             + r.choice([0.0, 3.0])).to(dtype)
        args: tuple[Any, ...] = (x, normalized)
        if r.random() < 0.5:
            args += (torch.randn(normalized, generator=g, dtype=torch.float64).to(dtype),
                     torch.randn(normalized, generator=g, dtype=torch.float64).to(dtype))
        label = (f"random {shape} {str(dtype).removeprefix('torch.')} normalized_shape "
                 f"{normalized}{', affine' if len(args) > 2 else ''}")
        cases.append(Case(label, args, {}, HINT_DIMS))
    return cases


def _tolerance(case: Case) -> Tolerance:
    x: torch.Tensor = case.args[0]
    if x.dtype == torch.float64:
        return Tolerance(1e-9, 1e-9)
    return Tolerance(1e-4, 1e-4)


def _compare(got: Any, want: torch.Tensor, case: Case) -> Mismatch | None:
    return tensor_mismatch(got, want, _tolerance(case))


def _where(case: Case) -> str:
    return f"on x = {preview(case.args[0])}"


_RULES = """
Normalise over the trailing dims named by `normalized_shape` (a tuple of ints, or one int),
with one mean and one biased variance per leading index: y = (x - mean) / sqrt(var + eps).
Then, element-wise over normalized_shape, multiply by `weight` and add `bias` when given
(either may be None on its own). x is float32 or float64, of any memory layout; the batch
may be empty."""

DECLARATION = Declaration(
    name="layer_norm",
    contract=Contract(
        (Param("x"), Param("normalized_shape"), Param("weight", "None"), Param("bias", "None"),
         Param("eps", "1e-5")),
        "Layer normalisation with torch.nn.functional.layer_norm semantics.\n" + _RULES,
        "a torch.Tensor with the shape and dtype of x",
        forbidden=_FORBIDDEN),
    reference=_reference,
    compare=_compare,
    cases=lambda seed: _fixed_cases() + _generated_cases(seed),
    variants=_VARIANTS,
    tolerance=_tolerance,
    error_hints=(("must match the size", HINT_DIMS), ("'int' object", HINT_INT_SHAPE)),
    where=_where,
)

TASKS: dict[str, KitTask] = {"layer_norm": KitTask(DECLARATION)}
