"""Warm grade: submit-to-verdict latency through the TUI's long-lived grader service.

20 submissions of each core task's reference solution through one `GraderClient`; p50 and p95
per task. The baseline is `python -c "import torch"`, the cost a warm grade no longer pays.
"""

from __future__ import annotations

import statistics
import sys
import time

from common import REPO, percentile, time_command

from quizzer.grader.client import GraderClient

CORE = ["softmax", "log_softmax", "batch_norm", "conv2d", "nms", "mean_average_precision"]
RUNS = 20


def latencies(client: GraderClient, task: str) -> list[float]:
    source = (REPO / "solutions" / f"{task}.py").read_text()
    client.grade_code(task, source)  # the first grade builds and caches the cases
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        result = client.grade_code(task, source)
        samples.append(time.perf_counter() - start)
        assert result.passed, result.message
    return samples


def measure() -> list[dict[str, float | str]]:
    import_torch = time_command([sys.executable, "-c", "import torch"], runs=3)
    client = GraderClient()
    try:
        client.ping()
        rows: list[dict[str, float | str]] = []
        for task in CORE:
            samples = latencies(client, task)
            for name, value in (("p50", statistics.median(samples)),
                                ("p95", percentile(samples, 95))):
                rows.append({"name": f"grade_warm_{task}_{name}", "value": value,
                             "baseline": import_torch, "target": "",
                             "target_text": "p50 <= 0.3 s" if task == "softmax" and name == "p50"
                             else "-"})
        return rows
    finally:
        client.close()
