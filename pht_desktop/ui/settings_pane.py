"""Settings as pages with a sidebar (docs/ux.md, issue 13), and one saving model.

Pages: Breaks · Morning test & baseline · Rehab · Runs · Data & backups · Desktop. Every change
applies at once and the last one can be undone from the bar at the top (the GNOME and
macOS convention, ``setting_fields``): no Save buttons anywhere. Another issue's setting
goes on a page with ``pane.page("Rehab").addWidget(form)`` (forms take ``pane.record``).
"""

from __future__ import annotations

from collections.abc import Callable
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
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.plan import StageMove
from pht_desktop.domain.profile import PATHOLOGY_PLAN_EFFECT, PATHOLOGY_STAGES, STAGE_NAMES
from pht_desktop.services.registry import Services
from pht_desktop.ui.break_settings_form import BreakSettingsForm
from pht_desktop.ui.desktop_settings_form import DesktopSettingsForm
from pht_desktop.ui.measures_settings_form import MeasureReminderForm
from pht_desktop.ui.morning_settings_form import MorningSettingsForm
from pht_desktop.ui.pathology_words import pathology_word
from pht_desktop.ui.ports import StartAtLogin
from pht_desktop.ui.run_settings_form import RunSettingsForm
from pht_desktop.ui.setting_fields import ChangeRecorder, UndoBar, no_recorder, refused
from pht_desktop.ui.stage_dialog import StageMoveDialog
from pht_desktop.ui.style import (
    SPACING,
    ScrollColumn,
    WhatIsThis,
    error_label,
    show_error,
    small_text,
)

PATHOLOGY_EXPLAINED = str(
    QT_TRANSLATE_NOOP(
        "StageForm",
        "How irritable the tendon is, in three broad kinds. Reactive: a recent flare, "
        "sore and sensitive after load. Dysrepair: changing inside, with good and bad "
        "days. Degenerative: long-standing, thicker, often less sore day to day but "
        "weaker. Your clinician can tell you which fits; the app only records it and "
        "does not diagnose.",
    )
)


class StageForm(QGroupBox):
    """Current rehab stage (R2.7) and stage of pathology (R4), each with a date."""

    def __init__(self, services: Services, record: ChangeRecorder = no_recorder) -> None:
        super().__init__()
        self.setTitle(self.tr("Rehab stage"))
        self.services = services
        self.record = record
        self.dialog: StageMoveDialog | None = None
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
        row.addWidget(self.stage)
        row.addWidget(QLabel(self.tr("from")))
        row.addWidget(self.stage_date)
        row.addWidget(self.save_stage)
        row.addStretch(1)
        form.addRow(self.tr("Stage"), row)
        form.addRow("", self.stage_error)
        self.pathology = QComboBox()
        for value in PATHOLOGY_STAGES:
            self.pathology.addItem(pathology_word(value), value)
        explained = QCoreApplication.translate("StageForm", PATHOLOGY_EXPLAINED)
        self.pathology.setToolTip(explained)
        self.pathology.setAccessibleName(self.tr("Tendon condition"))
        self.pathology.activated.connect(self._save_pathology)
        self.pathology_help = WhatIsThis(explained)
        pathology_row = QHBoxLayout()
        pathology_row.addWidget(self.pathology)
        pathology_row.addWidget(self.pathology_help)
        pathology_row.addStretch(1)
        form.addRow(self.tr("Tendon condition"), pathology_row)
        # What the choice changes in the plan (R4), from the domain's own words.
        self.pathology_effect = small_text(PATHOLOGY_PLAN_EFFECT)
        self.pathology_effect.setAccessibleName(self.tr("What this changes in the plan"))
        form.addRow("", self.pathology_effect)
        self.history = QListWidget()
        self.history.setMaximumHeight(6 * 3 * SPACING)
        self.history.setAccessibleName(self.tr("Stage history"))
        form.addRow(self.tr("History"), self.history)
        services.profile.changed.connect(self.refresh)
        services.plan.changed.connect(self.refresh)  # a stage move confirmed on Today
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
            event = self.services.profile.set_stage(
                int(self.stage.currentData()), date(qdate.year(), qdate.month(), qdate.day())
            )
        except ValidationError as error:
            show_error(self.stage_error, refused(error.message))
            return
        show_error(self.stage_error, None)
        self.record(
            self.tr("stage {number} from {date}").format(
                number=event.stage, date=event.effective_date.isoformat()
            ),
            lambda: self.services.profile.undo_stage(event),
        )

    def _save_pathology(self) -> None:
        event = self.services.profile.set_pathology_stage(str(self.pathology.currentData()))
        if event is None:
            return  # the same as before: nothing recorded, no repeated history line
        self.record(
            self.tr("stage of pathology: {word}").format(
                word=pathology_word(event.pathology_stage)
            ),
            lambda: self.services.profile.undo_pathology_stage(event),
        )
        self.propose_reactive_move()

    def propose_reactive_move(self) -> None:
        """R4: reactive above stage 1 → ask about going back to stage 1 (non-modal)."""
        move = self.services.plan.reactive_move()
        if move is None:
            return
        dialog = StageMoveDialog(move, self)
        dialog.confirmed.connect(self._confirm_reactive_move)
        self.dialog = dialog
        dialog.open()

    def _confirm_reactive_move(self, _move: StageMove, ticked: tuple[str, ...]) -> None:
        event = (
            None
            if self.dialog is None
            else self.dialog.record(self.services.plan.accept_stage_move, ticked)
        )
        if event is None:
            return
        self.record(
            self.tr("stage {number} from {date}").format(
                number=event.stage, date=event.effective_date.isoformat()
            ),
            self.services.plan.undo_stage_move,
        )


