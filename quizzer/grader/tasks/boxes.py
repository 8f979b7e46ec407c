"""Box tasks: pairwise IoU and greedy non-maximum suppression, with torchvision's semantics.

The references are written in float64 torch (torchvision is not a dependency) and proven against
hand-computed values in the tests (IoU 1/7 and 1/3, the catalog's NMS example).
"""

from __future__ import annotations

import itertools
from typing import Any

import torch

from quizzer.grader.kit.boxes import box_rows as _t
from quizzer.grader.kit.boxes import label as _label
from quizzer.grader.kit.boxes import random_boxes, reference_box_iou
from quizzer.grader.kit.contract import Contract, Param
from quizzer.grader.kit.cover import expanded, relaid
from quizzer.grader.kit.mismatch import Kind, Mismatch, describe, tensor_mismatch
from quizzer.grader.kit.seeds import rng, torch_generator
from quizzer.grader.kit.task import Declaration, KitTask, Variant
from quizzer.grader.kit.tolerance import Tolerance
from quizzer.grader.tasks.base import Case

__all__ = ["TASKS", "greedy_nms", "reference_box_iou", "reference_nms", "valid_tie_orders"]

# IoU values lie in [0, 1]; a float32 answer written another way (float64 inside, another order
# of products) differs by a few ulps, while every classic mistake (+1, no clamp, wrong union)
# moves some value by far more than 1e-4.
_TOLERANCE = {torch.float32: Tolerance(1e-5, 1e-6), torch.float64: Tolerance(1e-9, 1e-12),
              # float16 keeps 11 bits: an IoU computed in it is off by a few parts in 1e3.
              torch.float16: Tolerance(4e-3, 2e-3)}
# Random NMS cases keep every IoU at least this far from the threshold, so that float32 and
# float64 computations of the same pair never disagree about "greater than the threshold".
_MARGIN = 1e-4


def greedy_nms(iou: torch.Tensor, order: list[int], threshold: float) -> list[int]:
    """Visit `order`; keep a box unless its IoU with an already kept box is > threshold."""
    over = (iou.double() > threshold).tolist()
    suppressed = [False] * iou.shape[0]
    kept: list[int] = []
    for i in order:
        if not suppressed[i]:
            kept.append(i)
            suppressed = [s or o for s, o in zip(suppressed, over[i], strict=True)]
    return kept


def reference_nms(boxes: torch.Tensor, scores: torch.Tensor, threshold: float) -> list[int]:
    """torchvision.ops.nms on inputs without ties: kept indices by decreasing score."""
    values = scores.tolist()
    order = sorted(range(len(values)), key=lambda i: -values[i])
    return greedy_nms(reference_box_iou(boxes, boxes).double(), order, threshold)


def valid_tie_orders(
    boxes: torch.Tensor, scores: torch.Tensor, threshold: float
) -> set[tuple[int, ...]]:
    """Every NMS answer reachable by some order of the boxes that share a score."""
    iou = reference_box_iou(boxes, boxes).double()
    values = [float(v) for v in scores.tolist()]
    by_value: dict[float, list[int]] = {}
    for i, v in enumerate(values):
        by_value.setdefault(v, []).append(i)
    groups = [by_value[v] for v in sorted(by_value, reverse=True)]
    answers = set()
    for perms in itertools.product(*(itertools.permutations(g) for g in groups)):
        order = [i for perm in perms for i in perm]
        answers.add(tuple(greedy_nms(iou, order, threshold)))
    return answers


# --- box_iou -------------------------------------------------------------------------------

def _iou_fixed(seed: int) -> list[Case]:
    gen = torch_generator("box_iou", seed)
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
    r = rng("box_iou", seed)
    generated = _iou_coverage(gen) + [
        Case(f"random (n={n}, m={m}) scale {scale:g} float32",
             (random_boxes(gen, n, scale), random_boxes(gen, m, scale)),
             hint="compare with the worked examples: intersection clamped, union "
                  "= area1 + area2 - intersection")
        for n, m, scale in [(r.randint(5, 12), r.randint(5, 12), 30.0),
                            (r.randint(5, 12), r.randint(1, 4), 1000.0)]
    ]
    return fixed + generated


