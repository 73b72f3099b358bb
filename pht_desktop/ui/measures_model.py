"""The outcome-measure entries as a table model, refilled when the service changes.

Columns: date, measure, reading, note; newest first. The :class:`Measure` behind a row is
available through :data:`~pht_desktop.ui.rows_model.ROW_ROLE` and :meth:`row_at`.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject

from pht_desktop.domain.measures import Measure
from pht_desktop.services.measures import MeasuresService
from pht_desktop.ui.rows_model import RowsTableModel

COLUMNS: Final = (
    str(QT_TRANSLATE_NOOP("MeasuresModel", "Date")),
    str(QT_TRANSLATE_NOOP("MeasuresModel", "Measure")),
    str(QT_TRANSLATE_NOOP("MeasuresModel", "Reading")),
    str(QT_TRANSLATE_NOOP("MeasuresModel", "Note")),
)


class MeasuresModel(RowsTableModel[Measure]):
    """Live measure entries, newest first."""

    context = "MeasuresModel"

    def __init__(self, service: MeasuresService, parent: QObject | None = None) -> None:
        super().__init__(COLUMNS, parent)
        self._service = service
        service.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.set_rows(list(reversed(self._service.measures())))

    def cell(self, row: Measure, column: int) -> str:
        values = (
            row.day.isoformat(),
            row.kind.label,
            row.value_text(),
            row.note.replace("\n", " "),
        )
        return values[column]

    def tooltip(self, row: Measure, column: int) -> str | None:
        sym = row.symmetry
        return sym.sentence() if column == 2 and sym is not None else None
