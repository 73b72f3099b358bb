"""The catalogue side of the Exercises pane: the exercises grouped by stage (the current
stage first and open), and the form that adds, renames, archives or deletes the user's own.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pht_desktop.domain.catalogue import STAGE_NAMES
from pht_desktop.domain.errors import ValidationError
from pht_desktop.services.registry import Services
from pht_desktop.ui import ask
from pht_desktop.ui.exercise_labels import (
    AVOID_EARLY_MARK,
    COMPRESSIVE_MARK,
    COMPRESSIVE_TIP,
    CONTEXT,
    choice_box,
    exercise_label,
    exercise_tooltip,
)
from pht_desktop.ui.session_form import SessionForm
from pht_desktop.ui.style import error_label, show_error, small_text

ID_ROLE: Final = int(Qt.ItemDataRole.UserRole)


class CataloguePanel(QWidget):
    """The catalogue grouped by stage (current first and open), and the user's own exercises."""

    def __init__(self, services: Services, form: SessionForm) -> None:
        super().__init__()
        self.services = services
        self.form = form
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName(self.tr("Exercise catalogue by stage"))
        self.tree.currentItemChanged.connect(self._on_current)
        layout.addWidget(self.tree, 1)
        layout.addWidget(
            small_text(
                self.tr("{compressive} compressive · {avoid} avoid early").format(
                    compressive=COMPRESSIVE_MARK, avoid=AVOID_EARLY_MARK
                )
            )
        )
        self.show_archived = QCheckBox(self.tr("Show archived"))
        self.show_archived.toggled.connect(self.refresh)
        layout.addWidget(self.show_archived)
        layout.addWidget(self._build_own_exercises())
        services.exercises.changed.connect(self.refresh)
        services.profile.changed.connect(self.refresh)
        self.refresh()

    def _build_own_exercises(self) -> QGroupBox:
        """Add one of the user's own exercises; rename, archive or delete the selected."""
        box = QGroupBox(self.tr("Your own exercises"))
        form_layout = QFormLayout(box)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("Name"))
        self.name.setAccessibleName(self.tr("Exercise name"))
        self.stage = choice_box()
        for number, name in STAGE_NAMES.items():
            self.stage.addItem(
                self.tr("{number} — {name}").format(number=number, name=name), number
            )
        self.stage.setAccessibleName(self.tr("Exercise stage"))
        self.dose_type = choice_box()
        self.dose_type.addItem(self.tr("Timed holds"), "hold")
        self.dose_type.addItem(self.tr("Reps"), "reps")
        self.dose_type.setAccessibleName(self.tr("Exercise dose type"))
        self.compressive = QCheckBox(self.tr("Compressive {mark}").format(mark=COMPRESSIVE_MARK))
        self.compressive.setToolTip(QCoreApplication.translate(CONTEXT, COMPRESSIVE_TIP))
        self.compressive.setAccessibleName(self.tr("Compressive exercise"))
        self.add_button = QPushButton(self.tr("Add exercise"))
        self.add_button.clicked.connect(self.add_exercise)
        self.rename_button = QPushButton(self.tr("Rename selected"))
        self.rename_button.setToolTip(
            self.tr("Give the selected exercise of yours the name above.")
        )
        self.rename_button.clicked.connect(self.rename_selected)
        self.archive_button = QPushButton(self.tr("Archive selected"))
        self.archive_button.clicked.connect(self.archive_selected)
        self.delete_button = QPushButton(self.tr("Delete selected"))
        self.delete_button.setToolTip(self.tr("Only an exercise of yours that has no history."))
        self.delete_button.clicked.connect(self.delete_selected)
        self.error = error_label()
        self.message = QLabel("")
        self.message.setWordWrap(True)
        form_layout.addRow(self.tr("Name"), self.name)
        form_layout.addRow(self.tr("Stage"), self.stage)
        form_layout.addRow(self.tr("Dose"), self.dose_type)
        form_layout.addRow("", self.compressive)
        form_layout.addRow("", self.error)
        form_layout.addRow(self.add_button)
        manage = QHBoxLayout()
        for button in (self.rename_button, self.archive_button, self.delete_button):
            manage.addWidget(button)
        form_layout.addRow(manage)
        form_layout.addRow(self.message)
        return box

    def refresh(self) -> None:
        """Rebuild the tree: the current stage first and expanded (docs/ux.md)."""
        selected = self.selected_id()
        exercises = self.services.exercises
        current = exercises.current_stage()
        rows = exercises.catalogue(include_archived=self.show_archived.isChecked())
        self.tree.blockSignals(True)
        self.tree.clear()
        groups: dict[int, QTreeWidgetItem] = {}
        for info in rows:
            group = groups.get(info.stage)
            if group is None:
                if info.stage == current:
                    title = self.tr("Stage {number} — {name} (your stage)")
                else:
                    title = self.tr("Stage {number} — {name}")
                title = title.format(number=info.stage, name=STAGE_NAMES[info.stage])
                group = QTreeWidgetItem(self.tree, [title])
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                group.setExpanded(info.stage == current)
                groups[info.stage] = group
            item = QTreeWidgetItem(group, [exercise_label(info)])
            item.setData(0, ID_ROLE, info.id)
            item.setToolTip(0, exercise_tooltip(info))
            if info.id == selected:
                self.tree.setCurrentItem(item)
        self.tree.blockSignals(False)
        self._update_buttons()

    def item_for(self, exercise_id: int) -> QTreeWidgetItem | None:
        for index in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(index)
            if group is None:
                continue
            for child in range(group.childCount()):
                item = group.child(child)
                if item is not None and item.data(0, ID_ROLE) == exercise_id:
                    return item
        return None

    def selected_id(self) -> int | None:
        item = self.tree.currentItem()
        value = None if item is None else item.data(0, ID_ROLE)
        return value if isinstance(value, int) else None

    def select(self, exercise_id: int) -> None:
        item = self.item_for(exercise_id)
        if item is not None:
            self.tree.setCurrentItem(item)

    def _on_current(self, *_args: object) -> None:
        exercise_id = self.selected_id()
        if exercise_id is not None:
            self.form.select_exercise(exercise_id)
        self._update_buttons()

    def _update_buttons(self) -> None:
        exercise_id = self.selected_id()
        info = None if exercise_id is None else self.services.exercises.exercise(exercise_id)
        own = info is not None and not info.builtin
        self.rename_button.setEnabled(own)
        self.delete_button.setEnabled(own)
        self.archive_button.setEnabled(info is not None)
        self.archive_button.setText(
            self.tr("Restore selected")
            if info is not None and info.archived
            else self.tr("Archive selected")
        )

    def _done(self, message: str) -> None:
        show_error(self.error, None)
        self.message.setText(message)

    def add_exercise(self) -> None:
        try:
            new_id = self.services.exercises.add_exercise(
                self.name.text(),
                int(self.stage.currentData()),
                str(self.dose_type.currentData()),
                compressive=self.compressive.isChecked(),
            )
        except ValidationError as error:
            show_error(self.error, error.message)
            return
        self.name.clear()
        self._done(self.tr("Exercise added."))
        self.select(new_id)

    def rename_selected(self) -> None:
        exercise_id = self.selected_id()
        if exercise_id is None:
            return
        try:
            self.services.exercises.rename_exercise(exercise_id, self.name.text())
        except ValidationError as error:
            show_error(self.error, error.message)
            return
        self.name.clear()
        self._done(self.tr("Exercise renamed; its history keeps it."))

    def archive_selected(self) -> None:
        exercise_id = self.selected_id()
        if exercise_id is None:
            return
        archived = not self.services.exercises.exercise(exercise_id).archived
        self.services.exercises.archive_exercise(exercise_id, archived)
        self._done(
            self.tr("Archived: hidden from the list, history kept.")
            if archived
            else self.tr("Restored.")
        )

    def delete_selected(self) -> None:
        """Delete an unused exercise of the user's; one with history may only be archived."""
        exercise_id = self.selected_id()
        if exercise_id is None:
            return
        try:
            self.services.exercises.delete_exercise(exercise_id)
        except ValidationError as error:
            show_error(self.error, error.message)

            def answer(yes: bool) -> None:
                if yes:
                    self.services.exercises.archive_exercise(exercise_id, True)
                    self.message.setText(self.tr("Archived: hidden from the list, history kept."))

            ask.ask(
                self,
                self.tr("Archive instead?"),
                self.tr("{reason}\n\nArchive it now?").format(reason=error.message),
                answer,
            )
            return
        self._done(self.tr("Exercise deleted."))
