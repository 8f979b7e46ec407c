"""Build hook: the bank and the reference solutions ship inside the wheel.

`questions/` and `solutions/` stay at the top of the repository, where the bank is edited and
checked. Building a wheel copies them into the package as `quizzer/_data/questions` and
`quizzer/_data/solutions`, where `quizzer.paths.shipped_dir` finds them in an installed copy. An
editable install reads them in place and copies nothing. Everything else is in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
SHIPPED = {"questions": ("*.yaml", "*.yml", "LICENSE"), "solutions": ("*.py",)}


def shipped_files() -> dict[Path, Path]:
    """{source in the repository: path inside the package} for every shipped file."""
    mapping: dict[Path, Path] = {}
    for folder, patterns in SHIPPED.items():
        for pattern in patterns:
            for source in sorted((ROOT / folder).rglob(pattern)):
                if source.is_file():
                    mapping[source] = Path("_data") / source.relative_to(ROOT)
    return mapping


class BuildPyWithBank(build_py):
    """`build_py` that also copies the bank and the solutions into the built package."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        package = Path(self.build_lib) / "quizzer"
        shutil.rmtree(package / "_data", ignore_errors=True)  # no stale files from a prior build
        for source, target in shipped_files().items():
            self.mkpath(str((package / target).parent))
            self.copy_file(str(source), str(package / target))

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = list(super().get_outputs(include_bytecode))
        if not self.editable_mode:
            package = Path(self.build_lib) / "quizzer"
            outputs += [str(package / target) for target in shipped_files().values()]
        return outputs


setup(cmdclass={"build_py": BuildPyWithBank})
