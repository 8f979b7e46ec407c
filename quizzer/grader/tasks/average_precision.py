"""Detection metrics: VOC (2010+) mean average precision, and COCO mAP@[.50:.95] as pycocotools.

The VOC reference is written here in float64 Python and proven against the catalog's worked
example in the tests; the COCO reference is pycocotools itself, run in the trusted process.
"""

from __future__ import annotations

import contextlib
import io
from typing import Any

import pycocotools.coco
import pycocotools.cocoeval
import pycocotools.mask
import torch

from quizzer.core.result import Check
from quizzer.grader.tasks.base import Case, Outcome, Task
from quizzer.grader.tasks.boxes import mutation_message, reference_box_iou
from quizzer.grader.tasks.compare import describe
from quizzer.grader.tasks.detection_scenes import (
    Image,
    class_mix_example,
    duplicate_example,
    exact_half,
    fallback_example,
    make_pred,
    make_target,
    many_detections,
    max_dets_boundary,
    multi_image_example,
    no_detections,
    random_scene,
    worked_example,
)

# AP values lie in [0, 1]; float32 IoUs and float32 cumulative sums move a correct answer by
# well under 1e-6, while every classic mistake in the cases moves it by more than 1e-3.
_ATOL = 1e-5
COCO_THRESHOLDS = tuple(0.5 + 0.05 * i for i in range(10))

_FORMAT = """
preds is a list with one dict per image: {"boxes": [N, 4] float32 (x1, y1, x2, y2),
"scores": [N] float32, "labels": [N] int64}; targets is a list of the same length:
{"boxes": [M, 4], "labels": [M] int64}. Boxes use continuous coordinates (no +1).
At least one image has a ground-truth box; scores never tie, and no detection is equally
close to two ground-truth boxes. Do not modify the inputs.
"""


def reference_voc_map(preds: list[Image], targets: list[Image], iou_threshold: float) -> float:
    """VOC 2010+ all-point AP per class, averaged over classes with a ground-truth box."""
    classes = sorted({int(c) for t in targets for c in t["labels"].tolist()})
    aps = [_voc_class_ap(preds, targets, c, iou_threshold) for c in classes]
    return sum(aps) / len(aps)


def _voc_class_ap(preds: list[Image], targets: list[Image], cls: int, threshold: float) -> float:
    gts = [t["boxes"][t["labels"] == cls].double() for t in targets]
    matched = [[False] * len(g) for g in gts]
    dets = [
        (float(p["scores"][j]), i, p["boxes"][j].double())
        for i, p in enumerate(preds)
        for j in range(len(p["scores"]))
        if int(p["labels"][j]) == cls
    ]
    dets.sort(key=lambda d: -d[0])
    hits = []
    for _, image, box in dets:
        if len(gts[image]) == 0:
            hits.append(False)
            continue
        ious = reference_box_iou(box[None], gts[image])[0]
        best = int(torch.argmax(ious))
        hit = float(ious[best]) >= threshold and not matched[image][best]
        matched[image][best] = matched[image][best] or hit
        hits.append(hit)
    return all_point_ap(hits, sum(len(g) for g in gts))


def all_point_ap(hits: list[bool], num_gt: int) -> float:
    """Area under the monotone precision envelope of a ranked TP/FP list (VOC 2010+)."""
    recall, precision, tp = [0.0], [0.0], 0
    for rank, hit in enumerate(hits, start=1):
        tp += hit
        recall.append(tp / num_gt)
        precision.append(tp / rank)
    recall.append(1.0)
    precision.append(0.0)
    for i in range(len(precision) - 2, -1, -1):
        precision[i] = max(precision[i], precision[i + 1])
    return sum(
        (recall[i] - recall[i - 1]) * precision[i]
        for i in range(1, len(recall))
        if recall[i] != recall[i - 1]
    )


def reference_coco_map(preds: list[Image], targets: list[Image]) -> float:
    """pycocotools COCOeval(iouType="bbox").stats[0], with its console output silenced."""
    labels = {int(c) for image in (*preds, *targets) for c in image["labels"].tolist()}
    gt = {
        "images": [{"id": i + 1} for i in range(len(targets))],
        "categories": [{"id": c + 1} for c in sorted(labels)],
        "annotations": _coco_annotations(targets, with_scores=False),
    }
    detections = _coco_annotations(preds, with_scores=True)
    if not detections:
        return 0.0  # COCO.loadRes([]) raises; with no detection every class has AP 0
    with contextlib.redirect_stdout(io.StringIO()):
        coco_gt = pycocotools.coco.COCO()
        coco_gt.dataset = gt
        coco_gt.createIndex()
        coco_dt = coco_gt.loadRes(detections)
        evaluator = pycocotools.cocoeval.COCOeval(coco_gt, coco_dt, iouType="bbox")
        evaluator.evaluate()
        evaluator.accumulate()
        evaluator.summarize()
    return float(evaluator.stats[0])


