"""Import runs from watch files (issue 14): read, recognise duplicates, flag, store.

One file is one transaction: it is stored whole or not at all, and a bad file never
stops the others. Every file gets one line in the report saying what happened to it.

Duplicates are never stored: the same bytes (SHA-256, kept with the run, unique in the
table) or the same activity in another format (start within :data:`SAME_START_S` and
distance within :data:`SAME_DISTANCE_SHARE`). A run the user typed by hand that matches
an imported one is *offered* for merging (:class:`PendingMerge`), never silently
doubled: the caller asks, then calls :meth:`RunImportService.merge`.

Files are parsed first (the slow part), then written oldest first, so the easy pace each
run is judged against (R2.4) is learnt from the runs before it, imported ones included.
:meth:`import_paths` may run on a worker thread: with ``notify=False`` it emits nothing,
and the caller emits :attr:`changed` on the GUI thread when the report is back.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Final

from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from pht_desktop.domain.clock import Clock
from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.exercise import RunDraft, RunStyle, run_stage_warning
from pht_desktop.domain.pace import pace_label
from pht_desktop.domain.profile import StageEvent, stage_on
from pht_desktop.domain.run_file_names import SUFFIXES
from pht_desktop.domain.run_files import FORMAT_NAMES, RunRecord
from pht_desktop.domain.run_flags import (
    EASY_PACE_RUNS,
    ImportedRun,
    easy_pace,
    run_flags,
)
from pht_desktop.services.base import ServiceBase
from pht_desktop.services.run_import_report import (
    FileOutcome,
    PendingMerge,
    RunImportReport,
)
from pht_desktop.services.run_settings import RunSettingsService
from pht_desktop.store import profile_repo, run_import_repo
from pht_desktop.store.run_import_repo import StoredRun

log = logging.getLogger(__name__)

SAME_START_S: Final = 120
"""Two exports of one activity start within seconds of each other (formats round the
start differently); nobody starts two runs within two minutes."""
SAME_DISTANCE_SHARE: Final = 0.03
"""GPX distance is summed from positions, FIT keeps the watch's own: they differ by a
percent or two for the same run."""
SAME_DURATION_SHARE: Final = 0.05
"""Without a distance on both sides, moving times within 5 % mean the same run."""
MANUAL_WINDOW: Final = timedelta(hours=3)
"""Another file of the same activity starts within this of the file's start. A hand-typed
run is looked for over the whole local day instead: its time is often when it was typed."""
MANUAL_SHARE: Final = 0.25
"""A hand-typed distance or time within 25 % of the file's is the same run, roughly kept."""
STORE_BATCH: Final = 50
"""Files written per transaction. Under ``synchronous=FULL`` each commit waits for the
disk (about 10 ms), more than the rest of a file's writing: one commit per 50 files
instead of one each, and the app's own writes wait at most a quarter second or so."""


STRAVA_SUBFOLDER: Final = "activities"
"""A Strava bulk export keeps its run files in ``activities/`` (F6)."""


def run_folders(folder: Path) -> list[Path]:
    """``folder`` and, when there is one, its ``activities`` sub-folder (a Strava export
    unpacked there); deeper folders are not read."""
    inner = folder / STRAVA_SUBFOLDER
    return [folder, inner] if inner.is_dir() and not inner.is_symlink() else [folder]


def run_files_in(folder: Path) -> list[Path]:
    """Run files in ``folder`` and its ``activities`` sub-folder, sorted by name."""
    found: list[Path] = []
    for place in run_folders(folder):
        try:
            entries = list(os.scandir(place))
        except OSError:
            continue
        found += [
            Path(e.path) for e in entries if e.name.lower().endswith(SUFFIXES) and not e.is_dir()
        ]
    return sorted(found, key=lambda p: (p.name, str(p)))


def _share_close(a: float, b: float, share: float) -> bool:
    return abs(a - b) <= share * max(a, b)


def _same_measures(record: RunRecord, start: datetime, km: float | None, moving_s: int) -> bool:
    """One activity: starts within :data:`SAME_START_S`, distance (or time) close."""
    if abs((start - record.start).total_seconds()) > SAME_START_S:
        return False
    if record.distance_km is not None and km is not None:
        return abs(record.distance_km - km) <= max(0.05, SAME_DISTANCE_SHARE * record.distance_km)
    return _share_close(record.moving_s, moving_s, SAME_DURATION_SHARE)


