"""The clinician report as a use case (issue 7.4): what it says, gathered once, as tables.

:func:`gather_report` reads the services once per kind of record (history, verdicts,
stages, baselines, tests, prompts) for the whole range, never once per day. The rest of
the package turns a :class:`ReportData` into plain values — facts and :class:`Section`
tables of text — that any renderer can lay out; ``ui/charts/report.py`` makes the PDF.
Sections: load days with their verdicts and the mode in use (R3.2, R3.6, R3.8), morning
pain by week (R3.9), stage, baseline and test history (R2.7, R3.1, R3.7), sitting and
breaks by week (R1.3), outcome measures (issue 15).

One concept per module: :mod:`.data` (the use case: :func:`gather_report`),
:mod:`.tables` (a table as plain values), :mod:`.sections` (the report's tables) and
:mod:`.facts` (page 1's facts, the sources). Callers import the package.
"""

from pht_desktop.services.report.data import (
    REPORT_DAYS,
    ReportData,
    WeekSitting,
    default_range,
    gather_report,
    sitting_weeks,
)
from pht_desktop.services.report.facts import (
    SOURCES_INTRO,
    SOURCES_TITLE,
    TITLE,
    Fact,
    current_facts,
    period_facts,
    period_text,
    sources,
)
from pht_desktop.services.report.sections import (
    baseline_section,
    load_day_section,
    measures_section,
    morning_section,
    sections,
    sitting_section,
    stage_section,
    test_section,
)
from pht_desktop.services.report.tables import (
    VERDICT_MARK,
    Align,
    Cell,
    Column,
    Mark,
    Row,
    Section,
    Value,
    cell,
    table,
)

__all__ = [
    "REPORT_DAYS",
    "SOURCES_INTRO",
    "SOURCES_TITLE",
    "TITLE",
    "VERDICT_MARK",
    "Align",
    "Cell",
    "Column",
    "Fact",
    "Mark",
    "ReportData",
    "Row",
    "Section",
    "Value",
    "WeekSitting",
    "baseline_section",
    "cell",
    "current_facts",
    "default_range",
    "gather_report",
    "load_day_section",
    "measures_section",
    "morning_section",
    "period_facts",
    "period_text",
    "sections",
    "sitting_section",
    "sitting_weeks",
    "sources",
    "stage_section",
    "table",
    "test_section",
]
