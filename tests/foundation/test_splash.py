"""Issue 16: a first window before the slow imports, gone once the main window paints."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from pht_desktop.paths import APP_NAME
from pht_desktop.ui.splash import close_splash_after, show_splash
from tests.python_run import run_offscreen


def test_the_splash_names_the_app_and_goes_when_the_window_has_painted(qtbot: QtBot) -> None:
    splash = show_splash()  # it deletes itself once closed: not handed to qtbot
    assert splash.isVisible()
    assert APP_NAME in splash.accessibleName()
    assert not splash.pixmap().isNull()
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    close_splash_after(splash, window)
    assert splash.isVisible()  # until the window's first paint
    with qtbot.waitSignal(splash.destroyed, timeout=2000):
        window.repaint()


def test_with_no_window_to_wait_for_the_splash_goes_at_once(qtbot: QtBot) -> None:
    splash = show_splash()
    with qtbot.waitSignal(splash.destroyed, timeout=2000):
        close_splash_after(splash, None)
        assert not splash.isVisible()


def test_the_real_start_paints_the_splash_before_sqlalchemy_is_imported(tmp_path: Path) -> None:
    """``--smoke`` on a new folder: the first window comes before the ORM and the app are
    loaded, then the main window paints and the app gets ready."""
    code = (
        "import sys; import pht_desktop.smoke as smoke; report = smoke.report_first_window\n"
        "def spy(began):\n"
        "    print('loaded', sorted(m for m in ('sqlalchemy', 'pht_desktop.app')"
        " if m in sys.modules), flush=True)\n"
        "    report(began)\n"
        "smoke.report_first_window = spy\n"
        "from pht_desktop.__main__ import main\n"
        f"sys.exit(main(['--smoke', '--data-dir', {str(tmp_path)!r}]))\n"
    )
    done = run_offscreen(code)
    assert done.returncode == 0, done.stderr
    assert "loaded []" in done.stdout
    figures = {k: int(v) for k, v in re.findall(r"(\w+_ms)=(\d+)", done.stdout)}
    assert figures["first_window_ms"] <= figures["startup_ms"] <= figures["ready_ms"]


def test_a_start_to_the_tray_shows_no_splash(tmp_path: Path) -> None:
    """At login the app opens to the tray: no window at all, the splash included."""
    code = (
        "import sys\n"
        "import pht_desktop.ui.splash as splash\n"
        "def refuse():\n"
        "    raise SystemExit('a splash was shown')\n"
        "splash.show_splash = refuse\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "QTimer.singleShot(1500, app.quit)\n"
        "from pht_desktop.__main__ import main\n"
        f"sys.exit(main(['--autostart', '--data-dir', {str(tmp_path)!r}]))\n"
    )
    done = run_offscreen(code)
    assert done.returncode == 0, done.stdout + done.stderr
