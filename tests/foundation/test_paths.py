"""Data dir override order and private permissions (the data is health data)."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest

from pht_desktop.domain.clock import FakeClock
from pht_desktop.paths import ENV_DATA_DIR, ensure_private_dir, resolve_paths
from pht_desktop.services.registry import build_services


def test_cli_beats_environment_beats_platform_default(tmp_path: Path) -> None:
    env = {ENV_DATA_DIR: str(tmp_path / "from-env")}
    assert resolve_paths(str(tmp_path / "from-cli"), env).data_dir == tmp_path / "from-cli"
    assert resolve_paths(None, env).data_dir == tmp_path / "from-env"
    default = resolve_paths(None, {}).data_dir
    assert "pht-desktop" in str(default)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_new_data_dir_and_database_are_private(tmp_path: Path) -> None:
    data_dir = ensure_private_dir(tmp_path / "private" / "data")
    build_services(data_dir / "pht-desktop.sqlite3", FakeClock())
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((data_dir / "pht-desktop.sqlite3").stat().st_mode) == 0o600


def test_data_dir_option_before_or_after_subcommand() -> None:
    from pht_desktop.__main__ import build_parser

    parser = build_parser()
    assert parser.parse_args(["--data-dir", "/x", "run"]).data_dir == "/x"
    assert parser.parse_args(["run", "--data-dir", "/y"]).data_dir == "/y"
    assert parser.parse_args([]).data_dir is None
