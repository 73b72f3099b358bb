"""Light and dark that follow the system (Qt 6 colour-scheme hint).

Native styles (Windows 11, macOS, desktop themes on Linux) switch palettes by
themselves. Where nothing does (Fusion without a platform theme, e.g. bare X11),
we build the dark palette so the app, and the charts that read the palette, still
follow the user's choice.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from pht_desktop.domain.setting_specs import Appearance

PREFERENCES = tuple(choice.value for choice in Appearance)


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether the window background is dark (what charts should follow)."""
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def dark_palette() -> QPalette:
    palette = QPalette()
    window = QColor(37, 37, 40)
    base = QColor(28, 28, 30)
    text = QColor(230, 230, 230)
    disabled = QColor(130, 130, 130)
    for role, colour in (
        (QPalette.ColorRole.Window, window),
        (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Base, base),
        (QPalette.ColorRole.AlternateBase, window),
        (QPalette.ColorRole.ToolTipBase, base),
        (QPalette.ColorRole.ToolTipText, text),
        (QPalette.ColorRole.Text, text),
        (QPalette.ColorRole.Button, QColor(48, 48, 52)),
        (QPalette.ColorRole.ButtonText, text),
        (QPalette.ColorRole.BrightText, QColor(255, 80, 80)),
        (QPalette.ColorRole.Link, QColor(86, 180, 233)),
        (QPalette.ColorRole.Highlight, QColor(0, 114, 178)),
        (QPalette.ColorRole.HighlightedText, QColor(255, 255, 255)),
        (QPalette.ColorRole.PlaceholderText, disabled),
    ):
        palette.setColor(role, colour)
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


def _wanted_dark(preference: str) -> bool:
    if preference == "dark":
        return True
    if preference == "light":
        return False
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


PREFERENCE_PROPERTY = "phtAppearance"


def apply_theme(app: QApplication, preference: str = "system") -> None:
    """Apply ``preference`` (system/light/dark); remembered on the app for follow_system."""
    app.setProperty(PREFERENCE_PROPERTY, preference)
    hints = QGuiApplication.styleHints()
    if preference != "system":
        hints.setColorScheme(Qt.ColorScheme.Dark if preference == "dark" else Qt.ColorScheme.Light)
    else:
        hints.unsetColorScheme()
    wanted = _wanted_dark(preference)
    if wanted != is_dark(app.palette()):
        app.setPalette(dark_palette() if wanted else app.style().standardPalette())


def _on_system_change(app: QApplication) -> None:
    """The desktop switched light/dark: follow it only if the user chose "system"."""
    if app.property(PREFERENCE_PROPERTY) in (None, "system"):
        apply_theme(app, "system")


def follow_system(app: QApplication, preference: str = "system") -> None:
    apply_theme(app, preference)
    QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _s: _on_system_change(app))
