"""Where a warm grader service can be found: a unix socket under `$QUIZZER_HOME`.

The service that watch mode or the TUI starts listens on `grader.sock` in the data directory,
created with mode 0600. A client uses it only when the path is a socket owned by this user with
exactly that mode; the service also refuses connections from other users (`SO_PEERCRED`).
Anything else, or no answer, and the caller grades cold. Torch-free and pydantic-free: this is
on `quizzer grade`'s fast path.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import stat
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quizzer.grader import wire
from quizzer.paths import PACKAGE_DIR, data_dir, shipped_dir

SOCKET_NAME = "grader.sock"
SLACK_SECONDS = 30.0
"""Patience on top of the submission's own time limit (the service may be busy)."""


class WarmUnavailable(RuntimeError):
    """No usable warm service: the caller should grade cold."""


def socket_path() -> Path:
    return data_dir() / SOCKET_NAME


def identity(bank_dir: Path | None = None) -> dict[str, str]:
    """What must match between a client and the service it uses: the same code, the same
    progress store, the same bank (otherwise verdicts or records could differ)."""
    bank = str(bank_dir.resolve()) if bank_dir else os.environ.get(
        "QUIZZER_BANK", str(shipped_dir("questions")))  # config.toml is in `home`
    return {"package": str(PACKAGE_DIR), "home": str(data_dir().resolve()), "bank": bank}


def unsafe_reason(path: Path) -> str | None:
    """Why `path` must not be trusted as the grader socket, or None when it may be."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return "no warm grader is running"
    except OSError as exc:
        return f"cannot inspect {path}: {exc.strerror}"
    if not stat.S_ISSOCK(info.st_mode):
        return f"{path} is not a socket"
    if info.st_uid != os.geteuid():
        return f"{path} belongs to another user"
    if stat.S_IMODE(info.st_mode) != 0o600:
        return f"{path} has mode {stat.S_IMODE(info.st_mode):o}, not 600"
    return None


def _alive(path: Path) -> bool:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        probe.settimeout(1.0)
        try:
            probe.connect(str(path))
        except OSError:
            return False
    return True


@dataclass(frozen=True)
class Listener:
    """A listening socket and the file it is bound to."""

    sock: socket.socket
    path: Path
    inode: int

    def close(self) -> None:
        """Stop listening; remove the file unless another service has replaced it since."""
        self.sock.close()
        with contextlib.suppress(OSError):
            if os.stat(self.path).st_ino == self.inode:
                os.unlink(self.path)


def listen(path: Path | None = None) -> Listener | None:
    """A listening socket at `path` (default `socket_path()`), mode 0600, or None when another
    live service already listens there or the path cannot be used (too long, unwritable).

    It is bound under a private name and renamed into place, so it never appears with a wider
    mode; a stale socket left by a killed service is replaced.
    """
    path = path or socket_path()
    if _alive(path):
        return None
    private = path.with_name(f".{path.name}.{os.getpid()}")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old_umask = os.umask(0o077)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(private)
        server.bind(str(private))
        os.chmod(private, 0o600)
        server.listen(8)
        os.replace(private, path)
        return Listener(server, path, os.stat(path).st_ino)
    except OSError:
        server.close()
        with contextlib.suppress(OSError):
            os.unlink(private)
        return None
    finally:
        os.umask(old_umask)


def same_user(conn: socket.socket) -> bool:
    """Whether the peer of an accepted connection runs as this user (True where unknowable)."""
    option = getattr(socket, "SO_PEERCRED", None)
    if option is None:
        return True
    creds = conn.getsockopt(socket.SOL_SOCKET, option, struct.calcsize("3i"))
    _pid, uid, _gid = struct.unpack("3i", creds)
    return bool(uid == os.geteuid())


class WarmGrader:
    """One connection to the warm service, for one or a few requests."""

    def __init__(self, path: Path | None = None, connect_timeout: float = 2.0) -> None:
        path = path or socket_path()
        reason = unsafe_reason(path)
        if reason is not None:
            raise WarmUnavailable(reason)
        self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._sock.settimeout(connect_timeout)
        try:
            self._sock.connect(str(path))
        except OSError as exc:
            self._sock.close()
            raise WarmUnavailable(f"the warm grader did not answer: {exc}") from None
        self._buffer = b""
        self._next_id = 0

    def request(self, request: wire.Request, seconds: float) -> Any:
        """Send one request and return its result (WarmUnavailable on any failure)."""
        self._next_id += 1
        line = wire.encode(request, self._next_id)
        self._sock.settimeout(seconds)
        try:
            self._sock.sendall(line.encode())
            while b"\n" not in self._buffer:
                chunk = self._sock.recv(1 << 16)
                if not chunk:
                    raise WarmUnavailable("the warm grader closed the connection")
                self._buffer += chunk
        except OSError as exc:
            raise WarmUnavailable(f"the warm grader stopped answering: {exc}") from None
        raw, _, self._buffer = self._buffer.partition(b"\n")
        response = json.loads(raw)
        if not isinstance(response, dict) or response.get("id") != self._next_id:
            raise WarmUnavailable("the warm grader sent an unexpected answer")
        if not response.get("ok"):
            raise WarmUnavailable(f"{response.get('error_type')}: {response.get('error')}")
        return response.get("result")

    def close(self) -> None:
        self._sock.close()

    def __enter__(self) -> WarmGrader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
