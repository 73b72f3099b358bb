"""The export/import/backup subcommands and the File-menu data actions."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from pht_desktop import cli_data
from pht_desktop.services.registry import Services
from pht_desktop.ui.data_menu import DataActions, add_data_actions
from tests.conftest import Answers
from tests.data.helpers import data_service


def _last_message(actions: DataActions) -> str:
    box = actions.open_dialogs[-1]
    assert isinstance(box, QMessageBox)
    return box.text()


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command")

    def add_common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--data-dir", default=argparse.SUPPRESS)

    cli_data.register(sub, add_common)
    args = parser.parse_args(argv)
    result = args.handler(args)
    assert isinstance(result, int)
    return result


def test_cli_export_import_backup(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, target = tmp_path / "a", tmp_path / "b"
    out = tmp_path / "export.zip"
    assert _run("export", "--out", str(out), "--format", "json", "--data-dir", str(source)) == 0
    assert out.exists()
    assert _run("import", str(out), "--dry-run", "--data-dir", str(target)) == 0
    assert "Dry run" in capsys.readouterr().out
    assert _run("import", str(out), "--data-dir", str(target)) == 0
    assert _run("backup", "--data-dir", str(target)) == 0
    assert "Backup written" in capsys.readouterr().out
    assert list((target / "backups").glob("pht-desktop-*.sqlite3"))
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"PK\x03\x04 truncated")
    assert _run("import", str(bad), "--data-dir", str(target)) == 1
    assert "Nothing was imported" in capsys.readouterr().err


def test_cli_refuses_a_corrupt_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "pht-desktop.sqlite3").write_bytes(b"junk" * 300)
    assert _run("backup", "--data-dir", str(folder)) == 2
    assert "not a readable database" in capsys.readouterr().err


def test_menu_actions_export_import_restore(
    qtbot: QtBot, services: Services, tmp_path: Path, answers: Answers
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    menu = QMenu(parent)
    data = data_service(services)
    actions = add_data_actions(menu, data, parent)
    assert [a.text() for a in menu.actions()] == ["Export…", "Import…", "Restore backup…"]
    dialog = actions.choose_export()
    target = tmp_path / "menu.zip"
    dialog.fileSelected.emit(str(target))
    dialog.reject()
    assert target.exists()
    assert "exported" in _last_message(actions)
    with qtbot.waitSignal(actions.importer.finished, timeout=60_000):
        actions.import_from(target)  # on a worker: tests/data/test_gui_import.py
    assert not answers.asked  # no question: the progress dialog's Cancel is the choice
    assert "Imported" in _last_message(actions)
    data.backup_now()
    picker = actions.choose_backup()
    assert picker.backups.count() == 1
    picker.restore_button.click()
    assert "Restored" in _last_message(actions)
    for box in list(actions.open_dialogs):
        box.done(0)
    assert actions.open_dialogs == []
