"""Detection scenes for the mAP tasks: hand-built examples and seeded random images.

A scene is `(preds, targets)`: one dict per image, `{"boxes", "scores", "labels"}` for
predictions and `{"boxes", "labels"}` for ground truth, boxes (x1, y1, x2, y2) in float32.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

import torch

from quizzer.grader.kit.boxes import random_boxes, reference_box_iou

Image = dict[str, torch.Tensor]
Scene = tuple[list[Image], list[Image]]
Rows = Sequence[Sequence[float]]
# Generated scenes keep every IoU this far from each threshold, so float32 and float64 IoUs
# never disagree on a match.
MARGIN = 1e-4


def make_pred(boxes: Rows, scores: Sequence[float], labels: Sequence[int]) -> Image:
    return {
        "boxes": torch.tensor(boxes, dtype=torch.float32).reshape(-1, 4),
        "scores": torch.tensor(scores, dtype=torch.float32),
        "labels": torch.tensor(labels, dtype=torch.int64),
    }


def make_target(boxes: Rows, labels: Sequence[int]) -> Image:
    return {
        "boxes": torch.tensor(boxes, dtype=torch.float32).reshape(-1, 4),
        "labels": torch.tensor(labels, dtype=torch.int64),
    }


def far_box(k: int) -> list[float]:
    """A box far from everything else, for false positives."""
    return [200.0 + 20 * k, 200.0, 210.0 + 20 * k, 210.0]


def worked_example() -> Scene:
    """Ranked [TP, FP, TP, TP, FP] against 4 ground-truth boxes (all IoUs exactly 1 or 0)."""
    gts: list[list[float]] = [[0, 0, 10, 10], [20, 0, 30, 10], [40, 0, 50, 10], [60, 0, 70, 10]]
    dets = [gts[0], far_box(0), gts[1], gts[2], far_box(1)]
    return [make_pred(dets, [0.9, 0.8, 0.7, 0.6, 0.5], [0] * 5)], [make_target(gts, [0] * 4)]


def fallback_example() -> Scene:
    """The second detection's best box is taken; another box still overlaps it by 0.74."""
    gts = [[0, 0, 10, 10], [2, 0, 12, 10]]
    dets: Rows = [[0, 0, 10, 10], [0.5, 0, 10.5, 10]]
    return [make_pred(dets, [0.9, 0.8], [1, 1])], [make_target(gts, [1, 1])]


def duplicate_example() -> Scene:
    """Two detections of the first object, then one of the second."""
    gts = [[0, 0, 10, 10], [20, 0, 30, 10]]
    dets: Rows = [[0, 0, 10, 10], [0.2, 0, 10.2, 10], [20, 0, 30, 10]]
    return [make_pred(dets, [0.9, 0.8, 0.7], [0, 0, 0])], [make_target(gts, [0, 0])]


def class_mix_example() -> Scene:
    """Class 0 as in the duplicate example; classes 1, 3 never detected; 2 only predicted."""
    preds, targets = duplicate_example()
    pred = preds[0]
    preds = [make_pred(pred["boxes"].tolist() + [[50, 50, 60, 60]],
                       pred["scores"].tolist() + [0.95], pred["labels"].tolist() + [2])]
    gts = targets[0]["boxes"].tolist() + [[70, 70, 80, 80], [90, 0, 99, 9]]
    return preds, [make_target(gts, [0, 0, 1, 3])]


def multi_image_example() -> Scene:
    """Three images whose global score order differs from image-by-image order."""
    targets = [make_target([[0, 0, 10, 10]], [0]),
               make_target([[0, 0, 10, 10], [20, 0, 30, 10]], [0, 0]), make_target([], [])]
    preds = [
        make_pred([far_box(0), [0, 0, 10, 10]], [0.9, 0.4], [0, 0]),
        make_pred([[0, 0, 10, 10], [20, 0, 30, 10], far_box(1)], [0.8, 0.3, 0.2], [0, 0, 0]),
        make_pred([far_box(2)], [0.6], [0]),
    ]
    return preds, targets


def random_scene(
    gen: torch.Generator, rng: random.Random, thresholds: tuple[float, ...]
) -> Scene:
    """A few images and classes with jittered, duplicate and stray detections."""
    while True:
        preds, targets = _scene_once(gen, rng, rng.randint(2, 4), 3)
        counts = [sum(int((t["labels"] == c).sum()) for t in targets) for c in range(3)]
        # Recall k/n must not land next to a grid point 0.01*i other than exact quarters:
        # class sizes that are multiples of 5 would make float rounding decide the answer.
        if sum(counts) and all(n % 5 for n in counts if n) and clear_of(preds, targets, thresholds):
            return preds, targets


