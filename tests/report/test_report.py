"""The clinician report: the CLI writes a PDF of a few pages, every page carries the R5
disclaimer, bad arguments exit 2, the File-menu action writes the chosen file."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from pht_desktop.__main__ import main
from pht_desktop.domain.clock import FakeClock
from pht_desktop.domain.guidance import DISCLAIMER
from pht_desktop.domain.progress import ProgressData
from pht_desktop.paths import DB_FILENAME
from pht_desktop.services import demo, report
from pht_desktop.services.registry import Services, build_services
from pht_desktop.ui.charts import report as pdf
from pht_desktop.ui.data_menu import add_data_actions
from tests.data.helpers import data_service
from tests.sql_log import recorded_statements, selects_by_table

STORY_END = date(2026, 3, 2)
PAGE_OBJECT = re.compile(rb"/Type\s*/Page\b")


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("report") / "data"
    assert main(["demo", "--data-dir", str(data_dir), "--today", STORY_END.isoformat()]) == 0
    return data_dir


@pytest.fixture(scope="module")
def demo_data(demo_dir: Path) -> report.ReportData:
    services = build_services(demo_dir / DB_FILENAME, FakeClock())
    try:
        return report.gather_report(services, STORY_END - timedelta(days=41), STORY_END)
    finally:
        services.close()


def test_cli_writes_a_pdf_of_several_pages(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.pdf"
    code = main(
        [
            "report",
            "--out",
            str(out),
            "--from",
            "2026-01-19",
            "--to",
            "2026-03-02",
            "--data-dir",
            str(demo_dir),
        ]
    )
    assert code == 0
    pdf_bytes = out.read_bytes()
    assert pdf_bytes.startswith(b"%PDF-")
    assert pdf_bytes.rstrip().endswith(b"%%EOF")
    pages = len(PAGE_OBJECT.findall(pdf_bytes))
    assert 3 <= pages <= 8
    assert f"{pages} pages" in capsys.readouterr().out
    assert not list(tmp_path.glob(".report-*"))  # the temp file was renamed, not left behind


#: SELECTs per table of one report (issue 16: 45 statements before, re-reading the plan's,
#: the history's and the verdicts' tables). What is read twice is the charts' history
#: summed per day in SQL (load days without labels, load per day, sitting in two parts,
#: prompts per day) beside the lists the verdicts' dose labels, the plan and the
#: adherence table need; and the exercises: the plan's catalogue and each session's own.
REPORT_READS = {
    "exercise_sessions": 3,
    "runs": 3,
    "session_sets": 1,
    "exercises": 2,
    "morning_pain": 1,
    "baseline_changes": 1,
    "test_changes": 1,
    "settings": 1,
    "stage_changes": 1,
    "pathology_stage_changes": 1,
    "sitting_bouts": 2,
    "break_prompts": 2,
    "stands": 1,
    "measures": 1,
}


def test_the_report_reads_once_per_kind_of_record_not_once_per_day(demo_dir: Path) -> None:
    """A week or three months: the same few reads per table (none per day)."""

    def reads_for(days: int) -> dict[str, int]:
        services = build_services(demo_dir / DB_FILENAME, FakeClock())
        try:
            with recorded_statements(services.engine) as seen:
                start = STORY_END - timedelta(days=days)
                data = report.gather_report(services, start, STORY_END)
        finally:
            services.close()
        assert len(data.part.sitting) >= min(days - 2, 30)
        return selects_by_table(seen)

    assert reads_for(7) == reads_for(90) == REPORT_READS


def test_every_page_has_the_disclaimer_and_page_one_the_essentials(
    demo_data: report.ReportData,
) -> None:
    document = pdf.lay_out(demo_data)
    count = document.page_count
    assert count >= 3
    for number in range(1, count + 1):
        disclaimer, _provenance, page = document.footer(number)
        assert disclaimer == DISCLAIMER
        assert page == f"Page {number} of {count}"
        assert (document.header(number) is None) == (number == 1)
    first = document.page_text(1)
    page_one = (
        report.TITLE,
        "Rehab stage",
        "Baseline",
        "Morning test",
        "Load days",
        "Tolerated",
        "Exceeded",
        "Morning pain",
        "Break adherence",
        "2026-03-02",
    )
    for words in page_one:
        assert words in first
    assert "Load days and verdicts" not in first  # the chart has page 1 to itself
    rest = " ".join(document.page_text(n) for n in range(2, count + 1))
    headings = (
        "Load days and verdicts",
        "Morning pain by week",
        "Stage history",
        "Baseline history",
        "Morning test changes",
        "Sitting and breaks by week",
    )
    for heading in headings:
        assert heading in rest
    assert "Fixed baseline" in rest  # the mode beside every verdict (R3.6)


def test_load_day_table_matches_the_verdicts(demo_data: report.ReportData) -> None:
    section = report.load_day_section(demo_data)
    assert len(section.rows) == len(demo_data.verdicts) > 0
    for verdict, row in zip(demo_data.verdicts, section.rows, strict=True):
        assert verdict.outcome.value in row[5].text
        assert row[5].mark == report.VERDICT_MARK[verdict.outcome]  # colour with shape
    html = pdf.section_html(section)
    for mark in {row[5].mark for row in section.rows}:
        assert mark is not None
        glyph, colour = pdf.MARKS[mark]
        assert f'color:{colour}">{glyph}' in html


def test_long_tables_flow_over_pages_with_their_heads_repeated(qtbot: QtBot) -> None:
    column = report.Column("Text", 7.0)
    rows = [(report.Cell(f"row{i:03d} " + "word " * (i % 30)),) for i in range(150)]
    long = report.Section("Long table", (column,), rows, note="A note under the table.")
    short = report.Section("Short table", (column,), [(report.Cell("a short row"),)] * 4)
    body = pdf.paged_document(pdf.section_html(long) + pdf.section_html(short))
    data = report.ReportData(STORY_END, STORY_END, STORY_END, history=ProgressData())
    document = pdf.ReportDocument(data, body)
    assert document.page_count > 2
    texts = [document.page_text(n) for n in range(1, document.page_count + 1)]
    seen = [int(found) for text in texts for found in re.findall(r"row(\d{3})", text)]
    assert seen == list(range(150))  # every row once, in order
    assert document.header_rows() == [2, 2]  # title and column heads repeat on each page
    assert "Short table" in texts[-1]
    assert "A note under the table." in " ".join(texts)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2026-02-30"], "is not a date"),
        (["--to", "yesterday"], "is not a date"),
        (["--from", "2026-02-10", "--to", "2026-02-01"], "is after"),
        (["--to", "2999-01-01"], "is in the future"),
        (["--out-suffix"], "ending in .pdf"),
    ],
)
def test_report_bad_arguments(
    demo_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    out = tmp_path / ("report.txt" if args == ["--out-suffix"] else "report.pdf")
    extra = [] if args == ["--out-suffix"] else args
    assert main(["report", "--out", str(out), *extra, "--data-dir", str(demo_dir)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("pht-desktop report: ")
    assert message in err
    assert not out.exists()


def test_report_without_data_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.pdf"
    assert main(["report", "--out", str(out), "--data-dir", str(tmp_path / "empty")]) == 2
    assert "no data" in capsys.readouterr().err
    assert not out.exists()


def test_menu_action_writes_the_chosen_file(
    qtbot: QtBot, services: Services, clock: FakeClock, tmp_path: Path
) -> None:
    demo.write_demo(services.engine, clock.now().date(), clock.now())
    parent = QWidget()
    qtbot.addWidget(parent)
    menu = QMenu(parent)
    actions = add_data_actions(menu, data_service(services), parent, services=services)
    assert [a.text() for a in menu.actions()] == [
        "Export…",
        "Clinician report…",
        "Import…",
        "Restore backup…",
    ]
    dialog = actions.choose_report()
    assert dialog.isVisible()  # shown with open(): we got here without blocking
    target = tmp_path / "clinician.pdf"
    dialog.fileSelected.emit(str(target))  # the path a user would pick
    dialog.reject()
    assert target.read_bytes().startswith(b"%PDF-")
    box = actions.open_dialogs[-1]
    assert isinstance(box, QMessageBox)
    assert "clinician.pdf" in box.text()
    assert box.icon() is QMessageBox.Icon.Information
    for widget in list(actions.open_dialogs):
        widget.done(0)
    qtbot.waitUntil(lambda: not shiboken6.isValid(box), timeout=2000)  # closed boxes are deleted
    assert actions.choose_report() is dialog  # one file dialog, opened again, not a new one
    dialog.reject()


def test_report_of_an_empty_database(services: Services, tmp_path: Path) -> None:
    """A new user can make a report too: tables say nothing is recorded, no crash."""
    data = report.gather_report(services, *report.default_range(services))
    assert pdf.write_report(data, tmp_path / "empty.pdf") >= 2
    document = pdf.lay_out(data)
    texts = " ".join(document.page_text(n) for n in range(1, document.page_count + 1))
    assert "No load days in this range." in texts
    assert "not set" in texts


RULE_CODE = re.compile(r"\bR[1-5](\.\d+)?\b")
SOURCE_NAMES = ("Silbernagel", "Goom", "Rio", "Cook", "Purdam", "Kongsgaard", "Beyer", "Rich")


def test_the_body_names_no_rule_or_source_and_the_last_page_lists_the_sources(
    demo_data: report.ReportData,
) -> None:
    """Rule codes and authors are for the docs, not the reader (issue 13): the body reads
    in plain words, and the last page, "Sources", lists what the About box lists."""
    document = pdf.lay_out(demo_data)
    count = document.page_count
    body = " ".join(document.page_text(n) for n in range(1, count))
    body += " ".join(" ".join(document.footer(n)) for n in range(1, count + 1))
    assert RULE_CODE.findall(body) == []
    assert [name for name in SOURCE_NAMES if re.search(rf"\b{name}\b", body)] == []
    last = document.page_text(count)
    assert last.startswith(report.SOURCES_TITLE)
    flat = " ".join(last.split())
    for source in report.sources():
        assert " ".join(source.split()) in flat


def test_every_table_comes_from_the_one_builder(demo_data: report.ReportData) -> None:
    """Plain values become cells, an empty one shows as "–", a marked Cell passes through."""
    marked = report.Cell("tolerated", "tolerated")
    section = report.table(
        "T", (report.Column("A", 1.0), report.Column("B", 1.0)), [(None, marked), (3, "")], "", "-"
    )
    assert section.rows == [
        (report.Cell("–"), marked),
        (report.Cell("3"), report.Cell("–")),
    ]
    for built in report.sections(demo_data):
        assert all(len(row) == len(built.columns) for row in built.rows)
