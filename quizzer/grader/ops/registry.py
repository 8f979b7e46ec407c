"""The op registry: `@op` registers a calculator under its function name."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

OpFn = Callable[..., float]
OPS: dict[str, OpFn] = {}


class InvalidDraw(ValueError):
    """The drawn parameters describe a configuration torch rejects."""


def op(fn: OpFn) -> OpFn:
    """Register `fn` under its own name (names are unique across all op modules)."""
    if fn.__name__ in OPS:
        raise ValueError(f"op {fn.__name__} is registered twice")
    OPS[fn.__name__] = fn
    return fn


def op_parameters(name: str) -> list[str]:
    """The argument names op `name` takes."""
    return list(inspect.signature(OPS[name]).parameters)


def run_op(name: str, args: dict[str, Any]) -> float:
    """Call op `name`; torch's own refusals become `InvalidDraw`."""
    try:
        return float(OPS[name](**args))
    except InvalidDraw:
        raise
    except (RuntimeError, ValueError, ZeroDivisionError) as exc:
        raise InvalidDraw(str(exc)) from exc
