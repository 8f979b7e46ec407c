"""A GradeResult as readable text: first failure first, then a hint, then the learner's frames."""

from __future__ import annotations

from quizzer.core.result import GradeResult

MAX_LISTED = 5


def render(result: GradeResult) -> str:
    """The report `quizzer grade` prints without `--json`."""
    lines = [f"{result.task}: {str(result.status).upper()}: {result.message}"]
    failed = [c for c in result.checks if not c.passed]
    for check in failed[:1]:
        lines.append(f"  x {check.name}")
        if check.message:
            lines.append(f"    {check.message}")
        if check.hint:
            lines.append(f"    hint: {check.hint}")
    for check in failed[1:MAX_LISTED]:
        lines.append(f"  x {check.name}")
    if len(failed) > MAX_LISTED:
        lines.append(f"  ... and {len(failed) - MAX_LISTED} more failing checks")
    if result.checks:
        passed = len(result.checks) - len(failed)
        lines.append(f"  {passed} of {len(result.checks)} checks passed")
    if result.detail:
        lines.append("")
        lines.append(result.detail)
    footer = f"{result.seconds:.2f} s"
    if result.seed is not None:
        footer = f"seed {result.seed} (rerun with --seed {result.seed}), {footer}"
    lines.append(footer)
    return "\n".join(lines)
