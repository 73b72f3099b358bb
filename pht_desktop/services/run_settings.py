"""The run import's settings (issue 14): the fast margin, the watched folder, the merges
the user declined.

Apart from the import use case (``services/run_import.py``) because the start reads the
watched folder (is there one to read?) and Settings ▸ Runs shows these, neither of
which needs the run-file readers; the import itself loads with the first file.
"""

from __future__ import annotations

from pathlib import Path

from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.setting_specs import (
    DECLINED_MERGES_MAX,
    RUN_DECLINED_MERGES,
    RUN_FAST_MARGIN,
    RUN_WATCH_FOLDER,
)
from pht_desktop.services.base import ServiceBase
from pht_desktop.store import settings_repo


class RunSettingsService(ServiceBase):
    """Reads and writes of the three run-import settings; ``changed`` after a write the
    user made (the watched folder and Settings ▸ Runs follow it)."""

    def fast_margin(self) -> int:
        """The user's fast margin in percent (default 15)."""
        with self._read() as session:
            return settings_repo.read(session, RUN_FAST_MARGIN)

    def set_fast_margin(self, percent: object) -> None:
        value = RUN_FAST_MARGIN.parse(percent)
        with self._write() as session:
            settings_repo.write(session, RUN_FAST_MARGIN, value)
        self.changed.emit()

    def watch_folder(self) -> Path | None:
        with self._read() as session:
            stored = settings_repo.read(session, RUN_WATCH_FOLDER)
        return Path(stored) if stored else None

    def set_watch_folder(self, folder: Path | None) -> None:
        """Remember the folder to watch (None: stop watching); it must be a folder."""
        if folder is not None and not Path(folder).is_dir():
            raise ValidationError(RUN_WATCH_FOLDER.key, f"{folder} is not a folder.")
        value = RUN_WATCH_FOLDER.parse("" if folder is None else str(Path(folder)))
        with self._write() as session:
            settings_repo.write(session, RUN_WATCH_FOLDER, value)
        self.changed.emit()

    def declined(self) -> tuple[str, ...]:
        """Files whose merge the user declined (SHA-256), oldest first."""
        with self._read() as session:
            return settings_repo.read(session, RUN_DECLINED_MERGES)

    def decline(self, sha256: str) -> None:
        """The user kept the typed run instead of the file ``sha256``: the watched folder
        will not ask about this file again (an explicit import still does)."""
        with self._write() as session:
            kept = settings_repo.read(session, RUN_DECLINED_MERGES)
            if sha256 in kept:
                return
            newest = (*kept, sha256)[-DECLINED_MERGES_MAX:]
            settings_repo.write(session, RUN_DECLINED_MERGES, newest)
