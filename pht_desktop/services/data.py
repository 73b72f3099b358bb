"""The user's data is theirs: export, import, daily backups and restore (issue 7).

Exports are written to a temporary file beside the target and renamed, so a crash
never leaves half a zip under the user's chosen name. Imports validate everything
first and write in one transaction, or nothing. Backups use SQLite's online backup
API (a consistent copy even while the app writes) and are kept for N days.
"""

from __future__ import annotations

import logging
import re
import shutil
import sqlite3
import threading
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from pht_desktop import __version__
from pht_desktop.domain import setting_specs
from pht_desktop.domain.clock import Clock
from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.verdicts import judge
from pht_desktop.safe_files import (
    ReadLimits,
    RefusedFileError,
    ZipStream,
    atomic_target,
    read_regular_file,
)
from pht_desktop.services.base import READ_ONLY_MESSAGE, ReadOnlyError, ServiceBase
from pht_desktop.store import settings_repo, verdicts_repo
from pht_desktop.store.db import (
    DatabaseError,
    NewerDatabaseError,
    backup_database,
    check_integrity,
    create_private_file,
    current_revision,
    migrate,
)
from pht_desktop.store.schema import is_known_revision

if TYPE_CHECKING:
    from pht_desktop.domain.interchange import ImportReport

# The interchange modules (CSV/JSON codecs, import rules) load on first export or import,
# not at start-up: the app only needs backups early.

log = logging.getLogger(__name__)

ExportFormat = Literal["csv", "json"]

MAX_IMPORT_BYTES: Final = 200 * 1024 * 1024
"""Refuse archives that unpack to more than this (a zip bomb, or not our file)."""

BACKUP_DIR_NAME: Final = "backups"
_DAILY = re.compile(r"^pht-desktop-(\d{4}-\d{2}-\d{2})\.sqlite3$")


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """A backup file the user can restore; ``kind`` says why it was made."""

    path: Path
    kind: Literal["daily", "before-restore", "before-migration", "other"]
    modified: datetime
    size: int

    @property
    def label(self) -> str:
        words = {
            "daily": "Daily backup",
            "before-restore": "Made before a restore",
            "before-migration": "Made before an upgrade",
            "other": "Backup",
        }[self.kind]
        stamp = self.modified.astimezone().strftime("%Y-%m-%d %H:%M")
        return f"{words}, {stamp} ({max(1, self.size // 1024)} KiB)"


def backups_dir(database: Path) -> Path:
    return database.parent / BACKUP_DIR_NAME


_healthy_cache: dict[tuple[str, int, int], bool] = {}


def is_restorable(path: Path) -> bool:
    """A complete, undamaged PHT Desktop database (integrity_check and a version row).

    Remembered per (path, size, mtime) so the list opens fast the second time.
    """
    try:
        stat = path.stat()
    except OSError:
        return False
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if key not in _healthy_cache:
        _healthy_cache[key] = _check_healthy(path)
    return _healthy_cache[key]


def _check_healthy(path: Path) -> bool:
    if not path.is_file() or path.is_symlink():
        return False
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("PRAGMA integrity_check").fetchone()
        finally:
            conn.close()
        return row is not None and row[0] == "ok" and current_revision(path) is not None
    except sqlite3.DatabaseError:
        return False


def list_backups(database: Path, check: bool = True) -> list[BackupInfo]:
    """Restorable backups beside ``database``, newest first; without opening the database.

    A damaged or incomplete file (a kill while it was written) is never offered.
    """
    folder = backups_dir(database)
    if not folder.is_dir():
        return []
    found: list[BackupInfo] = []
    for path in folder.glob("*.sqlite3"):
        name = path.name
        if check and not is_restorable(path):
            log.warning("backup %s is damaged or incomplete: not offered", name)
            continue
        kind: Literal["daily", "before-restore", "before-migration", "other"] = (
            "daily"
            if _DAILY.match(name)
            else "before-restore"
            if name.startswith("before-restore-")
            else "before-migration"
            if name.startswith("before-migration-")
            else "other"
        )
        stat = path.stat()
        modified = datetime.fromtimestamp(stat.st_mtime, UTC)
        found.append(BackupInfo(path, kind, modified, stat.st_size))
    found.sort(key=lambda b: (b.modified, b.path.name), reverse=True)
    return found


def _make_backup(database: Path, target: Path) -> Path:
    """A consistent copy under a temporary name, renamed when complete."""
    return backup_database(database, target)


def _check_restorable(backup: Path) -> None:
    """Refuse a damaged backup, or one from a newer app, before touching anything."""
    check_integrity(backup)
    revision = current_revision(backup)
    if revision is None:
        raise ValidationError("backup", f"{backup.name} is not a PHT Desktop database.")
    if not is_known_revision(revision):
        raise NewerDatabaseError(
            f"{backup.name} was written by a newer version of PHT Desktop; "
            "update the app to restore it."
        )


def _stamp(now: datetime) -> str:
    return now.strftime("%Y%m%d-%H%M%S")


