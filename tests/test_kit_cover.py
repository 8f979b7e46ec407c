"""The layouts keep every value and change the memory; every task's cases use them."""

from __future__ import annotations

import pytest
import torch

from quizzer.core.catalog import TASK_NAMES
from quizzer.grader.kit.cover import channels_last, expanded, relaid, sliced, transposed
from quizzer.grader.tasks import load_task
from quizzer.grader.tasks.base import Case


@pytest.mark.parametrize("layout", [transposed, sliced, channels_last])
@pytest.mark.parametrize("shape", [(5,), (3, 4), (2, 3, 4), (2, 3, 4, 5)])
def test_layouts_keep_values_and_break_contiguity(layout: object, shape: tuple[int, ...]) -> None:
    t = torch.randn(shape)
    moved = layout(t)  # type: ignore[operator]
    assert torch.equal(moved, t) and moved.dtype == t.dtype
    assert not moved.is_contiguous()


def test_a_sliced_view_hides_nan_in_its_buffer_and_view_fails() -> None:
    t = torch.randn(6, 4)
    moved = sliced(t)
    assert moved.stride() == (5, 1)
    with pytest.raises(RuntimeError):
        moved.view(-1)


def test_expanded_has_stride_zero_and_refuses_in_place_writes() -> None:
    t = expanded(torch.randn(3, 4))
    assert t.stride()[0] == 0
    with pytest.raises(RuntimeError):
        t.add_(1)


def test_relaid_relays_tensors_inside_dicts_and_lists() -> None:
    scene = ([{"boxes": torch.rand(3, 4), "labels": torch.arange(3)}],)
    copies = relaid(Case("scene", scene), ("sliced",))
    image = copies[0].args[0][0]
    assert not image["boxes"].is_contiguous() and not image["labels"].is_contiguous()
    assert torch.equal(image["labels"], torch.arange(3))


def _tensors(value: object) -> list[torch.Tensor]:
    if isinstance(value, torch.Tensor):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _tensors(v)]
    if isinstance(value, list | tuple):
        return [t for v in value for t in _tensors(v)]
    return []


TENSOR_TASKS = [t for t in TASK_NAMES if "size" not in t and t != "receptive_field"]


@pytest.mark.parametrize("name", TENSOR_TASKS)
def test_every_tensor_task_has_non_contiguous_and_empty_or_single_cases(name: str) -> None:
    cases = load_task(name).cases(0)
    layouts = [c for c in cases if any(not t.is_contiguous() for t in _tensors(c.args)
                                       + _tensors(c.kwargs))]
    assert len(layouts) >= 2, name
    sizes = {t.shape[0] for c in cases for t in _tensors(c.args)[:1] if t.dim()}
    assert sizes & {0, 1}, name
