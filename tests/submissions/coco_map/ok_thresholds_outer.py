# expect: passed
"""Threshold loop outermost; per-(image, class) detection lists built once with dicts."""
import numpy as np


def _iou(a, b):
    w = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    h = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = w * h
    return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter)


def _group(images, with_scores):
    groups = {}
    for i, image in enumerate(images):
        scores = image["scores"].tolist() if with_scores else [0.0] * len(image["labels"])
        for box, label, score in zip(image["boxes"].tolist(), image["labels"].tolist(), scores,
                                     strict=True):
            groups.setdefault((i, label), []).append((score, box))
    return groups


def _ap_101(hits, num_gt):
    tp = np.cumsum(hits)
    precision = tp / np.arange(1, len(hits) + 1)
    recall = tp / num_gt
    for i in range(len(precision) - 2, -1, -1):
        precision[i] = max(precision[i], precision[i + 1])
    values = []
    for r in np.linspace(0, 1, 101):
        reached = np.nonzero(recall >= r)[0]
        values.append(precision[reached[0]] if len(reached) else 0.0)
    return float(np.mean(values))


def coco_map(preds, targets):
    gt = _group(targets, with_scores=False)
    dt = {key: sorted(v, key=lambda d: -d[0])[:100] for key, v in _group(preds, True).items()}
    classes = sorted({label for _, label in gt})
    table = np.zeros((10, len(classes)))
    for t, threshold in enumerate(np.linspace(0.5, 0.95, 10)):
        for c, cls in enumerate(classes):
            ranked = []
            for (image, label), dets in dt.items():
                if label != cls:
                    continue
                boxes = [b for _, b in gt.get((image, label), [])]
                used = set()
                for score, box in dets:
                    options = [(_iou(box, g), k) for k, g in enumerate(boxes) if k not in used]
                    best = max(options, default=(-1.0, -1))
                    hit = best[0] >= threshold
                    if hit:
                        used.add(best[1])
                    ranked.append((score, hit))
            ranked.sort(key=lambda x: -x[0])
            num_gt = sum(len(v) for (_, label), v in gt.items() if label == cls)
            table[t, c] = _ap_101(np.array([h for _, h in ranked], dtype=float), num_gt)
    return float(table.mean())