def _unique(path: Path) -> Path:
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def preserve_current(database: Path, now: datetime) -> Path | None:
    """Keep the current database before a restore; a damaged one is copied byte for byte."""
    if not database.exists() or database.stat().st_size == 0:
        return None
    target = _unique(backups_dir(database) / f"before-restore-{_stamp(now)}.sqlite3")
    try:
        check_integrity(database)
        return _make_backup(database, target)
    except (sqlite3.DatabaseError, DatabaseError):
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        create_private_file(target)
        shutil.copyfile(database, target)
        for suffix in ("-wal", "-shm"):
            side = database.with_name(database.name + suffix)
            if side.exists():
                shutil.copyfile(side, target.with_name(target.name + suffix))
        return target


def restore_database_file(backup: Path, database: Path, now: datetime) -> Path | None:
    """Replace ``database`` with ``backup``; the current file is kept first.

    Works without an open engine (the recovery dialog's case); the caller must have
    closed every connection. Returns the pre-restore copy (None if there was no data).
    """
    _check_restorable(backup)
    kept = preserve_current(database, now)
    with atomic_target(database) as temporary:
        shutil.copyfile(backup, temporary)
        # A stale WAL would be replayed onto the restored file: remove it first.
        for suffix in ("-wal", "-shm"):
            database.with_name(database.name + suffix).unlink(missing_ok=True)
    log.info("restored %s from %s (previous kept as %s)", database, backup, kept)
    return kept


CLOCK_AHEAD_GRACE: Final = timedelta(days=366)
"""How far past now an imported entry may lie. The app stamps entries by its clock, and a
clock set ahead and then back (by hand, or a wrong BIOS clock that NTP corrects) leaves
entries "in the future" that the app itself wrote: its own export must import back
(issue 12). A year still refuses a typed-in 2062."""

IMPORT_LIMITS: Final = ReadLimits(
    max_file_bytes=MAX_IMPORT_BYTES,
    max_members=64,
    max_member_bytes=MAX_IMPORT_BYTES,
    max_total_bytes=MAX_IMPORT_BYTES,
)
"""What an import reads at most (docs/data-format.md, "Import limits")."""


class ImportCancelledError(Exception):
    """The user cancelled an import: nothing was written."""


class ImportProgress:
    """Between an import on a worker thread and whoever watches it.

    ``step(done, expected)`` is called as the archive's bytes are read (from the
    worker); :meth:`cancel` may be called from any thread and stops the import at its
    next step, or before its commit: a cancelled import writes nothing.
    """

    def __init__(self, on_step: Callable[[int, int], None] | None = None) -> None:
        self._on_step = on_step
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def check(self) -> None:
        if self._cancelled.is_set():
            raise ImportCancelledError()

    def step(self, done: int, expected: int) -> None:
        self.check()
        if self._on_step is not None:
            self._on_step(done, expected)


Files = Mapping[str, bytes | Iterable[str]]


@contextmanager
def open_archive(path: Path, progress: ImportProgress | None = None) -> Iterator[Files]:
    """The files of an export zip (or a bare JSON document), bounded (IMPORT_LIMITS).

    A zip's CSV members come as text read lazily while they are validated, so a big
    import never holds them; the manifest and a JSON document come as bytes. Every
    failure to read is a RefusedFileError (safe_files), never another exception.
    """
    from pht_desktop.domain import interchange

    if path.suffix.lower() == ".json":
        yield {
            interchange.JSON_DOCUMENT_NAME: read_regular_file(path, IMPORT_LIMITS.max_file_bytes)
        }
        return
    with ZipStream(path, IMPORT_LIMITS, None if progress is None else progress.step) as archive:
        whole = (interchange.MANIFEST_NAME, interchange.JSON_DOCUMENT_NAME)
        yield {
            name: archive.read_bytes(name) if name in whole else archive.open_text(name)
            for name in archive.names
        }


