"""The tray icon and its menu; the app works without one (qt-on-linux.md)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QIcon, QPainter, QPixmap
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
        self.attention = False
        self.countdown: int | None = None
        """Minutes to the next stand drawn on the icon (None: the plain icon)."""
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
        if on != self.attention:
            self.attention = on
            self._redraw()

    def set_countdown(self, minutes: int | None) -> None:
        """Minutes to the next stand on the icon, as Stretchly and Workrave show time to
        the next break (issue 13); None while standing or paused. The tooltip says the
        same in words; a tray that shows no icons loses nothing else."""
        if minutes != self.countdown:
            self.countdown = minutes
            self._redraw()

    def _redraw(self) -> None:
        if self.countdown is None and not self.attention:
            self.icon.setIcon(self._normal_icon)
            return
        pixmap = _base_pixmap(self._normal_icon)
        if self.countdown is not None:
            _draw_minutes(pixmap, self.countdown)
        if self.attention:
            _draw_dot(pixmap)
        self.icon.setIcon(QIcon(pixmap))

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.open_requested.emit()


ICON_PX = 64


def _base_pixmap(icon: QIcon) -> QPixmap:
    pixmap = QPixmap(icon.pixmap(ICON_PX, ICON_PX))
    if pixmap.isNull():
        pixmap = QPixmap(ICON_PX, ICON_PX)
        pixmap.fill(Qt.GlobalColor.transparent)
    return pixmap


def badge_text(minutes: int) -> str:
    """What fits on a 16 px icon: up to two digits, then "99+"."""
    return str(max(0, minutes)) if minutes < 100 else "99+"


def _draw_minutes(pixmap: QPixmap, minutes: int) -> None:
    """The minutes in white on a dark band over the icon's lower half: readable at the
    tray's 16–24 px and on light or dark panels."""
    size = pixmap.width()
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    band = QRectF(0, size * 0.42, size, size * 0.58)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(0, 0, 0, 200))
    painter.drawRoundedRect(band, size * 0.12, size * 0.12)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(round(band.height() * (0.9 if minutes < 100 else 0.62)))
    painter.setFont(font)
    painter.setPen(QColor("#ffffff"))
    painter.drawText(band, Qt.AlignmentFlag.AlignCenter, badge_text(minutes))
    painter.end()


def _draw_dot(pixmap: QPixmap) -> None:
    """An Okabe–Ito orange dot in the icon's top-right corner."""
    size = pixmap.width()
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor("#ffffff"))
    painter.setBrush(QColor("#E69F00"))
    diameter = size * 0.42
    painter.drawEllipse(QRectF(size - diameter - 1, 1, diameter, diameter))
    painter.end()
