"""Runs from the watch into the app: File ▸ Import runs…, drag-and-drop, a watched folder.

What the start builds is only the entry points: the menu action, the drop filter, and a
look at the watched-folder setting. The importer and the watcher
(:mod:`pht_desktop.ui.run_importer`, with the run-import service and the run-file
readers behind them) are built when first needed: a drop, the menu, a folder to watch
at start or once one is set in Settings ▸ Runs (issue 16: a start without runs to
import loads none of that).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from pht_desktop.domain.run_file_names import SUFFIXES

if TYPE_CHECKING:
    from pht_desktop.services.registry import Services
    from pht_desktop.ui.main_window import MainWindow
    from pht_desktop.ui.run_importer import RunFolderWatcher, RunImporter


def _tr(text: str) -> str:
    return QCoreApplication.translate("RunImport", text)


def run_file_paths(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    """The local run files a drag carries (other files and URLs are ignored)."""
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [p for p in paths if p.name.lower().endswith(SUFFIXES)]


class DropImport(QObject):
    """Run files dropped anywhere on the main window are imported (an event filter, so
    the window itself needs no code of its own)."""

    def __init__(self, window: QWidget, import_paths: Callable[[list[Path]], None]) -> None:
        super().__init__(window)
        self.import_paths = import_paths
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove) and isinstance(
            event, QDragEnterEvent | QDropEvent
        ):
            if run_file_paths(event):
                event.acceptProposedAction()
                return True
        elif kind == QEvent.Type.Drop and isinstance(event, QDropEvent):
            paths = run_file_paths(event)
            if paths:
                event.acceptProposedAction()
                self.import_paths(paths)
                return True
        return super().eventFilter(watched, event)


class RunImportUi:
    """What the composition root keeps: the menu action and the drop filter from the
    start; the importer and the watcher once first needed."""

    def __init__(self, window: QMainWindow, services: Services, menu: QMenu) -> None:
        self.window = window
        self.services = services
        self.drop = DropImport(window, lambda paths: self.importer.import_paths(paths))
        self.action = QAction(_tr("Import &runs…"), window)
        self.action.setStatusTip(_tr("Import runs from GPX, TCX or FIT files"))
        self.action.triggered.connect(lambda _checked=False: self.importer.choose_files())
        menu.addAction(self.action)
        services.run_settings.changed.connect(self._follow_setting)
        self._follow_setting()

    @cached_property
    def importer(self) -> RunImporter:
        """Built on the first import (with the run-import service behind it)."""
        from pht_desktop.ui.run_importer import RunImporter

        return RunImporter(self.services.run_import, self.window)

    @cached_property
    def watcher(self) -> RunFolderWatcher:
        """Built once there is a folder to watch; follows the setting from then on."""
        from pht_desktop.ui.run_importer import RunFolderWatcher

        return RunFolderWatcher(self.importer, self.services.run_settings)

    def _follow_setting(self) -> None:
        """A watched folder (at start, or newly set) is read; without one nothing loads."""
        if "watcher" in vars(self) or self.services.run_settings.watch_folder() is not None:
            self.watcher.reload()


def install_run_import(window: MainWindow, services: Services) -> RunImportUi:
    """Add File ▸ Import runs…, drops on ``window`` and the watched folder; keep the result."""
    return RunImportUi(window, services, window.file_menu)
