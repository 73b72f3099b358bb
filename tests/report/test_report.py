"""The clinician report: the CLI writes a PDF of a few pages, every page carries the R5
disclaimer, bad arguments exit 2, the File-menu action writes the chosen file."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from pht_desktop.__main__ import main
from pht_desktop.domain.clock import FakeClock
from pht_desktop.domain.guidance import DISCLAIMER
from pht_desktop.paths import DB_FILENAME
from pht_desktop.services import demo
from pht_desktop.services.registry import Services, build_services
from pht_desktop.ui.charts import report
from pht_desktop.ui.data_menu import add_data_actions
from tests.data.helpers import data_service

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


def _texts(figure: Figure) -> list[str]:
    return [t.get_text() for t in figure.findobj(Text) if t.get_visible()]


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
    pdf = out.read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    pages = len(PAGE_OBJECT.findall(pdf))
    assert 3 <= pages <= 8
    assert f"{pages} pages" in capsys.readouterr().out
    assert not list(tmp_path.glob(".report-*"))  # the temp file was renamed, not left behind


def test_every_page_has_the_disclaimer_and_page_one_the_essentials(
    demo_data: report.ReportData,
) -> None:
    pages = list(report.iter_pages(demo_data))
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        texts = _texts(page)
        assert DISCLAIMER in texts
        assert f"Page {number} of {len(pages)}" in texts
    first = " ".join(_texts(pages[0]))
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
    rest = " ".join(text for page in pages[1:] for text in _texts(page))
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
        assert row[5].mark == report.VERDICT_STYLE[verdict.outcome]  # colour with shape


def test_long_tables_flow_over_pages_inside_the_margins() -> None:
    column = report.Column("Text", report.CONTENT_W)
    rows = [(report.Cell(f"row {i} " + "word " * (i % 30)),) for i in range(150)]
    long = report.Section("Long", (column,), rows, note="A note under the table.")
    short = report.Section("Short", (column,), rows[:4])
    pages = report.paginate([long, short])
    assert len(pages) > 2
    seen = [
        i
        for page in pages
        for block in page
        if block.section is long
        for i in range(block.first, block.last)
    ]
    assert seen == list(range(150))  # every row once, in order
    assert [b.continued for page in pages for b in page if b.section is long][1:] == [True] * (
        sum(b.section is long for page in pages for b in page) - 1
    )
    for page in pages:
        for block in page:
            rows_height = sum(block.section.row_height(r) for r in rows[block.first : block.last])
            bottom = block.top + report.HEADING_H + report.HEADER_H + rows_height
            assert bottom <= report.BODY_BOTTOM + 1e-9
    assert pages[-1][-1].section is short
    assert pages[-1][-1].last == 4  # a short table is kept whole


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


def test_report_of_an_empty_database(services: Services, tmp_path: Path) -> None:
    """A new user can make a report too: tables say nothing is recorded, no crash."""
    data = report.gather_report(services, *report.default_range(services))
    assert report.write_report(data, tmp_path / "empty.pdf") >= 2
    texts = " ".join(t for page in report.iter_pages(data) for t in _texts(page))
    assert "No load days in this range." in texts
    assert "not set" in texts