def _same_activity(record: RunRecord, stored: StoredRun) -> bool:
    """Compared with what the stored run's file measured, not with an edit typed over it."""
    seconds, km = stored.measured
    return _same_measures(record, stored.performed_at, km, seconds)


def _same_file_run(record: RunRecord, other: RunRecord) -> bool:
    return _same_measures(record, other.start, other.distance_km, other.moving_s)


def _recent(kept: Sequence[_Parsed], new: _Parsed) -> Iterator[_Parsed]:
    """The runs kept so far (oldest first) that start within SAME_START_S before ``new``."""
    for item in reversed(kept):
        if (new.record.start - item.record.start).total_seconds() > SAME_START_S:
            return
        yield item


def _typed_match(record: RunRecord, stored: StoredRun) -> bool:
    if stored.source != run_import_repo.MANUAL or stored.local_date != record.local_date:
        return False
    if record.distance_km is not None and stored.distance_km:
        return _share_close(record.distance_km, stored.distance_km, MANUAL_SHARE)
    return _share_close(record.moving_s, stored.duration_s, MANUAL_SHARE)


@dataclass(frozen=True, slots=True)
class _Parsed:
    index: int
    name: str
    sha256: str
    record: RunRecord


class RunImportService(ServiceBase):
    """Run files in, runs out; the only caller of ``run_import_repo``."""

    def __init__(
        self, sessions: sessionmaker[Session], clock: Clock, settings: RunSettingsService
    ) -> None:
        super().__init__(sessions, clock)
        self.settings = settings  # the fast margin and the declined merges
        # One import at a time (drop, menu, watched folder, CLI): duplicate checks and
        # writes must not interleave.
        self._lock = threading.Lock()

    def known_hashes(self) -> set[str]:
        """SHA-256 of every file imported before (deleted runs included)."""
        with self._read() as session:
            return run_import_repo.known_hashes(session)

    # --- importing -------------------------------------------------------------------------
    def import_paths(
        self,
        paths: Sequence[Path],
        *,
        merge: bool = False,
        watched: bool = False,
        notify: bool = True,
    ) -> RunImportReport:
        """Import the files at ``paths``, each read only when its turn comes (so a
        thousand files never sit in memory together); see :meth:`import_files`."""
        return self.import_files(
            [(Path(p).name, Path(p)) for p in paths], merge=merge, watched=watched, notify=notify
        )

    def import_files(
        self,
        items: Sequence[tuple[str, bytes | Path]],
        *,
        merge: bool = False,
        watched: bool = False,
        notify: bool = True,
    ) -> RunImportReport:
        """Import (name, bytes or path) pairs; one outcome per item, in the given order.

        ``merge`` merges a match with a hand-typed run at once (the CLI's ``--merge``);
        otherwise the match comes back as ``matches`` with a :class:`PendingMerge`.
        ``watched`` (the watched folder): a file whose run the user deleted stays
        deleted; an explicit import brings it back.
        """
        with self._lock:
            report = self._import(items, merge=merge, watched=watched)
        if notify and report.written:
            self.changed.emit()
        return report

    def _import(
        self, items: Sequence[tuple[str, bytes | Path]], *, merge: bool, watched: bool
    ) -> RunImportReport:
        outcomes: dict[int, FileOutcome] = {}
        parsed: list[_Parsed] = []
        seen: dict[str, str] = {}
        zone = self.zone()
        known = self.known_hashes()
        declined = set(self.settings.declined()) if watched else set()
        # The readers (and multiprocessing) load with the first import, not at start-up.
        from pht_desktop.services.run_reading import read_all

        reads = read_all(items, zone, frozenset(known))
        for index, ((name, _source), read) in enumerate(zip(items, reads, strict=True)):
            sha = read.sha256
            if sha is not None and sha in seen:
                outcomes[index] = FileOutcome(
                    name, "duplicate", f"the same file as {seen[sha]}; imported once."
                )
                continue
            if sha is not None:
                seen[sha] = name
            if sha is not None and sha in known:
                outcomes[index] = self._known_file(name, sha, watched)
            elif sha is not None and sha in declined:
                outcomes[index] = FileOutcome(
                    name, "duplicate", "you kept your typed run instead; not asked again."
                )
            elif read.status is not None or read.record is None or sha is None:
                outcomes[index] = FileOutcome(name, read.status or "refused", read.reason)
            else:
                parsed.append(_Parsed(index, name, sha, read.record))
        kept: list[_Parsed] = []
        for item in sorted(parsed, key=lambda p: p.record.start):
            twin = next(
                (k for k in _recent(kept, item) if _same_file_run(item.record, k.record)), None
            )
            if twin is not None:  # two exports of one activity in one batch (F8)
                outcomes[item.index] = FileOutcome(
                    item.name, "duplicate", f"the same run as {twin.name}; imported once."
                )
                continue
            kept.append(item)
        margin = self.settings.fast_margin()
        for at in range(0, len(kept), STORE_BATCH):
            outcomes.update(self._store_batch(kept[at : at + STORE_BATCH], margin, merge))
        return RunImportReport([outcomes[i] for i in sorted(outcomes)])

    def _store_batch(
        self, batch: Sequence[_Parsed], margin: int, merge: bool
    ) -> dict[int, FileOutcome]:
        """Files stored oldest first in one transaction; if any write (or the commit)
        fails, none of the batch is kept and each file is stored again in a transaction
        of its own, so only the file that fails is refused."""
        try:
            with self._write() as session:
                stages = profile_repo.stage_history(session)
                return {
                    item.index: self._store_in(session, item, margin, merge, stages)
                    for item in batch
                }
        except (SQLAlchemyError, ValidationError) as error:
            log.info("run import: a batch of %d fell back to one by one: %s", len(batch), error)
        return {item.index: self._store_alone(item, margin, merge) for item in batch}

    def _known_file(self, name: str, sha: str, watched: bool) -> FileOutcome:
        """A file imported before: a duplicate, or (asked for again) a deleted run back."""
        with self._write() as session:
            stored = run_import_repo.by_hash(session, sha)
            if stored is None:  # gone between the two reads: treat as new next time
                return FileOutcome(name, "duplicate", "already imported.")
            if not stored.deleted:
                return FileOutcome(
                    name,
                    "duplicate",
                    f"already imported (the run of {stored.local_date}); nothing added.",
                    stored.id,
                )
            if watched:
                return FileOutcome(
                    name, "duplicate", f"its run of {stored.local_date} was deleted; left so."
                )
            run_import_repo.restore(session, stored.id)
        return FileOutcome(
            name,
            "restored",
            f"its run of {stored.local_date} had been deleted; brought back.",
            stored.id,
        )

    def _draft(self, record: RunRecord, hilly: bool, fast: bool) -> RunDraft:
        """The run log's own validation (no future start, at most 8 h, 200 km)."""
        return RunDraft(
            performed_at=record.start,
            duration_s=record.moving_s,
            distance_km=record.distance_km,
            style=RunStyle.RUN_WALK if record.run_walk else RunStyle.CONTINUOUS,
            hills=hilly,
            speed=fast,
        ).validate(self.now())

    def _store_alone(self, item: _Parsed, margin: int, merge: bool) -> FileOutcome:
        """One file in a transaction of its own: stored whole, or refused in one line."""
        try:
            with self._write() as session:
                stages = profile_repo.stage_history(session)
                return self._store_in(session, item, margin, merge, stages)
        except ValidationError as error:
            return FileOutcome(item.name, "refused", _refusal(error))
        except IntegrityError:
            return FileOutcome(item.name, "duplicate", "already imported; nothing added.")
        except SQLAlchemyError as error:
            log.warning("run import: %s not saved: %s", item.name, error)
            return FileOutcome(
                item.name, "refused", f"could not be saved ({_db_reason(error)}); nothing written."
            )

    def _store_in(
        self,
        session: Session,
        item: _Parsed,
        margin: int,
        merge: bool,
        stages: list[StageEvent],
    ) -> FileOutcome:
        """Check one file against what is stored and write it; the caller's transaction
        keeps it or not. Nothing is written before the run log's own validation."""
        record = item.record
        window = run_import_repo.live_runs_between(
            session, record.start - MANUAL_WINDOW, record.start + MANUAL_WINDOW
        )
        same = next((s for s in window if _same_activity(record, s)), None)
        if same is not None and same.source != run_import_repo.MANUAL:
            where = f" ({same.source_name})" if same.source_name else ""
            return FileOutcome(
                item.name,
                "duplicate",
                f"the same run as one already imported{where} on {same.local_date}; nothing added.",
                same.id,
            )
        paces = run_import_repo.recent_paces(session, record.start, EASY_PACE_RUNS)
        flags = run_flags(record, easy_pace(paces), margin)
        try:
            self._draft(record, flags.hilly, flags.fast)
        except ValidationError as error:
            return FileOutcome(item.name, "refused", _refusal(error))
        imported = ImportedRun(record, flags, item.name, item.sha256)
        same_day = run_import_repo.live_runs_on(session, record.local_date)
        typed = next((s for s in same_day if _typed_match(record, s)), None)
        if typed is not None and not merge:
            return FileOutcome(
                item.name,
                "matches",
                f"matches the run you typed on {typed.local_date}; not imported "
                "unless you merge them.",
                typed.id,
                PendingMerge(imported, typed),
            )
        warnings = _stage_warnings(stages, record, flags.hilly, flags.fast)
        if typed is not None:
            run_import_repo.merge_into(session, typed.id, imported, record.local_date)
            return FileOutcome(
                item.name,
                "merged",
                f"merged into the run you typed on {typed.local_date}.",
                typed.id,
                warnings=warnings,
            )
        run_id = run_import_repo.add_imported(session, imported, record.local_date, self.now())
        return FileOutcome(item.name, "imported", _imported_words(imported), run_id, None, warnings)

    def merge(self, pending: PendingMerge, notify: bool = True) -> FileOutcome:
        """The user said yes: the file's measurements go into the hand-typed run."""
        record = pending.run.record
        name = pending.run.file_name
        try:
            with self._lock, self._write() as session:
                if run_import_repo.by_hash(session, pending.run.sha256) is not None:
                    return FileOutcome(name, "duplicate", "already imported; nothing changed.")
                current = run_import_repo.stored(session, pending.manual.id)
                if current is None or current.deleted or current.source != run_import_repo.MANUAL:
                    return FileOutcome(
                        name, "refused", "the run you typed has changed or gone; import again."
                    )
                flags = pending.run.flags
                stages = profile_repo.stage_history(session)
                warnings = _stage_warnings(stages, record, flags.hilly, flags.fast)
                run_import_repo.merge_into(
                    session, pending.manual.id, pending.run, record.local_date
                )
        except IntegrityError:
            return FileOutcome(name, "duplicate", "already imported; nothing changed.")
        if notify:
            self.changed.emit()
        return FileOutcome(
            name,
            "merged",
            f"merged into the run you typed on {pending.manual.local_date}.",
            pending.manual.id,
            warnings=warnings,
        )


