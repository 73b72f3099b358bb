"""``pht-desktop demo`` and ``chart``: a valid PNG for demo data, clear errors (exit 2)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pht_desktop.__main__ import main

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("cli") / "data"
    assert main(["demo", "--data-dir", str(data_dir), "--today", "2026-03-02"]) == 0
    return data_dir


def test_chart_writes_a_png(demo_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "progress.png"
    code = main(["chart", "--out", str(out), "--from", "2026-01-01", "--to", "2026-03-02",
                 "--data-dir", str(demo_dir)])  # fmt: skip
    assert code == 0
    assert out.read_bytes()[:8] == PNG_SIGNATURE


def test_demo_refuses_a_folder_with_data(
    demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", "--data-dir", str(demo_dir)]) == 2
    assert "already holds" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2026-02-30"], "is not a date"),
        (["--from", "2026-02-10", "--to", "2026-02-01"], "is after"),
        (["--to", "2999-01-01"], "is in the future"),
        (["--out-suffix"], "ending in .png or .svg"),
    ],
)
def test_chart_bad_arguments(
    demo_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    out = tmp_path / ("chart.txt" if args == ["--out-suffix"] else "chart.png")
    extra = [] if args == ["--out-suffix"] else args
    assert main(["chart", "--out", str(out), *extra, "--data-dir", str(demo_dir)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_main_window_import_does_not_load_matplotlib() -> None:
    """Start-up stays light: matplotlib only arrives with the Progress pane."""
    code = (
        "import sys; import pht_desktop.app, pht_desktop.ui.main_window, pht_desktop.cli; "
        "sys.exit('matplotlib' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
