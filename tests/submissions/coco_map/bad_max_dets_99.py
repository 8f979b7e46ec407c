# expect: failed: maxDets=100 keeps exactly 100
"""Off by one at the detection cap: keeps the 99 highest-scoring detections per image."""

import torch


def _iou_matrix(a, b):
    lt = torch.max(a[:, None, :2], b[None, :, :2])
    rb = torch.min(a[:, None, 2:], b[None, :, 2:])
    wh = (rb - lt).clamp(min=0)
    inter = wh[..., 0] * wh[..., 1]
    area_a = (a[:, 2] - a[:, 0]) * (a[:, 3] - a[:, 1])
    area_b = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
    return inter / (area_a[:, None] + area_b[None, :] - inter)


def _match(ious, threshold):
    """TP flags for detections (rows, best score first) against ground truth (columns)."""
    taken = [False] * ious.shape[1]
    flags = []
    for row in ious.tolist():
        best, best_iou = -1, threshold
        for g, value in enumerate(row):
            if not taken[g] and value >= best_iou:
                best, best_iou = g, value
        if best >= 0:
            taken[best] = True
        flags.append(best >= 0)
    return flags


def _ap(scores, flags, num_gt):
    order = sorted(range(len(scores)), key=lambda k: -scores[k])
    tp = fp = 0
    recall, precision = [], []
    for k in order:
        tp += flags[k]
        fp += not flags[k]
        recall.append(tp / num_gt)
        precision.append(tp / (tp + fp))
    for i in range(len(precision) - 2, -1, -1):
        precision[i] = max(precision[i], precision[i + 1])
    total = 0.0
    for r in [i / 100 for i in range(101)]:
        first = next((i for i, value in enumerate(recall) if value >= r), None)
        total += precision[first] if first is not None else 0.0
    return total / 101


def coco_map(preds, targets):
    thresholds = [0.5 + 0.05 * i for i in range(10)]
    classes = sorted({int(c) for t in targets for c in t["labels"]})
    aps = []
    for cls in classes:
        num_gt = sum(int((t["labels"] == cls).sum()) for t in targets)
        per_threshold = []
        for threshold in thresholds:
            scores, flags = [], []
            for p, t in zip(preds, targets, strict=True):
                keep = p["labels"] == cls
                boxes, s = p["boxes"][keep].double(), p["scores"][keep].double()
                order = s.argsort(descending=True)[:99]
                boxes, s = boxes[order], s[order]
                gts = t["boxes"][t["labels"] == cls].double()
                if len(gts) and len(boxes):
                    flags += _match(_iou_matrix(boxes, gts), threshold)
                else:
                    flags += [False] * len(boxes)
                scores += s.tolist()
            per_threshold.append(_ap(scores, flags, num_gt))
        aps.append(sum(per_threshold) / len(per_threshold))
    return sum(aps) / len(aps)
