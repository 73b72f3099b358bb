"""The exercise history as a table model, refilled when the service changes (never SQL here).

Columns: date/time, exercise, stage, dose, load, effort, pain during, note. The row
behind an index is available through :data:`ROW_ROLE` (edit and delete need its kind
and id).
"""

from __future__ import annotations

from typing import Any, Final

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from pht_desktop.services.exercises import ExerciseService, HistoryFilter, HistoryRow

# Column headers, marked for translation (shown through the "HistoryModel" context).
COLUMNS: Final = (
    str(QT_TRANSLATE_NOOP("HistoryModel", "Date / time")),
    str(QT_TRANSLATE_NOOP("HistoryModel", "Exercise")),
    str(QT_TRANSLATE_NOOP("HistoryModel", "Stage")),
    str(QT_TRANSLATE_NOOP("HistoryModel", "Dose")),
    str(QT_TRANSLATE_NOOP("HistoryModel", "Load")),
    str(QT_TRANSLATE_NOOP("HistoryModel", "Effort")),
    str(QT_TRANSLATE_NOOP("HistoryModel", "Pain")),
    str(QT_TRANSLATE_NOOP("HistoryModel", "Note")),
)
ROW_ROLE: Final = int(Qt.ItemDataRole.UserRole) + 1

_Index = QModelIndex | QPersistentModelIndex


def _cell(row: HistoryRow, column: int) -> str:
    local = row.performed_at.astimezone()
    values = (
        local.strftime("%Y-%m-%d %H:%M"),
        row.exercise,
        str(row.stage),
        row.dose,
        row.load,
        row.effort,
        "" if row.pain_during is None else f"{row.pain_during}/10",
        row.note.replace("\n", " "),
    )
    return values[column]


class HistoryModel(QAbstractTableModel):
    """Sessions and runs, newest first, with the current :class:`HistoryFilter`."""

    def __init__(self, service: ExerciseService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._filter = HistoryFilter()
        self._rows: list[HistoryRow] = []
        service.changed.connect(self.refresh)
        self.refresh()

    @property
    def filters(self) -> HistoryFilter:
        return self._filter

    def set_filter(self, filters: HistoryFilter) -> None:
        self._filter = filters
        self.refresh()

    def refresh(self) -> None:
        """Reload from the service: history is small, a reset keeps it simple and exact."""
        self.beginResetModel()
        self._rows = self._service.history(self._filter)
        self.endResetModel()

    def row_at(self, row: int) -> HistoryRow:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return _cell(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == len(COLUMNS) - 1:
            return row.note or None
        if role == ROW_ROLE:
            return row
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return QCoreApplication.translate("HistoryModel", COLUMNS[section])
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None
