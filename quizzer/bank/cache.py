"""A cache of validated questions keyed by each file's content hash.

Parsing YAML dominates loading; a file whose bytes (and the schema) are unchanged since the last
load is read back from a pickle instead. Only clean files are cached, so problems are always
reported fresh. The cache lives under `$QUIZZER_HOME/cache` or `$XDG_CACHE_HOME/quizzer`; it holds
only what quizzer itself wrote, and a damaged entry is ignored and rewritten.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from functools import cache
from pathlib import Path
from typing import Any

from quizzer import __version__


def cache_dir() -> Path:
    """Where cached files go."""
    home = os.environ.get("QUIZZER_HOME")
    if home:
        return Path(home) / "cache" / "bank"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "quizzer" / "bank"


@cache
def schema_fingerprint() -> str:
    """Changes whenever validation could give a different answer for the same file."""
    digest = hashlib.sha256(__version__.encode())
    # The sources validation reads: the schema and the catalogue of tasks and ops.
    package = Path(__file__).resolve().parents[1]
    sources = [package / "bank" / name for name in ("models.py", "loader.py", "cjk.py")]
    sources.append(package / "core" / "catalog.py")
    for source in sources:
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def key_for(raw: bytes) -> str:
    return hashlib.sha256(raw + schema_fingerprint().encode()).hexdigest()


def read(key: str) -> Any | None:
    """The cached value for `key`, or None when missing or unreadable."""
    try:
        with (cache_dir() / key[:2] / key).open("rb") as fh:
            return pickle.load(fh)  # noqa: S301  # only quizzer writes this directory
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError):
        return None


def write(key: str, value: Any) -> None:
    """Store `value` atomically; a cache that cannot be written is simply not used."""
    path = cache_dir() / key[:2] / key
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        tmp.replace(path)
    except OSError:
        pass
