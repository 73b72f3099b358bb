"""One spacing unit and one type scale for every pane (docs/ux.md)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QCursor, QFont, QMouseEvent, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

SPACING = 8
"""The one spacing unit: every margin and gap is a multiple of it (docs/ux.md)."""
TITLE_WIDTH = 20 * SPACING
"""Width of the card titles' column on Today, so every card's content starts in line."""
TOLERATED_COLOUR = "#0072B2"
EXCEEDED_COLOUR = "#D55E00"
UNKNOWN_COLOUR = "#7F7F7F"


def set_text_colour(widget: QWidget, colour: str) -> None:
    """Text in ``colour`` through the widget's own palette, never a style sheet: the first
    style sheet anywhere brings in Qt's style-sheet style (its parser and a rule cache
    per widget, ~0.3 MB at start) and slows every paint under it. Only the text role is
    set, so a theme change still reaches the rest of the widget."""
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
    widget.setPalette(palette)


def text_colour(widget: QWidget) -> str:
    """The widget's text colour as ``#rrggbb`` (lower case), as :func:`set_text_colour` set it."""
    return widget.palette().color(QPalette.ColorRole.WindowText).name()


def scaled_font(widget: QWidget, factor: float, bold: bool = False) -> QFont:
    """A font relative to the system one, so text follows the user's size."""
    font = QFont(widget.font())
    size = font.pointSizeF()
    if size > 0:
        font.setPointSizeF(size * factor)
    font.setBold(bold)
    return font


def compact_choice(box: QComboBox, chars: int) -> None:
    """A choice list as wide as ``chars`` characters, not its longest item: long names do
    not widen the form or the window (the popup still shows them whole)."""
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(chars)


def section_title(text: str) -> QLabel:
    label = QLabel(text)
    label.setFont(scaled_font(label, 1.15, bold=True))
    label.setAccessibleName(text)
    return label


def small_text(text: str) -> QLabel:
    label = QLabel(text)
    label.setFont(scaled_font(label, 0.9))
    label.setWordWrap(True)
    return label


def error_label() -> QLabel:
    """A label placed next to a field to show its validation message."""
    label = QLabel("")
    label.setObjectName("fieldError")
    set_text_colour(label, EXCEEDED_COLOUR)
    label.setWordWrap(True)
    label.hide()
    return label


def show_error(label: QLabel, message: str | None) -> None:
    label.setText(message or "")
    label.setVisible(bool(message))


COLUMN_MAX_WIDTH = 160 * SPACING
"""A column of sections grows no wider than this and is centred beyond it: on a 2560 px
screen, lines and bars stretched edge to edge were hard to read (issue 13)."""


class ScrollColumn(QScrollArea):
    """A pane that is one scrolling column of sections (Today, Settings)."""

    def __init__(self) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        body = QWidget()
        body.setMaximumWidth(COLUMN_MAX_WIDTH)
        self.column = QVBoxLayout(body)
        self.column.setContentsMargins(2 * SPACING, 2 * SPACING, 2 * SPACING, 2 * SPACING)
        self.column.setSpacing(2 * SPACING)
        self.setWidget(body)


def row(*widgets: QWidget, stretch: bool = True) -> QHBoxLayout:
    """Widgets side by side at their own size (fields never stretch across the page)."""
    line = QHBoxLayout()
    line.setSpacing(SPACING)
    for widget in widgets:
        line.addWidget(widget)
    if stretch:
        line.addStretch(1)
    return line


def field_column(*items: QWidget | QHBoxLayout) -> QVBoxLayout:
    """A field with its why-line and error label under it, so hidden errors take no row."""
    column = QVBoxLayout()
    column.setSpacing(SPACING // 2)
    for item in items:
        if isinstance(item, QWidget):
            column.addWidget(item)
        else:
            column.addLayout(item)
    return column


class WhatIsThis(QLabel):
    """A small "What is this?" that explains a clinical term in plain words, once
    (docs/ux.md Words): on hover, and on a click or Enter for those who do not hover."""

    def __init__(self, explanation: str, text: str = "") -> None:
        super().__init__(text or self.tr("What is this?"))
        self.explanation = explanation
        font = scaled_font(self, 0.9)
        font.setUnderline(True)
        self.setFont(font)
        self.setCursor(Qt.CursorShape.WhatsThisCursor)
        self.setToolTip(explanation)
        self.setAccessibleName(self.text())
        self.setAccessibleDescription(explanation)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        QToolTip.showText(QCursor.pos(), self.explanation, self)
        super().mousePressEvent(event)
