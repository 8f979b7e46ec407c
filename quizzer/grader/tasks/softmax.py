"""The softmax and log_softmax tasks: torch semantics along an explicit dim, numerically stable."""

from __future__ import annotations

from typing import Any

import torch

from quizzer.grader.kit.contract import Contract, Param
from quizzer.grader.kit.cover import expanded, relaid
from quizzer.grader.kit.mismatch import Mismatch, preview, tensor_mismatch
from quizzer.grader.kit.seeds import rng
from quizzer.grader.kit.task import Declaration, KitTask, Variant
from quizzer.grader.kit.tolerance import Tolerance
from quizzer.grader.tasks.base import Case

NEG_INF = float("-inf")

_SOFTMAX_FAMILY = (
    "torch.softmax", "torch._softmax", "torch.nn.functional.softmax", "torch.Tensor.softmax",
    "torch.special.softmax", "torch.nn.Softmax", "torch.nn.functional.softmin",
    "torch.nn.Softmin",
)
_LOG_SOFTMAX_FAMILY = (
    "torch.log_softmax", "torch._log_softmax", "torch.nn.functional.log_softmax",
    "torch.Tensor.log_softmax", "torch.special.log_softmax", "torch.nn.LogSoftmax",
    "torch.nn.functional.cross_entropy", "torch.nn.CrossEntropyLoss",
)

HINT_SUM_PER_SLICE = (
    "normalise each slice along `dim` on its own: the outputs along `dim` must sum to 1, "
    "so the sum (and the max) is taken with dim=dim, keepdim=True, not over the whole tensor"
)
HINT_DIM = (
    "reduce along the `dim` argument (negative values count from the end), not always along "
    "the last axis"
)
HINT_STABLE = (
    "subtract the max along `dim` before exp: exp(1000) overflows to inf and inf/inf is NaN; "
    "softmax(x) == softmax(x - c) for any constant c"
)
HINT_MAGNITUDE = (
    "the max you subtract must be per slice (keepdim=True): one global max underflows the "
    "small-magnitude rows to 0/0"
)
HINT_MASK = (
    "exp(-inf) is exactly 0, so masked (-inf) entries get probability 0 with no special case; "
    "replacing -inf with a finite number or filtering NaN changes the result"
)
HINT_ALL_MASKED = (
    "a slice where every entry is -inf has no softmax: torch returns NaN there and so must you "
    "(do not special-case it to 0 or to a uniform distribution)"
)
HINT_EMPTY = (
    "a tensor with a zero-size (non-reduced) dimension gives an empty result of the same shape"
)
HINT_DTYPE = (
    "compute in the input's dtype and return that dtype: float32 in, float32 out "
    "(no .double() or torch.float64 result)"
)
HINT_KEEPDIM = (
    "a reduction without keepdim=True drops `dim`, so the result no longer broadcasts "
    "against x (or broadcasts along the wrong axis)"
)
HINT_LOG_UNDERFLOW = (
    "log(softmax(x)) underflows: exp(-200) is 0 in float32 and log(0) = -inf; compute "
    "x - max - log(sum(exp(x - max))) directly"
)


def _fixed_cases(log: bool) -> list[Case]:
    g = torch.Generator().manual_seed(1234)
    f32, f64 = torch.float32, torch.float64
    masked = torch.tensor([[0.0, NEG_INF, 1.0, 2.0], [NEG_INF, 3.0, NEG_INF, -1.0]])
    all_masked = torch.tensor([[1.0, 2.0, 3.0], [NEG_INF, NEG_INF, NEG_INF]])
    scales = torch.tensor([[1e-3], [1.0], [30.0], [1e3]], dtype=f64)
    cases = [
        Case("rows (2, 5) float32, default dim", (torch.randn(2, 5, generator=g),), {},
             HINT_SUM_PER_SLICE),
        Case("(3, 3) float32 dim=-1", (torch.randn(3, 3, generator=g),), {"dim": -1},
             HINT_SUM_PER_SLICE),
        Case("(4, 3) float64 dim=0", (torch.randn(4, 3, generator=g, dtype=f64),),
             {"dim": 0}, HINT_DIM),
        Case("(2, 3, 4) float32 dim=1", (torch.randn(2, 3, 4, generator=g),), {"dim": 1},
             HINT_DIM),
        Case("(3, 4, 5) float64 dim=-2", (torch.randn(3, 4, 5, generator=g, dtype=f64),),
             {"dim": -2}, HINT_DIM),
        Case("huge equal logits [1000, 1000] float32", (torch.tensor([1000.0, 1000.0]),),
             {"dim": 0}, HINT_STABLE),
        Case("huge logits (2, 5) float32", (torch.randn(2, 5, generator=g) * 50 + 900,),
             {"dim": -1}, HINT_STABLE),
        Case("rows of very different magnitude (4, 6) float64",
             (torch.randn(4, 6, generator=g, dtype=f64) * scales,), {"dim": 1},
             HINT_MAGNITUDE),
        Case("rows of very different magnitude (4, 6) float32",
             ((torch.randn(4, 6, generator=g, dtype=f64) * scales).to(f32),), {"dim": -1},
             HINT_MAGNITUDE),
        Case("masked (-inf) entries (2, 4) float32", (masked,), {"dim": -1}, HINT_MASK),
        Case("a fully masked row (2, 3) float32", (all_masked,), {"dim": 1},
             HINT_ALL_MASKED),
        Case("empty batch (0, 5) float32", (torch.empty(0, 5),), {"dim": -1}, HINT_EMPTY),
        Case("empty middle dim (2, 0, 3) float64", (torch.empty(2, 0, 3, dtype=f64),),
             {"dim": 2}, HINT_EMPTY),
        Case("single element along dim (3, 1) float32", (torch.randn(3, 1, generator=g),),
             {"dim": 1}, HINT_SUM_PER_SLICE),
    ]
    if log:  # before the huge-magnitude cases, so that its hint is the one shown
        cases.insert(5, Case("log_softmax([0, -200]) float32",
                             (torch.tensor([0.0, -200.0]),), {"dim": 0}, HINT_LOG_UNDERFLOW))
    return cases + _coverage_cases(g)


