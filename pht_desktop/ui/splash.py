"""A first window within a third of a second, while the rest of the app loads.

Everything the main window needs (SQLAlchemy, the services, the cards' data) takes most of
a second to load on a slow machine. The splash needs only Qt, so it is on screen before
any of that is imported, and it goes as soon as the main window has painted. A start to
the tray (at login) shows none.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEventLoop, QRect, Qt, QTimer
from PySide6.QtGui import QFont, QGuiApplication, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QLabel, QWidget

from pht_desktop.paths import APP_NAME
from pht_desktop.resources import resource
from pht_desktop.ui.first_paint import on_first_paint

SPLASH_WIDTH = 360
SPLASH_HEIGHT = 150
ICON_PX = 96
EXPOSE_WAIT_MS = 400
"""The longest the start waits for the splash to be on screen (an X server: ~30 ms)."""


def _splash_picture() -> QPixmap:
    """The icon and the app's name on the window colour (light or dark alike)."""
    ratio = (
        QGuiApplication.primaryScreen().devicePixelRatio()
        if QGuiApplication.primaryScreen()
        else 1.0
    )
    picture = QPixmap(int(SPLASH_WIDTH * ratio), int(SPLASH_HEIGHT * ratio))
    picture.setDevicePixelRatio(ratio)
    palette = QGuiApplication.palette()
    picture.fill(palette.color(QPalette.ColorRole.Window))
    painter = QPainter(picture)
    icon = QPixmap(str(resource("icons/pht-desktop-128.png")))
    margin = (SPLASH_HEIGHT - ICON_PX) // 2
    if not icon.isNull():
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawPixmap(QRect(margin, margin, ICON_PX, ICON_PX), icon)
    title = QFont(QGuiApplication.font())
    title.setPointSizeF(title.pointSizeF() * 1.6)
    title.setBold(True)
    painter.setFont(title)
    painter.setPen(palette.color(QPalette.ColorRole.WindowText))
    left = margin + ICON_PX + margin
    half = SPLASH_HEIGHT // 2
    text_width = SPLASH_WIDTH - left - margin
    painter.drawText(
        QRect(left, 0, text_width, half),
        Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignLeft,
        APP_NAME,
    )
    painter.setFont(QGuiApplication.font())
    painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
    painter.drawText(
        QRect(left, half + 6, text_width, half - 6),
        Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft,
        QCoreApplication.translate("Splash", "Opening your diary…"),
    )
    painter.drawRect(0, 0, SPLASH_WIDTH - 1, SPLASH_HEIGHT - 1)
    painter.end()
    return picture


def show_splash() -> QLabel:
    """Show the splash centred on the screen and return once it has painted (the caller
    goes on to the slow imports).

    A label with the splash-screen window flag, not ``QSplashScreen``, whose ``show``
    waits a whole second on a platform that never reports the window exposed (offscreen).
    """
    splash = QLabel()
    splash.setWindowFlags(Qt.WindowType.SplashScreen | Qt.WindowType.FramelessWindowHint)
    splash.setPixmap(_splash_picture())
    splash.setAccessibleName(
        QCoreApplication.translate("Splash", "{app} is opening").format(app=APP_NAME)
    )
    splash.resize(SPLASH_WIDTH, SPLASH_HEIGHT)
    screen = QGuiApplication.primaryScreen()
    if screen is not None:
        splash.move(screen.availableGeometry().center() - splash.rect().center())
    # An X server maps the window a few tens of milliseconds after show(), and a paint
    # before that is lost: wait for the first real paint (never long), or the user would
    # see an empty frame until the app's event loop runs, after every import. The loop and
    # its timer belong to the splash, so a late paint or timeout finds them alive.
    painted = QEventLoop(splash)
    give_up = QTimer(splash)
    give_up.setSingleShot(True)
    give_up.timeout.connect(painted.quit)
    on_first_paint(splash, painted.quit)
    splash.show()
    give_up.start(EXPOSE_WAIT_MS)
    painted.exec()
    give_up.stop()
    return splash


def close_splash_after(splash: QWidget, window: QWidget | None) -> None:
    """The splash goes once ``window`` has painted (at once when there is none).

    (``QSplashScreen.finish`` would wait for the window in a nested event loop, where the
    rest of the start-up would run re-entrantly.)
    """

    def close() -> None:
        splash.close()
        splash.deleteLater()

    if window is None or not window.isVisible():
        close()
    else:
        on_first_paint(window, close)
