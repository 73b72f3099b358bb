"""Morning entries, baseline changes and test changes, read back as domain values (R3).

Callers validate in the domain first; this module only stores and reads. A test is
stored as (kind, name) columns and read back as the domain's single key (R3.7), so a
verdict compares keys, never labels. Core statements only: Today reads all three at
start-up, before the ORM is mapped (issue 16).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from pht_desktop.domain.morning import (
    BaselineChange,
    MorningEntry,
    TestChange,
    split_test_key,
    stored_test_key,
)
from pht_desktop.store.read_cache import cached
from pht_desktop.store.rows import delete_newest
from pht_desktop.store.tables import baseline_changes, morning_pain, test_changes


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
_morning = morning_pain.c
_baseline = baseline_changes.c
_test = test_changes.c


def _all_entries(session: Session) -> dict[date, MorningEntry]:
    """Every entry by day, oldest first: one read shared by the morning card, the
    reminder, the welcome and the verdicts until a morning is written (issue 16)."""
    query = select(_morning.entry_date, _morning.pain, _morning.test_kind, _morning.test_name)
    return cached(
        session,
        "morning_pain",
        ("morning_pain",),
        lambda: {
            day: MorningEntry(day, pain, stored_test_key(kind, name))
            for day, pain, kind, name in session.execute(query.order_by(_morning.entry_date))
        },
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
    values = {"pain": entry.pain, "test_kind": kind, "test_name": name, "recorded_at": recorded_at}
    existing = session.scalar(select(_morning.id).where(_morning.entry_date == entry.day))
    if existing is None:
        session.execute(insert(morning_pain).values(entry_date=entry.day, note="", **values))
        return False
    session.execute(update(morning_pain).where(_morning.id == existing).values(**values))
    return True


def delete_entry(session: Session, day: date) -> bool:
    """Remove the date's entry (an undo of a check-in just made); False when there is none."""
    existing = session.scalar(select(_morning.id).where(_morning.entry_date == day))
    if existing is None:
        return False
    session.execute(delete(morning_pain).where(_morning.id == existing))
    return True


# --- baseline changes -----------------------------------------------------------------------
def list_baselines(session: Session) -> list[BaselineRecord]:
    """Every baseline change by effective date, then recording order (R3.1: the last wins)."""
    query = select(
        _baseline.effective_date, _baseline.pain, _baseline.source, _baseline.created_at
    ).order_by(_baseline.effective_date, _baseline.id)
    return list(
        cached(
            session,
            "baseline_changes",
            ("baseline_changes",),
            lambda: tuple(
                BaselineRecord(BaselineChange(day, pain), source, created_at)
                for day, pain, source, created_at in session.execute(query)
            ),
        )
    )


def add_baseline(
    session: Session, change: BaselineChange, source: str, recorded_at: datetime
) -> None:
    """Keep the change with its date; old ones stay, so old verdicts keep their baseline."""
    session.execute(
        insert(baseline_changes).values(
            effective_date=change.effective_date,
            pain=change.pain,
            source=source,
            created_at=recorded_at,
        )
    )


# --- test changes ---------------------------------------------------------------------------
def list_test_changes(session: Session) -> list[TestRecord]:
    """Every change of the locked morning test, by effective date then recording order."""
    query = select(
        _test.effective_date, _test.test_kind, _test.test_name, _test.created_at
    ).order_by(_test.effective_date, _test.id)
    return list(
        cached(
            session,
            "test_changes",
            ("test_changes",),
            lambda: tuple(
                TestRecord(TestChange(day, stored_test_key(kind, name)), created_at)
                for day, kind, name, created_at in session.execute(query)
            ),
        )
    )


def add_test_change(session: Session, change: TestChange, recorded_at: datetime) -> None:
    kind, name = split_test_key(change.test)
    session.execute(
        insert(test_changes).values(
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
        baseline_changes,
        _baseline.effective_date == change.effective_date,
        _baseline.pain == change.pain,
    )


def remove_test_change(session: Session, change: TestChange) -> bool:
    """Delete the newest row recording ``change`` (an undo); False when there is none."""
    kind, name = split_test_key(change.test)
    return delete_newest(
        session,
        test_changes,
        _test.effective_date == change.effective_date,
        _test.test_kind == kind,
        _test.test_name == name,
    )