def _coverage_cases(g: torch.Generator) -> list[Case]:
    """Shapes, defaults, special values and memory layouts that the cases above leave out."""
    nan = float("nan")
    special = torch.tensor([[NEG_INF, 1.0, nan], [nan, 0.0, 1.0], [1.0, -0.0, 3.0]])
    cases = [
        Case("3-D (2, 3, 4) float32, default dim", (torch.randn(2, 3, 4, generator=g),), {},
             HINT_DIM),
        Case("3-D (3, 4, 2) float64 dim=0", (torch.randn(3, 4, 2, generator=g,
                                                          dtype=torch.float64),), {"dim": 0},
             HINT_DIM),
        Case("one class C=1 (5, 1) float32, default dim", (torch.randn(5, 1, generator=g),),
             {}, HINT_SUM_PER_SLICE),
        Case("NaN entries (3, 3) float32: their rows are NaN", (special,),
             {"dim": 1}, HINT_ALL_MASKED),
        Case("extreme magnitudes +-3e38 (2, 3) float32",
             (torch.tensor([[3e38, -3e38, 0.0], [-3e38, -3e38, -1e38]]),), {"dim": -1},
             HINT_STABLE),
        Case("expanded: one row repeated with stride 0 (4, 5) float32",
             (expanded(torch.randn(4, 5, generator=g)),), {"dim": -1}, HINT_SUM_PER_SLICE),
        Case("expanded along dim (3, 4) float64 dim=1",
             (expanded(torch.randn(3, 4, generator=g, dtype=torch.float64), 1),), {"dim": 1},
             HINT_SUM_PER_SLICE),
    ]
    for base in (Case("(4, 6) float32 dim=0", (torch.randn(4, 6, generator=g),), {"dim": 0},
                      HINT_DIM),
                 Case("(2, 3, 4, 5) float32 dim=1", (torch.randn(2, 3, 4, 5, generator=g),),
                      {"dim": 1}, HINT_DIM)):
        cases.extend(relaid(base))
    return cases


def _generated_cases(name: str, seed: int) -> list[Case]:
    r = rng(name, seed)
    g = torch.Generator().manual_seed(r.randrange(2**31))
    cases = []
    for _ in range(6):
        shape = tuple(r.randint(1, 6) for _ in range(r.randint(1, 4)))
        dim = r.randrange(-len(shape), len(shape))
        dtype = r.choice([torch.float32, torch.float64])
        scale = r.choice([1.0, 10.0, 100.0])
        x = (torch.randn(shape, generator=g, dtype=torch.float64) * scale).to(dtype)
        label = f"random {shape} {str(dtype).removeprefix('torch.')} dim={dim} scale={scale:g}"
        cases.append(Case(label, (x,), {"dim": dim}, HINT_SUM_PER_SLICE))
    return cases


def _tolerance(log: bool) -> Any:
    def tolerance(case: Case) -> Tolerance:
        """From the dtype, widened with the input's magnitude where the math forces it."""
        x: torch.Tensor = case.args[0]
        eps = torch.finfo(x.dtype).eps
        finite = x[torch.isfinite(x)]
        magnitude = float(finite.abs().max()) if finite.numel() else 0.0
        spread = 8 * eps * (1.0 + magnitude)
        base_rtol = 1e-5 if x.dtype == torch.float32 else 1e-10
        if log:
            return Tolerance(base_rtol, spread)
        return Tolerance(base_rtol + spread, 1e-6 if x.dtype == torch.float32 else 1e-12)
    return tolerance


def _softmax(x: torch.Tensor, dim: int = -1) -> torch.Tensor:
    return torch.softmax(x, dim)


def _log_softmax(x: torch.Tensor, dim: int = -1) -> torch.Tensor:
    return torch.log_softmax(x, dim)