def _iou_coverage(gen: torch.Generator) -> list[Case]:
    """Signs, sizes, dtypes and memory layouts the worked cases leave out."""
    hint = "IoU = intersection / (area1 + area2 - intersection), with nothing clipped"
    base = Case("(6, 4) x (5, 4) float32", (random_boxes(gen, 6, 20.0),
                                              random_boxes(gen, 5, 20.0)), hint=hint)
    return [
        Case("negative coordinates (5, 4) x (4, 4) float32",
             (random_boxes(gen, 5, 40.0, origin=-30.0), random_boxes(gen, 4, 40.0, origin=-30.0)),
             hint="coordinates may be negative: do not clip boxes to the image (at 0)"),
        Case("float16 boxes (5, 4) x (6, 4)", (random_boxes(gen, 5, 60.0, torch.float16),
                                               random_boxes(gen, 6, 60.0, torch.float16)),
             hint="the output dtype follows the input, float16 included"),
        Case("one box each (1, 4) x (1, 4) float32",
             (random_boxes(gen, 1, 10.0), random_boxes(gen, 1, 10.0)), hint=hint),
        Case("300 x 200 boxes float32", (random_boxes(gen, 300, 500.0),
                                         random_boxes(gen, 200, 500.0)), hint=hint),
        Case("expanded: one box repeated with stride 0 (3, 4) x (4, 4) float32",
             (expanded(random_boxes(gen, 3, 10.0)), random_boxes(gen, 4, 10.0)), hint=hint),
        *relaid(base),
    ]


def _iou_with(b1: torch.Tensor, b2: torch.Tensor, *, plus: float = 0.0, eps: float = 0.0,
              clamp_each: bool = True, union: str = "sum") -> torch.Tensor:
    """IoU with one classic mistake switched on (for the misconception variants)."""
    a, b = b1.double(), b2.double()
    area1 = (a[:, 2] - a[:, 0] + plus) * (a[:, 3] - a[:, 1] + plus)
    area2 = (b[:, 2] - b[:, 0] + plus) * (b[:, 3] - b[:, 1] + plus)
    wh = torch.min(a[:, None, 2:], b[None, :, 2:]) - torch.max(a[:, None, :2], b[None, :, :2])
    wh = wh + plus
    inter = (wh.clamp(min=0)[..., 0] * wh.clamp(min=0)[..., 1] if clamp_each
             else (wh[..., 0] * wh[..., 1]).clamp(min=0))
    total = {"sum": area1[:, None] + area2[None, :] - inter,
             "first": area1[:, None].expand_as(inter),
             "no-overlap": area1[:, None] + area2[None, :]}[union]
    return (inter / (total + eps)).to(b1.dtype)


_IOU_VARIANTS = (
    Variant("the +1-pixel box convention (width = x2 - x1 + 1)",
            lambda b1, b2: _iou_with(b1, b2, plus=1.0),
            "coordinates are continuous (no +1 on widths): width = x2 - x1"),
    Variant("an overlap clamped after multiplying width by height",
            lambda b1, b2: _iou_with(b1, b2, clamp_each=False),
            "clamp the overlap width and height at 0 separately: two negative overlaps "
            "multiply to a positive area"),
    Variant("an epsilon added to the union",
            lambda b1, b2: _iou_with(b1, b2, eps=1e-6),
            "do not add an epsilon to the union: boxes have positive area, so it is never 0"),
    Variant("intersection over the first box's area",
            lambda b1, b2: _iou_with(b1, b2, union="first"),
            "divide by the union, union = area1 + area2 - intersection, not by one box's area"),
    Variant("a union that counts the overlap twice (area1 + area2)",
            lambda b1, b2: _iou_with(b1, b2, union="no-overlap"),
            "union = area1 + area2 - intersection: the overlap is in both areas"),
    Variant("the transposed matrix [M, N]", lambda b1, b2: reference_box_iou(b1, b2).T,
            "the output is [N, M]: rows follow boxes1, columns boxes2"),
)


def _iou_compare(got: Any, want: torch.Tensor, case: Case) -> Mismatch | None:
    return tensor_mismatch(got, want, _TOLERANCE[want.dtype], what="iou")


def _iou_where(case: Case) -> str:
    return f"on boxes1 {_label(case.args[0])}, boxes2 {_label(case.args[1])}"


BOX_IOU = Declaration(
    name="box_iou",
    contract=Contract(
        (Param("boxes1"), Param("boxes2")),
        """
Pairwise intersection over union, as torchvision.ops.box_iou.

boxes1 is [N, 4] and boxes2 is [M, 4], floating point, each row (x1, y1, x2, y2) with
x1 < x2 and y1 < y2 (continuous coordinates: no +1 pixel convention).
out[i, j] = IoU(boxes1[i], boxes2[j]). Boxes that do not overlap (or only touch) give 0.
Empty inputs give [0, M] or [N, 0].""",
        "an [N, M] torch.Tensor of the input dtype",
        forbidden=("torchvision.ops.box_iou", "torchvision.ops.boxes.box_iou")),
    reference=reference_box_iou,
    compare=_iou_compare,
    cases=_iou_fixed,
    hints={Kind.DTYPE: "the output dtype follows the input: do not call .float() or "
                       ".double() on the result",
           Kind.SHAPE: "the output is pairwise [N, M], rows for boxes1 and columns for boxes2: "
                       "broadcast boxes1[:, None] against boxes2[None, :]"},
    variants=_IOU_VARIANTS,
    tolerance=lambda case: _TOLERANCE[case.args[0].dtype],
    error_hints=(("must match the size", "the output is pairwise [N, M]: broadcast "
                  "boxes1[:, None] against boxes2[None, :], not element-wise"),),
    where=_iou_where,
)


