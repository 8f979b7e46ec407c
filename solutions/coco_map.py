"""Reference solution: COCO box mAP@[.50:.95], matching pycocotools' COCOeval stats[0]."""

import numpy as np


def _iou_matrix(a, b):
    top_left = np.maximum(a[:, None, :2], b[None, :, :2])
    bottom_right = np.minimum(a[:, None, 2:], b[None, :, 2:])
    wh = np.clip(bottom_right - top_left, 0, None)
    inter = wh[..., 0] * wh[..., 1]
    area_a = (a[:, 2] - a[:, 0]) * (a[:, 3] - a[:, 1])
    area_b = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
    return inter / (area_a[:, None] + area_b[None, :] - inter)


def _match_image(boxes, scores, gts, thresholds, max_dets=100):
    """Per image and class: (scores, is_tp[T, D]) for the top max_dets detections."""
    order = np.argsort(-scores, kind="mergesort")[:max_dets]
    boxes, scores = boxes[order], scores[order]
    is_tp = np.zeros((len(thresholds), len(boxes)), dtype=bool)
    if len(gts) and len(boxes):
        ious = _iou_matrix(boxes, gts)
        for t, thr in enumerate(thresholds):
            taken = np.zeros(len(gts), dtype=bool)
            for d in range(len(boxes)):
                # COCO falls back to the best box that is still free, with IoU >= thr.
                candidates = np.where(~taken & (ious[d] >= thr), ious[d], -1.0)
                best = int(np.argmax(candidates))
                if candidates[best] >= 0:
                    taken[best] = True
                    is_tp[t, d] = True
    return scores, is_tp


def _class_ap(scores, is_tp, num_gt):
    """101-point interpolated AP for each threshold row of is_tp."""
    order = np.argsort(-scores, kind="mergesort")
    tp = np.cumsum(is_tp[:, order], axis=1)
    fp = np.cumsum(~is_tp[:, order], axis=1)
    recall_points = np.linspace(0.0, 1.0, 101)
    aps = []
    for t in range(is_tp.shape[0]):
        recall = tp[t] / num_gt
        precision = tp[t] / np.maximum(tp[t] + fp[t], 1)
        # Envelope: running maximum from the right.
        precision = np.maximum.accumulate(precision[::-1])[::-1]
        idx = np.searchsorted(recall, recall_points, side="left")
        sampled = np.array([precision[i] if i < len(precision) else 0.0 for i in idx])
        aps.append(sampled.mean())
    return np.array(aps)


def coco_map(preds, targets):
    thresholds = np.linspace(0.5, 0.95, 10)
    classes = sorted({int(c) for t in targets for c in t["labels"]})
    per_class = []
    for cls in classes:
        all_scores, all_tp, num_gt = [], [], 0
        for pred, target in zip(preds, targets, strict=True):
            gts = target["boxes"][target["labels"] == cls].double().numpy()
            keep = pred["labels"] == cls
            boxes = pred["boxes"][keep].double().numpy()
            scores = pred["scores"][keep].double().numpy()
            num_gt += len(gts)
            s, tp = _match_image(boxes, scores, gts, thresholds)
            all_scores.append(s)
            all_tp.append(tp)
        scores = np.concatenate(all_scores)
        is_tp = np.concatenate(all_tp, axis=1)
        # Mean over the 10 thresholds of this class; classes without ground truth never enter.
        per_class.append(_class_ap(scores, is_tp, num_gt).mean())
    return float(np.mean(per_class))
