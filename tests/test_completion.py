"""Shell completion through click's protocol, as bash asks for it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from quizzer.bank import load_bank

QUIZZER = str(Path(sys.executable).with_name("quizzer"))


def complete(*words: str) -> list[str]:
    """The values bash would offer after `quizzer WORDS...` (the last word is being typed)."""
    env = {**os.environ, "_QUIZZER_COMPLETE": "bash_complete",
           "COMP_WORDS": " ".join(["quizzer", *words]), "COMP_CWORD": str(len(words))}
    out = subprocess.run([QUIZZER], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return [line.split(",", 1)[1] for line in out.stdout.splitlines()]


def test_subcommands_complete() -> None:
    assert {"grade", "list", "solution"} <= set(complete(""))
    assert complete("gr") == ["grade"]


def test_task_names_and_derivation_ids_complete_for_grade() -> None:
    assert complete("grade", "batch_") == ["batch_norm", "batch_norm_backward"]
    derivations = sorted(q.id for q in load_bank().questions if q.type == "derivation")
    assert complete("grade", "deriv") == [i for i in derivations if i.startswith("deriv")]
    assert complete("solution", "nm") == ["nms"]


def test_topics_and_types_complete_for_list() -> None:
    topics = list(load_bank().topics())
    assert complete("list", "--topic", "") == topics
    assert complete("list", "--type", "mu") == ["multi"]
