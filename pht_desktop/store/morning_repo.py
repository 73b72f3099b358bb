"""Morning entries, baseline changes and test changes, read back as domain values (R3).

Callers validate in the domain first; this module only stores and reads. A test is
stored as (kind, name) columns and read back as the domain's single key (R3.7), so a
verdict compares keys, never labels.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from pht_desktop.domain.morning import (
    BaselineChange,
    MorningEntry,
    TestChange,
    split_test_key,
    stored_test_key,
)
from pht_desktop.store import models
from pht_desktop.store.read_cache import cached
from pht_desktop.store.rows import delete_newest


@dataclass(frozen=True, slots=True)
class BaselineRecord:
    """A baseline change with how it came about ("manual" or "derived") and when (R3.1)."""

    change: BaselineChange
    source: str
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class TestRecord:
    """A test change with when it was recorded (R3.7 history for charts and reports)."""

    __test__ = False  # not a pytest test class despite the name

    change: TestChange
    recorded_at: datetime


# --- morning entries ------------------------------------------------------------------------
def _entry(row: models.MorningPain) -> MorningEntry:
    return MorningEntry(row.entry_date, row.pain, stored_test_key(row.test_kind, row.test_name))


def _all_entries(session: Session) -> dict[date, MorningEntry]:
    """Every entry by day, oldest first: one read shared by the morning card, the
    reminder, the welcome and the verdicts until a morning is written (issue 16)."""
    query = select(models.MorningPain).order_by(models.MorningPain.entry_date)
    return cached(
        session,
        "morning_pain",
        ("morning_pain",),
        lambda: {row.entry_date: _entry(row) for row in session.scalars(query)},
    )


def get_entry(session: Session, day: date) -> MorningEntry | None:
    return _all_entries(session).get(day)


def list_entries(
    session: Session, start: date | None = None, end: date | None = None
) -> list[MorningEntry]:
    """Entries oldest first, within an optional date range (all from one read: even ten
    years of mornings are a few thousand small rows)."""
    return [
        entry
        for day, entry in _all_entries(session).items()
        if (start is None or day >= start) and (end is None or day <= end)
    ]


def upsert_entry(session: Session, entry: MorningEntry, recorded_at: datetime) -> bool:
    """Store the date's entry, replacing the old one in place (R3.4: the caller confirmed).

    Returns True when an entry was replaced.
    """
    kind, name = split_test_key(entry.test)
    row = session.scalar(
        select(models.MorningPain).where(models.MorningPain.entry_date == entry.day)
    )
    replaced = row is not None
    if row is None:
        row = models.MorningPain(entry_date=entry.day, note="")
        session.add(row)
    row.pain = entry.pain
    row.test_kind = kind
    row.test_name = name
    row.recorded_at = recorded_at
    return replaced


def delete_entry(session: Session, day: date) -> bool:
    """Remove the date's entry (an undo of a check-in just made); False when there is none."""
    row = session.scalar(select(models.MorningPain).where(models.MorningPain.entry_date == day))
    if row is None:
        return False
    session.delete(row)
    return True


# --- baseline changes -----------------------------------------------------------------------
def list_baselines(session: Session) -> list[BaselineRecord]:
    """Every baseline change by effective date, then recording order (R3.1: the last wins)."""
    query = select(models.BaselineChange).order_by(
        models.BaselineChange.effective_date, models.BaselineChange.id
    )
    return list(
        cached(
            session,
            "baseline_changes",
            ("baseline_changes",),
            lambda: tuple(
                BaselineRecord(BaselineChange(r.effective_date, r.pain), r.source, r.created_at)
                for r in session.scalars(query)
            ),
        )
    )


def add_baseline(
    session: Session, change: BaselineChange, source: str, recorded_at: datetime
) -> None:
    """Keep the change with its date; old ones stay, so old verdicts keep their baseline."""
    session.add(
        models.BaselineChange(
            effective_date=change.effective_date,
            pain=change.pain,
            source=source,
            created_at=recorded_at,
        )
    )


# --- test changes ---------------------------------------------------------------------------
def list_test_changes(session: Session) -> list[TestRecord]:
    """Every change of the locked morning test, by effective date then recording order."""
    query = select(models.TestChange).order_by(
        models.TestChange.effective_date, models.TestChange.id
    )
    return list(
        cached(
            session,
            "test_changes",
            ("test_changes",),
            lambda: tuple(
                TestRecord(
                    TestChange(r.effective_date, stored_test_key(r.test_kind, r.test_name)),
                    r.created_at,
                )
                for r in session.scalars(query)
            ),
        )
    )


def add_test_change(session: Session, change: TestChange, recorded_at: datetime) -> None:
    kind, name = split_test_key(change.test)
    session.add(
        models.TestChange(
            effective_date=change.effective_date,
            test_kind=kind,
            test_name=name,
            created_at=recorded_at,
        )
    )


def remove_baseline(session: Session, change: BaselineChange) -> bool:
    """Delete the newest row recording ``change`` (an undo); False when there is none."""
    return delete_newest(
        session,
        models.BaselineChange,
        models.BaselineChange.effective_date == change.effective_date,
        models.BaselineChange.pain == change.pain,
    )


def remove_test_change(session: Session, change: TestChange) -> bool:
    """Delete the newest row recording ``change`` (an undo); False when there is none."""
    kind, name = split_test_key(change.test)
    return delete_newest(
        session,
        models.TestChange,
        models.TestChange.effective_date == change.effective_date,
        models.TestChange.test_kind == kind,
        models.TestChange.test_name == name,
    )
