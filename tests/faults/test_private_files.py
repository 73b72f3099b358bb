"""Health data never leaks into logs or world-readable files (issue 12, finding 8)."""

from __future__ import annotations

import logging
import stat
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from pht_desktop.logs import install_logging, redact
from pht_desktop.services.registry import Services
from pht_desktop.store.models import MorningPain
from pht_desktop.ui import error_dialog
from pht_desktop.ui.charts.render import render_progress

NOTE = "knee pain 7/10, seeing Dr Example"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def log_file(tmp_path: Path) -> object:
    root = logging.getLogger()
    before = list(root.handlers)
    path = install_logging(tmp_path / "logs")
    yield path
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_failed_write_logs_no_parameters_in_a_private_log(
    services: Services, qtbot: QtBot, log_file: Path
) -> None:
    try:
        with services.data._sessions() as session:
            session.add(
                MorningPain(
                    entry_date=date(2026, 3, 1),
                    pain=11,  # the CHECK constraint refuses it
                    test_kind="bridge",
                    recorded_at=datetime(2026, 3, 1, 7, 0, tzinfo=UTC),
                    note=NOTE,
                )
            )
            session.commit()
    except Exception:
        kind, value, tb = sys.exc_info()
    assert kind is not None
    assert value is not None
    error_dialog.handle_exception(kind, value, tb)
    dialog = error_dialog._open_dialogs[-1]
    qtbot.addWidget(dialog)
    for handler in logging.getLogger().handlers:
        handler.flush()
    logged = log_file.read_text(encoding="utf-8")
    assert "IntegrityError" in logged
    assert "knee pain" not in logged
    assert "knee pain" not in dialog.details
    assert _mode(log_file) == 0o600
    assert _mode(log_file.parent) == 0o700
    dialog.done(0)


def test_redact_removes_parameter_lists() -> None:
    text = "(x) CHECK failed\n[SQL: INSERT ...]\n[parameters: ('knee pain', 11)]\n(Background"
    assert "knee pain" not in redact(text)
    assert "[SQL: INSERT ...]" in redact(text)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
@pytest.mark.parametrize("suffix", ["png", "svg"])
def test_chart_files_are_private_and_leave_no_temporary(
    services: Services, tmp_path: Path, suffix: str
) -> None:
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / f"chart.{suffix}"
    render_progress(services.progress.history(), out, date(2026, 2, 1), date(2026, 3, 2))
    assert _mode(out) == 0o600
    assert [p.name for p in out.parent.iterdir()] == [out.name]
