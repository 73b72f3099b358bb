"""Page 1's facts (what is in force on the last day, the range in a few lines) and the
last page's sources."""

from __future__ import annotations

from pht_desktop.domain.morning import label_for_test
from pht_desktop.domain.plural import counted
from pht_desktop.domain.profile import STAGE_NAMES
from pht_desktop.domain.sources import CLINICAL_SOURCES
from pht_desktop.services.report.data import ReportData, sitting_weeks

TITLE = "PHT Desktop — progress report"


SOURCES_TITLE = "Sources"
SOURCES_INTRO = (
    "The rules behind this report (the next-morning verdict, the pain limit during "
    "exercise, the weekly trend, the loading stages and the standing breaks) come from "
    "these publications."
)


def sources() -> tuple[str, ...]:
    """The report's last page: the same clinical sources the About box lists."""
    return CLINICAL_SOURCES


Fact = tuple[str, str]


def period_text(data: ReportData) -> str:
    days = (data.end - data.start).days + 1
    return f"{data.start.isoformat()} to {data.end.isoformat()} ({counted(days, 'day')})"


def current_facts(data: ReportData) -> list[Fact]:
    """What is in force on the report's last day: stage, baseline, mode, test."""
    stage = data.stage
    since = [e.effective_date for e in data.stages if e.effective_date <= data.end]
    stage_text = f"{stage} — {STAGE_NAMES.get(stage, '')}"
    if since:
        stage_text += f" (since {max(since).isoformat()})"
    baseline = data.baseline
    base_text = "not set" if baseline is None else f"{baseline.pain}/10"
    if baseline is not None:
        base_text += f" (since {baseline.effective_date.isoformat()})"
    facts = [
        ("Rehab stage", stage_text),
        ("Baseline", base_text),
        ("Verdict mode", data.mode.label),
        ("Morning test", label_for_test(data.test)),
    ]
    if data.pathology != "unknown":
        facts.append(("Tendon condition", data.pathology.capitalize()))
    if data.plan is not None:
        facts.append(("Today's plan", data.plan.headline))
    return facts


def period_facts(data: ReportData) -> list[Fact]:
    """The range in a few lines: load days, verdicts, morning pain, adherence."""
    summary = data.summary
    percent = summary.tolerated_percent
    over = sum(1 for v in data.verdicts if v.pain_during_over_ceiling)
    facts = [
        ("Load days", f"{summary.load_days} ({summary.unknown} without a verdict)"),
        ("Tolerated", "no verdicts yet" if percent is None else f"{percent:.0f} % of decided days"),
        ("Exceeded", counted(summary.exceeded, "day")),
        ("Pain during ≥ 6/10", counted(over, "day")),
    ]
    if summary.first_week_mean is not None and summary.last_week_mean is not None:
        facts.append(
            (
                "Morning pain",
                f"{summary.first_week_mean:.1f} → {summary.last_week_mean:.1f}/10 "
                "(first vs last week)",
            )
        )
    facts.append(
        ("Tolerated in a row", f"{summary.streak} load days to {data.end.isoformat()} (any load)")
    )
    weeks = [w for w in sitting_weeks(data) if w.prompts]
    prompts, taken = sum(w.prompts for w in weeks), sum(w.taken for w in weeks)
    if prompts:
        facts.append(("Break adherence", f"{100 * taken / prompts:.0f} % ({taken} of {prompts})"))
    return facts
