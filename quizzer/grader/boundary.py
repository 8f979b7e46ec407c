"""The one process boundary of the grader: every child the grader forks goes through here.

Both the code sandbox (a learner's function) and the formula checks (SymPy on a parsed answer)
fork a child from an already warm grader process. The child leaves the grader's session, is
killed if the grader dies, runs its body and ends with `os._exit`, never by returning into the
grader's code. The parent reads one framed reply under a deadline and a size cap, kills the
child's whole process group on timeout or oversize, and reaps it. Torch-free and SymPy-free.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import pickle
import resource
import select
import signal
import struct
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NoReturn

_HEADER = struct.Struct("<Q")
_PR_SET_PDEATHSIG = 1
MEMORY_HEADROOM = 2 << 30
"""Address space a limited call may add to the parent's, in bytes."""


@dataclass
class Ended:
    """How one child ended, as seen from the parent, before anything is decoded."""

    data: bytes | None = None
    """Every byte the child wrote to its reply pipe (None when it was killed)."""
    timed_out: bool = False
    oversized: bool = False
    """The child tried to send more than the cap; it was killed."""
    exit_code: int | None = None
    signal: int | None = None
    seconds: float = 0.0


def fork_child(body: Callable[[int], None]) -> tuple[int, int]:
    """Fork; the child runs `body(write_fd)` and exits. Returns (pid, read_fd) to the parent.

    In the child, before `body`: a new session (so one `killpg` ends everything it starts) and
    death with the parent (Linux). An exception from `body` ends the child with code 70.
    """
    parent = os.getpid()
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child; what it does is seen through the pipe
        os.close(read_fd)
        _child(body, write_fd, parent)
    os.close(write_fd)
    return pid, read_fd


def _child(body: Callable[[int], None], write_fd: int, parent: int) -> NoReturn:
    code = 0
    try:
        os.setsid()
        die_with_parent(parent)
        body(write_fd)
    except BaseException:  # noqa: BLE001 - the child must reach os._exit whatever happens
        code = 70
    finally:
        os._exit(code)


def die_with_parent(parent: int) -> None:
    """Be killed if the grader dies (a killed service, a closed TUI): a learner's endless loop
    must not outlive it. Linux only (PR_SET_PDEATHSIG); elsewhere the CPU limit still ends it."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the grader died before the request was in place
        os._exit(1)


def wait_for(pid: int, read_fd: int, timeout: float, cap: int) -> Ended:
    """Read the child's reply until it exits, `timeout` passes or it sends over `cap` bytes;
    then reap it (killing its group if it still runs). Closes `read_fd`."""
    started = time.monotonic()
    ended = Ended()
    try:
        ended.data = _collect(pid, read_fd, started + timeout, cap, ended)
    finally:
        os.close(read_fd)
        _reap(pid, ended)
        ended.seconds = time.monotonic() - started
    return ended


def _collect(pid: int, read_fd: int, deadline: float, cap: int, ended: Ended) -> bytes | None:
    pidfd = os.pidfd_open(pid)
    chunks: list[bytes] = []
    size, eof = 0, False
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                ended.timed_out = True
                kill_group(pid)
                return None
            watched = [pidfd] if eof else [read_fd, pidfd]
            ready, _, _ = select.select(watched, [], [], remaining)
            if read_fd in ready:
                chunk = os.read(read_fd, 1 << 16)
                eof = not chunk
                chunks.append(chunk)
                size += len(chunk)
                if size > cap:
                    ended.oversized = True
                    kill_group(pid)
                    return None
            elif pidfd in ready:
                chunks.append(_drain(read_fd, cap - size))
                break
    finally:
        os.close(pidfd)
    return b"".join(chunks)


def _drain(fd: int, cap: int) -> bytes:
    """What is left in the pipe once the child is gone (a grandchild may hold it open)."""
    os.set_blocking(fd, False)
    chunks: list[bytes] = []
    with contextlib.suppress(BlockingIOError):
        while cap > 0:
            chunk = os.read(fd, min(cap, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
            cap -= len(chunk)
    return b"".join(chunks)


def kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def _reap(pid: int, ended: Ended) -> None:
    """Reap the child (killing its group first if it still runs) and record how it ended."""
    done, status = os.waitpid(pid, os.WNOHANG)
    if done == 0:
        kill_group(pid)
        with contextlib.suppress(ProcessLookupError):  # in case it had not yet called setsid
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        ended.signal = os.WTERMSIG(status)
    else:
        ended.exit_code = os.waitstatus_to_exitcode(status)


def send(fd: int, data: bytes) -> None:
    """Write one framed reply: its length, then its bytes."""
    view = memoryview(_HEADER.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view):]


def unframe(data: bytes | None) -> bytes | None:
    """The reply inside a frame; None unless the frame is complete and exact."""
    if data is None or len(data) < _HEADER.size:
        return None
    (length,) = _HEADER.unpack_from(data)
    body = data[_HEADER.size:]
    return body if length == len(body) else None


@dataclass(frozen=True)
class Outcome:
    """How a limited call ended: `value` is set when `status` is "ok"."""

    status: str
    """"ok", "timeout", "error" (the function raised) or "crashed" (no reply)."""
    value: Any = None
    error: str = ""
    seconds: float = 0.0


def run_limited(fn: Callable[[], Any], timeout: float, cap: int = 64 << 20) -> Outcome:
    """Call the grader's own `fn()` in a child under a wall-clock and a memory limit.

    For trusted computations that may stall in C code SIGALRM cannot interrupt (SymPy, mpmath)
    or need too much memory; the return value must pickle. Never for learner code: the reply is
    unpickled.
    """
    def body(write_fd: int) -> None:
        _limit_memory()
        try:
            reply: tuple[str, Any] = ("ok", fn())
        except BaseException as exc:  # noqa: BLE001 - everything is reported, nothing escapes
            reply = ("error", f"{type(exc).__name__}: {exc}")
        send(write_fd, pickle.dumps(reply))

    ended = wait_for(*fork_child(body), timeout, cap)
    if ended.timed_out:
        return Outcome("timeout", seconds=ended.seconds)
    try:
        status, payload = pickle.loads(unframe(ended.data) or b"")
    except Exception:  # noqa: BLE001 - any unreadable reply means the child died mid-write
        return Outcome("crashed", seconds=ended.seconds)
    if status == "ok":
        return Outcome("ok", value=payload, seconds=ended.seconds)
    return Outcome("error", error=str(payload), seconds=ended.seconds)


def _limit_memory() -> None:  # pragma: no cover - runs forked
    try:
        with open("/proc/self/statm") as statm:
            pages = int(statm.read().split()[0])
        limit = pages * os.sysconf("SC_PAGE_SIZE") + MEMORY_HEADROOM
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (OSError, ValueError):
        pass  # no /proc: the wall-clock limit still applies
