"""Start at login writes the real XDG autostart file; appearance is stored."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from pht_desktop.platform.autostart import LoginEntry, XdgAutostart
from pht_desktop.services.registry import Services
from pht_desktop.ui.desktop_settings_form import DesktopSettingsForm


def test_start_at_login_checkbox_writes_and_removes_the_autostart_file(
    qtbot: QtBot, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    autostart = XdgAutostart()
    form = DesktopSettingsForm(services, LoginEntry(autostart, services.database_path.parent))
    qtbot.addWidget(form)
    assert not form.start_at_login.isChecked()
    form.start_at_login.click()
    entry = tmp_path / "config" / "autostart" / "pht-desktop.desktop"
    text = entry.read_text()
    assert "--autostart" in text
    assert str(services.database_path.parent) in text
    form.start_at_login.click()
    assert not entry.exists()


def test_appearance_choice_is_stored(qtbot: QtBot, services: Services, tmp_path: Path) -> None:
    form = DesktopSettingsForm(
        services, LoginEntry(XdgAutostart({"XDG_CONFIG_HOME": str(tmp_path)}))
    )
    qtbot.addWidget(form)
    form.appearance.setCurrentIndex(form.appearance.findData("dark"))
    form.appearance.activated.emit(form.appearance.currentIndex())
    assert services.settings.get("appearance") == "dark"
    form.appearance.setCurrentIndex(form.appearance.findData("system"))
    form.appearance.activated.emit(form.appearance.currentIndex())
    assert services.settings.get("appearance") == "system"


def test_a_chosen_appearance_survives_a_system_scheme_change(qtbot: QtBot) -> None:
    """A user's Light/Dark choice is not undone when the desktop switches schemes."""
    from PySide6.QtWidgets import QApplication

    from pht_desktop.ui.theme import _on_system_change, apply_theme, is_dark

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    try:
        apply_theme(app, "dark")
        _on_system_change(app)
        assert is_dark(app.palette())
    finally:
        apply_theme(app, "system")
