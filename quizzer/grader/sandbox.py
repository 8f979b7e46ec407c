"""Runs learner code in a forked child of the trusted grader process and brings back data only.

The grader process has torch imported already; forking from it skips the torch import, which is
what makes a grade fast. The child leaves the grader's session, closes stdin, writes its output to
capped files in its own temporary directory, runs under rlimits, and replaces every forbidden
function before the learner's module is imported. It sends the learner's outputs back through a
pipe as `torch.save` bytes, which the parent reads with `weights_only=True`; the parent judges.
This protects against accidents (a loop, a memory blow-up, a crash), not against malice.
"""

from __future__ import annotations

import contextlib
import ctypes
import io
import os
import shutil
import signal
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch

from quizzer.grader import boundary, child
from quizzer.grader.childreport import ChildReport, from_data
from quizzer.grader.tasks.base import Case, Task, Unsupported

ENV_MARK = "QUIZZER_SANDBOX"
"""Set in every sandboxed child; processes carrying it are killed after the grade."""
RESULT_CAP = 64 * 2**20
SHOWN_OUTPUT = 2000
_PR_SET_CHILD_SUBREAPER = 36
_SUBREAPER = False
"""Set by `become_subreaper`: every other live child of this process is a leftover."""


@dataclass(frozen=True)
class Limits:
    """What one learner child may use."""

    timeout: float = 10.0
    """Wall-clock seconds for importing the submission and running every case."""
    memory: int = 2 * 2**30
    """Bytes of address space on top of what the forked grader already maps."""
    output: int = 2**20
    """Bytes the child may write to any file, its stdout and stderr included."""


@dataclass
class RunReport:
    """What the trusted side learned from one child, before any judging."""

    payload: ChildReport | None = None
    """The child's report, checked and typed, or None when it sent none (or a malformed one)."""
    malformed: bool = False
    """The child sent something that is not a report of the child's shape."""
    timed_out: bool = False
    exit_code: int | None = None
    signal: int | None = None
    stdout: str = ""
    stderr: str = ""
    oversized: bool = False
    """The child tried to send back more than RESULT_CAP bytes."""
    leftovers: list[int] = field(default_factory=list)
    """Pids of processes the learner started that were still alive and had to be killed."""


def run_submission(
    task: Task, source: str, cases: list[Case], *, filename: str, limits: Limits
) -> RunReport:
    """Fork a child that imports `source` and calls the task's function on copies of `cases`."""
    workdir = tempfile.mkdtemp(prefix="quizzer-grade-")
    mark = uuid.uuid4().hex

    def body(write_fd: int) -> None:
        child.main(task, source, cases, filename=filename, limits=limits, workdir=workdir,
                   write_fd=write_fd, env=(ENV_MARK, mark))

    own = frozenset(_children()) if _SUBREAPER else frozenset()
    pid, read_fd = boundary.fork_child(body)
    report = RunReport()
    try:
        ended = boundary.wait_for(pid, read_fd, limits.timeout, RESULT_CAP)
        report.timed_out, report.oversized = ended.timed_out, ended.oversized
        report.exit_code, report.signal = ended.exit_code, ended.signal
    finally:
        report.leftovers = kill_leftovers(pid, mark, own)
        report.stdout = _head(Path(workdir, "stdout"))
        report.stderr = _head(Path(workdir, "stderr"))
        shutil.rmtree(workdir, ignore_errors=True)
    report.payload = _decode(boundary.unframe(ended.data), len(cases))
    report.malformed = report.payload is None and bool(ended.data)
    return report


def become_subreaper() -> bool:
    """Adopt orphaned descendants (Linux PR_SET_CHILD_SUBREAPER), so none can escape.

    For grader processes (the CLI's `grade`, the warm service): a child that appears during a
    grade and is not the sandbox child itself is an adopted leftover. Children that existed
    before the grade are left alone.
    """
    global _SUBREAPER
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        _SUBREAPER = libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        _SUBREAPER = False
    return _SUBREAPER


