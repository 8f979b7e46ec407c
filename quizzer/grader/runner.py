"""Grades learner source against a task: build cases, run them sandboxed, judge, one verdict.

Call this only in a grader process (the CLI's `grade`, the warm service, `quizzer check`): it
imports torch. The judging happens here, in the trusted process, against this process's own
cases; the child only reports what the learner's function returned.
"""

from __future__ import annotations

import signal
import time
import traceback
from collections import OrderedDict
from dataclasses import replace
from pathlib import Path

from quizzer.core.result import Check, GradeResult, Status
from quizzer.grader.childreport import CaseResult, ChildReport
from quizzer.grader.sandbox import (
    RESULT_CAP,
    Limits,
    RunReport,
    become_subreaper,
    run_submission,
)
from quizzer.grader.tasks import load_task
from quizzer.grader.tasks.base import Case, Outcome, Task

_CASES: OrderedDict[tuple[str, int], list[Case]] = OrderedDict()
CACHED_CASE_SETS = 64
"""A warm service keeps this many (task, seed) case lists; the least recently used goes first."""
_ERROR_STATUS = {"memory": Status.MEMORY, "exit": Status.CRASHED}


def prepare_grader_process(*, adopt_orphans: bool = True) -> None:
    """Settings for a process whose only children are learner sandboxes: call it once.

    The references are computed on small tensors, where torch's intra-op thread pool only costs
    wake-ups (10 ms per softmax on a busy 2-core machine instead of 2 us), and a child forked
    from a process whose OpenMP pool has run cannot use that pool safely anyway.
    `adopt_orphans` makes this process a subreaper (see `sandbox.become_subreaper`); leave it
    off in a process that has children of its own.
    """
    import torch

    torch.set_num_threads(1)
    if adopt_orphans:
        become_subreaper()


def cases_for(task: Task, seed: int) -> list[Case]:
    """The task's cases for `seed`, built once per process."""
    key = (task.name, seed)
    if key in _CASES:
        _CASES.move_to_end(key)
    else:
        _CASES[key] = task.cases(seed)
        if len(_CASES) > CACHED_CASE_SETS:
            _CASES.popitem(last=False)
    return _CASES[key]


def grade_source(
    task: str, source: str, *, seed: int = 0, timeout: float = 10.0,
    filename: str = "submission.py",
) -> GradeResult:
    """Grade `source` (a Python file's text defining the function `task`).

    Raises KeyError for an unknown task. `filename` names the file in messages and tracebacks.
    """
    start = time.perf_counter()
    spec = load_task(task)
    try:
        cases = cases_for(spec, seed)
    except Exception as exc:  # noqa: BLE001 - a broken generator or reference is ours
        return _internal(task, seed, "building the cases", exc)
    report = run_submission(spec, source, cases, filename=filename,
                            limits=Limits(timeout=timeout))
    try:
        result = verdict(spec, cases, report, seed=seed, timeout=timeout)
    except Exception as exc:  # noqa: BLE001 - a judge that raises is a grader bug
        return _internal(task, seed, "judging the results", exc)
    return replace(result, seconds=time.perf_counter() - start)


def _internal(task: str, seed: int, stage: str, exc: Exception) -> GradeResult:
    """The grader's own failure: never reported as the learner's."""
    where = "".join(traceback.format_exception(exc)[-3:])
    message = (f"the grader failed while {stage} ({type(exc).__name__}: {exc}); this is a bug "
               f"in quizzer, not in your code: please report it with the task and seed {seed}")
    return GradeResult(task, Status.INTERNAL, [Check("the grader judged the answer", False,
                       message)], seed=seed, message=message, detail=where)


def grade_file(task: str, path: str | Path, *, seed: int = 0,
               timeout: float = 10.0) -> GradeResult:
    """Grade the file at `path` (OSError / UnicodeDecodeError if it cannot be read)."""
    source = Path(path).read_text(encoding="utf-8")
    return grade_source(task, source, seed=seed, timeout=timeout, filename=str(path))


def verdict(
    task: Task, cases: list[Case], report: RunReport, *, seed: int, timeout: float
) -> GradeResult:
    """Turn what came back from the child into a GradeResult."""
    detail = _captured(report)
    early = _early_end(report, timeout)
    if early is not None:
        return GradeResult(task.name, early[0], [_end_check(*early)], seed=seed,
                           message=early[1], detail=detail)
    payload = report.payload
    assert payload is not None  # `_early_end` handles a child that sent no report
    ended = _payload_end(task, payload)
    if ended is not None:
        status, message, frames = ended
        return GradeResult(task.name, status, [_end_check(status, message)], seed=seed,
                           message=message, detail=_join(frames, detail))
    return _judge_all(task, cases, list(payload.outcomes), seed, detail)


def _early_end(report: RunReport, timeout: float) -> tuple[Status, str] | None:
    """Timeouts, oversized reports and deaths before the child could report."""
    if report.timed_out:
        return Status.TIMEOUT, (f"timeout: still running after {timeout:g} s and was killed "
                                "(an infinite loop, or far too slow)")
    if report.leftovers:
        return Status.ERROR, (f"left {len(report.leftovers)} process(es) running after it "
                              "returned; they were killed (wait for every process you start)")
    if report.oversized:
        return Status.ERROR, f"the results were larger than {RESULT_CAP // 2**20} MiB"
    if report.payload is not None:
        return None
    if report.malformed:
        return Status.CRASHED, "crashed: the child sent back a malformed report"
    if report.signal == signal.SIGXCPU:
        return Status.TIMEOUT, "timeout: used more CPU time than allowed and was killed"
    if report.signal == signal.SIGKILL:
        return Status.MEMORY, "killed by SIGKILL, most likely for using too much memory"
    if report.signal is not None:
        name = signal.Signals(report.signal).name
        what = " (segmentation fault)" if report.signal == signal.SIGSEGV else ""
        return Status.CRASHED, f"crashed: the process died from signal {name}{what}"
    return Status.CRASHED, (f"crashed: the process exited with code {report.exit_code} before "
                            "reporting results (os._exit, or a crash in native code)")


