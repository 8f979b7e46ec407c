"""Helpers shared by the benchmarks: timing subprocesses and summarising samples."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def time_command(args: list[str], runs: int = 5) -> float:
    """Median wall seconds of running `args` to completion (after one warm-up run)."""
    subprocess.run(args, capture_output=True, cwd=REPO, check=False)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, capture_output=True, cwd=REPO, check=False)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def percentile(samples: list[float], q: float) -> float:
    """The q-th percentile (0-100) by nearest rank."""
    ordered = sorted(samples)
    index = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]