def _coco_annotations(images: list[Image], with_scores: bool) -> list[dict[str, Any]]:
    """COCO records: bbox as (x, y, w, h), area w * h, iscrowd 0, category = label + 1."""
    records: list[dict[str, Any]] = []
    for i, image in enumerate(images):
        scores = image["scores"].tolist() if with_scores else [None] * len(image["labels"])
        for box, label, score in zip(image["boxes"].tolist(), image["labels"].tolist(), scores,
                                     strict=True):
            x1, y1, x2, y2 = box
            record: dict[str, Any] = {
                "image_id": i + 1, "category_id": label + 1, "bbox": [x1, y1, x2 - x1, y2 - y1],
                "area": (x2 - x1) * (y2 - y1), "iscrowd": 0, "id": len(records) + 1,
            }
            if with_scores:
                record["score"] = score
            records.append(record)
    return records


def _float_problem(got: Any, want: float) -> str | None:
    if isinstance(got, torch.Tensor) and got.dim() == 0 and got.is_floating_point():
        got = got.item()
    if isinstance(got, bool) or not isinstance(got, float | int):
        return f"output should be a Python float, got {describe(got)}"
    if not abs(got - want) <= _ATOL:
        return f"mAP: expected {want:.7f}, got {got:.7f} (tolerance {_ATOL:g})"
    return None


def _scene_label(preds: list[Image], targets: list[Image]) -> str:
    n_pred = sum(len(p["scores"]) for p in preds)
    n_gt = sum(len(t["labels"]) for t in targets)
    n_cls = len({int(c) for t in targets for c in t["labels"].tolist()})
    return f"{len(preds)} images, {n_pred} detections, {n_gt} ground-truth boxes in {n_cls} classes"


class _MapTask(Task):
    """Shared judging: one float compared with the reference within _ATOL."""

    def reference(self, case: Case) -> float:
        raise NotImplementedError

    def judge(self, case: Case, outcome: Outcome) -> Check:
        problem = _float_problem(outcome.output, self.reference(case))
        problem = problem or mutation_message(case, outcome)
        if problem is None:
            return Check(case.name, True)
        where = _scene_label(case.args[0], case.args[1])
        return Check(case.name, False, f"{problem} (on {where})", case.hint)


def _generator(task: Task, seed: int) -> torch.Generator:
    return torch.Generator().manual_seed(task.rng(seed).randrange(2**62))


class MeanAveragePrecision(_MapTask):
    """VOC 2010+ mAP at one IoU threshold."""

    name = "mean_average_precision"
    signature = "def mean_average_precision(preds, targets, iou_threshold=0.5):"
    contract = f"""
Mean average precision as the PASCAL VOC 2010+ devkit computes it; return a Python float.
{_FORMAT}
For each class: take all detections of that class from every image, sorted by decreasing
score. Each detection is matched to the ground-truth box of the same image and class with
the highest IoU; it is a true positive if that IoU >= iou_threshold and that box is not yet
matched (then mark it matched), otherwise a false positive (no fall-back to another box).
Recall = TP / number of ground-truth boxes of the class; precision = TP / detections so far.
AP = area under the precision envelope (precision made non-increasing in recall), summed
over every point where recall changes (all points, not 11).
mAP = mean of AP over the classes that have at least one ground-truth box; classes that
appear only in predictions are ignored. A class with boxes but no detection has AP 0.
"""

    def cases(self, seed: int) -> list[Case]:
        gen, rng = _generator(self, seed), self.rng(seed)
        fixed = [
            ("worked example [TP, FP, TP, TP, FP], 4 boxes", worked_example(),
             "AP is the all-point area under the precision envelope (0.625 here; 11-point "
             "interpolation gives 0.6136, no envelope 0.604)"),
            ("duplicate detection of one object", duplicate_example(),
             "each ground-truth box is matched at most once: a second detection is a false "
             "positive"),
            ("best box already matched, another box overlaps 0.74", fallback_example(),
             "VOC matches only the highest-IoU box: if it is taken the detection is a false "
             "positive, with no fall-back to the next box"),
            ("IoU exactly 0.5 at threshold 0.5", exact_half(),
             "a match needs IoU >= threshold, not >"),
            ("classes only predicted and classes never detected", class_mix_example(),
             "average over the classes with ground truth (a class without detections counts "
             "as 0); ignore classes that appear only in predictions"),
            ("three images, scores interleaved across images", multi_image_example(),
             "sort the detections of a class by score across all images, then compute one "
             "AP per class (not one per image)"),
            ("no detections at all", no_detections(),
             "no detection means AP 0 for every class, not an error"),
        ]
        cases = [Case(name, scene, hint=hint) for name, scene, hint in fixed]
        for i, threshold in enumerate((0.5, 0.5, 0.75)):
            scene = random_scene(gen, rng, (threshold,))
            kwargs = {} if i < 2 else {"iou_threshold": threshold}
            cases.append(Case(f"random scene ({_scene_label(*scene)}), iou_threshold {threshold}",
                              scene, kwargs, hint="sort per class across images, match to the "
                              "best-IoU box once, all-point envelope area, mean over classes"))
        return cases

    def reference(self, case: Case) -> float:
        threshold = float(case.kwargs.get("iou_threshold", 0.5))
        return reference_voc_map(case.args[0], case.args[1], threshold)


