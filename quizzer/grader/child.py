"""The sandboxed side of a grade: runs in the forked child, calls the learner, reports data.

Everything here runs after `os.fork()` in a child that must end with `os._exit`, never by
returning into the grader's own code. The report is a dict of plain data:
`{"setup": None | {"kind", "message", "traceback"}, "outcomes": [...], "forbidden": [...],
"exit": None | code}`; each outcome is `{"output", "args", "kwargs", "error", "kind",
"traceback"}`.
"""

from __future__ import annotations

import ast
import contextlib
import copy
import errno
import importlib
import inspect
import io
import linecache
import math
import os
import resource
import signal
import sys
import traceback
import types
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import torch

from quizzer.grader import boundary
from quizzer.grader.internals import internal_use

if TYPE_CHECKING:
    from quizzer.grader.sandbox import Limits
    from quizzer.grader.tasks.base import Case, Task

MARKER = "__unsupported__"
MAX_DEPTH = 20
MAX_TEXT = 4000
_PLAIN = (bool, int, float, complex, str, type(None), torch.dtype)


class ForbiddenCall(Exception):
    """Raised in place of a function the learner may not call."""


def main(
    task: Task, source: str, cases: list[Case], *, filename: str, limits: Limits,
    workdir: str, write_fd: int, env: tuple[str, str],
) -> NoReturn:
    """The child's whole life: isolate, run, report, `os._exit`."""
    code = 0
    try:
        _isolate(workdir, limits, env, write_fd)
        report = run(task, source, cases, filename)
        _send(write_fd, report)
    except BaseException:  # noqa: BLE001 - the child must reach os._exit whatever happens
        code = 70
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(BaseException):  # output past the cap is dropped
                stream.flush()
        os._exit(code)


def _isolate(workdir: str, limits: Limits, env: tuple[str, str], keep_fd: int) -> None:
    """No stdin, capped output files, only the report pipe, rlimits, one thread."""
    # `boundary.fork_child` set the session and death with the parent. The grader's other
    # descriptors (the service's response pipe...) must not reach the learner.
    os.closerange(3, keep_fd)
    os.closerange(keep_fd + 1, resource.getrlimit(resource.RLIMIT_NOFILE)[0])
    os.environ[env[0]] = env[1]
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGPIPE):
        signal.signal(signum, signal.SIG_DFL)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes past the cap fail with EFBIG instead
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    for fd, name in ((1, "stdout"), (2, "stderr")):
        out = os.open(Path(workdir, name), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(out, fd)
        os.close(out)
    os.close(null)
    sys.stdin = open(os.devnull)  # noqa: SIM115 - lives as long as the child
    sys.stdout = open(1, "w", closefd=False)  # noqa: SIM115 - same
    sys.stderr = open(2, "w", closefd=False)  # noqa: SIM115 - same
    os.chdir(workdir)
    # The learner's code sees Python's default warning filters, never the grader's (pytest's
    # `filterwarnings = error` would turn a numpy overflow warning into a crash).
    warnings.resetwarnings()
    warnings.simplefilter("default")
    seconds = math.ceil(limits.timeout) + 1
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits.output, limits.output))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    space = _mapped_bytes() + limits.memory
    resource.setrlimit(resource.RLIMIT_AS, (space, space))
    torch.set_num_threads(1)




def _mapped_bytes() -> int:
    """The address space the forked grader already maps (VmSize)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    return 0


def run(task: Task, source: str, cases: list[Case], filename: str) -> dict[str, Any]:
    """Patch the forbidden functions, import the learner's file, call it on copies of cases."""
    calls: list[str] = []
    report: dict[str, Any] = {"setup": None, "outcomes": [], "forbidden": calls, "exit": None}
    for path in task.forbidden:
        _forbid(path, calls)
    loaded = _load(task, source, filename, cases)
    if isinstance(loaded, dict):
        report["setup"] = loaded
        return report
    for case in cases:
        outcome = _call(loaded, case, filename)
        if "exit" in outcome:
            report["exit"] = outcome["exit"]
            break
        report["outcomes"].append(outcome)
        if calls or outcome["kind"] in ("memory", "output", "recursion"):
            break
    return report


def _forbid(path: str, calls: list[str]) -> None:
    """Replace the object at dotted `path` with a function that records the call and raises."""
    head, _, attr = path.rpartition(".")
    parts = head.split(".")
    try:
        owner: Any = _import_longest_prefix(parts)
        for part in parts[len(owner.__name__.split(".")):]:
            owner = getattr(owner, part)
        if not hasattr(owner, attr):
            return
    except (ImportError, AttributeError):
        return

    def forbidden(*args: Any, **kwargs: Any) -> Any:
        calls.append(path)
        raise ForbiddenCall(f"{path} is not allowed in this exercise")

    try:
        setattr(owner, attr, forbidden)
    except (AttributeError, TypeError):
        return


def _import_longest_prefix(parts: list[str]) -> Any:
    """The deepest importable module along `parts` (`pycocotools.coco` for `pycocotools.coco.COCO`),
    so that forbidding a function of a not-yet-imported submodule still works."""
    module = importlib.import_module(parts[0])
    for end in range(2, len(parts) + 1):
        try:
            module = importlib.import_module(".".join(parts[:end]))
        except ImportError:
            break
    return module


