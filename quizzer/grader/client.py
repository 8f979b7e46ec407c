"""Talks to the warm grader service from processes that must not import torch (the TUI).

`GraderClient` starts `python -m quizzer.grader.service` lazily, sends one JSON line per request
and reads one line back. It is thread-safe (one request at a time) and starts a fresh service
when the old one has died.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from quizzer.core.result import GradeResult
from quizzer.grader import wire

STARTUP_SECONDS = 120.0
"""Extra patience for the first request: the service imports torch before answering."""
SLACK_SECONDS = 30.0


class GraderUnavailable(RuntimeError):
    """The grader service died or stopped answering, twice in a row."""


class GraderError(RuntimeError):
    """The service rejected a request (a bad question id, a malformed request...)."""


class _Died(Exception):
    pass


class GraderClient:
    """A lazily started, restartable connection to the grader service."""

    def __init__(self, *, bank_dir: Path | None = None, python: str = sys.executable,
                 listen: Path | None = None) -> None:
        """`listen`: the service also answers on this unix socket (`quizzer grade` uses it)."""
        self._command = [python, "-m", "quizzer.grader.service"]
        if bank_dir is not None:
            self._command += ["--bank", str(bank_dir)]
        if listen is not None:
            self._command += ["--listen", str(listen)]
        self._lock = threading.Lock()
        self._proc: subprocess.Popen[bytes] | None = None
        self._buffer = b""
        self._next_id = 0
        self._closing = False

    def grade_code(self, task: str, source: str, seed: int = 0, timeout: float = 10.0,
                   filename: str = "submission.py") -> GradeResult:
        """Grade learner source for a code task (KeyError for an unknown task)."""
        data = self._request(wire.GradeCode(task, source, seed, timeout, filename),
                             timeout + SLACK_SECONDS)
        return GradeResult.from_dict(data)

    def grade_expression(self, question_id: str, answer: str) -> GradeResult:
        """Grade a formula for a derivation question of the bank."""
        data = self._request(wire.GradeExpression(question_id, answer), SLACK_SECONDS)
        return GradeResult.from_dict(data)

    def preview_expression(self, question_id: str, text: str) -> dict[str, Any]:
        """`{"ok", "pretty", "message"}` for what the learner has typed so far."""
        result: dict[str, Any] = self._request(wire.PreviewExpression(question_id, text),
                                               SLACK_SECONDS)
        return result

    def draw(self, question_id: str, seed: int) -> dict[str, Any]:
        """`{"prompt", "prompt_zh", "answer", "values"}` of a parametric question's instance."""
        result: dict[str, Any] = self._request(wire.Draw(question_id, seed), SLACK_SECONDS)
        return result

    def stub(self, task: str) -> str:
        """The starter file of a code task (its module imports torch, so the service builds it)."""
        return str(self._request(wire.Stub(task), SLACK_SECONDS))

    def warm(self, tasks: list[str], seed: int = 0) -> None:
        """Load the bank and build these tasks' cases in the service now."""
        self._request(wire.Warm(tuple(tasks), seed), STARTUP_SECONDS)

    def ping(self) -> bool:
        """Start the service if needed and check that it answers."""
        return bool(self._request(wire.Ping(), SLACK_SECONDS) == "pong")

    @property
    def service_pid(self) -> int | None:
        """The running service's process id, or None before the first request."""
        proc = self._proc
        return proc.pid if proc is not None and proc.poll() is None else None

    def close(self) -> None:
        """Stop the service (it exits on end of input; killed if it lingers).

        A request still in flight (a slow grade, the first start importing torch) is not
        waited for: the service is killed and that request raises `GraderUnavailable`, so
        quitting the TUI is immediate. The client can be used again afterwards.
        """
        self._closing = True
        try:
            if not self._lock.acquire(blocking=False):
                proc = self._proc
                if proc is not None and proc.poll() is None:
                    proc.kill()
                self._lock.acquire()
            try:
                self._stop()
            finally:
                self._lock.release()
        finally:
            self._closing = False

    def __enter__(self) -> GraderClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _request(self, request: wire.Request, seconds: float) -> Any:
        with self._lock:
            for attempt in range(2):
                if self._closing:
                    raise GraderUnavailable("the grader was closed while this request ran")
                try:
                    response = self._exchange(request, seconds)
                    break
                except _Died as exc:
                    self._stop()
                    if attempt:
                        raise GraderUnavailable(f"the grader service stopped: {exc}") from None
        if response.get("ok"):
            return response.get("result")
        error = str(response.get("error", ""))
        if response.get("error_type") == "KeyError":
            raise KeyError(error)
        raise GraderError(f"{response.get('error_type')}: {error}")

    def _exchange(self, request: wire.Request, seconds: float) -> dict[str, Any]:
        fresh = self._proc is None or self._proc.poll() is not None
        proc = self._start() if fresh else self._proc
        assert proc is not None and proc.stdin is not None
        self._next_id += 1
        line = wire.encode(request, self._next_id)
        try:
            proc.stdin.write(line.encode())
            proc.stdin.flush()
        except OSError as exc:
            raise _Died(str(exc)) from None
        deadline = time.monotonic() + seconds + (STARTUP_SECONDS if fresh else 0.0)
        while True:
            response = json.loads(self._read_line(proc, deadline))
            if isinstance(response, dict) and response.get("id") == self._next_id:
                return response

    def _read_line(self, proc: subprocess.Popen[bytes], deadline: float) -> bytes:
        assert proc.stdout is not None
        fd = proc.stdout.fileno()
        while b"\n" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise _Died("no answer in time")
            ready, _, _ = select.select([fd], [], [], remaining)
            if ready:
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    raise _Died(f"exit status {proc.poll()}")
                self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return line

    def _start(self) -> subprocess.Popen[bytes]:
        self._buffer = b""
        self._proc = subprocess.Popen(self._command, stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                      bufsize=0)
        return self._proc

    def _stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.stdin is not None:
            proc.stdin.close()
        try:
            proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()
