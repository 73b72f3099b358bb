"""The per-package branch floor test.sh enforces (tests/coverage_floor.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.coverage_floor import Branches, branches_by_package, check, main, package_of


def _report(**files: tuple[int, int]) -> dict[str, object]:
    return {
        "files": {
            path: {"summary": {"covered_branches": covered, "num_branches": total}}
            for path, (covered, total) in files.items()
        }
    }


@pytest.mark.parametrize(
    ("path", "package"),
    [
        ("/work/x/pht_desktop/domain/plan.py", "domain"),
        ("pht_desktop/services/data.py", "services"),
        ("pht_desktop\\domain\\interchange\\decode.py", "domain"),  # a sub-package counts
        ("pht_desktop/app.py", None),  # top-level module: no package
        ("other/domain/plan.py", None),
    ],
)
def test_each_file_counts_for_its_package(path: str, package: str | None) -> None:
    assert package_of(path) == package


def test_branches_are_summed_per_package_not_averaged_per_file() -> None:
    report = _report(
        **{
            "pht_desktop/domain/a.py": (9, 10),
            "pht_desktop/domain/b.py": (81, 90),
            "pht_desktop/services/c.py": (0, 0),
        }
    )
    measured = branches_by_package(report)
    assert measured["domain"] == Branches("domain", 90, 100)
    assert measured["domain"].percent == 90.0
    assert measured["services"].percent == 100.0  # nothing to take: nothing missed


@pytest.mark.parametrize(
    ("covered", "floor", "verdict"),
    [(90, 90.0, "ok"), (89, 90.0, "FAIL"), (100, 100.0, "ok")],
)
def test_a_package_under_its_floor_fails(covered: int, floor: float, verdict: str) -> None:
    [line] = check({"domain": Branches("domain", covered, 100)}, {"domain": floor})
    assert line.startswith(verdict)


def test_a_floor_for_a_package_never_measured_fails() -> None:
    [line] = check({}, {"services": 90.0})
    assert line.startswith("FAIL services: no files measured")


def test_the_command_exits_non_zero_when_one_package_is_short(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "coverage.json"
    path.write_text(
        json.dumps(
            _report(
                **{
                    "pht_desktop/domain/a.py": (95, 100),
                    "pht_desktop/services/b.py": (85, 100),
                }
            )
        ),
        encoding="utf-8",
    )
    assert main([str(path), "domain=90"]) == 0
    assert main([str(path), "domain=90", "services=90"]) == 1
    out = capsys.readouterr().out
    assert "FAIL services: branches 85.0 % (85/100), floor 90.0 %" in out
    assert main([str(path)]) == 2  # no floor given: a usage error, not a pass