def _load(task: Task, source: str, filename: str, cases: list[Case]) -> Any:
    """The learner's function, or a setup report (one line, no traceback for syntax errors)."""
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    name = Path(filename).name
    try:
        code = compile(source, filename, "exec", dont_inherit=True)
    except SyntaxError as exc:
        return _setup("syntax", f"syntax error in {name} line {exc.lineno}: {exc.msg}")
    internal = internal_use(ast.parse(source, filename))
    if internal is not None:
        return _setup("forbidden", f"{name} uses {internal}: torch internals and the grader's "
                      "own code are off limits; write the computation with public tensor ops")
    module = types.ModuleType("submission")
    module.__file__ = filename
    sys.modules["submission"] = module
    try:
        exec(code, module.__dict__)
    except SystemExit as exc:
        return _setup("exit", f"{name} called sys.exit({exc.code!r}) while being imported")
    except BaseException as exc:  # noqa: BLE001 - any failure of the learner's module
        kind = _kind(exc)
        if kind == "output":
            return _setup(kind, f"output limit: importing {name} printed more than allowed")
        return _setup(kind, f"importing {name} raised {_one_line(exc)}", _frames(exc, filename))
    fn = module.__dict__.get(task.name)
    if not callable(fn):
        return _setup("missing", f"{name} defines no function named `{task.name}`")
    return _check_signature(task, fn, cases, name)


def _check_signature(task: Task, fn: Any, cases: list[Case], name: str) -> Any:
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):
        return fn
    for case in cases:
        try:
            sig.bind(*case.args, **case.kwargs)
        except TypeError as exc:
            return _setup("signature", f"`{task.name}{sig}` in {name} cannot be called as "
                          f"`{task.signature.removesuffix(':')}` ({exc})")
    return fn


def _setup(kind: str, message: str, frames: str = "") -> dict[str, Any]:
    return {"kind": kind, "message": message, "traceback": frames}


def _call(fn: Any, case: Case, filename: str) -> dict[str, Any]:
    """One case: the output and the inputs afterwards, or the error, as plain data."""
    args, kwargs = copy.deepcopy(case.args), copy.deepcopy(case.kwargs)
    outcome: dict[str, Any] = {"output": None, "error": None, "kind": "", "traceback": ""}
    try:
        outcome["output"] = to_data(fn(*args, **kwargs))
    except SystemExit as exc:
        return {"exit": _exit_code(exc)}
    except BaseException as exc:  # noqa: BLE001 - the learner's error is a result
        outcome.update(error=_one_line(exc), kind=_kind(exc), traceback=_frames(exc, filename))
    outcome["args"] = to_data(args)
    outcome["kwargs"] = to_data(kwargs)
    return outcome


def _exit_code(exc: SystemExit) -> int | str:
    code = exc.code
    return code if isinstance(code, int) else str(code)[:200]


def _kind(exc: BaseException) -> str:
    """How a learner exception maps onto a status: memory, output, recursion or plain error."""
    text = str(exc)
    if isinstance(exc, MemoryError) or "can't allocate memory" in text or (
            "not enough memory" in text):
        return "memory"
    if isinstance(exc, OSError) and exc.errno == errno.EFBIG:
        return "output"
    if isinstance(exc, RecursionError):
        return "recursion"
    if isinstance(exc, ForbiddenCall):
        return "forbidden"
    return "error"


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    line = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return line[:500]


def _frames(exc: BaseException, filename: str) -> str:
    """The traceback, keeping only frames from the learner's own file."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == filename]
    if not frames:
        return ""
    lines = traceback.format_list(frames)
    if len(lines) > 12:  # a recursion bomb: show both ends
        lines = lines[:6] + [f"  ... {len(lines) - 12} more frames ...\n"] + lines[-6:]
    text = "Traceback (your code):\n" + "".join(lines) + _one_line(exc)
    return text[:MAX_TEXT]


def to_data(value: Any, depth: int = 0) -> Any:
    """`value` as something `torch.load(weights_only=True)` accepts; a marker otherwise."""
    if isinstance(value, torch.Tensor):
        if value.layout != torch.strided:
            return {MARKER: f"torch.Tensor ({value.layout})"}
        return value.detach().as_subclass(torch.Tensor).clone()
    if type(value) in _PLAIN:
        return value[:MAX_TEXT] if isinstance(value, str) else value
    if isinstance(value, float):
        return float(value)
    if depth < MAX_DEPTH and type(value) in (list, tuple) or isinstance(value, torch.Size):
        items = [to_data(v, depth + 1) for v in value]
        return items if type(value) is list else tuple(items)
    if depth < MAX_DEPTH and type(value) is dict and all(isinstance(k, str) for k in value):
        return {k: to_data(v, depth + 1) for k, v in value.items()}
    kind = type(value)
    return {MARKER: f"{kind.__module__}.{kind.__qualname__}".removeprefix("builtins.")}


def _send(fd: int, report: dict[str, Any]) -> None:
    buffer = io.BytesIO()
    torch.save(report, buffer)
    boundary.send(fd, buffer.getvalue())
