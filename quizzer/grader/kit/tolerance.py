"""Tolerances: one spelling, `Tolerance(rtol, atol)`, chosen per dtype by each task."""

from __future__ import annotations

from dataclasses import dataclass

import torch


@dataclass(frozen=True)
class Tolerance:
    """|got - want| <= atol + rtol * |want|, element by element."""

    rtol: float
    atol: float

    def __str__(self) -> str:
        return f"atol={self.atol:g}, rtol={self.rtol:g}"

    def widened(self, scale: float) -> Tolerance:
        """The same rule with atol scaled by max(1, scale): for results that grow with input."""
        return Tolerance(self.rtol, self.atol * max(1.0, scale))


PerDtype = dict[torch.dtype, Tolerance]


def for_dtype(table: PerDtype, dtype: torch.dtype) -> Tolerance:
    """The task's tolerance for `dtype` (KeyError names a dtype the task does not grade)."""
    return table[dtype]
