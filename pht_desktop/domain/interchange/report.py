"""What an import did, or would do: counts per kind, or every problem, as sentences."""

from __future__ import annotations

from dataclasses import dataclass, field

from pht_desktop.domain.interchange.schema import MAX_PROBLEMS, MAX_PROBLEMS_SHOWN, Problem


@dataclass(slots=True)
class KindCount:
    """What an import did (or would do) with one kind's rows.

    ``conflict``: the natural key is already there with other content; the existing
    entry is kept (an import never overwrites what the user entered).
    """

    new: int = 0
    duplicate: int = 0
    conflict: int = 0


@dataclass(slots=True)
class ImportReport:
    """The outcome of an import or a dry run: counts per kind, or every problem."""

    dry_run: bool
    counts: dict[str, KindCount] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        """Plain sentences for the CLI and the UI."""
        if self.problems:
            count = len(self.problems)
            stopped = count >= MAX_PROBLEMS
            shown = [str(p) for p in self.problems[:MAX_PROBLEMS_SHOWN]]
            more = count - len(shown)
            tail = [f"… and {more:,} more" + (" (checking stopped there)" if stopped else "")]
            total = f"at least {count:,}" if stopped else f"{count:,}"
            return [
                f"Nothing was imported: {total} problem(s) found.",
                *shown,
                *(tail if more else []),
            ]
        head = "Dry run, nothing written:" if self.dry_run else "Imported:"
        body = [
            f"  {name}: {c.new} new, {c.duplicate} already there"
            + (f", {c.conflict} kept as they were (different in the file)" if c.conflict else "")
            for name, c in self.counts.items()
            if c.new or c.duplicate or c.conflict
        ]
        return [head, *(body or ["  (no entries)"])]