def kill_leftovers(session: int, mark: str, own: frozenset[int] = frozenset()) -> list[int]:
    """Find and kill every live process in the child's session, carrying its mark, or adopted.

    `own` are this process's children from before the grade: never touched.
    """
    killed: list[int] = []
    needle = f"{ENV_MARK}={mark}".encode()
    for _ in range(5):  # a process that forks while we scan is caught on the next pass
        table = _process_table()
        found = [pid for pid, proc in table.items()
                 if pid not in killed and pid not in own and proc[0] not in ("Z", "X")
                 and _belongs(pid, table, session, own, needle)]
        boundary.kill_group(session)
        for pid in found:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        if not found:
            break
        killed.extend(found)
    _await_death(killed)
    if _SUBREAPER:
        _reap_adopted(own)
    return killed


def _await_death(pids: list[int], limit: float = 2.0) -> None:
    """SIGKILL is delivered asynchronously: wait (briefly) until each killed process is gone, so
    that a verdict which says "killed" is true when it is read."""
    deadline = time.monotonic() + limit
    for pid in pids:
        while time.monotonic() < deadline:
            try:
                with open(f"/proc/{pid}/stat", "rb") as f:
                    stat = f.read()
            except OSError:
                break
            if stat[stat.rindex(b")") + 2:][:1] in (b"Z", b"X"):
                break
            time.sleep(0.005)


_Proc = tuple[str, int, int, int]
"""(state, parent pid, process group, session) from /proc/<pid>/stat."""


def _process_table() -> dict[int, _Proc]:
    table: dict[int, _Proc] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                stat = f.read()
            fields = stat[stat.rindex(b")") + 2:].split()
            table[int(name)] = (fields[0].decode(), int(fields[1]), int(fields[2]),
                                int(fields[3]))
        except (OSError, ValueError, IndexError):
            continue
    return table


def _belongs(pid: int, table: dict[int, _Proc], session: int, own: frozenset[int],
             needle: bytes) -> bool:
    """In the child's session or group; as a subreaper, below a child of ours that is not
    `own`; otherwise, carrying the child's environment mark (only exec'd processes show it)."""
    if session in (table[pid][2], table[pid][3]):
        return True
    if _SUBREAPER:
        return _descends_from_new_child(pid, table, own)
    try:
        return needle in Path(f"/proc/{pid}/environ").read_bytes()
    except OSError:
        return False


def _descends_from_new_child(pid: int, table: dict[int, _Proc], own: frozenset[int]) -> bool:
    me = os.getpid()
    for _ in range(64):
        proc = table.get(pid)
        if proc is None:
            return False
        if proc[1] == me:
            return pid not in own
        pid = proc[1]
    return False


def _reap_adopted(own: frozenset[int]) -> None:
    """Collect the exit status of adopted descendants, leaving our own children alone."""
    for pid in _children() - own:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)


def _children() -> set[int]:
    """This process's children, in any state (/proc/<pid>/task/*/children is not always built
    into the kernel, so the parent pids of the process table are used)."""
    me = os.getpid()
    return {pid for pid, proc in _process_table().items() if proc[1] == me}


def _head(path: Path) -> str:
    """The start of a captured output file, never read whole."""
    try:
        with path.open("rb") as f:
            data = f.read(SHOWN_OUTPUT + 1)
    except OSError:
        return ""
    text = data[:SHOWN_OUTPUT].decode("utf-8", errors="replace")
    return text + ("\n[... output truncated]" if len(data) > SHOWN_OUTPUT else "")


def _decode(body: bytes | None, cases: int) -> ChildReport | None:
    """Load the child's report as data only; None if it is missing or malformed."""
    if body is None:
        return None
    try:
        payload = torch.load(io.BytesIO(body), weights_only=True)
    except Exception:  # noqa: BLE001 - any malformed report is "the child sent garbage"
        return None
    return from_data(restore_markers(payload), cases)


def restore_markers(value: Any) -> Any:
    """Turn the child's `{"__unsupported__": name}` markers into `Unsupported` values."""
    if isinstance(value, dict):
        if set(value) == {child.MARKER} and isinstance(value[child.MARKER], str):
            return Unsupported(value[child.MARKER])
        return {k: restore_markers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [restore_markers(v) for v in value]
    if isinstance(value, tuple):
        return tuple(restore_markers(v) for v in value)
    return value

