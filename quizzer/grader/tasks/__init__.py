"""The code tasks the grader offers, by name.

The names are the catalogue's (`quizzer.core.catalog`, which the bank validates against); here
they map to module paths, and `load_task` imports a task's module (and torch with it) in grader
processes only.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from quizzer.core.catalog import TASK_NAMES

if TYPE_CHECKING:
    from quizzer.grader.kit.task import KitTask

TASK_MODULES: dict[str, str] = {
    "softmax": "quizzer.grader.tasks.softmax",
    "log_softmax": "quizzer.grader.tasks.softmax",
    "batch_norm": "quizzer.grader.tasks.batch_norm",
    "batch_norm_backward": "quizzer.grader.tasks.batch_norm_backward",
    "box_iou": "quizzer.grader.tasks.boxes",
    "nms": "quizzer.grader.tasks.boxes",
    "mean_average_precision": "quizzer.grader.tasks.average_precision",
    "coco_map": "quizzer.grader.tasks.average_precision",
    "conv2d_output_size": "quizzer.grader.tasks.output_size",
    "pool2d_output_size": "quizzer.grader.tasks.output_size",
    "conv_transpose2d_output_size": "quizzer.grader.tasks.output_size",
    "receptive_field": "quizzer.grader.tasks.output_size",
    "conv2d": "quizzer.grader.tasks.conv2d",
    "layer_norm": "quizzer.grader.tasks.layer_norm",
}
if tuple(TASK_MODULES) != TASK_NAMES:
    raise RuntimeError("the grader's tasks differ from TASK_NAMES in quizzer/core/catalog.py")


def load_task(name: str) -> KitTask:
    """Import and return the task called `name` (raises KeyError for an unknown name)."""
    module = importlib.import_module(TASK_MODULES[name])
    task: KitTask = module.TASKS[name]
    return task
