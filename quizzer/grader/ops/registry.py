"""The op registry: `@op` registers a calculator under its function name."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from quizzer.core.catalog import OP_SIGNATURES

OpFn = Callable[..., float]
OPS: dict[str, OpFn] = {}


class InvalidDraw(ValueError):
    """The drawn parameters describe a configuration torch rejects."""


def op(fn: OpFn) -> OpFn:
    """Register `fn` under its own name (names are unique across all op modules)."""
    name = fn.__name__
    if name in OPS:
        raise ValueError(f"op {name} is registered twice")
    params = tuple(inspect.signature(fn).parameters)
    if OP_SIGNATURES.get(name) != params:
        raise ValueError(f"op {name}{params} does not match the catalogue: put "
                         f"'\"{name}\": {params!r},' in OP_SIGNATURES (quizzer/core/catalog.py)")
    OPS[name] = fn
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
