"""Run a function in a forked child with a wall-clock limit; the child is killed on timeout.

SIGALRM cannot interrupt SymPy or mpmath while they are deep in C-level big-integer work, so the
only dependable limit is a separate process. Forking (rather than spawning) keeps the parent's
already imported SymPy, which makes a check cost milliseconds rather than a fresh import.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

MEMORY_HEADROOM = 2 << 30
"""Address space the child may add to the parent's, in bytes."""


@dataclass(frozen=True)
class Outcome:
    """How a limited call ended: `value` is set when `status` is "ok"."""

    status: str
    """"ok", "timeout", "error" (the function raised) or "crashed" (no reply)."""
    value: Any = None
    error: str = ""
    seconds: float = 0.0


def run_limited(fn: Callable[[], Any], timeout: float) -> Outcome:
    """Call `fn()` in a forked child; its return value must pickle."""
    started = time.monotonic()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child; its result is checked through the pipe
        os.close(read_end)
        _child(fn, write_end)
    os.close(write_end)
    try:
        data, finished = _read_until(read_end, started + timeout)
    finally:
        os.close(read_end)
        if not finished:
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    seconds = time.monotonic() - started
    if not finished:
        return Outcome("timeout", seconds=seconds)
    try:
        status, payload = pickle.loads(data)
    except Exception:  # noqa: BLE001 - any unreadable reply means the child died mid-write
        return Outcome("crashed", seconds=seconds)
    if status == "ok":
        return Outcome("ok", value=payload, seconds=seconds)
    return Outcome("error", error=str(payload), seconds=seconds)


def _child(fn: Callable[[], Any], write_end: int) -> None:  # pragma: no cover - runs forked
    code = 0
    try:
        _limit_memory()
        try:
            reply = ("ok", fn())
        except BaseException as exc:  # noqa: BLE001 - everything is reported, nothing escapes
            reply = ("error", f"{type(exc).__name__}: {exc}")
        data = pickle.dumps(reply)
        view = memoryview(data)
        while view:
            written = os.write(write_end, view)
            view = view[written:]
    except BaseException:  # noqa: BLE001 - the child must never return into the parent's code
        code = 1
    finally:
        os._exit(code)


def _limit_memory() -> None:  # pragma: no cover - runs forked
    try:
        import resource

        with open("/proc/self/statm") as statm:
            pages = int(statm.read().split()[0])
        limit = pages * os.sysconf("SC_PAGE_SIZE") + MEMORY_HEADROOM
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (OSError, ValueError, ImportError):
        pass  # no /proc or no rlimits: the wall-clock limit still applies


def _read_until(fd: int, deadline: float) -> tuple[bytes, bool]:
    """Read until EOF (True) or the deadline (False)."""
    chunks: list[bytes] = []
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return b"", False
        ready, _, _ = select.select([fd], [], [], remaining)
        if not ready:
            return b"", False
        chunk = os.read(fd, 65536)
        if not chunk:
            return b"".join(chunks), True
        chunks.append(chunk)
