"""The softmax and log_softmax tasks: torch semantics along an explicit dim, numerically stable."""

from __future__ import annotations

import math
from typing import Any

import torch

from quizzer.core.result import Check
from quizzer.grader.tasks.base import Case, Outcome, Task
from quizzer.grader.tasks.compare import preview, tensor_mismatch

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


class _SoftmaxBase(Task):
    """Shared cases and judging; subclasses name the reference and the tolerance."""

    log: bool = False

    def reference(self, x: torch.Tensor, dim: int) -> torch.Tensor:
        return torch.log_softmax(x, dim) if self.log else torch.softmax(x, dim)

    def cases(self, seed: int) -> list[Case]:
        return self._fixed_cases() + self._generated_cases(seed)

    def _fixed_cases(self) -> list[Case]:
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
        if self.log:  # before the huge-magnitude cases, so that its hint is the one shown
            cases.insert(5, Case("log_softmax([0, -200]) float32",
                                 (torch.tensor([0.0, -200.0]),), {"dim": 0}, HINT_LOG_UNDERFLOW))
        return cases

    def _generated_cases(self, seed: int) -> list[Case]:
        rng = self.rng(seed)
        g = torch.Generator().manual_seed(rng.randrange(2**31))
        cases = []
        for _ in range(6):
            shape = tuple(rng.randint(1, 6) for _ in range(rng.randint(1, 4)))
            dim = rng.randrange(-len(shape), len(shape))
            dtype = rng.choice([torch.float32, torch.float64])
            scale = rng.choice([1.0, 10.0, 100.0])
            x = (torch.randn(shape, generator=g, dtype=torch.float64) * scale).to(dtype)
            name = f"random {shape} {str(dtype).removeprefix('torch.')} dim={dim} scale={scale:g}"
            cases.append(Case(name, (x,), {"dim": dim}, HINT_SUM_PER_SLICE))
        return cases

    def tolerance(self, x: torch.Tensor) -> tuple[float, float]:
        """(rtol, atol): from the dtype, widened with the input's magnitude where math forces it."""
        eps = torch.finfo(x.dtype).eps
        finite = x[torch.isfinite(x)]
        magnitude = float(finite.abs().max()) if finite.numel() else 0.0
        spread = 8 * eps * (1.0 + magnitude)
        base_rtol = 1e-5 if x.dtype == torch.float32 else 1e-10
        if self.log:
            return base_rtol, spread
        return base_rtol + spread, 1e-6 if x.dtype == torch.float32 else 1e-12

    def judge(self, case: Case, outcome: Outcome) -> Check:
        x: torch.Tensor = case.args[0]
        dim = int(case.kwargs.get("dim", -1))
        want = self.reference(x, dim)
        rtol, atol = self.tolerance(x)
        problem = tensor_mismatch(outcome.output, want, rtol=rtol, atol=atol)
        hint = case.hint
        if problem and "dtype" in problem:
            hint = HINT_DTYPE
        if problem is None:
            problem, hint = self._mutation(x, outcome.args_after)
        if problem is None:
            return Check(case.name, True)
        return Check(case.name, False, f"on input {preview(x)}: {problem}", hint)

    def _mutation(self, x: torch.Tensor, after: tuple[Any, ...]) -> tuple[str | None, str]:
        changed = not after or not isinstance(after[0], torch.Tensor) or not torch.equal(
            torch.nan_to_num(after[0], nan=math.pi), torch.nan_to_num(x, nan=math.pi))
        if changed:
            return ("the input tensor was modified in place",
                    "use out-of-place operations (x - m, torch.exp(x)), not x.sub_() / x.exp_() "
                    "or slice assignment into x: the caller still needs its logits")
        return None, ""

    def error_hint(self, case: Case, error: str) -> str:
        if "must match the size" in error or "size of tensor" in error:
            return HINT_KEEPDIM
        if "no elements" in error or "empty" in error:
            return HINT_EMPTY
        return case.hint


class SoftmaxTask(_SoftmaxBase):
    """softmax(x, dim=-1)."""

    name = "softmax"
    signature = "def softmax(x: torch.Tensor, dim: int = -1) -> torch.Tensor:"
    contract = """
Softmax of `x` along `dim`, with torch.softmax semantics.

- `dim` may be negative and need not be the last axis; the default is -1.
- Stable for huge logits: softmax([1000., 1000.]) is [0.5, 0.5].
- -inf entries get probability 0; a slice that is entirely -inf gives NaN (as torch does).
- The result has the input's shape and dtype (float32 or float64); other dims may be empty.
- Do not modify `x`. torch.softmax and its relatives are not allowed.
"""
    forbidden = _SOFTMAX_FAMILY + _LOG_SOFTMAX_FAMILY


class LogSoftmaxTask(_SoftmaxBase):
    """log_softmax(x, dim=-1)."""

    name = "log_softmax"
    log = True
    signature = "def log_softmax(x: torch.Tensor, dim: int = -1) -> torch.Tensor:"
    contract = """
Log of the softmax of `x` along `dim`, with torch.log_softmax semantics.

- `dim` may be negative and need not be the last axis; the default is -1.
- Stable: log_softmax([0., -200.]) in float32 is [0., -200.], not [0., -inf].
- -inf entries give -inf; a slice that is entirely -inf gives NaN (as torch does).
- The result has the input's shape and dtype (float32 or float64); other dims may be empty.
- Do not modify `x`. torch.log_softmax and its relatives are not allowed (logsumexp is fine).
"""
    forbidden = _LOG_SOFTMAX_FAMILY


TASKS: dict[str, Task] = {"softmax": SoftmaxTask(), "log_softmax": LogSoftmaxTask()}
