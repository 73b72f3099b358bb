"""Desktop settings: start at login, light/dark, sounds (issue 8)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QFormLayout, QGroupBox

from pht_desktop.domain.setting_specs import APPEARANCE
from pht_desktop.services.registry import Services
from pht_desktop.ui.ports import NoStartAtLogin, StartAtLogin
from pht_desktop.ui.setting_fields import ChangeRecorder, no_recorder
from pht_desktop.ui.style import error_label, show_error, small_text
from pht_desktop.ui.theme import PREFERENCES, apply_theme


class DesktopSettingsForm(QGroupBox):
    def __init__(
        self,
        services: Services,
        autostart: StartAtLogin | None = None,
        record: ChangeRecorder = no_recorder,
    ) -> None:
        super().__init__()
        self.setTitle(self.tr("Desktop"))
        self.services = services
        self.record = record
        self.autostart: StartAtLogin = autostart or NoStartAtLogin()
        form = QFormLayout(self)
        self.start_at_login = QCheckBox(
            self.tr("Start PHT Desktop when I log in (opens to the tray)")
        )
        self.start_at_login.setToolTip(
            self.tr("A break reminder you must remember to start does not remind you.")
        )
        self.start_at_login.setChecked(self._autostart_enabled())
        self.start_at_login.toggled.connect(self._set_autostart)
        form.addRow(self.start_at_login)
        self.autostart_error = error_label()
        form.addRow(self.autostart_error)
        self.appearance = QComboBox()
        self.appearance.setAccessibleName(self.tr("Appearance"))
        for value in PREFERENCES:
            label = self.tr("Follow the system") if value == "system" else self._word(value)
            self.appearance.addItem(label, value)
        current = services.settings.value(APPEARANCE).value
        self.appearance.setCurrentIndex(max(0, self.appearance.findData(current)))
        self.appearance.activated.connect(self._set_appearance)
        form.addRow(self.tr("Appearance"), self.appearance)
        form.addRow(
            small_text(self.tr("Light and dark follow your desktop unless you choose here."))
        )

    def _word(self, value: str) -> str:
        """The word for a stored preference: Light, Dark, or any other one capitalised."""
        words = {"light": self.tr("Light"), "dark": self.tr("Dark")}
        return words.get(value, value.capitalize())

    def _autostart_enabled(self) -> bool:
        try:
            return self.autostart.is_enabled()
        except OSError:
            return False

    def _set_autostart(self, enabled: bool) -> None:
        try:
            if enabled:
                self.autostart.enable()
            else:
                self.autostart.disable()
        except OSError as error:
            show_error(
                self.autostart_error,
                self.tr("Could not change start at login: {error}").format(error=error),
            )
            return
        show_error(self.autostart_error, None)
        self.record(
            self.tr("start at login on") if enabled else self.tr("start at login off"),
            lambda: self.start_at_login.setChecked(not enabled),
        )

    def _set_appearance(self) -> None:
        before = self.services.settings.value(APPEARANCE).value
        value = str(self.appearance.currentData())
        if value == before:
            return
        self._apply_appearance(value)
        self.record(
            self.tr("appearance: {choice}").format(choice=self.appearance.currentText()),
            lambda: self._apply_appearance(before),
        )

    def _apply_appearance(self, value: str) -> None:
        self.services.settings.set_value(APPEARANCE, value)
        self.appearance.setCurrentIndex(max(0, self.appearance.findData(value)))
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, value)
