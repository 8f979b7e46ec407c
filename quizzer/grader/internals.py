"""A static look at learner source for routes around the forbidden-function patches.

The child replaces forbidden functions such as `torch.softmax`, but torch's C bindings
(`torch._C._VariableFunctions.softmax`, `torch.ops.aten._softmax`, autograd's engine) cannot all
be patched, and the grader's own reference code lives in the `quizzer` package. No honest
solution needs either, so a submission that names them is refused before it runs. This catches
shortcuts, not determined malice (`getattr(torch, "_" + "C")` passes).
"""

from __future__ import annotations

import ast

INTERNAL_MODULES = ("torch._C", "torch.ops", "torch._ops", "torch._refs", "torch._decomp",
                    "torch._prims", "quizzer")
INTERNAL_ATTRIBUTES = frozenset({"_VariableFunctions", "_execution_engine", "run_backward", "_C"})


def internal_use(tree: ast.AST) -> str | None:
    """The first torch-internal or grader name the code uses, or None."""
    for node in ast.walk(tree):
        for dotted in _names(node):
            if any(dotted == m or dotted.startswith(m + ".") for m in INTERNAL_MODULES):
                return dotted
        if isinstance(node, ast.Attribute) and node.attr in INTERNAL_ATTRIBUTES:
            return f"{_dotted(node.value) or '...'}.{node.attr}"
    return None


def _names(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom) and node.module:
        return [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
    if isinstance(node, ast.Attribute):
        dotted = _dotted(node)
        return [dotted] if dotted else []
    return []


def _dotted(node: ast.AST) -> str | None:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None
