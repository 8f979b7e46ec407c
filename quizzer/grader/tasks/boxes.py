"""Box tasks: pairwise IoU and greedy non-maximum suppression, with torchvision's semantics.

torchvision is not a dependency, so the references are written here in float64 torch and proven
against hand-computed values in the tests (IoU 1/7 and 1/3, the catalog's NMS example).
"""

from __future__ import annotations

import itertools
from typing import Any

import torch

from quizzer.core.result import Check
from quizzer.grader.tasks.base import Case, Outcome, Task
from quizzer.grader.tasks.compare import describe, tensor_mismatch

# IoU values lie in [0, 1]; a float32 answer written another way (float64 inside, another order
# of products) differs by a few ulps, while every classic mistake (+1, no clamp, wrong union)
# moves some value by far more than 1e-4.
_TOLERANCE = {torch.float32: (1e-5, 1e-6), torch.float64: (1e-9, 1e-12)}
# Random NMS cases keep every IoU at least this far from the threshold, so that float32 and
# float64 computations of the same pair never disagree about "greater than the threshold".
_MARGIN = 1e-4


def reference_box_iou(boxes1: torch.Tensor, boxes2: torch.Tensor) -> torch.Tensor:
    """torchvision.ops.box_iou: (x1, y1, x2, y2), no +1, overlap clamped at 0; [N, M]."""
    a, b = boxes1.double(), boxes2.double()
    area1 = (a[:, 2] - a[:, 0]) * (a[:, 3] - a[:, 1])
    area2 = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
    top_left = torch.max(a[:, None, :2], b[None, :, :2])
    bottom_right = torch.min(a[:, None, 2:], b[None, :, 2:])
    wh = (bottom_right - top_left).clamp(min=0)
    inter = wh[..., 0] * wh[..., 1]
    return (inter / (area1[:, None] + area2[None, :] - inter)).to(boxes1.dtype)


def greedy_nms(iou: torch.Tensor, order: list[int], threshold: float) -> list[int]:
    """Visit `order`; keep a box unless its IoU with an already kept box is > threshold."""
    kept: list[int] = []
    for i in order:
        if all(float(iou[i, k]) <= threshold for k in kept):
            kept.append(i)
    return kept


def reference_nms(boxes: torch.Tensor, scores: torch.Tensor, threshold: float) -> list[int]:
    """torchvision.ops.nms on inputs without ties: kept indices by decreasing score."""
    order = sorted(range(len(scores)), key=lambda i: -float(scores[i]))
    return greedy_nms(reference_box_iou(boxes, boxes).double(), order, threshold)


def valid_tie_orders(
    boxes: torch.Tensor, scores: torch.Tensor, threshold: float
) -> set[tuple[int, ...]]:
    """Every NMS answer reachable by some order of the boxes that share a score."""
    iou = reference_box_iou(boxes, boxes).double()
    groups = [
        [i for i in range(len(scores)) if float(scores[i]) == value]
        for value in sorted({float(s) for s in scores}, reverse=True)
    ]
    answers = set()
    for perms in itertools.product(*(itertools.permutations(g) for g in groups)):
        order = [i for perm in perms for i in perm]
        answers.add(tuple(greedy_nms(iou, order, threshold)))
    return answers


def mutation_message(case: Case, outcome: Outcome) -> str | None:
    """Why the learner's copies of the inputs no longer equal the case's inputs, if they don't."""
    if len(outcome.args_after) != len(case.args):
        return None  # the sandbox did not send the inputs back; nothing to compare
    for position, (before, after) in enumerate(zip(case.args, outcome.args_after, strict=True)):
        if not _same(before, after):
            return f"argument {position + 1} was modified in place; the function must not " \
                "change its inputs (work on copies)"
    return None


def _same(before: Any, after: Any) -> bool:
    if isinstance(before, torch.Tensor):
        return (
            isinstance(after, torch.Tensor)
            and before.shape == after.shape
            and before.dtype == after.dtype
            and bool(torch.equal(before, after))
        )
    if isinstance(before, dict):
        return (
            isinstance(after, dict)
            and before.keys() == after.keys()
            and all(_same(before[k], after[k]) for k in before)
        )
    if isinstance(before, list | tuple):
        return (
            isinstance(after, list | tuple)
            and len(before) == len(after)
            and all(_same(b, a) for b, a in zip(before, after, strict=True))
        )
    return bool(before == after)


def _generator(task: Task, seed: int) -> torch.Generator:
    return torch.Generator().manual_seed(task.rng(seed).randrange(2**62))


