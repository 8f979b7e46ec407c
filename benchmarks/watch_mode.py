"""Watch mode: save-to-verdict over 20 saves of softmax, and `quizzer grade` with the service warm.

A `quizzer watch --plain` process watches a fresh workspace (its own `$QUIZZER_HOME`); each save
alternates a right and a wrong softmax and is timed from the write to the verdict line on the
watcher's stdout. Beside it, in the same run: a cold `quizzer grade` of the same file (no
service), and `quizzer grade` while the watcher's service listens, as a ratio to
`python -c "import torch"`.
"""

from __future__ import annotations

import os
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from common import BIN, REPO, percentile, time_command

SAVES = 20
GOOD = (REPO / "solutions" / "softmax.py").read_text()
WRONG = (REPO / "tests" / "submissions" / "softmax" / "bad_no_max_shift.py").read_text()


def _lines(proc: subprocess.Popen[str], out: queue.Queue[str]) -> None:
    assert proc.stdout is not None
    for line in proc.stdout:
        out.put(line)


def _wait_for(lines: queue.Queue[str], prefix: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not lines.get(timeout=max(deadline - time.monotonic(), 0.01)).startswith(prefix):
        pass


def save_latencies(workspace: Path, lines: queue.Queue[str]) -> list[float]:
    samples = []
    for i in range(SAVES + 1):  # the first save is a warm-up
        text = (GOOD if i % 2 else WRONG) + f"\n# save {i}\n"
        start = time.perf_counter()
        (workspace / "softmax.py").write_text(text)
        _wait_for(lines, "softmax: ", 30)
        if i:
            samples.append(time.perf_counter() - start)
        time.sleep(0.2)
    return samples


def measure() -> list[dict[str, float | str]]:
    quizzer = str(BIN / "quizzer")
    with tempfile.TemporaryDirectory() as tmp:
        workspace, home = Path(tmp) / "ws", Path(tmp) / "h"
        workspace.mkdir()
        (workspace / "softmax.py").write_text(GOOD)
        file = str(workspace / "softmax.py")
        env = {**os.environ, "QUIZZER_HOME": str(home)}
        cold_env = {**os.environ, "QUIZZER_HOME": str(Path(tmp) / "cold")}  # no service there
        cold = _median_run([quizzer, "grade", "softmax", file], cold_env, runs=3)
        proc = subprocess.Popen([quizzer, "watch", "--plain", str(workspace)], text=True,
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, env=env)
        lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=_lines, args=(proc, lines), daemon=True).start()
        try:
            _wait_for(lines, "watching ", 180)
            saves = save_latencies(workspace, lines)
            warm_grade = _warm_grade(quizzer, file, env)
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    import_torch = time_command([sys.executable, "-c", "import torch"], runs=3)
    return [
        {"name": "watch_save_to_verdict_p50", "value": statistics.median(saves),
         "baseline": cold, "target": "", "target_text": "p50 <= 0.15 s"},
        {"name": "watch_save_to_verdict_p95", "value": percentile(saves, 95),
         "baseline": cold, "target": "", "target_text": "p95 <= 0.3 s"},
        {"name": "grade_with_warm_service_p50", "value": warm_grade, "baseline": import_torch,
         "target": 0.15, "target_text": "<=0.15 (and p50 <= 0.25 s)"},
    ]


def _warm_grade(quizzer: str, file: str, env: dict[str, str]) -> float:
    return _median_run([quizzer, "grade", "softmax", file], env, runs=10)


def _median_run(args: list[str], env: dict[str, str], runs: int) -> float:
    """Median wall seconds of `args` with `env` (after one warm-up run)."""
    samples = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        subprocess.run(args, capture_output=True, env=env, check=False)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples[1:])


if __name__ == "__main__":
    for r in measure():
        print(f"{r['name']}: {float(r['value']):.3f}s {float(r['baseline']):.3f}s "
              f"{float(r['value']) / float(r['baseline']):.2f} {r['target_text']}")
