"""Sitting the computer could not see (R1.3): the SITTING card's hand-entered bouts.

An "Add…" button, the form it opens, today's entries with Delete and Undo. The form is
built the first time it is opened: most days nobody adds one, and start-up need not pay
for its combo boxes and date editor.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.manual_sitting import SEAT_KINDS, SITTING_KINDS
from pht_desktop.services.registry import Services
from pht_desktop.ui.sitting_words import KIND_WORDS, SEAT_WORDS, manual_entry_text, translated
from pht_desktop.ui.style import error_label, show_error

#: The list grows with its rows up to this many, then scrolls (no big empty box).
MAX_LIST_ROWS = 4


class ManualSittingForm(QWidget):
    """Sitting the computer could not see (R1.3): where, seat, minutes, start."""

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        form = QFormLayout(self)
        self.kind = QComboBox()
        for kind in SITTING_KINDS:
            self.kind.addItem(translated(KIND_WORDS[kind]), kind)
        self.kind.setAccessibleName(self.tr("Where you sat"))
        self.seat = QComboBox()
        self.seat.addItem(self.tr("Not said"), "")
        for seat in SEAT_KINDS:
            self.seat.addItem(
                translated(SEAT_WORDS[seat]) if seat in SEAT_WORDS else seat.capitalize(), seat
            )
        self.seat.setToolTip(self.tr("Hard seats press more on the tendon."))
        self.seat.setAccessibleName(self.tr("Seat"))
        self.minutes = QSpinBox()
        self.minutes.setRange(0, 999)  # the domain checks 1–720 and says so
        self.minutes.setValue(30)
        self.minutes.setSuffix(self.tr(" min"))
        self.minutes.setAccessibleName(self.tr("Minutes sitting"))
        self.start = QDateTimeEdit()
        self.start.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.start.setAccessibleName(self.tr("When you sat down"))
        self.add_button = QPushButton(self.tr("Add"))
        self.add_button.clicked.connect(self.submit)
        self.errors = {name: error_label() for name in ("kind", "seat", "minutes", "started_at")}
        form.addRow(self.tr("Where"), self.kind)
        form.addRow("", self.errors["kind"])
        form.addRow(self.tr("Seat"), self.seat)
        form.addRow("", self.errors["seat"])
        form.addRow(self.tr("Minutes"), self.minutes)
        form.addRow("", self.errors["minutes"])
        form.addRow(self.tr("Sat down at"), self.start)
        form.addRow("", self.errors["started_at"])
        form.addRow("", self.add_button)
        self.reset_start()

    def reset_start(self) -> None:
        now = self.services.clock.now()
        start = now.timestamp() - self.minutes.value() * 60
        self.start.setDateTime(QDateTime.fromSecsSinceEpoch(int(start)))

    def started_at(self) -> datetime:
        now = self.services.clock.now()
        secs = self.start.dateTime().toSecsSinceEpoch()
        return datetime.fromtimestamp(secs, tz=now.tzinfo)

    def submit(self) -> bool:
        """Validate in the domain; on error show it by the field and write nothing."""
        for label in self.errors.values():
            show_error(label, None)
        try:
            self.services.breaks.add_manual_sitting(
                self.started_at(),
                self.minutes.value(),
                self.kind.currentData(),
                self.seat.currentData(),
            )
        except ValidationError as error:
            show_error(self.errors.get(error.field, self.errors["minutes"]), error.message)
            return False
        self.hide()
        return True


class ManualSittingPanel(QWidget):
    """The add button, the form (built on first use) and today's entries."""

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.breaks = services.breaks
        self._deleted_id: int | None = None
        self.form: ManualSittingForm | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.add_button = QPushButton(self.tr("Add sitting away from the computer…"))
        self.add_button.clicked.connect(self.open_form)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Sitting added by hand today"))
        self.delete_button = QPushButton(self.tr("Delete selected entry"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.undo_label = QLabel(self.tr("Entry deleted."))
        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_button.clicked.connect(self.undo_delete)
        self.error = error_label()
        undo_row = QHBoxLayout()
        for widget in (self.delete_button, self.undo_label, self.undo_button):
            undo_row.addWidget(widget)
        undo_row.addStretch(1)
        self._layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._layout.addWidget(self.list)
        self._layout.addLayout(undo_row)
        self._layout.addWidget(self.error)
        self._show_undo(False)

    def open_form(self) -> None:
        """Show the form (building it the first time), or hide it when it is open."""
        if self.form is None:
            self.form = ManualSittingForm(self.services)
            self.form.hide()
            self._layout.insertWidget(1, self.form)
        self.form.reset_start()
        self.form.setVisible(not self.form.isVisible())

    def refresh(self) -> None:
        """Today's hand-entered bouts, newest data from the break service."""
        self.list.clear()
        zone = self.services.clock.zone()
        for entry in self.breaks.manual_today():
            item = QListWidgetItem(manual_entry_text(entry, zone))
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            self.list.addItem(item)
        count = self.list.count()
        if count:  # as tall as its rows, not a big empty box
            rows = min(count, MAX_LIST_ROWS) * max(self.list.sizeHintForRow(0), 1)
            self.list.setFixedHeight(rows + 2 * self.list.frameWidth() + 2)
        self.list.setVisible(count > 0)
        self.delete_button.setVisible(count > 0)

    def _do(self, action: Callable[[], None]) -> None:
        show_error(self.error, None)
        try:
            action()
        except ValidationError as error:
            show_error(self.error, error.message)

    def delete_selected(self) -> None:
        item = self.list.currentItem()
        if item is None:
            show_error(self.error, self.tr("Choose an entry to delete first."))
            return
        bout_id = int(item.data(Qt.ItemDataRole.UserRole))
        self._do(lambda: self.breaks.delete_manual_sitting(bout_id))
        self._deleted_id = bout_id
        self._show_undo(True)

    def undo_delete(self) -> None:
        if self._deleted_id is not None:
            bout_id = self._deleted_id
            self._do(lambda: self.breaks.undo_delete_manual_sitting(bout_id))
        self._deleted_id = None
        self._show_undo(False)

    def _show_undo(self, visible: bool) -> None:
        self.undo_label.setVisible(visible)
        self.undo_button.setVisible(visible)
