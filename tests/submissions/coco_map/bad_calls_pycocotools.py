# expect: error: forbidden call: pycocotools.coco.COCO
import contextlib
import io

from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval


def _records(images, scored):
    out = []
    for i, image in enumerate(images):
        for k, (box, label) in enumerate(zip(image["boxes"].tolist(), image["labels"].tolist(),
                                             strict=True)):
            x1, y1, x2, y2 = box
            rec = {"image_id": i + 1, "category_id": label + 1, "bbox": [x1, y1, x2 - x1, y2 - y1],
                   "area": (x2 - x1) * (y2 - y1), "iscrowd": 0, "id": len(out) + 1}
            if scored:
                rec["score"] = float(image["scores"][k])
            out.append(rec)
    return out


def coco_map(preds, targets):
    labels = {int(c) for image in preds + targets for c in image["labels"]}
    gt = COCO()
    gt.dataset = {"images": [{"id": i + 1} for i in range(len(targets))],
                  "categories": [{"id": c + 1} for c in labels],
                  "annotations": _records(targets, False)}
    with contextlib.redirect_stdout(io.StringIO()):
        gt.createIndex()
        evaluator = COCOeval(gt, gt.loadRes(_records(preds, True)), iouType="bbox")
        evaluator.evaluate()
        evaluator.accumulate()
        evaluator.summarize()
    return float(evaluator.stats[0])
