"""Run every benchmark and print `name: value baseline ratio target` lines (`--json FILE` too).

Figures are wall seconds (or MB for memory); the ratio is value / baseline, where the baseline is
measured in the same run. Targets are ratios unless the line says otherwise.
"""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

MODULES = ["grade_cold", "grade_warm", "watch_mode", "tui_start", "tui_memory", "bank_scale",
           "bank_check", "formula_grade"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--only", nargs="*", choices=MODULES, help="run only these")
    args = parser.parse_args()
    results = []
    for name in args.only or MODULES:
        for row in importlib.import_module(name).measure():
            row["ratio"] = float(row["value"]) / float(row["baseline"])
            results.append(row)
            print(format_row(row), flush=True)
    if args.json:
        machine = {"machine": platform.platform(), "python": platform.python_version()}
        Path(args.json).write_text(json.dumps({**machine, "results": results}, indent=2))
    return 0


def format_row(row: dict[str, float | str]) -> str:
    unit = str(row.get("unit", "s"))
    return (f"{row['name']}: {float(row['value']):.3f}{unit} {float(row['baseline']):.3f}{unit} "
            f"{float(row['ratio']):.2f} {row.get('target_text') or '<=' + str(row['target'])}")


if __name__ == "__main__":
    sys.exit(main())
