"""`quizzer init`: a learner workspace with one stub file per code task and a README."""

from __future__ import annotations

from pathlib import Path

from quizzer.core.catalog import TASK_NAMES

README = """# Your quizzer workspace

Each `<task>.py` file here is a stub: a signature, a docstring stating the contract, and
`raise NotImplementedError`. Replace the body with your own implementation, then grade it:

    quizzer grade softmax softmax.py
    quizzer grade softmax softmax.py --seed 3      # other generated inputs
    quizzer grade softmax softmax.py --json        # one JSON object on the last line

The grader runs your code in a separate process with a time limit (default 10 s, `--timeout`)
and a memory limit, on fixed edge cases and on inputs generated from the seed. It reports the
first failing check first, with the input, the expected and actual values, and a hint. Calling
the function you are asked to implement (torch.softmax inside softmax, F.conv2d inside conv2d,
...) is rejected.

Exit status: 0 accepted, 1 rejected, 2 usage error.

The separate process guards against accidents (an endless loop, a memory blow-up, a crash, a
stray `sys.exit`), not against code written to attack your machine: grade only code you trust.
"""


def stub_sources(tasks: tuple[str, ...] = TASK_NAMES) -> dict[str, str]:
    """File name -> stub text for every task whose module is available (imports torch)."""
    from quizzer.grader.tasks import load_task

    stubs: dict[str, str] = {}
    for name in tasks:
        try:
            task = load_task(name)
        except ImportError:  # a task whose module is not part of this version yet
            continue
        stubs[f"{name}.py"] = task.stub()
    return stubs


def plan(directory: Path) -> dict[Path, str]:
    """Every file `init` writes into `directory`, with its text."""
    files = {directory / name: text for name, text in stub_sources().items()}
    files[directory / "README.md"] = README
    return files


def existing(files: dict[Path, str]) -> list[Path]:
    """The planned files that already exist (init refuses to overwrite them)."""
    return sorted(path for path in files if path.exists())


def write(files: dict[Path, str]) -> None:
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


__all__ = ["README", "existing", "plan", "stub_sources", "write"]