def _stage_warnings(
    stages: list[StageEvent], record: RunRecord, hilly: bool, fast: bool
) -> tuple[str, ...]:
    """R2.4: hills or speed before stage 5 get a note (never a refusal)."""
    warning = run_stage_warning(hilly, fast, stage_on(stages, record.local_date))
    return (warning,) if warning else ()


def _refusal(error: ValidationError) -> str:
    """The run log's refusal in a file's terms: a start in the future is the watch's
    clock or time zone, not something the user logged."""
    if error.field == "performed_at" and "future" in error.message:
        return (
            "The file's start is in the future (the watch's clock or time zone?); nothing imported."
        )
    return error.message


def _db_reason(error: SQLAlchemyError) -> str:
    original = getattr(error, "orig", None)
    return str(original or error).splitlines()[0][:120]


def _imported_words(run: ImportedRun) -> str:
    record = run.record
    km = "" if record.distance_km is None else f", {record.distance_km:.2f} km"
    pace = f" at {pace_label(record.avg_pace_s_km)}" if record.avg_pace_s_km else ""
    gain = "" if record.elevation_gain_m is None else f", {record.elevation_gain_m:.0f} m up"
    flags = [w for w, on in (("hilly", run.flags.hilly), ("fast", run.flags.fast)) if on]
    flagged = f" — {', '.join(flags)}" if flags else ""
    return (
        f"imported ({FORMAT_NAMES[record.fmt]}): {record.local_date}, "
        f"{record.moving_s // 60} min{km}{pace}{gain}{flagged}."
    )