def _scene_once(
    gen: torch.Generator, rng: random.Random, n_images: int, n_classes: int
) -> Scene:
    preds, targets = [], []
    for _ in range(n_images):
        gt = _with_neighbours(random_boxes(gen, rng.randint(0, 5), 100.0, torch.float64), rng)
        gt_labels = [rng.randrange(n_classes) for _ in range(len(gt))]
        for i in range(len(gt) - 1):  # a neighbour usually shares its object's class
            if _overlap(gt[i], gt[i + 1]) and rng.random() < 0.8:
                gt_labels[i + 1] = gt_labels[i]
        boxes, labels = [], []
        for box, label in zip(gt.tolist(), gt_labels, strict=True):
            for _ in range(rng.choice([0, 1, 1, 1, 2])):
                spread = rng.uniform(0.01, 0.12) * max(box[2] - box[0], box[3] - box[1])
                shift = [rng.gauss(0, spread) for _ in range(4)]
                moved = [v + s for v, s in zip(box, shift, strict=True)]
                moved[2:] = [max(moved[2], moved[0] + 1), max(moved[3], moved[1] + 1)]
                boxes.append(moved)
                labels.append(label if rng.random() > 0.1 else rng.randrange(n_classes))
        for extra in random_boxes(gen, rng.randint(0, 2), 100.0, torch.float64).tolist():
            boxes.append(extra)
            labels.append(rng.randrange(n_classes))
        preds.append((boxes, labels))
        targets.append(make_target(gt.tolist(), gt_labels))
    total = sum(len(b) for b, _ in preds)
    scores = ((torch.randperm(total, generator=gen).double() + 0.5) / total).tolist()
    out, start = [], 0
    for boxes, labels in preds:
        out.append(make_pred(boxes, scores[start:start + len(boxes)], labels))
        start += len(boxes)
    return out, targets


def _with_neighbours(gt: torch.Tensor, rng: random.Random) -> torch.Tensor:
    """Add a shifted copy next to some boxes: crowded objects make the matching rules differ."""
    rows = []
    for box in gt.tolist():
        rows.append(box)
        if rng.random() < 0.4:
            dx = rng.uniform(0.15, 0.35) * (box[2] - box[0])
            dy = rng.uniform(-0.1, 0.1) * (box[3] - box[1])
            rows.append([box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy])
    return torch.tensor(rows, dtype=torch.float64).reshape(-1, 4)


def _overlap(a: torch.Tensor, b: torch.Tensor) -> bool:
    return bool(reference_box_iou(a[None], b[None])[0, 0] > 0)


def clear_of(preds: list[Image], targets: list[Image], thresholds: tuple[float, ...]) -> bool:
    """True when no same-class IoU lies within MARGIN of a threshold."""
    for pred, target in zip(preds, targets, strict=True):
        if len(pred["boxes"]) == 0 or len(target["boxes"]) == 0:
            continue
        iou = reference_box_iou(pred["boxes"].double(), target["boxes"].double())
        same = pred["labels"][:, None] == target["labels"][None, :]
        for t in thresholds:
            if bool((((iou - t).abs() < MARGIN) & same).any()):
                return False
        # Two boxes equally close to one detection: which one it takes is up to the
        # implementation (pycocotools takes the later one), so generated scenes have no ties.
        close = (iou[:, :, None] - iou[:, None, :]).abs() < MARGIN
        pairs = same[:, :, None] & same[:, None, :] & (iou[:, :, None] > 0)
        if bool((close & pairs & ~torch.eye(iou.shape[1], dtype=torch.bool)).any()):
            return False
    return True


def exact_half() -> Scene:
    """One detection whose IoU with the only ground-truth box is exactly 0.5."""
    return [make_pred([[0, 0, 2, 1]], [0.9], [0])], [make_target([[0, 0, 1, 1]], [0])]


def no_detections() -> Scene:
    """Two images, one ground-truth box, nothing detected."""
    empty = make_pred([], [], [])
    return [empty, make_pred([], [], [])], [make_target([[0, 0, 5, 5]], [0]), make_target([], [])]


