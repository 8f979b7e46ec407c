"""`quizzer watch --plain` as a learner uses it: save in an editor, read the verdict line."""

from __future__ import annotations

import os
import queue
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from quizzer.progress import Store

REPO = Path(__file__).resolve().parents[1]
QUIZZER = Path(sys.executable).with_name("quizzer")
GOOD = (REPO / "solutions" / "softmax.py").read_text()
WRONG = (REPO / "tests" / "submissions" / "softmax" / "bad_no_max_shift.py").read_text()
BROKEN = "def softmax(x, dim=-1):\n    return (x.exp(\n"
VERDICT = re.compile(r"^softmax: (PASSED|FAILED|ERROR|TIMEOUT|MEMORY|CRASHED) .*"
                     r"\((\d+)/(\d+) checks, [\d.]+ s\)$")
START_SECONDS = 180.0
VERDICT_SECONDS = 3.0
"""An order of magnitude above the 0.3 s target, for a loaded shared machine."""


@dataclass
class Watch:
    proc: subprocess.Popen[str]
    home: Path
    file: Path
    lines: queue.Queue[str] = field(default_factory=queue.Queue)

    def read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))

    def until(self, pattern: re.Pattern[str], seconds: float) -> tuple[re.Match[str], float]:
        start = time.monotonic()
        while True:
            left = start + seconds - time.monotonic()
            try:
                line = self.lines.get(timeout=max(left, 0.001))
            except queue.Empty:
                raise AssertionError(f"no line matching {pattern.pattern} in {seconds} s; "
                                     f"exit status {self.proc.poll()}") from None
            found = pattern.match(line)
            if found:
                return found, time.monotonic() - start

    def report(self) -> list[str]:
        """The report printed after a verdict line (up to its blank line)."""
        lines = []
        while (line := self.lines.get(timeout=5)) != "":
            lines.append(line)
        return lines

    def save(self, text: str, seconds: float = VERDICT_SECONDS) -> tuple[str, list[str], float]:
        self.file.write_text(text)
        found, took = self.until(VERDICT, seconds)
        return found.group(1), self.report(), took

    def quiet(self, seconds: float) -> list[str]:
        """Verdict lines arriving in the next `seconds` (there should be none)."""
        time.sleep(seconds)
        extra = []
        while not self.lines.empty():
            line = self.lines.get()
            if VERDICT.match(line):
                extra.append(line)
        return extra


@pytest.fixture
def watch(tmp_path: Path) -> Iterator[Watch]:
    workspace = tmp_path / "ws"
    workspace.mkdir()
    (workspace / "softmax.py").write_text(WRONG)
    (workspace / "notes.txt").write_text("not a task")
    home = tmp_path / "h"
    proc = subprocess.Popen([str(QUIZZER), "watch", "--plain", str(workspace)],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, bufsize=1,
                            env={**os.environ, "QUIZZER_HOME": str(home)})
    running = Watch(proc, home, workspace / "softmax.py")
    reader = threading.Thread(target=running.read, daemon=True)
    reader.start()
    try:
        running.until(re.compile(r"^watching .*: 1 tasks, 0 passed, 0 failing, 1 untried"),
                      START_SECONDS)
        yield running
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        reader.join(10)  # the pipe is at its end once the watcher is gone
        assert proc.stdout is not None
        proc.stdout.close()


def test_wrong_then_fixed_then_broken_softmax(watch: Watch) -> None:
    status, report, took = watch.save(WRONG + "\n# saved again\n")
    assert status == "FAILED", report
    assert any("hint: subtract the max" in line for line in report), report
    assert took < VERDICT_SECONDS
    status, report, took = watch.save(GOOD)
    assert status == "PASSED", report
    assert re.search(r"\b(\d+) of \1 checks passed", report[0]), report
    status, report, took = watch.save(BROKEN)
    assert status == "ERROR", report
    assert any("syntax error in softmax.py line 2" in line for line in report), report
    assert watch.proc.poll() is None
    with Store.open(watch.home / "progress.sqlite3") as store:
        attempts = store.attempts("code-softmax")
    assert [a.verdict.value for a in attempts] == ["correct"], "only the pass is logged"
    assert (watch.home / "grader.sock").exists(), "quizzer grade can find this warm grader"


def test_editor_save_patterns_give_one_verdict_each_and_never_stop_the_watcher(
        watch: Watch) -> None:
    temporary = watch.file.with_name(".softmax.py.swp~")
    temporary.write_text(GOOD)
    os.replace(temporary, watch.file)  # write, then rename over the old file
    found, _ = watch.until(VERDICT, VERDICT_SECONDS)
    assert found.group(1) == "PASSED"
    watch.report()
    assert watch.quiet(0.5) == []
    with watch.file.open("w") as out:  # one save in several writes
        for start in range(0, len(WRONG), 200):
            out.write(WRONG[start:start + 200])
            out.flush()
            time.sleep(0.002)
    found, _ = watch.until(VERDICT, VERDICT_SECONDS)
    assert found.group(1) == "FAILED"
    watch.report()
    assert watch.quiet(0.5) == []
    status, report, _ = watch.save(GOOD[: len(GOOD) // 2])  # left mid-write
    assert status == "ERROR", report
    watch.file.unlink()
    found, _ = watch.until(re.compile(r"^softmax: ERROR softmax.py was removed"), 5)
    status, _, _ = watch.save(GOOD)
    assert status == "PASSED"
    assert watch.proc.poll() is None
