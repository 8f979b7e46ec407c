"""Torch-backed calculators that give parametric numeric questions their answers.

Each op runs the real torch operation (or, for a formula torch has no op for, computes it with
torch tensors), so an answer is right by construction. Importing this package is cheap and
torch-free: the bank validates op names and arguments against the registry, and torch is imported
inside each op, which only the grader's processes call. An op raises `InvalidDraw` (or lets torch
raise) for a configuration torch rejects, and the drawer then tries other parameters.

Op modules register themselves on import; add a new module to the import list below.
"""

from __future__ import annotations

from quizzer.grader.ops import (
    attention,  # noqa: F401  # registers its ops
    core,  # noqa: F401  # registers its ops
    extra_a,  # noqa: F401  # registers its ops
    extra_b,  # noqa: F401  # registers its ops
    modern,  # noqa: F401  # registers its ops
)
from quizzer.grader.ops.registry import OPS, InvalidDraw, op, op_parameters, run_op

__all__ = ["OPS", "InvalidDraw", "op", "op_parameters", "run_op"]
