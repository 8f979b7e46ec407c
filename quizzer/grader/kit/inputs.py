"""Exact comparison of a case's inputs with what the learner's function left in them.

"Unchanged" means bit for bit: same types, shapes and dtypes, and the same bytes in every
element, so NaN, -0.0 and +-inf written over another value (even over another NaN payload)
all count as a change.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import torch

_SAME_WIDTH_INT = {1: torch.uint8, 2: torch.int16, 4: torch.int32, 8: torch.int64}


def _bits(t: torch.Tensor) -> torch.Tensor:
    """The raw bits of `t` as an integer tensor of the same element width."""
    flat = t.detach().cpu().contiguous()
    if flat.dtype == torch.bool:
        return flat.to(torch.uint8)
    if flat.is_complex():
        flat = torch.view_as_real(flat)
    return flat.view(_SAME_WIDTH_INT[flat.element_size()])


def identical(before: Any, after: Any) -> bool:
    """True when `after` equals `before` exactly (tensors bit for bit), nested containers too."""
    if isinstance(before, torch.Tensor):
        return (isinstance(after, torch.Tensor) and before.shape == after.shape
                and before.dtype == after.dtype and torch.equal(_bits(before), _bits(after)))
    if isinstance(before, dict):
        return (isinstance(after, dict) and before.keys() == after.keys()
                and all(identical(before[k], after[k]) for k in before))
    if isinstance(before, list | tuple):
        return (isinstance(after, list | tuple) and len(before) == len(after)
                and all(identical(b, a) for b, a in zip(before, after, strict=True)))
    if isinstance(before, float) and isinstance(after, float):
        return repr(before) == repr(after)
    return bool(type(before) is type(after) and before == after)


def changed_inputs(
    names: Sequence[str], args: Sequence[Any], kwargs: dict[str, Any],
    args_after: Sequence[Any], kwargs_after: dict[str, Any], skip: frozenset[str] = frozenset(),
) -> list[str]:
    """The names of the inputs the call modified, in signature order (those in `skip` aside).

    When the sandbox sent nothing back for an input (no copy to compare), it counts as unchanged.
    """
    changed = []
    for position, value in enumerate(args):
        name = names[position] if position < len(names) else f"argument {position + 1}"
        if name not in skip and position < len(args_after) and not identical(
                value, args_after[position]):
            changed.append(name)
    for name, value in kwargs.items():
        if name not in skip and name in kwargs_after and not identical(value, kwargs_after[name]):
            changed.append(name)
    return changed
