"""Saves, not file-system events: one batch per save, whatever the editor does to write it.

Editors save in different ways: in place with one or several writes, or by writing a temporary
file and renaming it over the old one (sometimes after moving the old one aside). `watchfiles`
gathers the events of one save into one batch (it waits `STEP_MS` for quiet); `read_settled`
then waits until the file has stopped changing before reading it, so a save still in progress
is read once it is complete, and a file that is gone for a moment is waited for.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import watchfiles

STEP_MS = 30
"""Quiet time that ends a batch of events (one save)."""
DEBOUNCE_MS = 1000
"""The longest a batch waits while events keep coming."""
SETTLE_SECONDS = 0.015
"""A file is read once its size and modification time held still this long."""
READ_PATIENCE = 1.0
READY_MS = 100
"""How often the watcher wakes without events (to notice `stop`, and to report it runs)."""


def saves(directory: Path, names: set[str], stop: threading.Event,
          on_ready: Callable[[], None] | None = None) -> Iterator[list[str]]:
    """The file names in `names` (directly in `directory`) changed by each save, sorted,
    until `stop` is set. `on_ready` is called once the watcher is running: a save from then
    on is seen (`watchfiles` yields its first, empty, timeout batch only after it started)."""
    root = directory.resolve()

    def wanted(_change: watchfiles.Change, path: str) -> bool:
        file = Path(path)
        return file.name in names and file.parent == root

    for changes in watchfiles.watch(root, watch_filter=wanted, step=STEP_MS,
                                    debounce=DEBOUNCE_MS, stop_event=stop, recursive=False,
                                    rust_timeout=READY_MS, yield_on_timeout=True,
                                    raise_interrupt=False):
        if on_ready is not None:
            on_ready()
            on_ready = None
        changed = sorted({Path(path).name for _change, path in changes})
        if changed:
            yield changed


def _signature(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return info.st_size, info.st_mtime_ns


def read_settled(path: Path, settle: float = SETTLE_SECONDS,
                 patience: float = READ_PATIENCE) -> str:
    """The file's text once it has stopped changing (or after `patience` seconds, as it is).

    Raises FileNotFoundError when it is still missing after `patience` (deleted, not renamed
    into place), other OSError, or UnicodeDecodeError.
    """
    deadline = time.monotonic() + patience
    before = _signature(path)
    while time.monotonic() < deadline:
        time.sleep(settle)
        now = _signature(path)
        if now is not None and now == before:
            break
        before = now
    return path.read_text(encoding="utf-8")
