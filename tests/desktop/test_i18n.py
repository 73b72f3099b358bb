"""Text ready for translation (issue 8, item 8): extract, compile, load, see it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pht_desktop.services.registry import Services
from pht_desktop.ui import i18n
from pht_desktop.ui.first_run import FirstRunWizard
from pht_desktop.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
WRAPPED = ["pht_desktop/ui/main_window.py", "pht_desktop/ui/first_run.py"]


def tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip(f"{name} is not installed")
    return found


@pytest.fixture
def german(tmp_path: Path) -> Path:
    """A German catalogue made the documented way (docs/translating.md)."""
    ts = tmp_path / "pht-desktop_de.ts"
    subprocess.run(
        [tool("pyside6-lupdate"), *(str(ROOT / p) for p in WRAPPED), "-ts", str(ts)],
        check=True,
        capture_output=True,
    )
    text = ts.read_text(encoding="utf-8")
    for source, target in (("&amp;Actions", "&amp;Aktionen"), ("&amp;Next", "&amp;Weiter")):
        empty = f'<source>{source}</source>\n        <translation type="unfinished"></translation>'
        assert empty in text, source
        text = text.replace(
            empty, f"<source>{source}</source>\n        <translation>{target}</translation>"
        )
    ts.write_text(text, encoding="utf-8")
    subprocess.run(
        [tool("pyside6-lrelease"), str(ts), "-qm", str(tmp_path / "pht-desktop_de.qm")],
        check=True,
        capture_output=True,
    )
    return tmp_path


def test_extraction_finds_the_menus_and_the_welcome(german: Path) -> None:
    text = (german / "pht-desktop_de.ts").read_text(encoding="utf-8")
    for context in ("MainWindow", "FirstRunWizard"):
        assert f"<name>{context}</name>" in text
    for source in ("&amp;Morning check-in…", "&amp;Today", "S&amp;kip for now"):
        assert f"<source>{source}</source>" in text


def test_a_compiled_translation_is_shown_without_touching_code(
    qtbot: QtBot, services: Services, qsettings: QSettings, german: Path
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    installed = i18n.install_translator(app, QLocale(QLocale.Language.German), german)
    try:
        assert any(t.filePath().endswith("pht-desktop_de.qm") for t in installed)
        window = MainWindow(services, qsettings)
        qtbot.addWidget(window)
        assert window.actions_menu.title() == "&Aktionen"
        assert window.file_menu.title() == "&File"  # untranslated text stays English
        wizard = FirstRunWizard(services, parent=window)
        assert wizard.next_button.text() == "&Weiter"
    finally:
        for translator in installed:
            app.removeTranslator(translator)


def test_no_catalogue_means_english(tmp_path: Path) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    installed = i18n.install_translator(app, QLocale(QLocale.Language.German), tmp_path)
    # Only the English plural forms, which every language sits on.
    names = [Path(t.filePath()).name for t in installed if "pht-desktop" in t.filePath()]
    assert names == ["pht-desktop_en.qm"]
    for translator in installed:
        app.removeTranslator(translator)
