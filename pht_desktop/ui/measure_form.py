"""One measure's group in the Measures pane (issue 15): its two guide sentences (what it
shows, how to take it the same way each time), a date, a note, Save and an error line.
The pane adds the measure's own fields between the guide and the date.
"""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from pht_desktop.domain.measures import GUIDES, MeasureKind
from pht_desktop.ui import style


class MeasureForm(QGroupBox):
    """A measure's group: its two guide sentences, a date, a note, Save and an error line."""

    def __init__(self, kind: MeasureKind, today: QDate) -> None:
        super().__init__(kind.label)
        self.kind = kind
        self.editing_id: int | None = None
        guide = GUIDES[kind]
        outer = self.outer = QVBoxLayout(self)
        outer.addWidget(style.small_text(self.tr("What it shows: ") + guide.shows))
        outer.addWidget(style.small_text(self.tr("The same way each time: ") + guide.how))
        self.body = QVBoxLayout()
        outer.addLayout(self.body)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        outer.addLayout(self.form)
        self.date_edit = QDateEdit(today)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setMaximumDate(today)
        self.date_edit.setAccessibleName(self.tr("{kind} date").format(kind=kind.label))
        self.note_edit = QLineEdit()
        self.note_edit.setMinimumWidth(320)
        self.note_edit.setAccessibleName(self.tr("{kind} note").format(kind=kind.label))
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setAccessibleName(self.tr("Save {kind}").format(kind=kind.label))
        self.error = style.error_label()
        self.status = style.small_text("")

    def finish(self) -> None:
        self.form.addRow(self.tr("Date"), self.date_edit)
        self.form.addRow(self.tr("Note"), self.note_edit)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addStretch(1)
        self.outer.addLayout(row)
        self.outer.addWidget(self.error)
        self.outer.addWidget(self.status)

    def set_editing(self, measure_id: int | None) -> None:
        self.editing_id = measure_id
        self.save_button.setText(self.tr("Save changes") if measure_id else self.tr("Save"))

    def day(self) -> object:
        return self.date_edit.date().toPython()
