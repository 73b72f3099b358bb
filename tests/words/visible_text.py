"""Every text a user can see in a widget tree: labels, buttons, tabs, items, tooltips."""

from __future__ import annotations

import re
from collections.abc import Iterator

from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QTabWidget,
    QWidget,
)

_TAGS = re.compile(r"<[^>]+>")


def visible_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every user-facing string under ``root``, rich text untagged."""
    for widget in [root, *root.findChildren(QWidget)]:
        name = type(widget).__name__
        texts: list[str] = [widget.toolTip(), widget.accessibleName()]
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        elif isinstance(widget, QComboBox):
            texts.extend(widget.itemText(i) for i in range(widget.count()))
        elif isinstance(widget, QListWidget):
            texts.extend(widget.item(i).text() for i in range(widget.count()))
        elif isinstance(widget, QTabWidget):
            texts.extend(widget.tabText(i) for i in range(widget.count()))
        for text in texts:
            if text:
                yield name, _TAGS.sub(" ", text).replace("&nbsp;", " ")
