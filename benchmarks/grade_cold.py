"""Cold grade: one `quizzer grade softmax <solution>` process vs `python -c "import torch"`."""

from __future__ import annotations

import sys

from common import BIN, REPO, time_command


def measure() -> list[dict[str, float | str]]:
    quizzer = str(BIN / "quizzer")
    solution = str(REPO / "solutions" / "softmax.py")
    value = time_command([quizzer, "grade", "softmax", solution])
    baseline = time_command([sys.executable, "-c", "import torch"])
    return [{"name": "grade_cold", "value": value, "baseline": baseline, "target": 1.5}]
