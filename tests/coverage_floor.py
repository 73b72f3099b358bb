"""Branch coverage per package, from coverage.py's JSON report, against a floor each.

``./test.sh`` runs the whole suite with ``--cov-branch --cov-report=json:FILE`` and then
``python -m tests.coverage_floor FILE domain=90 services=90``: each named package of
``pht_desktop`` must have at least that share of its branches taken, counted on its own
(coverage's single ``--cov-fail-under`` mixes lines and branches of every package).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

PACKAGE = "pht_desktop"


@dataclass(frozen=True)
class Branches:
    package: str
    covered: int
    total: int

    @property
    def percent(self) -> float:
        """Taken branches in %; a package without branches counts as fully covered."""
        return 100.0 * self.covered / self.total if self.total else 100.0


def package_of(path: str) -> str | None:
    """'…/pht_desktop/domain/plan.py' → 'domain'; None outside a sub-package."""
    parts = PurePosixPath(path.replace("\\", "/")).parts
    if PACKAGE not in parts:
        return None
    rest = parts[parts.index(PACKAGE) + 1 :]
    return rest[0] if len(rest) > 1 else None


def branches_by_package(report: Mapping[str, object]) -> dict[str, Branches]:
    """Sum each package's files' branch counts (coverage JSON format 3)."""
    files = report.get("files")
    if not isinstance(files, Mapping):
        raise ValueError("not a coverage.py JSON report (no 'files')")
    totals: dict[str, tuple[int, int]] = {}
    for path, entry in files.items():
        package = package_of(str(path))
        if package is None:
            continue
        summary = entry["summary"]
        covered, total = totals.get(package, (0, 0))
        totals[package] = (
            covered + int(summary["covered_branches"]),
            total + int(summary["num_branches"]),
        )
    return {name: Branches(name, c, t) for name, (c, t) in sorted(totals.items())}


def parse_floors(args: Sequence[str]) -> dict[str, float]:
    """'domain=90' … → {'domain': 90.0}."""
    floors: dict[str, float] = {}
    for arg in args:
        name, sep, value = arg.partition("=")
        if not sep or not name:
            raise ValueError(f"expected PACKAGE=PERCENT, got {arg!r}")
        floors[name] = float(value)
    return floors


def check(measured: Mapping[str, Branches], floors: Mapping[str, float]) -> list[str]:
    """One line per package (its figure and floor), and whether every floor was met."""
    lines: list[str] = []
    for name, floor in floors.items():
        found = measured.get(name)
        if found is None:
            lines.append(f"FAIL {name}: no files measured (floor {floor:.1f} %)")
            continue
        verdict = "ok  " if found.percent >= floor else "FAIL"
        lines.append(
            f"{verdict} {name}: branches {found.percent:.1f} % "
            f"({found.covered}/{found.total}), floor {floor:.1f} %"
        )
    return lines


def main(argv: Sequence[str]) -> int:
    if len(argv) < 2:
        print("usage: python -m tests.coverage_floor COVERAGE.json PACKAGE=PERCENT ...")
        return 2
    report = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    lines = check(branches_by_package(report), parse_floors(argv[1:]))
    print("\n".join(lines))
    return 1 if any(line.startswith("FAIL") for line in lines) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
