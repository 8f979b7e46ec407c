"""Bank check: `quizzer check` over the real bank (every solution and stub through the grader)."""

from __future__ import annotations

import subprocess
import time

from common import BIN, REPO


def measure() -> list[dict[str, float | str]]:
    start = time.perf_counter()
    subprocess.run([str(BIN / "quizzer"), "check", "--quick"], cwd=REPO, capture_output=True)
    quick = time.perf_counter() - start
    start = time.perf_counter()
    done = subprocess.run([str(BIN / "quizzer"), "check"], cwd=REPO, capture_output=True)
    full = time.perf_counter() - start
    if done.returncode != 0:
        print(done.stdout.decode()[-2000:])
    return [{"name": "bank_check", "value": full, "baseline": quick, "target": "",
             "target_text": "value <= 60 s"}]
