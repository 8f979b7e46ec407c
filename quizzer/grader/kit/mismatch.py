"""Structured comparison results: what kind of difference, and a message saying where.

Hints are chosen by `Mismatch.kind`, never by reading the message text.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import torch

from quizzer.grader.kit.tolerance import Tolerance


class Kind(StrEnum):
    """The kinds of difference a judge reports; each task keys its hints on these."""

    TYPE = "type"
    """Not the type the contract names (a list for a tensor, a float for an int...)."""
    LENGTH = "length"
    """A tuple or list with the wrong number of items."""
    SHAPE = "shape"
    DTYPE = "dtype"
    SPECIAL = "special"
    """NaN or +-inf where the reference has none (or the other way round)."""
    VALUE = "value"
    """Numbers outside the tolerance."""
    ORDER = "order"
    """The right items in the wrong order."""
    MUTATED = "mutated"
    """An input the function must only read was modified."""
    NOT_UPDATED = "not-updated"
    """An input the function must update in place was left as it was."""
    UPDATE = "update"
    """An input updated in place holds the wrong values afterwards."""


@dataclass(frozen=True)
class Mismatch:
    """One difference between the learner's result and the reference."""

    kind: Kind
    message: str
    part: str = "output"
    """Which part of the result: `output`, `grad_x`, `running_var`..."""


def describe(value: Any) -> str:
    """A short description of a value, for messages: `Tensor float32 (2, 3)`, `tuple`, ..."""
    if isinstance(value, torch.Tensor):
        return f"Tensor {str(value.dtype).removeprefix('torch.')} {tuple(value.shape)}"
    type_name = getattr(value, "type_name", None)
    if isinstance(type_name, str):  # a value that could not travel back (numpy, a class...)
        return type_name
    if isinstance(value, dict) and isinstance(value.get("__unsupported__"), str):
        return str(value["__unsupported__"])
    return type(value).__name__


def tensor_mismatch(got: Any, want: torch.Tensor, tol: Tolerance,
                    what: str = "output") -> Mismatch | None:
    """Why `got` is not `want`: type, shape, dtype, NaN/inf pattern, then values."""
    if not isinstance(got, torch.Tensor):
        return Mismatch(Kind.TYPE, f"{what} should be a torch.Tensor, got {describe(got)}", what)
    if got.shape != want.shape:
        return Mismatch(Kind.SHAPE, f"{what} shape: expected {tuple(want.shape)}, got "
                        f"{tuple(got.shape)}", what)
    if got.dtype != want.dtype:
        return Mismatch(Kind.DTYPE, f"{what} dtype: expected {want.dtype}, got {got.dtype}", what)
    got, want = got.detach().cpu(), want.detach().cpu()
    if want.is_floating_point():
        return _float_mismatch(got, want, tol, what)
    if not torch.equal(got, want):
        index = _first_index(got != want)
        return Mismatch(Kind.VALUE, f"{what}{index}: expected {want[index].item()}, got "
                        f"{got[index].item()}", what)
    return None


def _float_mismatch(got: torch.Tensor, want: torch.Tensor, tol: Tolerance,
                    what: str) -> Mismatch | None:
    nonfinite = ~torch.isfinite(want)
    special = (torch.isnan(got) != torch.isnan(want)) | (
        nonfinite & ~torch.isnan(want) & (got != want))
    if special.any():
        index = _first_index(special)
        return Mismatch(Kind.SPECIAL, f"{what}{index}: expected {want[index].item()}, got "
                        f"{got[index].item()}", what)
    g, w = got.double(), want.double()
    close = ((g - w).abs() <= tol.atol + tol.rtol * w.abs()) | nonfinite
    if close.all():
        return None
    error = ((g - w).abs() - tol.rtol * w.abs()).masked_fill(close, 0)
    index = _first_index(error == error.max())
    expected, actual = _distinct(want[index].item(), got[index].item())
    return Mismatch(Kind.VALUE, (
        f"{what}{index}: expected {expected}, got {actual} (tolerance {tol}; "
        f"{int((~close).sum())} of {close.numel()} elements differ)"), what)


def float_mismatch(got: Any, want: float, atol: float, what: str = "output") -> Mismatch | None:
    """A Python float (a 0-d float tensor is accepted and read with .item()) within `atol`."""
    if isinstance(got, torch.Tensor) and got.dim() == 0 and got.is_floating_point():
        got = got.item()
    if isinstance(got, bool) or not isinstance(got, float | int):
        return Mismatch(Kind.TYPE, f"{what} should be a Python float, got {describe(got)}", what)
    if not abs(got - want) <= atol:
        return Mismatch(Kind.VALUE, f"{what}: expected {want:.7f}, got {got:.7f} "
                        f"(tolerance {atol:g})", what)
    return None


def close_to(got: Any, want: Any, tol: Tolerance) -> bool:
    """True when `got` equals `want` within `tol` (used to match misconception variants)."""
    if isinstance(want, torch.Tensor):
        return (isinstance(got, torch.Tensor) and got.shape == want.shape
                and tensor_mismatch(got.to(want.dtype), want, tol) is None)
    if isinstance(want, float):
        return float_mismatch(got, want, tol.atol) is None
    if isinstance(want, tuple | list):
        return (isinstance(got, tuple | list) and len(got) == len(want)
                and all(close_to(g, w, tol) for g, w in zip(got, want, strict=True)))
    return bool(got == want)


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