class CocoMap(_MapTask):
    """COCO mAP@[.50:.95] as pycocotools' COCOeval stats[0]."""

    name = "coco_map"
    signature = "def coco_map(preds, targets):"
    contract = f"""
COCO box mAP@[.50:.95], equal to pycocotools COCOeval(...).stats[0]; return a Python float.
{_FORMAT}
Every box is an ordinary object (iscrowd 0, area w * h, so all of them count in the "all"
area range). Per image and class keep the 100 highest-scoring detections (maxDets=100).
For each IoU threshold t in 0.50, 0.55, ..., 0.95 and each class: go through the detections
of each image by decreasing score; match each to the not-yet-matched ground-truth box of the
same image and class with the highest IoU >= t (a detection may fall back to the next
best box); unmatched detections are false positives. Then sort the class's detections from
all images by score, accumulate TP and FP, recall = TP / number of boxes of the class,
precision = TP / (TP + FP), make precision non-increasing in recall, and read it at the 101
recall points np.linspace(0, 1, 101), as pycocotools does (precision at the first point
whose recall >= r, or 0 if recall never reaches r; computing i / 100 instead can land a hair
off those points). AP = mean of those 101 values; the result is the mean over
the 10 thresholds and over the classes with at least one ground-truth box.
Do not use pycocotools: it is the reference your answer is compared with.
"""
    # The module imports these pycocotools submodules at its top: a sandboxed child is forked
    # from this process and can only replace attributes of modules that are already loaded.
    forbidden = (
        "pycocotools.cocoeval.COCOeval",
        "pycocotools.coco.COCO",
        "pycocotools.mask.iou",
        "pycocotools._mask.iou",
    )

    def cases(self, seed: int) -> list[Case]:
        gen, rng = _generator(self, seed), self.rng(seed)
        partial = ([make_pred([[0, 0, 10, 7.2]], [0.9], [0])], [make_target([[0, 0, 10, 10]], [0])])
        many = many_detections()
        fixed = [
            ("worked example [TP, FP, TP, TP, FP], 4 boxes", worked_example(),
             "AP reads the precision envelope at 101 recall points (127/202 = 0.6287 here)"),
            ("one detection with IoU 0.72", partial,
             "average over the ten thresholds 0.50, 0.55, ..., 0.95: this detection is a "
             "true positive at five of them"),
            ("duplicate detection of one object", duplicate_example(),
             "each ground-truth box is matched at most once per threshold"),
            ("best box already matched, another box overlaps 0.74", fallback_example(),
             "COCO lets a detection fall back to the best still-unmatched box with IoU >= t"),
            ("IoU exactly 0.5", exact_half(), "a match needs IoU >= t, not >"),
            ("103 detections in one image, true positives scored lowest", many,
             "only the 100 highest-scoring detections per image and class count (maxDets)"),
            ("true positives ranked 100th and 101st in one image, two classes, two images",
             max_dets_boundary(),
             "maxDets=100 keeps exactly 100 detections per image AND class: not 99, not per "
             "image across classes, not over the whole data set"),
            ("classes only predicted and classes never detected", class_mix_example(),
             "average over the classes with ground truth only"),
            ("three images, scores interleaved across images", multi_image_example(),
             "sort a class's detections by score across all images before accumulating"),
            ("no detections at all", no_detections(),
             "no detection means AP 0 for every class, not an error"),
        ]
        cases = [Case(name, scene, hint=hint) for name, scene, hint in fixed]
        for _ in range(3):
            scene = random_scene(gen, rng, COCO_THRESHOLDS)
            cases.append(Case(f"random scene ({_scene_label(*scene)})", scene,
                              hint="ten thresholds, fall-back matching per image, 101-point "
                              "envelope, mean over classes with ground truth"))
        return cases

    def reference(self, case: Case) -> float:
        return reference_coco_map(case.args[0], case.args[1])


TASKS: dict[str, Task] = {"mean_average_precision": MeanAveragePrecision(), "coco_map": CocoMap()}
