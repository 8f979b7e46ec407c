"""The code tasks the grader offers, by name.

Only names and module paths live here so that the bank can validate `task:` fields without
importing torch; `load_task` imports a task's module (and torch with it) in grader processes only.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quizzer.grader.tasks.base import Task

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
}
TASK_NAMES: tuple[str, ...] = tuple(TASK_MODULES)


def load_task(name: str) -> Task:
    """Import and return the task called `name` (raises KeyError for an unknown name)."""
    module = importlib.import_module(TASK_MODULES[name])
    task: Task = module.TASKS[name]
    return task
