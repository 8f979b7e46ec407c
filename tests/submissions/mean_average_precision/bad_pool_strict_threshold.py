# expect: failed: >= threshold, not >
"""The pooled eval_map shape with a strict IoU comparison: a detection exactly at the threshold
is a true positive, and this counts it as a false positive."""
from multiprocessing import Pool

import numpy as np


def _ious(box, boxes):
    lt = np.maximum(box[:2], boxes[:, :2])
    rb = np.minimum(box[2:], boxes[:, 2:])
    inter = np.prod(np.clip(rb - lt, 0, None), axis=1)
    union = np.prod(box[2:] - box[:2]) + np.prod(boxes[:, 2:] - boxes[:, :2], axis=1) - inter
    return inter / union


def _tpfp(dets, gts, iou_threshold):
    """True positives of one class, detections in descending score order (stable)."""
    order = np.argsort(-np.array([s for s, _, _ in dets]), kind="stable")
    taken = {image: np.zeros(len(g), dtype=bool) for image, g in gts.items()}
    tp = np.zeros(len(dets))
    for rank, d in enumerate(order):
        _, image, box = dets[d]
        candidates = gts.get(image)
        if candidates is None or len(candidates) == 0:
            continue
        ious = _ious(box, candidates)
        j = int(np.argmax(ious))
        if ious[j] > iou_threshold and not taken[image][j]:
            taken[image][j] = True
            tp[rank] = 1
    return tp


def _average_precision(tp, num_gt):
    cum = np.cumsum(tp)
    recall = np.concatenate([[0.0], cum / num_gt, [1.0]])
    precision = np.concatenate([[0.0], cum / np.arange(1, len(tp) + 1), [0.0]])
    precision = np.maximum.accumulate(precision[::-1])[::-1]
    changed = np.where(recall[1:] != recall[:-1])[0]
    return float(np.sum((recall[changed + 1] - recall[changed]) * precision[changed + 1]))


def mean_average_precision(preds, targets, iou_threshold=0.5):
    classes = sorted({int(c) for t in targets for c in t["labels"].tolist()})
    cls_dets, cls_gts, num_gts = [], [], []
    for cls in classes:
        dets, gts = [], {}
        for image, (p, t) in enumerate(zip(preds, targets, strict=True)):
            keep = (p["labels"] == cls).numpy()
            for score, box in zip(p["scores"].double().numpy()[keep],
                                  p["boxes"].double().numpy()[keep], strict=True):
                dets.append((float(score), image, box))
            gts[image] = t["boxes"].double().numpy()[(t["labels"] == cls).numpy()]
        cls_dets.append(dets)
        cls_gts.append(gts)
        num_gts.append(sum(len(g) for g in gts.values()))
    pool = Pool(2)
    tpfp = pool.starmap(_tpfp, zip(cls_dets, cls_gts, [iou_threshold] * len(classes), strict=True))
    pool.close()
    return float(np.mean([_average_precision(tp, n) for tp, n in zip(tpfp, num_gts, strict=True)]))