def random_boxes(
    gen: torch.Generator, n: int, scale: float, dtype: torch.dtype = torch.float32
) -> torch.Tensor:
    """`n` boxes with positive width and height inside [0, scale]^2."""
    corner = torch.rand(n, 2, generator=gen, dtype=torch.float64) * scale * 0.8
    size = (torch.rand(n, 2, generator=gen, dtype=torch.float64) * 0.3 + 0.02) * scale
    return torch.cat([corner, corner + size], dim=1).to(dtype)


def _t(rows: list[list[float]], dtype: torch.dtype = torch.float32) -> torch.Tensor:
    return torch.tensor(rows, dtype=dtype).reshape(-1, 4)


def _label(t: torch.Tensor) -> str:
    return f"{tuple(t.shape)} {str(t.dtype).removeprefix('torch.')}"


class BoxIou(Task):
    """Pairwise IoU of two sets of boxes."""

    name = "box_iou"
    signature = "def box_iou(boxes1, boxes2):"
    contract = """
Pairwise intersection over union, as torchvision.ops.box_iou.

boxes1 is [N, 4] and boxes2 is [M, 4], floating point, each row (x1, y1, x2, y2) with
x1 < x2 and y1 < y2 (continuous coordinates: no +1 pixel convention).
Return an [N, M] tensor of the input dtype: out[i, j] = IoU(boxes1[i], boxes2[j]).
Boxes that do not overlap (or only touch) give 0. Empty inputs give [0, M] or [N, 0].
Do not modify the inputs.
"""
    forbidden = ("torchvision.ops.box_iou", "torchvision.ops.boxes.box_iou")

    def cases(self, seed: int) -> list[Case]:
        gen = _generator(self, seed)
        fixed = [
            Case("touching and nested boxes (3, 4) x (2, 4) float32",
                 (_t([[0, 0, 1, 1], [1, 0, 2, 1], [0.25, 0.25, 0.75, 0.5]]),
                  _t([[0, 0, 1, 1], [0, 1, 1, 2]])),
                 hint="coordinates are continuous (no +1 on widths); touching boxes give 0, "
                      "identical ones 1; union = area1 + area2 - intersection"),
            Case("worked examples (2, 4) x (3, 4) float32: IoU 1/7 and 1/3",
                 (_t([[0, 0, 2, 2], [0, 0, 4, 2]]), _t([[1, 1, 3, 3], [1, 0, 3, 4], [0, 0, 2, 2]])),
                 hint="IoU = intersection / (area1 + area2 - intersection)"),
            Case("disjoint boxes on both axes (2, 4) x (2, 4) float32",
                 (_t([[0, 0, 1, 1], [5, 5, 6, 8]]), _t([[2, 2, 3, 3], [0, 6, 1, 9]])),
                 hint="clamp the overlap width and height at 0 separately: two negative "
                      "overlaps multiply to a positive area"),
            Case("non-square (3, 4) x (5, 4) float32",
                 (random_boxes(gen, 3, 10.0), random_boxes(gen, 5, 10.0)),
                 hint="the output is pairwise [N, M]: broadcast boxes1[:, None] against "
                      "boxes2[None, :], not element-wise or transposed"),
            Case("empty boxes1 (0, 4) x (3, 4) float32",
                 (_t([]), random_boxes(gen, 3, 10.0)),
                 hint="empty input must give an empty [0, M] result, not an error"),
            Case("empty boxes2 (2, 4) x (0, 4) float32",
                 (random_boxes(gen, 2, 10.0), _t([])),
                 hint="empty input must give an empty [N, 0] result, not an error"),
            Case("tiny boxes, sides about 0.01 (2, 4) x (2, 4) float32",
                 (_t([[0.0, 0.0, 0.01, 0.01], [0.02, 0.0, 0.03, 0.012]]),
                  _t([[0.005, 0.0, 0.015, 0.01], [0.02, 0.002, 0.03, 0.01]])),
                 hint="do not add an epsilon to the union: boxes have positive area, so the "
                      "union is never 0, and a 1e-6 epsilon is 1% of a 0.01 x 0.01 box"),
            Case("float64 input (4, 4) x (3, 4) keeps its dtype",
                 (random_boxes(gen, 4, 50.0, torch.float64),
                  random_boxes(gen, 3, 50.0, torch.float64)),
                 hint="the output dtype follows the input: don't call .float()"),
            Case("sub-pixel boxes (3, 4) x (4, 4) float32",
                 (random_boxes(gen, 3, 2.0), random_boxes(gen, 4, 2.0)),
                 hint="with continuous coordinates a +1 on widths changes everything"),
        ]
        rng = self.rng(seed)
        generated = [
            Case(f"random (n={n}, m={m}) scale {scale:g} float32",
                 (random_boxes(gen, n, scale), random_boxes(gen, m, scale)),
                 hint="compare with the worked examples: intersection clamped, union "
                      "= area1 + area2 - intersection")
            for n, m, scale in [(rng.randint(5, 12), rng.randint(5, 12), 30.0),
                                (rng.randint(5, 12), rng.randint(1, 4), 1000.0)]
        ]
        return fixed + generated

    def judge(self, case: Case, outcome: Outcome) -> Check:
        boxes1, boxes2 = case.args
        want = reference_box_iou(boxes1, boxes2)
        rtol, atol = _TOLERANCE[want.dtype]
        problem = tensor_mismatch(outcome.output, want, rtol=rtol, atol=atol, what="iou")
        problem = problem or mutation_message(case, outcome)
        if problem is None:
            return Check(case.name, True)
        where = f"on boxes1 {_label(boxes1)}, boxes2 {_label(boxes2)}"
        return Check(case.name, False, f"{problem} ({where})", case.hint)