class DataForm(QGroupBox):
    """Where the data lives, so the user can back it up or move it."""

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.setTitle(self.tr("Your data"))
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
        layout.addWidget(
            small_text(
                self.tr(
                    "A copy is made every day and kept for a week. File ▸ Restore backup… "
                    "puts one back; File ▸ Export… saves everything to a file you can keep "
                    "elsewhere."
                )
            )
        )


PAGE_NAMES = (
    QT_TRANSLATE_NOOP("SettingsPane", "Breaks"),
    QT_TRANSLATE_NOOP("SettingsPane", "Morning test & baseline"),
    QT_TRANSLATE_NOOP("SettingsPane", "Rehab"),
    QT_TRANSLATE_NOOP("SettingsPane", "Runs"),
    QT_TRANSLATE_NOOP("SettingsPane", "Data & backups"),
    QT_TRANSLATE_NOOP("SettingsPane", "Desktop"),
)


class SettingsPane(QWidget):
    """Pages with a sidebar; every change applies at once, the last one can be undone."""

    def __init__(self, services: Services, autostart: StartAtLogin | None = None) -> None:
        super().__init__()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(2 * SPACING, 2 * SPACING, 2 * SPACING, SPACING)
        outer.setSpacing(SPACING)
        self.undo_bar = UndoBar()
        outer.addWidget(self.undo_bar)
        body = QHBoxLayout()
        body.setSpacing(2 * SPACING)
        outer.addLayout(body, 1)
        self.sidebar = QListWidget()
        self.sidebar.setAccessibleName(self.tr("Settings pages"))
        self.sidebar.setFixedWidth(24 * SPACING)
        self.sidebar.setSpacing(SPACING // 2)
        body.addWidget(self.sidebar)
        self.pages = QStackedWidget()
        body.addWidget(self.pages, 1)
        self._columns: dict[str, QVBoxLayout] = {}
        for name in PAGE_NAMES:
            self._add_page(str(name))
        self.sidebar.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.sidebar.setCurrentRow(0)

        record = self.record
        self.breaks = BreakSettingsForm(services, record)
        self.morning = MorningSettingsForm(services, record)
        self.stage = StageForm(services, record)
        self.data = DataForm(services)
        self.desktop = DesktopSettingsForm(services, autostart, record)
        self.runs = RunSettingsForm(services.run_settings, record)
        for name, widget in (
            ("Breaks", self.breaks),
            ("Morning test & baseline", self.morning),
            ("Rehab", self.stage),
            ("Runs", self.runs),
            ("Data & backups", self.data),
            ("Desktop", self.desktop),
        ):
            self.page(name).addWidget(widget)
        self.measures = MeasureReminderForm(services, record)  # issue 15
        self.page("Rehab").addWidget(self.measures)

    def _add_page(self, name: str) -> None:
        scroll = ScrollColumn()
        scroll.column.setContentsMargins(0, 0, SPACING, 0)
        scroll.column.addStretch(1)
        self.pages.addWidget(scroll)
        self.sidebar.addItem(QCoreApplication.translate("SettingsPane", name))
        self._columns[name] = scroll.column

    def page(self, name: str) -> _PageColumn:
        """The column of a page by its English name, to add a form to (above the stretch)."""
        return _PageColumn(self._columns[name])

    def show_page(self, name: str) -> None:
        self.sidebar.setCurrentRow(list(self._columns).index(name))

    def record(self, what: str, undo: Callable[[], object]) -> None:
        """A form saved a change: show it with its Undo."""
        self.undo_bar.record(what, undo)


class _PageColumn:
    """Adds widgets to a page above its closing stretch."""

    def __init__(self, column: QVBoxLayout) -> None:
        self.column = column

    def addWidget(self, widget: QWidget) -> None:
        self.column.insertWidget(self.column.count() - 1, widget)
