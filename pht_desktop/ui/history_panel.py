"""The history of the Exercises pane: sessions and runs, newest first, filtered by
exercise, stage and dates; edit in the forms above, delete with an Undo bar.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pht_desktop.domain.catalogue import STAGE_NAMES
from pht_desktop.services.exercises import HistoryFilter, HistoryRow
from pht_desktop.services.registry import Services
from pht_desktop.ui.exercise_labels import choice_box, exercise_label
from pht_desktop.ui.history_model import ROW_ROLE, HistoryModel
from pht_desktop.ui.qt_dates import to_date, to_qdate

if TYPE_CHECKING:
    from pht_desktop.ui.exercises_pane import ExercisesPane


class HistoryPanel(QWidget):
    """Sessions and runs, newest first, filterable; edit and delete with undo."""

    def __init__(self, services: Services, pane: ExercisesPane) -> None:
        super().__init__()
        self.services = services
        self.pane = pane
        self._deleted: HistoryRow | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._build_filters())
        layout.addWidget(self._build_table(), 1)
        layout.addLayout(self._build_actions())
        layout.addWidget(self._build_undo_bar())
        self.exercise_filter.currentIndexChanged.connect(self.apply_filter)
        self.stage_filter.currentIndexChanged.connect(self.apply_filter)
        self.date_filter.toggled.connect(self._on_dates_toggled)
        self.start.dateChanged.connect(self.apply_filter)
        self.end.dateChanged.connect(self.apply_filter)
        services.exercises.changed.connect(self.refresh_choices)
        self.refresh_choices()

    # --- building ---------------------------------------------------------------------------
    def _build_filters(self) -> QHBoxLayout:
        """Exercise, stage and an optional date range (this month up to today)."""
        filters = QHBoxLayout()
        self.exercise_filter = choice_box()
        self.exercise_filter.setAccessibleName(self.tr("Filter history by exercise"))
        self.stage_filter = choice_box()
        self.stage_filter.addItem(self.tr("All stages"), None)
        for number in STAGE_NAMES:
            self.stage_filter.addItem(self.tr("Stage {number}").format(number=number), number)
        self.stage_filter.setAccessibleName(self.tr("Filter history by stage"))
        self.date_filter = QCheckBox(self.tr("Dates"))
        self.date_filter.setAccessibleName(self.tr("Filter history by date range"))
        self.start = QDateEdit()
        self.end = QDateEdit()
        for edit, name in ((self.start, self.tr("From date")), (self.end, self.tr("To date"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(name)
        today = self.services.clock.now().date()
        self.start.setDate(to_qdate(today.replace(day=1)))
        self.end.setDate(to_qdate(today))
        self._default_end = self.end.date()
        filters.addWidget(QLabel(self.tr("History")))
        filters.addWidget(self.exercise_filter, 1)
        filters.addWidget(self.stage_filter)
        filters.addWidget(self.date_filter)
        filters.addWidget(self.start)
        filters.addWidget(QLabel(self.tr("to")))
        filters.addWidget(self.end)
        return filters

    def _build_table(self) -> QTableView:
        self.model = HistoryModel(self.services.exercises, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Exercise history"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(self.edit_selected)
        return self.table

    def _build_actions(self) -> QHBoxLayout:
        actions = QHBoxLayout()
        self.edit_button = QPushButton(self.tr("Edit"))
        self.edit_button.setAccessibleName(self.tr("Edit the selected entry"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setAccessibleName(self.tr("Delete the selected entry"))
        self.delete_button.clicked.connect(self.delete_selected)
        actions.addWidget(self.edit_button)
        actions.addWidget(self.delete_button)
        actions.addStretch(1)
        return actions

    def _build_undo_bar(self) -> QFrame:
        """Hidden until a delete: "Deleted … [Undo delete]"."""
        self.undo_bar = QFrame()
        self.undo_bar.setFrameShape(QFrame.Shape.StyledPanel)
        undo_layout = QHBoxLayout(self.undo_bar)
        self.undo_label = QLabel("")
        self.undo_button = QPushButton(self.tr("Undo delete"))
        self.undo_button.setAccessibleName(self.tr("Undo delete"))
        self.undo_button.clicked.connect(self.undo_delete)
        undo_layout.addWidget(self.undo_label, 1)
        undo_layout.addWidget(self.undo_button)
        self.undo_bar.hide()
        return self.undo_bar

    # --- filter -----------------------------------------------------------------------------
    def refresh_choices(self) -> None:
        """Exercise choices for the filter, archived ones included (their history stays)."""
        current = self.exercise_filter.currentData()
        self.exercise_filter.blockSignals(True)
        self.exercise_filter.clear()
        self.exercise_filter.addItem(self.tr("All exercises and runs"), None)
        self.exercise_filter.addItem(self.tr("Runs only"), "runs")
        for info in self.services.exercises.catalogue(include_archived=True):
            self.exercise_filter.addItem(exercise_label(info), info.id)
        index = self.exercise_filter.findData(current)
        self.exercise_filter.setCurrentIndex(max(0, index))
        self.exercise_filter.blockSignals(False)

    def current_filter(self) -> HistoryFilter:
        choice = self.exercise_filter.currentData()
        stage = self.stage_filter.currentData()
        dated = self.date_filter.isChecked()
        return HistoryFilter(
            exercise_id=choice if isinstance(choice, int) else None,
            runs_only=choice == "runs",
            stage=stage if isinstance(stage, int) else None,
            start=to_date(self.start.date()) if dated else None,
            end=to_date(self.end.date()) if dated else None,
        )

    def _on_dates_toggled(self, on: bool) -> None:
        """An untouched "to" date follows today (the app may stay open for days)."""
        if on and self.end.date() == self._default_end:
            today = to_qdate(self.services.clock.now().date())
            self._default_end = today
            self.end.blockSignals(True)
            self.end.setDate(today)
            self.end.blockSignals(False)
        self.apply_filter()

    def apply_filter(self) -> None:
        self.model.set_filter(self.current_filter())

    def selected_row(self) -> HistoryRow | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        row = self.model.data(rows[0], ROW_ROLE)
        return row if isinstance(row, HistoryRow) else None

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def edit_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        if row.kind == "run":
            self.pane.edit_run(row.id)
        else:
            self.pane.edit_session(row.id)

    def delete_selected(self) -> None:
        """Soft delete, with an Undo bar: nothing vanishes silently."""
        row = self.selected_row()
        if row is None:
            return
        if row.kind == "run":
            self.services.exercises.delete_run(row.id)
        else:
            self.services.exercises.delete_session(row.id)
        self._deleted = row
        when = row.local_time.strftime("%Y-%m-%d %H:%M")
        self.undo_label.setText(
            self.tr("Deleted {exercise} of {when}.").format(exercise=row.exercise, when=when)
        )
        self.undo_bar.show()

    def undo_delete(self) -> None:
        row = self._deleted
        if row is None:
            return
        if row.kind == "run":
            self.services.exercises.undo_delete_run(row.id)
        else:
            self.services.exercises.undo_delete_session(row.id)
        self._deleted = None
        self.undo_bar.hide()