class Nms(Task):
    """Greedy non-maximum suppression."""

    name = "nms"
    signature = "def nms(boxes, scores, iou_threshold):"
    contract = """
Greedy non-maximum suppression, as torchvision.ops.nms.

boxes is [N, 4] floating point (x1, y1, x2, y2) with x1 < x2, y1 < y2 (no +1 convention);
scores is [N]; iou_threshold is a float. Visit the boxes in decreasing score order; drop a
box when its IoU with an already KEPT box is strictly greater than iou_threshold (IoU equal
to the threshold is kept). Return a 1-D int64 tensor of the kept boxes' indices into the
input, in decreasing score order. Empty input gives an empty int64 tensor. When scores tie,
any order of the tied boxes is accepted. Do not modify the inputs, and do not call
torchvision's nms.
"""
    forbidden = (
        "torchvision.ops.nms",
        "torchvision.ops.batched_nms",
        "torchvision.ops.boxes.nms",
        "torchvision.ops.boxes.batched_nms",
        "torch.ops.torchvision.nms",
    )

    def cases(self, seed: int) -> list[Case]:
        return self._fixed_cases() + self._random_cases(seed)

    def _fixed_cases(self) -> list[Case]:
        catalog = _t([[0, 0, 10, 10], [1, 1, 11, 11], [0, 0, 10, 9], [20, 20, 30, 30],
                      [21, 21, 30, 31]])
        catalog_scores = torch.tensor([0.9, 0.8, 0.7, 0.6, 0.95])
        chain = _t([[0, 0, 10, 10], [3, 0, 13, 10], [6, 0, 16, 10], [40, 40, 50, 50]])
        return [
            Case("chain A-B-C: B suppressed, C overlaps B but not A (4 boxes) float32",
                 (chain, torch.tensor([0.9, 0.8, 0.7, 0.1]), 0.3),
                 hint="compare only with KEPT boxes: a suppressed box suppresses nothing"),
            Case("IoU exactly equal to the threshold 0.5 (2 boxes) float32",
                 (_t([[0, 0, 2, 1], [0, 0, 1, 1]]), torch.tensor([0.9, 0.8]), 0.5),
                 hint="suppress only when IoU > threshold (strictly): equal IoU is kept"),
            Case("top box far away, second kept box suppresses the third (3 boxes) float32",
                 (_t([[50, 50, 60, 60], [0, 0, 10, 10], [1, 0, 11, 10]]),
                  torch.tensor([0.9, 0.8, 0.7]), 0.5),
                 hint="check overlap against all kept boxes, not only the first kept box"),
            Case("sub-pixel boxes, threshold 0.5 (2 boxes) float32",
                 (_t([[0, 0, 1, 1], [0.5, 0, 1.5, 1]]), torch.tensor([0.6, 0.5]), 0.5),
                 hint="no +1 pixel convention: widths are x2 - x1"),
            Case("touching boxes, threshold 0.0 (3 boxes) float32",
                 (_t([[0, 0, 1, 1], [1, 0, 2, 1], [0.5, 0.5, 1.5, 1.5]]),
                  torch.tensor([0.3, 0.2, 0.1]), 0.0),
                 hint="touching boxes have IoU 0, which is not greater than 0"),
            Case("threshold 1.0 keeps everything, sorted (4 boxes) float32",
                 (_t([[0, 0, 1, 1], [0, 0, 1, 1], [2, 2, 3, 3], [0, 0, 1, 2]]),
                  torch.tensor([0.1, 0.4, 0.3, 0.2]), 1.0),
                 hint="IoU is never greater than 1: return every index, by decreasing score"),
            Case("unsorted scores, threshold 0.5 (5 boxes) float32", (catalog, catalog_scores, 0.5),
                 hint="sort by score first and return indices into the input, best first"),
            Case("unsorted scores, threshold 0.7 (5 boxes) float32", (catalog, catalog_scores, 0.7),
                 hint="a box is compared with every box kept so far, not only the top one"),
            Case("empty input (0, 4) float32", (_t([]), torch.zeros(0), 0.5),
                 hint="empty input gives an empty int64 tensor, not an error"),
            Case("single box (1, 4) float32", (_t([[1, 2, 3, 4]]), torch.tensor([0.3]), 0.5),
                 hint="return a 1-D int64 tensor even for one box"),
            Case("float64 boxes (4, 4)",
                 (_t([[0, 0, 4, 4], [0, 0, 4, 3], [2, 0, 6, 4], [5, 5, 6, 6]], torch.float64),
                  torch.tensor([0.5, 0.7, 0.6, 0.9], dtype=torch.float64), 0.6),
                 hint="indices are int64 whatever the box dtype"),
            Case("tied scores: any order of tied boxes accepted (5 boxes) float32",
                 (_t([[0, 0, 10, 10], [1, 0, 11, 10], [30, 0, 40, 10], [31, 0, 41, 10],
                      [60, 0, 70, 10]]), torch.tensor([0.8, 0.8, 0.5, 0.5, 0.5]), 0.5),
                 hint="with tied scores, break ties in any fixed way but still suppress"),
        ]

    def _random_cases(self, seed: int) -> list[Case]:
        gen, rng = _generator(self, seed), self.rng(seed)
        result = []
        sizes = [(rng.randint(8, 15), 0.5), (rng.randint(20, 40), rng.uniform(0.3, 0.7)),
                 (rng.randint(20, 40), rng.uniform(0.3, 0.7))]
        for n, threshold in sizes:
            threshold = round(threshold, 3)
            boxes = _clustered_boxes(gen, n, threshold)
            scores = (torch.randperm(n, generator=gen).double() + 0.5) / n
            result.append(Case(
                f"random clusters ({n}, 4) float32, threshold {threshold:g}",
                (boxes, scores.float(), threshold),
                hint="sort by score, then keep a box unless it overlaps a kept box by more "
                     "than the threshold"))
        return result

    def judge(self, case: Case, outcome: Outcome) -> Check:
        boxes, scores, threshold = case.args
        got = outcome.output
        problem = _index_problem(got)
        if problem is None:
            answers = valid_tie_orders(boxes, scores, threshold)
            if tuple(got.tolist()) not in answers:
                problem = _kept_problem(got.tolist(), reference_nms(boxes, scores, threshold))
        problem = problem or mutation_message(case, outcome)
        if problem is None:
            return Check(case.name, True)
        where = f"on boxes {_label(boxes)}, iou_threshold={threshold:g}"
        return Check(case.name, False, f"{problem} ({where})", case.hint)


