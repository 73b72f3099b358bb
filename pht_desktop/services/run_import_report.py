"""What an import of run files did, file by file (issue 14): the report the menu, the
drop, the watched folder and the CLI show, and the merge question a hand-typed match asks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from pht_desktop.domain.run_flags import ImportedRun
from pht_desktop.store.run_import_repo import StoredRun

Status = Literal["imported", "merged", "restored", "duplicate", "skipped", "refused", "matches"]


@dataclass(frozen=True, slots=True)
class PendingMerge:
    """A file that matches a run typed by hand: waiting for the user's yes or no."""

    run: ImportedRun
    manual: StoredRun

    @property
    def question(self) -> str:
        record = self.run.record
        typed = self.manual
        km = "" if typed.distance_km is None else f", {typed.distance_km:g} km"
        return (
            f"{self.run.file_name} looks like the run you typed on {typed.local_date} "
            f"({typed.duration_s // 60} min{km}). Merge them? The file's times, distance "
            f"and climbing replace the typed ones ({record.moving_s // 60} min, "
            f"{(record.distance_km or 0):.2f} km); your pain and note stay."
        )


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What happened to one file, in one line."""

    name: str
    status: Status
    message: str
    run_id: int | None = None
    pending: PendingMerge | None = None
    warnings: tuple[str, ...] = ()

    @property
    def line(self) -> str:
        """ "name: what happened" (a message that already names the file is not prefixed)."""
        named = self.message.startswith(f"{self.name} ")
        return self.message if named else f"{self.name}: {self.message}"


@dataclass(slots=True)
class RunImportReport:
    """Every file's outcome, in the order the files were given."""

    outcomes: list[FileOutcome] = field(default_factory=list)

    def count(self, *statuses: Status) -> int:
        return sum(o.status in statuses for o in self.outcomes)

    @property
    def written(self) -> int:
        return self.count("imported", "merged", "restored")

    @property
    def pending(self) -> list[PendingMerge]:
        return [o.pending for o in self.outcomes if o.pending is not None]

    @property
    def ok(self) -> bool:
        """No file was refused (skipped rides and duplicates are fine)."""
        return self.count("refused") == 0

    def summary(self) -> str:
        parts = [
            f"{self.count('imported', 'restored')} imported",
            f"{self.count('merged')} merged" if self.count("merged") else "",
            f"{self.count('duplicate')} already there" if self.count("duplicate") else "",
            f"{self.count('matches')} to merge" if self.count("matches") else "",
            f"{self.count('skipped')} skipped" if self.count("skipped") else "",
            f"{self.count('refused')} refused" if self.count("refused") else "",
        ]
        return ", ".join(p for p in parts if p) + "."

    def lines(self) -> list[str]:
        """One line per file, its warnings under it, then the summary."""
        return [*self._lines(self.outcomes), self.summary()]

    def attention_lines(self) -> list[str]:
        """Only the files that need the user (refused, waiting for a merge), a count of
        the rest, then the summary: what the watched folder shows (F6), so a thousand
        files already imported are one line, not a thousand."""
        needing = [o for o in self.outcomes if o.status in ("refused", "matches")]
        rest = len(self.outcomes) - len(needing)
        out = self._lines(needing)
        if rest:
            out.append(f"({rest} other file{'s' if rest != 1 else ''} needed nothing from you.)")
        return [*out, self.summary()]

    @staticmethod
    def _lines(outcomes: Sequence[FileOutcome]) -> list[str]:
        out: list[str] = []
        for outcome in outcomes:
            out.append(outcome.line)
            out += [f"  {w}" for w in outcome.warnings]
        return out
