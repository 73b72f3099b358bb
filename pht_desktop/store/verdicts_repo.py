"""The one reader of verdict inputs (R3.2, R3.6, R3.7): Today, Progress, the report, the
chart CLI and ``verdicts.csv`` all judge what this returns, so they cannot disagree.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session

from pht_desktop.domain import setting_specs
from pht_desktop.domain.morning import with_default_test
from pht_desktop.domain.verdicts import VerdictInputs
from pht_desktop.store import load_days_repo, morning_repo, settings_repo

WEEK_BEFORE_DAYS = 14
"""Mornings read before a bounded range: a verdict compares its week with the one before
(R3.9, ``week_rose``), which starts at most 13 days before the range's first load day."""


def verdict_inputs(
    session: Session,
    start: date | None = None,
    end: date | None = None,
    *,
    labels: bool = True,
) -> VerdictInputs:
    """Load days (soft-deleted left out), mornings with their full test key, every baseline,
    the test changes after the implicit default, and the stored mode.

    With bounds, load days are those of ``start``..``end`` and mornings reach one day past
    ``end`` (the last verdict's next morning) and two weeks before ``start`` (its week is
    compared with the one before): the verdicts then equal the whole history's for those
    days. ``labels=False`` leaves out the dose labels (a verdict does not use them).
    """
    morning_start = None if start is None else start - timedelta(days=WEEK_BEFORE_DAYS)
    morning_end = None if end is None else end + timedelta(days=1)
    return VerdictInputs(
        load_days=tuple(load_days_repo.load_days(session, start, end, with_labels=labels)),
        mornings=tuple(morning_repo.list_entries(session, morning_start, morning_end)),
        baselines=tuple(r.change for r in morning_repo.list_baselines(session)),
        tests=tuple(with_default_test([r.change for r in morning_repo.list_test_changes(session)])),
        mode=settings_repo.read(session, setting_specs.BASELINE_MODE),
    )
