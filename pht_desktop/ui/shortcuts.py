"""Help ▸ Keyboard shortcuts: a non-modal list built from the window's real actions.

Nothing here is typed by hand: every ``QAction`` with a shortcut is listed with its
menu, so the list cannot drift from what the keys really do.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QMenuBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pht_desktop.ui.style import SPACING, small_text


def plain_text(text: str) -> str:
    """A menu text without its mnemonic ampersand or trailing ellipsis."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def menu_actions(menu_bar: QMenuBar) -> list[tuple[str, QAction]]:
    """(menu title, action) for every action of every menu, submenus included."""
    found: list[tuple[str, QAction]] = []

    def walk(menu: QMenu, title: str) -> None:
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub, f"{title} ▸ {plain_text(sub.title())}")
            elif not action.isSeparator():
                found.append((title, action))

    for action in menu_bar.actions():
        sub = action.menu()
        if isinstance(sub, QMenu):
            walk(sub, plain_text(sub.title()))
    return found


def shortcut_rows(actions: Iterable[tuple[str, QAction]]) -> list[tuple[str, str, str]]:
    """(keys, what it does, menu) for each action that has a shortcut, in menu order."""
    rows = []
    for menu, action in actions:
        keys = [k for k in action.shortcuts() if not k.isEmpty()]
        if not keys:
            continue
        text = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
        rows.append((text, plain_text(action.text()), menu))
    return rows


class ShortcutsDialog(QDialog):
    """Every shortcut of ``menu_bar``'s actions; refreshed each time it is shown."""

    def __init__(self, menu_bar: QMenuBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._menu_bar = menu_bar
        self.setWindowTitle(self.tr("Keyboard shortcuts — PHT Desktop"))
        self.setModal(False)
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Action"), self.tr("Menu")])
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table)
        layout.addWidget(
            small_text(
                self.tr(
                    "Also: in the break prompt, the key for each answer is shown on its "
                    "button. In the hold timer, Space pauses and resumes. In the morning "
                    "check-in, a digit chooses your pain and Enter saves. Tab moves between "
                    "controls; Space presses the focused button."
                )
            )
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.resize(60 * SPACING, 50 * SPACING)
        self.refresh()

    def refresh(self) -> None:
        rows = shortcut_rows(menu_actions(self._menu_bar))
        self.table.setRowCount(len(rows))
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, column, item)

    def rows(self) -> list[tuple[str, str, str]]:
        """What the table shows: (keys, action, menu) per row."""
        found = []
        for row in range(self.table.rowCount()):
            items = [self.table.item(row, column) for column in range(3)]
            keys, text, menu = (item.text() if item is not None else "" for item in items)
            found.append((keys, text, menu))
        return found

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        super().showEvent(event)