# --- nms -----------------------------------------------------------------------------------

def _nms_fixed() -> list[Case]:
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


def _nms_random(seed: int) -> list[Case]:
    gen, r = torch_generator("nms", seed), rng("nms", seed)
    result = []
    sizes = [(r.randint(8, 15), 0.5), (r.randint(20, 40), r.uniform(0.3, 0.7)),
             (r.randint(20, 40), r.uniform(0.3, 0.7))]
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


def _clustered_boxes(gen: torch.Generator, n: int, threshold: float, *,
                     dtype: torch.dtype = torch.float32, origin: float = 0.0,
                     margin: float = _MARGIN) -> torch.Tensor:
    """Jittered copies of a few boxes (so chains form), each IoU at least `margin` away from
    the threshold: boxes too close to another are jittered again."""
    centres = random_boxes(gen, max(2, n // 5), 100.0, torch.float64, origin=origin)
    pick = torch.randint(0, len(centres), (n,), generator=gen)
    boxes = centres[pick].clone()
    redo = torch.ones(n, dtype=torch.bool)
    while bool(redo.any()):
        size = (centres[pick, 2:] - centres[pick, :2]).repeat(1, 2)
        jitter = (torch.rand(n, 4, generator=gen, dtype=torch.float64) - 0.5) * 0.5 * size
        boxes[redo] = (centres[pick] + jitter)[redo]
        boxes[:, 2:] = torch.maximum(boxes[:, 2:], boxes[:, :2] + 0.5)
        boxes = boxes.to(dtype).double()
        close = (reference_box_iou(boxes, boxes) - threshold).abs() <= margin
        redo = torch.triu(close, diagonal=1).any(dim=0)
    return boxes.to(dtype)


def _nms_coverage(gen: torch.Generator, r: Any) -> list[Case]:
    """Sizes beyond any cap, negative scores and coordinates, float16 and memory layouts."""
    hint = ("sort by score, then keep a box unless it overlaps a kept box by more than the "
            "threshold; return every survivor")
    grid = torch.tensor([[10.0 * (k % 20), 10.0 * (k // 20), 10.0 * (k % 20) + 8,
                          10.0 * (k // 20) + 8] for k in range(320)])
    n = r.randint(300, 340)
    dets = torch.cat([_clustered_boxes(gen, 12, 0.5), _distinct_scores(gen, 12)[:, None]], 1)
    base = Case("random clusters (12, 4) float32, threshold 0.5",
                (_clustered_boxes(gen, 12, 0.5), _distinct_scores(gen, 12), 0.5), hint=hint)
    return [
        Case("320 disjoint boxes: all kept (320, 4) float32",
             (grid, _distinct_scores(gen, 320), 0.5),
             hint="no cap on the number of kept boxes (no top_k, no max_det)"),
        Case(f"random clusters ({n}, 4) float32, threshold 0.6",
             (_clustered_boxes(gen, n, 0.6), _distinct_scores(gen, n), 0.6),
             hint="no cap on the number of boxes visited or kept (no top_k, no max_det)"),
        Case("negative scores (15, 4) float32, threshold 0.4",
             (_clustered_boxes(gen, 15, 0.4), _distinct_scores(gen, 15) - 1.0, 0.4),
             hint="scores may be negative: no 0 sentinel for suppressed boxes"),
        Case("negative coordinates (15, 4) float32, threshold 0.5",
             (_clustered_boxes(gen, 15, 0.5, origin=-120.0), _distinct_scores(gen, 15), 0.5),
             hint="coordinates may be negative: do not clip boxes at 0"),
        Case("float16 boxes and scores, IoUs 0.01 from the threshold 0.5 (16, 4)",
             (_clustered_boxes(gen, 16, 0.5, dtype=torch.float16, margin=0.01),
              _distinct_scores(gen, 16).half(), 0.5),
             hint="indices are int64 whatever the box dtype; compare IoU > threshold"),
        Case("boxes and scores sliced from one (12, 5) dets tensor, threshold 0.5",
             (dets[:, :4], dets[:, 4], 0.5), hint=hint),
        *relaid(base, ("transposed",)),
    ]


def _distinct_scores(gen: torch.Generator, n: int) -> torch.Tensor:
    """n distinct scores in (0, 1) in random order (distinct in float16 too for n < 500)."""
    return ((torch.randperm(n, generator=gen).double() + 0.5) / n).float()


def _nms(boxes: torch.Tensor, scores: torch.Tensor, iou_threshold: float) -> torch.Tensor:
    return torch.tensor(reference_nms(boxes, scores, iou_threshold), dtype=torch.int64)


def _nms_compare(got: Any, want: torch.Tensor, case: Case) -> Mismatch | None:
    boxes, scores, threshold = case.args[:3]
    if not isinstance(got, torch.Tensor):
        return Mismatch(Kind.TYPE, "output should be a torch.Tensor of int64 indices, got "
                        f"{describe(got)}")
    if got.dtype != torch.int64:
        return Mismatch(Kind.DTYPE, f"output dtype: expected torch.int64 indices, got {got.dtype}")
    if got.dim() != 1:
        return Mismatch(Kind.SHAPE, f"output should be 1-D, got shape {tuple(got.shape)}")
    kept = got.tolist()
    if tuple(kept) in valid_tie_orders(boxes, scores, threshold):
        return None
    wanted = want.tolist()
    if sorted(kept) == sorted(wanted):
        return Mismatch(Kind.ORDER, f"kept the right boxes in the wrong order: expected {wanted} "
                        f"(by decreasing score), got {kept}")
    return Mismatch(Kind.VALUE, f"kept indices: expected {wanted}, got {kept}")


def _greedy_variant(*, strict: bool = True, against: str = "kept", order: str = "score",
                    plus: float = 0.0) -> Any:
    """NMS with one classic mistake switched on (for the misconception variants)."""
    def variant(boxes: torch.Tensor, scores: torch.Tensor, iou_threshold: float) -> torch.Tensor:
        iou = _iou_with(boxes, boxes, plus=plus).double()
        over = (iou > iou_threshold if strict else iou >= iou_threshold).tolist()
        values = scores.tolist()
        n = len(values)
        ranked = sorted(range(n), key=lambda i: -values[i])
        visit = {"score": ranked, "input": list(range(n)), "ascending": ranked[::-1]}[order]
        kept: list[int] = []
        for position, i in enumerate(visit):
            pool = {"kept": kept, "first": kept[:1], "all": visit[:position]}[against]
            if not any(over[i][k] for k in pool):
                kept.append(i)
        return torch.tensor(kept, dtype=torch.int64)
    return variant


_NMS_VARIANTS = (
    Variant("suppression at IoU >= threshold", _greedy_variant(strict=False),
            "suppress only when IoU > threshold (strictly): equal IoU is kept"),
    Variant("comparison with every earlier box, suppressed ones too", _greedy_variant(
        against="all"), "compare only with KEPT boxes: a suppressed box suppresses nothing"),
    Variant("comparison with the first kept box only", _greedy_variant(against="first"),
            "check overlap against all kept boxes, not only the first kept box"),
    Variant("boxes visited in input order, not by score", _greedy_variant(order="input"),
            "sort by score first and return indices into the input, best first"),
    Variant("boxes visited by increasing score", _greedy_variant(order="ascending"),
            "visit the boxes by decreasing score"),
    Variant("the +1-pixel box convention", _greedy_variant(plus=1.0),
            "no +1 pixel convention: widths are x2 - x1"),
)


NMS = Declaration(
    name="nms",
    contract=Contract(
        (Param("boxes"), Param("scores"), Param("iou_threshold")),
        """
Greedy non-maximum suppression, as torchvision.ops.nms.

boxes is [N, 4] floating point (x1, y1, x2, y2) with x1 < x2, y1 < y2 (no +1 convention);
scores is [N]; iou_threshold is a float. Visit the boxes in decreasing score order; drop a
box when its IoU with an already KEPT box is strictly greater than iou_threshold (IoU equal
to the threshold is kept). Indices point into the input, in decreasing score order. Empty
input gives an empty int64 tensor. When scores tie, any order of the tied boxes is
accepted.""",
        "a 1-D torch.Tensor of int64 indices",
        forbidden=("torchvision.ops.nms", "torchvision.ops.batched_nms",
                   "torchvision.ops.boxes.nms", "torchvision.ops.boxes.batched_nms",
                   "torch.ops.torchvision.nms")),
    reference=_nms,
    compare=_nms_compare,
    cases=lambda seed: (_nms_fixed() + _nms_coverage(torch_generator("nms", -1), rng("nms", -1))
                        + _nms_random(seed)),
    hints={Kind.DTYPE: "indices are int64 whatever the box dtype: "
                       "torch.tensor(keep, dtype=torch.int64)"},
    variants=_NMS_VARIANTS,
    where=lambda case: f"on boxes {_label(case.args[0])}, iou_threshold={case.args[2]:g}",
)

TASKS: dict[str, KitTask] = {"box_iou": KitTask(BOX_IOU), "nms": KitTask(NMS)}
