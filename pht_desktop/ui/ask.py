"""The one place the app asks the user a yes/no question.

Non-modal: the answer arrives through a callback, so nothing blocks in tests
(qutebrowser's msgbox habit). Tests replace ``ask_hook`` to answer directly.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

AskHook = Callable[[QWidget | None, str, str, Callable[[bool], None]], None]


def _ask_with_dialog(
    parent: QWidget | None, title: str, text: str, on_answer: Callable[[bool], None]
) -> None:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)

    def finished(_result: int) -> None:
        clicked = box.clickedButton()
        yes = clicked is not None and box.standardButton(clicked) == QMessageBox.StandardButton.Yes
        on_answer(yes)

    box.finished.connect(finished)
    box.open()


ask_hook: AskHook = _ask_with_dialog


def ask(parent: QWidget | None, title: str, text: str, on_answer: Callable[[bool], None]) -> None:
    ask_hook(parent, title, text, on_answer)
