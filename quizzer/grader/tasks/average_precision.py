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

from quizzer.grader.kit.boxes import reference_box_iou
from quizzer.grader.kit.contract import Contract, Param
from quizzer.grader.kit.cover import relaid
from quizzer.grader.kit.mismatch import Mismatch, float_mismatch
from quizzer.grader.kit.seeds import rng, torch_generator
from quizzer.grader.kit.task import Declaration, KitTask, Variant
from quizzer.grader.kit.tolerance import Tolerance
from quizzer.grader.tasks.base import Case
from quizzer.grader.tasks.detection_scenes import (
    Image,
    class_mix_example,
    crowded_scene,
    duplicate_example,
    exact_half,
    fallback_example,
    make_pred,
    make_target,
    many_detections,
    max_dets_boundary,
    multi_image_example,
    negative_scene,
    no_detections,
    plus_one_trap,
    random_scene,
    ten_box_class,
    undetected_image,
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


def reference_voc_map(preds: list[Image], targets: list[Image], iou_threshold: float = 0.5
                      ) -> float:
    """VOC 2010+ all-point AP per class, averaged over classes with a ground-truth box."""
    return _voc_map(preds, targets, iou_threshold)


def _voc_map(preds: list[Image], targets: list[Image], threshold: float, *,
             area: str = "all-point", strict: bool = False, fallback: bool = False,
             all_classes: bool = False) -> float:
    """VOC mAP, or one of its classic mistakes (for the misconception variants)."""
    images = preds if all_classes else targets
    classes = sorted({int(c) for t in images for c in t["labels"].tolist()})
    aps = []
    for c in classes:
        hits, num_gt = _voc_hits(preds, targets, c, threshold, strict, fallback)
        aps.append(_AREAS[area](hits, num_gt) if num_gt else 0.0)
    return sum(aps) / len(aps)


def _voc_hits(preds: list[Image], targets: list[Image], cls: int, threshold: float,
              strict: bool, fallback: bool) -> tuple[list[bool], int]:
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
        if fallback:
            ious = ious.masked_fill(torch.tensor(matched[image], dtype=torch.bool), -1.0)
        best = int(torch.argmax(ious))
        over = float(ious[best]) > threshold if strict else float(ious[best]) >= threshold
        hit = over and not matched[image][best]
        matched[image][best] = matched[image][best] or hit
        hits.append(hit)
    return hits, sum(len(g) for g in gts)


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


def _curve(hits: list[bool], num_gt: int) -> tuple[list[float], list[float]]:
    recall, precision, tp = [], [], 0
    for rank, hit in enumerate(hits, start=1):
        tp += hit
        recall.append(tp / num_gt)
        precision.append(tp / rank)
    return recall, precision


def eleven_point_ap(hits: list[bool], num_gt: int) -> float:
    """VOC2007: the mean of the best precision at recall >= 0, 0.1, ..., 1."""
    recall, precision = _curve(hits, num_gt)
    points = [max([p for r, p in zip(recall, precision, strict=True) if r >= t / 10],
                  default=0.0) for t in range(11)]
    return sum(points) / 11


def raw_area_ap(hits: list[bool], num_gt: int) -> float:
    """The area under the raw precision curve, without the monotone envelope."""
    recall, precision = _curve(hits, num_gt)
    area, last = 0.0, 0.0
    for r, p in zip(recall, precision, strict=True):
        area += (r - last) * p
        last = r
    return area


_AREAS = {"all-point": all_point_ap, "eleven-point": eleven_point_ap, "raw": raw_area_ap}


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


def _compare(got: Any, want: float, case: Case) -> Mismatch | None:
    return float_mismatch(got, want, _ATOL, what="mAP")


def _scene_label(preds: list[Image], targets: list[Image]) -> str:
    n_pred = sum(len(p["scores"]) for p in preds)
    n_gt = sum(len(t["labels"]) for t in targets)
    n_cls = len({int(c) for t in targets for c in t["labels"].tolist()})
    return f"{len(preds)} images, {n_pred} detections, {n_gt} ground-truth boxes in {n_cls} classes"


NAME_VOC, NAME_COCO = "mean_average_precision", "coco_map"


def _voc_cases(seed: int) -> list[Case]:
    gen, r = torch_generator(NAME_VOC, seed), rng(NAME_VOC, seed)
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
    cases += _coverage(NAME_VOC, "all-point envelope area per class, mean over classes")
    for i, threshold in enumerate((0.5, 0.5, 0.75)):
        scene = random_scene(gen, r, (threshold,))
        kwargs = {} if i < 2 else {"iou_threshold": threshold}
        cases.append(Case(f"random scene ({_scene_label(*scene)}), iou_threshold {threshold}",
                          scene, kwargs, hint="sort per class across images, match to the "
                          "best-IoU box once, all-point envelope area, mean over classes"))
    return cases


def _coco_cases(seed: int) -> list[Case]:
    gen, r = torch_generator(NAME_COCO, seed), rng(NAME_COCO, seed)
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
    cases += _coverage(NAME_COCO, "ten thresholds, 101 recall points, mean over classes")
    cases.append(Case("130 detections in one image, not in score order",
                      crowded_scene(torch_generator(NAME_COCO, -2), 24, 112, shuffled=True),
                      hint="keep the 100 highest-SCORING detections per image and class, "
                           "not the first 100 in the list"))
    for _ in range(3):
        scene = random_scene(gen, r, COCO_THRESHOLDS)
        cases.append(Case(f"random scene ({_scene_label(*scene)})", scene,
                          hint="ten thresholds, fall-back matching per image, 101-point "
                          "envelope, mean over classes with ground truth"))
    return cases


def _coverage(name: str, hint: str) -> list[Case]:
    """Scenes the worked examples leave out: +1 pixel, empty images, signs, sizes, layouts."""
    gen = torch_generator(name, -1)
    cases = [
        Case("IoU 0.45 (0.63 under a +1-pixel convention)", plus_one_trap(),
             hint="coordinates are continuous: width = x2 - x1, no +1"),
        Case("an object in an image without any detection", undetected_image(),
             hint="count every ground-truth box in recall, also in images with no "
                  "detections"),
        Case("negative coordinates and negative scores", negative_scene(),
             hint="coordinates and scores may be negative: sort by score, clip nothing"),
        Case("a class of 10 boxes", ten_box_class(),
             hint="recall steps of 0.1: read precision as the reference does"),
        Case("320 detections of 30 objects in one image",
             crowded_scene(gen, 30, 297, shuffled=True), hint=hint),
    ]
    return cases + relaid(Case("three images, inputs in other layouts",
                               multi_image_example(), hint=hint), ("transposed", "sliced"))


def _where(case: Case) -> str:
    return f"on {_scene_label(case.args[0], case.args[1])}"


def _voc_variant(**mistake: Any) -> Any:
    def variant(preds: list[Image], targets: list[Image], iou_threshold: float = 0.5) -> float:
        return _voc_map(preds, targets, iou_threshold, **mistake)
    return variant


_VOC_VARIANTS = (
    Variant("11-point interpolated AP (VOC2007)", _voc_variant(area="eleven-point"),
            "VOC 2010+ uses the all-point area under the precision envelope, not 11 points"),
    Variant("the area under the raw precision curve (no envelope)", _voc_variant(area="raw"),
            "make precision non-increasing in recall before taking the area (the envelope)"),
    Variant("a match at IoU > threshold", _voc_variant(strict=True),
            "a match needs IoU >= threshold, not >"),
    Variant("COCO's fall-back to the next unmatched box", _voc_variant(fallback=True),
            "VOC matches only the highest-IoU box: if it is taken the detection is a false "
            "positive, with no fall-back to the next box"),
    Variant("a mean over every class, predicted-only ones included",
            _voc_variant(all_classes=True),
            "average over the classes with ground truth; ignore classes that appear only in "
            "predictions"),
)
_PREDS_TARGETS = (Param("preds"), Param("targets"))
_RETURNS = "a Python float (a 0-d float tensor is accepted)"


def _tolerance(case: Case) -> Tolerance:
    return Tolerance(0.0, _ATOL)


MEAN_AVERAGE_PRECISION = Declaration(
    name=NAME_VOC,
    contract=Contract((*_PREDS_TARGETS, Param("iou_threshold", "0.5")), f"""
Mean average precision as the PASCAL VOC 2010+ devkit computes it.
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
""", _RETURNS),
    reference=reference_voc_map,
    compare=_compare,
    cases=_voc_cases,
    variants=_VOC_VARIANTS,
    tolerance=_tolerance,
    where=_where,
)
COCO_MAP = Declaration(
    name=NAME_COCO,
    contract=Contract(_PREDS_TARGETS, f"""
COCO box mAP@[.50:.95], equal to pycocotools COCOeval(...).stats[0].
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
""", _RETURNS,
        # The module imports these pycocotools submodules at its top: a sandboxed child is
        # forked from this process and can only replace attributes of modules already loaded.
        forbidden=("pycocotools.cocoeval.COCOeval",
        "pycocotools.coco.COCO",
        "pycocotools.mask.iou",
        "pycocotools._mask.iou",),
    ),
    reference=reference_coco_map,
    compare=_compare,
    cases=_coco_cases,
    tolerance=_tolerance,
    where=_where,
)

TASKS: dict[str, KitTask] = {NAME_VOC: KitTask(MEAN_AVERAGE_PRECISION),
                          NAME_COCO: KitTask(COCO_MAP)}
