# expect: passed
import numpy as np


def _ious(box, boxes):
    lt = np.maximum(box[:2], boxes[:, :2])
    rb = np.minimum(box[2:], boxes[:, 2:])
    inter = np.prod(np.clip(rb - lt, 0, None), axis=1)
    union = np.prod(box[2:] - box[:2]) + np.prod(boxes[:, 2:] - boxes[:, :2], axis=1) - inter
    return inter / union


def mean_average_precision(preds, targets, iou_threshold=0.5):
    gt_boxes = [t["boxes"].double().numpy() for t in targets]
    gt_labels = [t["labels"].numpy() for t in targets]
    aps = []
    for cls in np.unique(np.concatenate(gt_labels)):
        scores, images, boxes = [], [], []
        for i, p in enumerate(preds):
            keep = (p["labels"] == int(cls)).numpy()
            scores.append(p["scores"].double().numpy()[keep])
            boxes.append(p["boxes"].double().numpy()[keep])
            images += [i] * int(keep.sum())
        scores, boxes = np.concatenate(scores), np.concatenate(boxes).reshape(-1, 4)
        order = np.argsort(-scores, kind="stable")
        taken = [np.zeros(int((g == cls).sum()), dtype=bool) for g in gt_labels]
        tp = np.zeros(len(order))
        for rank, d in enumerate(order):
            image = images[d]
            candidates = gt_boxes[image][gt_labels[image] == cls]
            if len(candidates) == 0:
                continue
            ious = _ious(boxes[d], candidates)
            j = int(np.argmax(ious))
            if ious[j] >= iou_threshold and not taken[image][j]:
                taken[image][j] = True
                tp[rank] = 1
        num_gt = sum(len(t) for t in taken)
        cum = np.cumsum(tp)
        recall = np.concatenate([[0.0], cum / num_gt, [1.0]])
        precision = np.concatenate([[0.0], cum / np.arange(1, len(tp) + 1), [0.0]])
        precision = np.maximum.accumulate(precision[::-1])[::-1]
        changed = np.where(recall[1:] != recall[:-1])[0]
        aps.append(float(np.sum((recall[changed + 1] - recall[changed]) * precision[changed + 1])))
    return float(np.mean(aps))