def _payload_end(task: Task, payload: ChildReport) -> tuple[Status, str, str] | None:
    """Forbidden calls, sys.exit and setup failures (syntax, missing function, signature)."""
    if payload.forbidden:
        return Status.ERROR, (f"forbidden call: {payload.forbidden[0]} is not allowed here; "
                              f"`{task.name}` is the kernel you are asked to implement "
                              "yourself"), ""
    if payload.exit is not None:
        return Status.CRASHED, f"crashed: your code called sys.exit({payload.exit!r})", ""
    if payload.setup is not None:
        status = _ERROR_STATUS.get(payload.setup.kind, Status.ERROR)
        return status, payload.setup.message, payload.setup.traceback
    return None


def _judge_all(
    task: Task, cases: list[Case], outcomes: list[CaseResult], seed: int, detail: str
) -> GradeResult:
    """One check per case; the first failing case (in case order) decides status and message."""
    checks: list[Check] = []
    first: tuple[Status, str, str] | None = None
    for case, raw in zip(cases, outcomes, strict=False):
        if case.raises is not None and raw.kind not in ("memory", "output", "recursion"):
            check = _judge_refusal(task, case, raw)
            if not check.passed and first is None:
                first = (Status.FAILED, "", "")
        elif raw.error:
            check = Check(case.name, False, f"{task.name} raised {raw.error}",
                          _error_hint(task, case, raw.error))
            first = first or _error_status(task, case, raw)
        else:
            check = _judge_one(task, case, raw)
            if not check.passed and first is None:
                first = (Status.FAILED, "", "")
        checks.append(check)
    failed = sum(not c.passed for c in checks)
    if first is not None and first[0] is not Status.FAILED:
        status, message, frames = first
        return GradeResult(task.name, status, checks, seed, message=message,
                           detail=_join(frames, detail))
    if len(checks) < len(cases):
        return GradeResult(task.name, Status.CRASHED, checks, seed, detail=detail,
                           message=f"crashed: reported {len(checks)} of {len(cases)} cases")
    if failed:
        name = next(c.name for c in checks if not c.passed)
        message = f"{failed} of {len(checks)} checks failed; first: {name}"
        return GradeResult(task.name, Status.FAILED, checks, seed, message=message,
                           detail=detail)
    return GradeResult(task.name, Status.PASSED, checks, seed,
                       message=f"all {len(checks)} checks passed", detail=detail)


def _judge_refusal(task: Task, case: Case, raw: CaseResult) -> Check:
    """A case the learner must refuse by raising `case.raises`."""
    error = raw.error
    if error.split(":", 1)[0] == case.raises:
        return Check(case.name, True)
    if error:
        got = f"raised {error}"
    else:
        output = raw.output
        got = f"returned {output!r}" if isinstance(output, tuple | list | int) else "returned"
    return Check(case.name, False, f"expected {case.raises} (torch rejects this "
                 f"configuration), but {task.name} {got}", case.hint)


def _error_status(task: Task, case: Case, raw: CaseResult) -> tuple[Status, str, str]:
    kind, error, frames = raw.kind, raw.error, raw.traceback
    if kind == "memory":
        return Status.MEMORY, f"out of memory on {case.name}: {error}", frames
    if kind == "output":
        return Status.ERROR, "output limit: the code printed more than the 1 MiB allowed", ""
    if kind == "recursion":
        return Status.ERROR, f"recursion too deep on {case.name}: {error}", frames
    return Status.ERROR, f"{task.name} raised {error} on {case.name}", frames


_END_CHECKS = {
    Status.TIMEOUT: "finishes within the time limit",
    Status.MEMORY: "stays within the memory limit",
    Status.CRASHED: "runs to the end without the process dying",
}


def _end_check(status: Status, message: str) -> Check:
    """The one check a run that never got to be compared fails, so `checks` always says why."""
    name = _END_CHECKS.get(status, "loads and can be called as the task says")
    if message.startswith("forbidden") or "off limits" in message:
        name = "uses only allowed functions"
    return Check(name, False, message)


def _error_hint(task: Task, case: Case, error: str) -> str:
    if error.startswith("NotImplementedError"):
        return "this is still the stub: replace `raise NotImplementedError` with your code"
    return task.error_hint(case, error)


def _judge_one(task: Task, case: Case, raw: CaseResult) -> Check:
    outcome = Outcome(output=raw.output, args_after=raw.args, kwargs_after=raw.kwargs)
    return task.judge(case, outcome)  # judges check types themselves: a raise is a grader bug


def _captured(report: RunReport) -> str:
    parts = [f"Your code printed:\n{report.stdout}" if report.stdout.strip() else "",
             f"On stderr:\n{report.stderr}" if report.stderr.strip() else ""]
    return _join(*parts)


def _join(*parts: str) -> str:
    return "\n\n".join(p.rstrip() for p in parts if p.strip())
