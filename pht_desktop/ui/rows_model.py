"""One table model for lists of plain rows (exercise history, outcome measures).

A service refills it on ``changed`` (architecture habit 2: views never query); a subclass
only says what each cell shows. Headers go through ``QCoreApplication.translate`` with
the subclass's context, so their texts stay where ``QT_TRANSLATE_NOOP`` marked them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

ROW_ROLE: Final = int(Qt.ItemDataRole.UserRole) + 1
"""The row value behind an index (edit and delete need its id)."""

T = TypeVar("T")
_Index = QModelIndex | QPersistentModelIndex


class RowsTableModel(QAbstractTableModel, Generic[T]):
    """Rows of ``T`` with translated column headers; :meth:`cell` says what shows."""

    context: str = ""
    """Translation context of the column headers."""

    def __init__(self, columns: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._rows: list[T] = []

    def set_rows(self, rows: Sequence[T]) -> None:
        """A few hundred rows at most: a reset keeps it simple and exact."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> T:
        return self._rows[row]

    def cell(self, row: T, column: int) -> str:
        raise NotImplementedError

    def tooltip(self, row: T, column: int) -> str | None:
        return None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.cell(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, index.column())
        if role == ROW_ROLE:
            return row
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            return QCoreApplication.translate(self.context, self._columns[section])
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None