def many_detections() -> Scene:
    """100 stray detections outscore three perfect ones, which maxDets=100 therefore drops."""
    gts: list[list[float]] = [[0, 0, 10, 10], [20, 0, 30, 10], [40, 0, 50, 10]]
    stray = [[float(5 * (k % 20)), 100.0 + 5 * (k // 20), 5 * (k % 20) + 4.0, 104.0 + 5 * (k // 20)]
             for k in range(100)]
    scores = [0.99 - 0.005 * k for k in range(100)] + [0.3, 0.2, 0.1]
    return [make_pred(stray + gts, scores, [0] * 103)], [make_target(gts, [0] * 3)]


def max_dets_boundary() -> Scene:
    """maxDets=100 per image and class, exactly at the boundary.

    Image 0, class 0: 99 strays, then a true positive ranked 100th (kept) and one ranked 101st
    (dropped); class 1: one true positive, the image's 102nd detection (kept: the cap is per
    class). Image 1: one true positive scored below all of image 0's class-0 detections (kept:
    the cap is per image, not over the whole data set).
    """
    gts: list[list[float]] = [[0, 0, 10, 10], [20, 0, 30, 10]]
    stray = [[float(5 * (k % 20)), 100.0 + 5 * (k // 20), 5 * (k % 20) + 4.0, 104.0 + 5 * (k // 20)]
             for k in range(99)]
    scores = [0.99 - 0.005 * k for k in range(99)] + [0.4, 0.3]
    image0 = make_pred(stray + gts + [[40, 0, 50, 10]], [*scores, 0.2], [0] * 101 + [1])
    image1 = make_pred([[0, 0, 10, 10]], [0.25], [0])
    targets = [make_target([*gts, [40, 0, 50, 10]], [0, 0, 1]), make_target([[0, 0, 10, 10]], [0])]
    return [image0, image1], targets



def plus_one_trap() -> Scene:
    """IoU 0.45 with continuous coordinates; a +1-pixel convention makes it 0.63 (a match)."""
    return ([make_pred([[0, 0, 2, 0.9], [10, 10, 12, 12]], [0.9, 0.8], [0, 0])],
            [make_target([[0, 0, 2, 2], [10, 10, 12, 12]], [0, 0])])


def undetected_image() -> Scene:
    """The second image has an object but no detection at all: it still counts in recall."""
    preds = [make_pred([[0, 0, 10, 10]], [0.9], [0]), make_pred([], [], [])]
    return preds, [make_target([[0, 0, 10, 10]], [0]), make_target([[5, 5, 15, 15]], [0])]


def negative_scene() -> Scene:
    """Negative coordinates and negative scores, in an order that is not the score order."""
    gts = [[-50, -40, -30, -20], [-10, -10, 5, 5], [20, -30, 40, -5]]
    dets = [[-10, -10, 5, 5], [-50, -40, -30, -20], [100, 100, 110, 110], [21, -30, 40, -5],
            [-49, -40, -30, -21]]
    scores = [-0.5, -0.2, -0.1, -0.9, -0.3]
    return [make_pred(dets, scores, [0, 0, 0, 1, 0])], [make_target(gts, [0, 0, 1])]


def ten_box_class() -> Scene:
    """A class of 10 boxes: recall steps of exactly 0.1, on COCO's 101-point grid."""
    gts = [[20.0 * k, 0, 20.0 * k + 10, 10] for k in range(10)]
    hits = [True, True, False, True, True, True, False, True, False, True, True]
    dets, found = [], 0
    for k, hit in enumerate(hits):
        if hit:
            dets.append(gts[found])
            found += 1
        else:
            dets.append(far_box(k))
    scores = [0.95 - 0.05 * k for k in range(len(hits))]
    return [make_pred(dets, scores, [0] * len(dets))], [make_target(gts, [0] * 10)]


def crowded_scene(gen: torch.Generator, n_gt: int, n_stray: int, *, shuffled: bool) -> Scene:
    """One image: n_gt objects on a grid, each found once (exact copy) or by a box shifted to
    IoU 0.6 or 0.8, plus n_stray far detections, scores distinct, optionally not sorted."""
    gts = [[15.0 * (k % 10), 15.0 * (k // 10), 15.0 * (k % 10) + 10, 15.0 * (k // 10) + 10]
           for k in range(n_gt)]
    dets: list[list[float]] = []
    for k, box in enumerate(gts):
        shift = (0.0, 2.5, 10.0 / 9)[k % 3]  # IoU 1, 0.6, 0.8 with a 10-wide box
        if k % 4 != 3:
            dets.append([box[0] + shift, box[1], box[2] + shift, box[3]])
    dets += [[1000.0 + 12 * (k % 50), 1000.0 + 12 * (k // 50), 1010.0 + 12 * (k % 50),
              1010.0 + 12 * (k // 50)] for k in range(n_stray)]
    n = len(dets)
    scores = ((torch.randperm(n, generator=gen).double() + 0.5) / n).tolist()
    if not shuffled:
        order = sorted(range(n), key=lambda i: -scores[i])
        dets, scores = [dets[i] for i in order], [scores[i] for i in order]
    labels = [0] * n
    return [make_pred(dets, scores, labels)], [make_target(gts, [0] * n_gt)]
