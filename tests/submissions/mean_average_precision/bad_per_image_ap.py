# expect: failed: not one per image
import torch


def _iou(box, boxes):
    lt = torch.max(box[:2], boxes[:, :2])
    rb = torch.min(box[2:], boxes[:, 2:])
    wh = (rb - lt).clamp(min=0)
    inter = wh[:, 0] * wh[:, 1]
    area = (box[2] - box[0]) * (box[3] - box[1])
    areas = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
    return inter / (area + areas - inter)


def _ap(hits, num_gt):
    tp, recall, precision = 0, [], []
    for rank, hit in enumerate(hits, start=1):
        tp += hit
        recall.append(tp / num_gt)
        precision.append(tp / rank)
    recall = [0.0] + recall + [1.0]
    precision = [0.0] + precision + [0.0]
    for i in range(len(precision) - 2, -1, -1):
        precision[i] = max(precision[i], precision[i + 1])
    return sum((recall[i] - recall[i - 1]) * precision[i] for i in range(1, len(recall)))


def _hits(dets, gts, iou_threshold):
    matched = [[False] * len(g) for g in gts]
    hits = []
    for _, image, box in sorted(dets, key=lambda d: -d[0]):
        if len(gts[image]) == 0:
            hits.append(False)
            continue
        ious = _iou(box, gts[image])
        best = int(ious.argmax())
        hit = float(ious[best]) >= iou_threshold and not matched[image][best]
        if hit:
            matched[image][best] = True
        hits.append(hit)
    return hits


def mean_average_precision(preds, targets, iou_threshold=0.5):
    classes = {int(c) for t in targets for c in t["labels"]}
    aps = []
    for cls in sorted(classes):
        gts = [t["boxes"][t["labels"] == cls] for t in targets]
        dets = [(float(p["scores"][j]), i, p["boxes"][j]) for i, p in enumerate(preds)
                for j in range(len(p["labels"])) if int(p["labels"][j]) == cls]
        per_image = []
        for image, g in enumerate(gts):
            if len(g):
                mine = [d for d in dets if d[1] == image]
                per_image.append(_ap(_hits(mine, gts, iou_threshold), len(g)))
        aps.append(sum(per_image) / len(per_image))
    return sum(aps) / len(aps)
