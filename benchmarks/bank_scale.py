"""Bank scale: load and validate a generated bank of 10,000 questions vs the bare YAML parse."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import yaml

from quizzer.bank import load_bank
from quizzer.bank.loader import bank_files

QUESTIONS = 10_000
PER_FILE = 100

TEMPLATE = """\
  - id: gen-{n}-choice
    type: choice
    topic: topic-{t}
    tags: [generated, t{t}]
    difficulty: medium
    time: 60
    source: ["001"]
    covers: [CNN-05]
    prompt: "Generated question {n}: which option is right?"
    choices: [alpha {n}, beta, gamma, delta]
    answer: A
    explanation: >
      Option A is right because of reason {n}; the others are wrong for reasons that a real
      explanation would spell out in a couple of sentences each.
    zh:
      prompt: "生成的第 {n} 题：哪个选项正确？"
      choices: [甲 {n}, 乙, 丙, 丁]
      explanation: 选项 A 正确，原因是 {n}；其余选项各有错误。
"""


def write_bank(root: Path, total: int = QUESTIONS) -> None:
    """Write `total` questions in files of PER_FILE."""
    for f in range(total // PER_FILE):
        body = "".join(TEMPLATE.format(n=f * PER_FILE + i, t=f % 20) for i in range(PER_FILE))
        (root / f"gen-{f:03}.yaml").write_text(f"format_version: 1\nquestions:\n{body}", "utf-8")


def bare_parse(root: Path) -> int:
    """The baseline: libyaml's safe loader over the same files, nothing else."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    count = 0
    for path in bank_files(root):
        count += len(yaml.load(path.read_text("utf-8"), Loader=loader)["questions"])  # noqa: S506
    return count


def best_of(fn: object, runs: int = 3) -> float:
    """Best wall time of `runs` calls."""
    assert callable(fn)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def measure() -> list[dict[str, float | str]]:
    """Full load (cold, and with the file-hash cache warm) against the bare parse."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_bank(root)
        bank = load_bank(root)
        assert len(bank.questions) == QUESTIONS and not bank.problems, bank.problems[:3]
        baseline = best_of(lambda: bare_parse(root))
        cold = best_of(lambda: load_bank(root, use_cache=False))
        warm = best_of(lambda: load_bank(root))
    return [
        {"name": "bank_scale_uncached", "value": cold, "baseline": baseline, "target": 1.5},
        {"name": "bank_scale_cached", "value": warm, "baseline": baseline, "target": 1.5},
    ]


if __name__ == "__main__":
    for r in measure():
        ratio = float(r["value"]) / float(r["baseline"])
        print(f"{r['name']}: {r['value']:.3f}s {r['baseline']:.3f}s {ratio:.2f} <={r['target']}")
