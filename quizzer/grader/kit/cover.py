"""Covering the input space by construction: memory layouts, and cases derived from others.

Every tensor input of a task is also given in layouts a kernel written for contiguous memory
gets wrong: transposed strides, a slice of a wider buffer (`dets[:, :4]`), channels-last where
it is 4-D, and expanded (stride 0) where the task builds one. The values never change, so the
reference's answer is the same; only code that assumes `.view` works, reads the storage
directly or writes through an alias can tell.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

import torch

from quizzer.grader.tasks.base import Case

Layout = Callable[[torch.Tensor], torch.Tensor]


def transposed(t: torch.Tensor) -> torch.Tensor:
    """The same values stored with the last two axes swapped in memory (a sliced 1-D tensor)."""
    if t.dim() < 2:
        return sliced(t)
    return t.transpose(-1, -2).contiguous().transpose(-1, -2)


def sliced(t: torch.Tensor) -> torch.Tensor:
    """The same values as a slice of a wider buffer whose other entries are NaN (or -1).

    A 1-D tensor becomes every other element; others the first columns of a buffer with one
    more column, like `dets[:, :4]` of an [N, 5] tensor.
    """
    fill = float("nan") if t.is_floating_point() else -1
    if t.dim() == 0:
        return t.clone()
    if t.dim() == 1:
        buffer = torch.full((2 * t.shape[0],), fill, dtype=t.dtype)
        buffer[::2] = t
        return buffer[::2]
    buffer = torch.full((*t.shape[:-1], t.shape[-1] + 1), fill, dtype=t.dtype)
    buffer[..., :-1] = t
    return buffer[..., :-1]


def channels_last(t: torch.Tensor) -> torch.Tensor:
    """The same values in channels-last (NHWC) memory order; other ranks are transposed."""
    if t.dim() != 4:
        return transposed(t)
    return t.contiguous(memory_format=torch.channels_last)


def expanded(t: torch.Tensor, dim: int = 0) -> torch.Tensor:
    """The first slice along `dim` repeated with stride 0 (the values change: build a case
    from it, do not re-lay an existing one)."""
    return t.narrow(dim, 0, 1).expand_as(t)


LAYOUTS: dict[str, Layout] = {"transposed": transposed, "sliced": sliced,
                              "channels-last": channels_last}


def relay(value: Any, layout: Layout, skip: Callable[[torch.Tensor], bool]) -> Any:
    """`value` with every tensor inside (lists, tuples, dicts too) put in `layout`."""
    if isinstance(value, torch.Tensor):
        return value if skip(value) else layout(value)
    if isinstance(value, dict):
        return {k: relay(v, layout, skip) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(relay(v, layout, skip) for v in value)
    return value


def _too_small(t: torch.Tensor) -> bool:
    return t.numel() < 2


def relaid(case: Case, layouts: Sequence[str] = ("transposed", "sliced", "channels-last"),
           ) -> list[Case]:
    """Copies of `case` with every tensor input in each layout (channels-last only when some
    input is 4-D), labelled with the layout."""
    four_d = any(t.dim() == 4 for t in _tensors((case.args, case.kwargs)))
    out = []
    for name in layouts:
        if name == "channels-last" and not four_d:
            continue
        layout = LAYOUTS[name]
        out.append(replace(case, name=f"{case.name}, inputs {name} in memory",
                           args=relay(case.args, layout, _too_small),
                           kwargs=relay(case.kwargs, layout, _too_small)))
    return out


def _tensors(value: Any) -> list[torch.Tensor]:
    if isinstance(value, torch.Tensor):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _tensors(v)]
    if isinstance(value, list | tuple):
        return [t for v in value for t in _tensors(v)]
    return []


def is_contiguous_everywhere(case: Case) -> bool:
    """True when every tensor input of `case` is plainly contiguous."""
    return all(t.is_contiguous() for t in _tensors((case.args, case.kwargs)))
