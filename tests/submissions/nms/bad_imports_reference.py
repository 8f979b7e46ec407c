# expect: error: grader's own code
"""Calls the grader's own reference instead of implementing NMS."""

import torch

from quizzer.grader.tasks.boxes import reference_nms


def nms(boxes, scores, iou_threshold):
    return torch.tensor(reference_nms(boxes, scores, iou_threshold), dtype=torch.int64)