def _global_max(x: torch.Tensor, dim: int = -1) -> torch.Tensor:
    e = torch.exp(x - x.max())
    return e / e.sum(dim, keepdim=True)


def _no_shift(x: torch.Tensor, dim: int = -1) -> torch.Tensor:
    e = torch.exp(x)
    return e / e.sum(dim, keepdim=True)


def _last_dim(x: torch.Tensor, dim: int = -1) -> torch.Tensor:
    return torch.softmax(x, -1)


def _whole_tensor(x: torch.Tensor, dim: int = -1) -> torch.Tensor:
    e = torch.exp(x - x.max()) if x.numel() else x.clone()
    return e / e.sum()


def _masked_zero(x: torch.Tensor, dim: int = -1) -> torch.Tensor:
    return torch.nan_to_num(torch.softmax(x, dim), nan=0.0)


def _log_of_softmax(x: torch.Tensor, dim: int = -1) -> torch.Tensor:
    return torch.log(torch.softmax(x, dim))


def _log_variant(fn: Any) -> Any:
    def log_variant(x: torch.Tensor, dim: int = -1) -> torch.Tensor:
        return torch.log(fn(x, dim))
    return log_variant


def _log_masked_zero(x: torch.Tensor, dim: int = -1) -> torch.Tensor:
    return torch.nan_to_num(torch.log_softmax(x, dim), nan=0.0)


def _log_no_shift(x: torch.Tensor, dim: int = -1) -> torch.Tensor:
    return x - torch.log(torch.exp(x).sum(dim, keepdim=True))


def _log_whole_tensor(x: torch.Tensor, dim: int = -1) -> torch.Tensor:
    return x - torch.logsumexp(x.flatten(), 0) if x.numel() else x.clone()


_VARIANTS = (
    Variant("a fully masked slice set to 0", _masked_zero, HINT_ALL_MASKED),
    Variant("one global max subtracted from every slice", _global_max, HINT_MAGNITUDE),
    Variant("exp(x) without subtracting the max", _no_shift, HINT_STABLE),
    Variant("a reduction over the last axis whatever `dim` is", _last_dim, HINT_DIM),
    Variant("a sum over the whole tensor", _whole_tensor, HINT_SUM_PER_SLICE),
)
_LOG_VARIANTS = (
    Variant("log(softmax(x)), which underflows to -inf", _log_of_softmax, HINT_LOG_UNDERFLOW),
    Variant("logsumexp over the whole tensor", _log_whole_tensor, HINT_SUM_PER_SLICE),
    Variant("log(sum(exp(x))) without subtracting the max", _log_no_shift, HINT_STABLE),
    *(Variant(v.name, _log_variant(v.run), v.hint) for v in _VARIANTS[1:4]),
    Variant("a fully masked slice set to 0", _log_masked_zero, HINT_ALL_MASKED),
)


def _compare(tolerance: Any) -> Any:
    def compare(got: Any, want: torch.Tensor, case: Case) -> Mismatch | None:
        return tensor_mismatch(got, want, tolerance(case))
    return compare


def _where(case: Case) -> str:
    return f"on input {preview(case.args[0])}"


_ERROR_HINTS = (
    ("must match the size", HINT_KEEPDIM), ("size of tensor", HINT_KEEPDIM),
    ("no elements", HINT_EMPTY), ("empty", HINT_EMPTY),
)
_PARAMS = (Param("x"), Param("dim", "-1"))
_RULES = """
- `dim` may be negative and need not be the last axis; the default is -1.
- x is float32 or float64, of any shape (any dim may be empty) and any memory layout.
- A slice that is entirely -inf, or holds a NaN, is NaN throughout (as torch gives)."""


def _declaration(log: bool) -> Declaration:
    name = "log_softmax" if log else "softmax"
    text = (
        "Log of the softmax of `x` along `dim`, with torch.log_softmax semantics.\n"
        "Stable: log_softmax([0., -200.]) in float32 is [0., -200.], not [0., -inf]; -inf "
        "entries give -inf.\n" if log else
        "Softmax of `x` along `dim`, with torch.softmax semantics.\n"
        "Stable for huge logits: softmax([1000., 1000.]) is [0.5, 0.5]; -inf entries get "
        "probability 0.\n") + _RULES
    tolerance = _tolerance(log)
    return Declaration(
        name=name,
        contract=Contract(
            _PARAMS, text, "a torch.Tensor with the shape and dtype of x",
            forbidden=_LOG_SOFTMAX_FAMILY if log else _SOFTMAX_FAMILY + _LOG_SOFTMAX_FAMILY),
        reference=_log_softmax if log else _softmax,
        compare=_compare(tolerance),
        cases=lambda seed: _fixed_cases(log) + _generated_cases(name, seed),
        variants=_LOG_VARIANTS if log else _VARIANTS,
        tolerance=tolerance,
        error_hints=_ERROR_HINTS,
        where=_where,
    )


TASKS: dict[str, KitTask] = {"softmax": KitTask(_declaration(False)),
                          "log_softmax": KitTask(_declaration(True))}