class DataService(ServiceBase):
    """Export, import, backups and restore for one database file."""

    def __init__(self, sessions: sessionmaker[Session], clock: Clock, database_path: Path) -> None:
        super().__init__(sessions, clock)
        self.database_path = database_path

    # --- export ------------------------------------------------------------------------

    def export_files(self, fmt: ExportFormat = "csv") -> dict[str, bytes]:
        """The export's files, in memory (the zip and tests share this)."""
        from pht_desktop.domain import interchange
        from pht_desktop.store import interchange_repo

        with self._read() as session:
            tables = interchange_repo.export_tables(session)
            inputs = verdicts_repo.verdict_inputs(session, labels=False)  # no doses in the file
        verdicts = judge(inputs)
        tables["verdicts"] = interchange.verdict_records(verdicts)
        meta = interchange.manifest(__version__, self.now(), fmt)
        return interchange.encode_archive(tables, meta, as_json=fmt == "json")

    def export_zip(self, path: Path, fmt: ExportFormat = "csv") -> Path:
        """Write the export atomically: a temporary file in the same folder, then rename."""
        if fmt not in ("csv", "json"):
            raise ValidationError("format", "The export format is csv or json.")
        files = self.export_files(fmt)
        path = Path(path)
        with (
            atomic_target(path) as temporary,
            zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        ):
            for name, data in files.items():
                info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, data)
        log.info("exported %s (%s)", path, fmt)
        return path

    # --- import ------------------------------------------------------------------------

    def import_file(
        self,
        path: Path,
        dry_run: bool = False,
        progress: ImportProgress | None = None,
        notify: bool = True,
    ) -> ImportReport:
        """Validate every row; write all of it in one transaction, or nothing at all.

        Safe on a worker thread (its own connection; ``notify=False``, and the caller
        emits ``changed`` on the GUI thread). A refused file, a cancel (``progress``)
        or any problem writes nothing.
        """
        from pht_desktop.domain.interchange import ImportReport, Problem

        path = Path(path)
        try:
            with open_archive(path, progress) as files:
                return self.import_files(files, dry_run, progress, notify)
        except RefusedFileError as refused:
            return ImportReport(dry_run, problems=[Problem(path.name, 0, "", refused.message)])

    def import_files(
        self,
        files: Files,
        dry_run: bool = False,
        progress: ImportProgress | None = None,
        notify: bool = True,
    ) -> ImportReport:
        """Import an export's files; the big kinds are staged (never all in memory) and
        everything is merged in one short transaction, so the app's writes go on."""
        from pht_desktop.domain import interchange
        from pht_desktop.domain.interchange import Context, ImportReport, Problem
        from pht_desktop.store.import_stage import ImportStage

        if self.read_only:
            if not dry_run:
                raise ReadOnlyError()
            # A preview says so plainly (staging tables cannot be made read-only).
            refusal = Problem(self.database_path.name, 0, "", READ_ONLY_MESSAGE)
            return ImportReport(dry_run, problems=[refusal])
        latest = self.now() + CLOCK_AHEAD_GRACE
        stage = ImportStage(self.engine)
        try:
            parsed = interchange.decode_archive(files, Context(latest.date(), latest), stage)
            interchange.check_references(parsed, stage.exercise_refs(), stage.prompt_times)
            if parsed.problems:
                return ImportReport(dry_run, problems=parsed.problems)
            tables = {name: parsed.records(name) for name in parsed.tables}
            check = None if progress is None else progress.check
            counts = stage.apply(tables, self.now(), commit=not dry_run, before_commit=check)
        finally:
            stage.close()
        if notify and not dry_run:
            self.changed.emit()
        return ImportReport(dry_run, counts=counts)

    # --- backups -----------------------------------------------------------------------

    def keep_days(self) -> int:
        """How many days of daily backups to keep (setting, default 7)."""
        with self._read() as session:
            return settings_repo.read(session, setting_specs.BACKUP_KEEP_DAYS)

    def set_keep_days(self, days: int) -> None:
        value = setting_specs.BACKUP_KEEP_DAYS.parse(days)
        with self._write() as session:
            settings_repo.write(session, setting_specs.BACKUP_KEEP_DAYS, value)
        self.changed.emit()

    def _daily_path(self, day: date) -> Path:
        return backups_dir(self.database_path) / f"pht-desktop-{day.isoformat()}.sqlite3"

    def backup_if_due(self) -> Path | None:
        """At most one backup a day (start-up or idle); prunes old ones. None if not due."""
        target = self._daily_path(self.today())
        made = None if target.exists() else _make_backup(self.database_path, target)
        self.prune_backups()
        if made is not None:
            log.info("daily backup written: %s", made)
        return made

    def backup_now(self) -> Path:
        """A backup on request (CLI): today's daily file, replaced if it exists."""
        path = _make_backup(self.database_path, self._daily_path(self.today()))
        self.prune_backups()
        return path

    def prune_backups(self) -> list[Path]:
        """Delete daily backups older than the kept number of days (others are left)."""
        oldest = self.today() - timedelta(days=self.keep_days() - 1)
        removed: list[Path] = []
        for info in list_backups(self.database_path, check=False):
            match = _DAILY.match(info.path.name)
            if match and date.fromisoformat(match.group(1)) < oldest:
                info.path.unlink(missing_ok=True)
                removed.append(info.path)
        return removed

    def list_backups(self) -> list[BackupInfo]:
        return list_backups(self.database_path)

    @property
    def engine(self) -> Engine:
        bind = self._sessions.kw["bind"]
        assert isinstance(bind, Engine)
        return bind

    def restore_backup(self, backup: Path) -> Path | None:
        """Replace the database with ``backup``; returns the pre-restore copy.

        The engine's connections are closed first; the same engine reconnects to the
        restored file on next use (every service shares it), migrated if it is older.
        """
        _check_restorable(Path(backup))
        engine = self.engine
        engine.dispose()
        kept = restore_database_file(Path(backup), self.database_path, self.now())
        migrate(engine, self.database_path)
        self.changed.emit()
        return kept