def _index_problem(got: Any) -> str | None:
    if not isinstance(got, torch.Tensor):
        return f"output should be a torch.Tensor of int64 indices, got {describe(got)}"
    if got.dtype != torch.int64:
        return f"output dtype: expected torch.int64 indices, got {got.dtype}"
    if got.dim() != 1:
        return f"output should be 1-D, got shape {tuple(got.shape)}"
    return None


def _kept_problem(got: list[int], want: list[int]) -> str:
    if sorted(got) == sorted(want):
        return (f"kept the right boxes in the wrong order: expected {want} (by decreasing "
                f"score), got {got}")
    return f"kept indices: expected {want}, got {got}"


def _clustered_boxes(gen: torch.Generator, n: int, threshold: float) -> torch.Tensor:
    """Jittered copies of a few boxes (so chains form), away from IoU == threshold."""
    while True:
        centres = random_boxes(gen, max(2, n // 5), 100.0, torch.float64)
        pick = torch.randint(0, len(centres), (n,), generator=gen)
        size = (centres[pick, 2:] - centres[pick, :2]).repeat(1, 2)
        jitter = (torch.rand(n, 4, generator=gen, dtype=torch.float64) - 0.5) * 0.5 * size
        boxes = centres[pick] + jitter
        boxes[:, 2:] = torch.maximum(boxes[:, 2:], boxes[:, :2] + 0.5)
        boxes = boxes.float()
        iou = reference_box_iou(boxes.double(), boxes.double())
        if bool(((iou - threshold).abs() > _MARGIN).all()):
            return boxes


TASKS: dict[str, Task] = {"box_iou": BoxIou(), "nms": Nms()}
