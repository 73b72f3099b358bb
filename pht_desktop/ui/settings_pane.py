"""Settings, grouped (docs/ux.md): Breaks, Morning test & baseline, Rehab stage, Data."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
)

from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.profile import PATHOLOGY_STAGES, STAGE_NAMES
from pht_desktop.services.registry import Services
from pht_desktop.ui.break_settings_form import BreakSettingsForm
from pht_desktop.ui.desktop_settings_form import DesktopSettingsForm
from pht_desktop.ui.morning_settings_form import MorningSettingsForm
from pht_desktop.ui.ports import StartAtLogin
from pht_desktop.ui.style import SPACING, ScrollColumn, error_label, show_error, small_text

# The stored pathology values as shown, marked for translation (context "StageForm").
PATHOLOGY_WORDS: dict[str, str] = {
    "reactive": str(QT_TRANSLATE_NOOP("StageForm", "Reactive")),
    "dysrepair": str(QT_TRANSLATE_NOOP("StageForm", "Dysrepair")),
    "degenerative": str(QT_TRANSLATE_NOOP("StageForm", "Degenerative")),
    "unknown": str(QT_TRANSLATE_NOOP("StageForm", "Unknown")),
}


def pathology_word(value: str) -> str:
    word = PATHOLOGY_WORDS.get(value)
    return value.capitalize() if word is None else QCoreApplication.translate("StageForm", word)


class StageForm(QGroupBox):
    """Current rehab stage (R2.7) and stage of pathology (R4), each with a date."""

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.setTitle(self.tr("Rehab stage"))
        self.services = services
        form = QFormLayout(self)
        form.addRow(
            small_text(
                self.tr(
                    "Stages advance on how your tendon responds, not the calendar. "
                    "Every change is kept with its date."
                )
            )
        )
        self.stage = QComboBox()
        for number, name in STAGE_NAMES.items():
            self.stage.addItem(
                self.tr("{number} — {name}").format(number=number, name=name), number
            )
        self.stage.setAccessibleName(self.tr("Current rehab stage"))
        self.stage_date = QDateEdit()
        self.stage_date.setCalendarPopup(True)
        self.stage_date.setDisplayFormat("yyyy-MM-dd")
        self.stage_date.setAccessibleName(self.tr("Stage change date"))
        self.save_stage = QPushButton(self.tr("Change stage"))
        self.save_stage.clicked.connect(self._save_stage)
        self.stage_error = error_label()
        row = QHBoxLayout()
        row.addWidget(self.stage, 1)
        row.addWidget(QLabel(self.tr("from")))
        row.addWidget(self.stage_date)
        row.addWidget(self.save_stage)
        form.addRow(self.tr("Stage"), row)
        form.addRow("", self.stage_error)
        self.pathology = QComboBox()
        for value in PATHOLOGY_STAGES:
            self.pathology.addItem(pathology_word(value), value)
        self.pathology.setToolTip(
            self.tr(
                "Reactive, dysrepair or degenerative, as you or your clinician judged it "
                "(Cook & Purdam 2009). The app records it; it does not diagnose."
            )
        )
        self.pathology.setAccessibleName(self.tr("Stage of pathology"))
        self.pathology.activated.connect(self._save_pathology)
        form.addRow(self.tr("Stage of pathology"), self.pathology)
        self.history = QListWidget()
        self.history.setMaximumHeight(6 * 3 * SPACING)
        self.history.setAccessibleName(self.tr("Stage history"))
        form.addRow(self.tr("History"), self.history)
        services.profile.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        profile = self.services.profile
        today = profile.today()
        self.stage_date.setMaximumDate(QDate(today.year, today.month, today.day))
        self.stage_date.setDate(QDate(today.year, today.month, today.day))
        self.stage.setCurrentIndex(self.stage.findData(profile.current_stage()))
        self.pathology.setCurrentIndex(self.pathology.findData(profile.current_pathology_stage()))
        self.history.clear()
        for event in reversed(profile.stage_history()):
            name = STAGE_NAMES[event.stage]
            self.history.addItem(
                self.tr("{date}  stage {number} — {name}").format(
                    date=event.effective_date.isoformat(), number=event.stage, name=name
                )
            )

    def _save_stage(self) -> None:
        qdate = self.stage_date.date()
        try:
            self.services.profile.set_stage(
                int(self.stage.currentData()), date(qdate.year(), qdate.month(), qdate.day())
            )
        except ValidationError as error:
            show_error(self.stage_error, error.message)
            return
        show_error(self.stage_error, None)

    def _save_pathology(self) -> None:
        self.services.profile.set_pathology_stage(str(self.pathology.currentData()))


class DataForm(QGroupBox):
    """Where the data lives, so the user can back it up or move it."""

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.setTitle(self.tr("Data"))
        layout = QVBoxLayout(self)
        path = QLabel(
            self.tr("Your database: {path}").format(path=f"<code>{services.database_path}</code>")
        )
        path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        path.setWordWrap(True)
        layout.addWidget(path)
        layout.addWidget(
            small_text(self.tr("Everything stays on this computer: no account, no network."))
        )


class SettingsPane(ScrollColumn):
    """Grouped settings (docs/ux.md), each with its range and a one-line why."""

    def __init__(self, services: Services, autostart: StartAtLogin | None = None) -> None:
        super().__init__()
        layout = self.column
        self.breaks = BreakSettingsForm(services)
        self.morning = MorningSettingsForm(services)
        self.stage = StageForm(services)
        self.data = DataForm(services)
        self.desktop = DesktopSettingsForm(services, autostart)
        for widget in (self.breaks, self.morning, self.stage, self.data, self.desktop):
            layout.addWidget(widget)
        layout.addStretch(1)
