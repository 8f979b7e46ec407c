# expect: passed


def _iou(a, b):
    w = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    h = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = w * h
    return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter)


def mean_average_precision(preds, targets, iou_threshold=0.5):
    gt = {}  # (class, image) -> list of boxes
    for image, t in enumerate(targets):
        for box, label in zip(t["boxes"].tolist(), t["labels"].tolist(), strict=True):
            gt.setdefault((label, image), []).append(box)
    aps = []
    for cls in sorted({label for label, _ in gt}):
        num_gt = sum(len(v) for (label, _), v in gt.items() if label == cls)
        dets = []
        for image, p in enumerate(preds):
            for box, score, label in zip(p["boxes"].tolist(), p["scores"].tolist(),
                                         p["labels"].tolist(), strict=True):
                if label == cls:
                    dets.append((score, image, box))
        dets.sort(key=lambda d: d[0], reverse=True)
        used = set()
        tp = fp = 0
        points = []  # (recall, precision) after each detection
        for _, image, box in dets:
            boxes = gt.get((cls, image), [])
            ious = [_iou(box, g) for g in boxes]
            best = max(range(len(ious)), key=ious.__getitem__, default=None)
            if best is not None and ious[best] >= iou_threshold and (image, best) not in used:
                used.add((image, best))
                tp += 1
            else:
                fp += 1
            points.append((tp / num_gt, tp / (tp + fp)))
        ap, prev_recall = 0.0, 0.0
        for k, (recall, _) in enumerate(points):
            if recall > prev_recall:
                ap += (recall - prev_recall) * max(p for _, p in points[k:])
                prev_recall = recall
        aps.append(ap)
    return sum(aps) / len(aps)
