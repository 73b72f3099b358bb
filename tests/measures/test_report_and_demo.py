"""Measures in the clinician report and the demo history (issue 15)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from pht_desktop.__main__ import main
from pht_desktop.domain.clock import FakeClock
from pht_desktop.domain.demo_story import demo_story
from pht_desktop.domain.measures import MeasureKind, readings
from pht_desktop.paths import DB_FILENAME
from pht_desktop.services import report
from pht_desktop.services.registry import build_services
from pht_desktop.ui.charts import report as pdf
from pht_desktop.ui.charts.report_charts import measures_chart_image

STORY_END = date(2026, 3, 2)
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_demo_measures_improve_over_the_twelve_weeks() -> None:
    story = demo_story(STORY_END, tz=UTC, now=NOW)
    kinds = (MeasureKind.SITTING, MeasureKind.BRIDGE, MeasureKind.VISA_H)
    series = {k: [r.value for r in readings(story.measures) if r.kind is k] for k in kinds}
    assert len(series[MeasureKind.SITTING]) == len(series[MeasureKind.BRIDGE]) == 6
    assert len(series[MeasureKind.VISA_H]) == 3
    for values in series.values():
        assert values[-1] > values[0] + 10  # minutes, % symmetry, VISA-H points
    assert all(m.day <= STORY_END for m in story.measures)
    assert story.counts()["measures"] == 15
    # Their own random stream: the rest of the story is unchanged by them.
    assert demo_story(STORY_END, tz=UTC, now=NOW).mornings == story.mornings


@pytest.fixture(scope="module")
def demo_data(tmp_path_factory: pytest.TempPathFactory) -> report.ReportData:
    data_dir = tmp_path_factory.mktemp("measures-report") / "data"
    assert main(["demo", "--data-dir", str(data_dir), "--today", STORY_END.isoformat()]) == 0
    services = build_services(data_dir / DB_FILENAME, FakeClock(NOW))
    try:
        assert len(services.measures.measures()) == 15
        return report.gather_report(services, STORY_END - timedelta(days=90), STORY_END)
    finally:
        services.close()


def test_report_has_the_measures_table(demo_data: report.ReportData) -> None:
    section = report.measures_section(demo_data)
    assert section in report.sections(demo_data)
    texts = [" | ".join(cell.text for cell in row) for row in section.rows]
    assert any("Bridge symmetry" in t and "right (painful)" in t for t in texts)
    assert any(t.startswith("2026-02-06 | VISA-H | 70/100") for t in texts)
    assert any("Pain-free running" in t for t in texts)  # the demo's run-walks at the end
    assert "not a diagnosis" in section.note


def test_report_pdf_carries_the_measures_chart(
    demo_data: report.ReportData, tmp_path: Path
) -> None:
    image = measures_chart_image(demo_data)
    assert image is not None
    assert image.width() > 500
    document = pdf.lay_out(demo_data)
    text = "\n".join(document.page_text(n) for n in range(1, document.page_count + 1))
    assert "Outcome measures" in text
    out = tmp_path / "r.pdf"
    assert pdf.write_report(demo_data, out) == document.page_count
    images = re.findall(rb"/Subtype\s*/Image", out.read_bytes())
    assert len(images) >= 2, "the Progress chart and the Measures chart"
