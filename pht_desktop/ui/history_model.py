"""The exercise history as a table model, refilled when the service changes (never SQL here).

Columns: date/time, exercise, stage, dose, load, effort, pain during, note. The row
behind an index is available through :data:`ROW_ROLE` (edit and delete need its kind
and id).
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject

from pht_desktop.services.exercises import ExerciseService, HistoryFilter, HistoryRow
from pht_desktop.ui.rows_model import ROW_ROLE, RowsTableModel

__all__ = ["COLUMNS", "LOAD_COLUMN", "ROW_ROLE", "HistoryModel"]

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
LOAD_COLUMN: Final = 4
"""For a run: its style and flags (hilly, fast), with why they were set as the tooltip."""


def _cell(row: HistoryRow, column: int) -> str:
    local = row.local_time
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


class HistoryModel(RowsTableModel[HistoryRow]):
    """Sessions and runs, newest first, with the current :class:`HistoryFilter`."""

    context = "HistoryModel"

    def __init__(self, service: ExerciseService, parent: QObject | None = None) -> None:
        super().__init__(COLUMNS, parent)
        self._service = service
        self._filter = HistoryFilter()
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
        self.set_rows(self._service.history(self._filter))

    def cell(self, row: HistoryRow, column: int) -> str:
        return _cell(row, column)

    def tooltip(self, row: HistoryRow, column: int) -> str | None:
        if column == LOAD_COLUMN:
            return row.detail or None
        return (row.note or None) if column == len(COLUMNS) - 1 else None
