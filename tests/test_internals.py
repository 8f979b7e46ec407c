"""The static scan that refuses torch internals and the grader's own code in submissions."""

from __future__ import annotations

import ast

import pytest

from quizzer.grader.internals import internal_use


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("import torch\ny = torch.ops.aten._softmax(x, 1, False)", "torch.ops.aten._softmax"),
        ("import torch\ny = torch._C._VariableFunctions.softmax(x, 1)",
         "torch._C._VariableFunctions.softmax"),
        ("from torch._C import _nn", "torch._C"),
        ("from torch import _C", "torch._C"),
        ("import torch as t\nt.autograd.Variable._execution_engine.run_backward()",
         "t.autograd.Variable._execution_engine.run_backward"),
        ("import quizzer.grader.tasks.boxes", "quizzer.grader.tasks.boxes"),
        ("from quizzer.grader.tasks.boxes import reference_nms", "quizzer.grader.tasks.boxes"),
    ],
)
def test_internal_routes_are_found(source: str, found: str) -> None:
    assert internal_use(ast.parse(source)) == found


@pytest.mark.parametrize(
    "source",
    [
        "import torch\nimport torch.nn.functional as F\ny = F.unfold(x, 3)",
        "import numpy as np\nimport torch\ny = torch.from_numpy(np.exp(x.numpy()))",
        "from torch import nn\nops = [1, 2]\ny = x.logsumexp(-1, keepdim=True)",
        "import math\nclass C:\n    ops = 3\nz = C.ops + math.pi",
    ],
)
def test_ordinary_code_is_not_flagged(source: str) -> None:
    assert internal_use(ast.parse(source)) is None
