"""The tray icon and its menu; the app works without one (qt-on-linux.md)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QMenu, QSystemTrayIcon


class Tray(QObject):
    """Open / Quit for now; other features add their actions through ``menu``."""

    open_requested = Signal()
    quit_requested = Signal()

    def __init__(self, icon: QIcon) -> None:
        super().__init__()
        self.menu = QMenu()
        self.status_action = QAction("PHT Desktop", self.menu)
        self.status_action.setEnabled(False)
        self.menu.addAction(self.status_action)
        self.menu.addSeparator()
        self.feature_anchor = self.menu.addSeparator()
        self.open_action = QAction(self.tr("Open PHT Desktop"), self.menu)
        self.open_action.triggered.connect(self.open_requested.emit)
        self.quit_action = QAction(self.tr("Quit"), self.menu)
        self.quit_action.triggered.connect(self.quit_requested.emit)
        self.menu.addAction(self.open_action)
        self.menu.addAction(self.quit_action)
        self._normal_icon = icon
        self._attention_icon: QIcon | None = None
        self.attention = False
        self.icon = QSystemTrayIcon(icon)
        self.icon.setToolTip("PHT Desktop")
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._on_activated)

    @staticmethod
    def available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def show(self) -> None:
        if self.available():
            self.icon.show()

    def set_status(self, text: str) -> None:
        self.status_action.setText(text)
        self.icon.setToolTip(self.tr("PHT Desktop — {status}").format(status=text))

    def set_attention(self, on: bool) -> None:
        """The quiet "stand when you can" state (a prompt held back): a small dot on the
        icon, so a deferred prompt is never silent (issue 3), without colour alone — the
        tooltip and menu say it in words too."""
        if on == self.attention:
            return
        self.attention = on
        if on and self._attention_icon is None:
            self._attention_icon = _with_dot(self._normal_icon)
        self.icon.setIcon(
            self._attention_icon if on and self._attention_icon else self._normal_icon
        )

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.open_requested.emit()


def _with_dot(icon: QIcon, size: int = 64) -> QIcon:
    """``icon`` with an Okabe–Ito orange dot in its top-right corner."""
    pixmap = QPixmap(icon.pixmap(size, size))
    if pixmap.isNull():
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor("#ffffff"))
    painter.setBrush(QColor("#E69F00"))
    diameter = size * 0.42
    painter.drawEllipse(QRectF(size - diameter - 1, 1, diameter, diameter))
    painter.end()
    return QIcon(pixmap)
