"""Comparison helpers shared by tasks: each returns None when equal, else a readable message."""

from __future__ import annotations

from typing import Any

import torch

from quizzer.grader.tasks.base import Unsupported


def describe(value: Any) -> str:
    """A short description of a value, for messages: `Tensor float32 (2, 3)`, `tuple`, ..."""
    if isinstance(value, torch.Tensor):
        return f"Tensor {str(value.dtype).removeprefix('torch.')} {tuple(value.shape)}"
    if isinstance(value, Unsupported):
        return value.type_name
    return type(value).__name__


def tensor_mismatch(
    got: Any, want: torch.Tensor, *, rtol: float, atol: float, what: str = "output"
) -> str | None:
    """Why `got` is not `want`: type, shape, dtype, NaN/inf pattern, then values."""
    if not isinstance(got, torch.Tensor):
        return f"{what} should be a torch.Tensor, got {describe(got)}"
    if got.shape != want.shape:
        return f"{what} shape: expected {tuple(want.shape)}, got {tuple(got.shape)}"
    if got.dtype != want.dtype:
        return f"{what} dtype: expected {want.dtype}, got {got.dtype}"
    got, want = got.detach().cpu(), want.detach().cpu()
    if want.is_floating_point():
        return _float_mismatch(got, want, rtol, atol, what)
    if not torch.equal(got, want):
        index = _first_index(got != want)
        return f"{what}{index}: expected {want[index].item()}, got {got[index].item()}"
    return None


def _float_mismatch(
    got: torch.Tensor, want: torch.Tensor, rtol: float, atol: float, what: str
) -> str | None:
    bad_nan = torch.isnan(got) != torch.isnan(want)
    if bad_nan.any():
        index = _first_index(bad_nan)
        return f"{what}{index}: expected {want[index].item()}, got {got[index].item()}"
    finite = torch.isfinite(want)
    inf_wrong = (~finite & ~torch.isnan(want)) & (got != want)
    if inf_wrong.any():
        index = _first_index(inf_wrong)
        return f"{what}{index}: expected {want[index].item()}, got {got[index].item()}"
    g, w = got.double(), want.double()
    close = ((g - w).abs() <= atol + rtol * w.abs()) | ~finite
    if close.all():
        return None
    error = ((g - w).abs() - rtol * w.abs()).masked_fill(close, 0)
    index = _first_index(error == error.max())
    expected, actual = _distinct(want[index].item(), got[index].item())
    return (
        f"{what}{index}: expected {expected}, got {actual} "
        f"(tolerance atol={atol:g}, rtol={rtol:g}; {int((~close).sum())} of {close.numel()} "
        "elements differ)"
    )


def _distinct(want: float, got: float) -> tuple[str, str]:
    """Both numbers with just enough digits (8 at least) to tell them apart."""
    for digits in range(8, 18):
        a, b = f"{want:.{digits}g}", f"{got:.{digits}g}"
        if a != b:
            return a, b
    return a, b


def _first_index(mask: torch.Tensor) -> tuple[int, ...]:
    return tuple(int(i) for i in torch.nonzero(mask)[0]) if mask.dim() else ()


def preview(t: torch.Tensor, limit: int = 6) -> str:
    """The first few values of a tensor, for 'on input ...' lines."""
    flat = t.detach().flatten()[:limit].tolist()
    more = ", ..." if t.numel() > limit else ""
    items = ", ".join(f"{v:.4g}" if isinstance(v, float) else str(v) for v in flat)
    return f"[{items}{more}]"
