"""The clinician report's PDF: Qt lays it out, matplotlib draws the one chart image.

What the report says comes from ``services/report.py`` (a :class:`ReportData` and its
tables). Here it becomes rich text in a ``QTextDocument`` — page 1's facts and the
Progress chart (the same :class:`ProgressFigure` the pane draws, inserted as an image
made by ``report_charts``; the paper's sizes are in ``report_paper``),
then the tables, which Qt flows over as many A4 pages as they need, repeating each
table's title and column heads on a new page. :func:`write_report` paints the document
page by page onto a ``QPdfWriter`` with a running header and the R5 disclaimer in every
footer. Import this module lazily: it loads matplotlib.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
    QTextFormat,
    QTextTable,
)

from pht_desktop.domain.guidance import DISCLAIMER
from pht_desktop.safe_files import atomic_target
from pht_desktop.services.report import (
    SOURCES_INTRO,
    SOURCES_TITLE,
    TITLE,
    Fact,
    Mark,
    ReportData,
    Section,
    current_facts,
    gather_report,
    period_facts,
    period_text,
    sections,
    sources,
)
from pht_desktop.ui.charts.palette import LIGHT
from pht_desktop.ui.charts.report_charts import chart_image, measures_chart_image
from pht_desktop.ui.charts.report_paper import (
    BODY_BOTTOM,
    BODY_TOP,
    CELL_PT,
    CONTENT_W,
    DPI,
    FONT,
    INK,
    MARGIN,
    MUTED,
    PAGE_H,
    PAGE_W,
    RULE,
    STRIPE,
)

if TYPE_CHECKING:
    from pht_desktop.services.registry import Services

KEEP_TOGETHER = 16
"""A table of at most this many rows (heads included) is never split over two pages."""

#: A verdict's mark in a table cell: glyph and colour, as on the Progress chart.
MARKS: dict[Mark, tuple[str, str]] = {
    "tolerated": ("●", LIGHT.tolerated),
    "exceeded": ("▲", LIGHT.exceeded),
    "unknown": ("○", LIGHT.unknown),
    "ceiling": ("✖", LIGHT.exceeded),
    "rise": ("▲", LIGHT.exceeded),
}
CHART_URL = QUrl("report://progress-chart.png")
MEASURES_CHART_URL = QUrl("report://measures-chart.png")


def _dots(inches: float) -> float:
    return inches * DPI


def _image_html(url: QUrl, image: QImage) -> str:
    width = round(CONTENT_W * 96)
    height = round(width * image.height() / max(1, image.width()))
    return f'<p><img src="{url.toString()}" width="{width}" height="{height}"></p>'


# --- rich text -------------------------------------------------------------------------------
def _text(text: str) -> str:
    """Escaped, with no line break inside "5 × 35 s" or "12.5 kg"."""
    text = re.sub(r"(\d) × (\d)", "\\1\u00a0×\u00a0\\2", text)
    text = re.sub(r"(\d) (s|kg|min|km|h)\b", "\\1\u00a0\\2", text)
    return html.escape(text).replace("\n", "<br>")


def _mark(mark: Mark | None) -> str:
    if mark is None:
        return ""
    glyph, colour = MARKS[mark]
    return f'<span style="color:{colour}">{glyph}</span>&nbsp;'


def _facts_table(heading: str, facts: list[Fact]) -> str:
    rows = "".join(
        f'<tr><td style="color:{MUTED}" width="36%">{_text(label)}</td><td>{_text(value)}</td></tr>'
        for label, value in facts
    )
    return (
        f'<p style="font-size:10pt; font-weight:bold; margin-bottom:4px">{_text(heading)}</p>'
        f'<table width="100%" cellspacing="0" cellpadding="2" style="font-size:8pt">{rows}</table>'
    )


def _legend(reference: str) -> str:
    parts = [
        f"{_mark('tolerated')}tolerated (next morning at or below the {reference})",
        f"{_mark('exceeded')}exceeded (above it)",
        f"{_mark('unknown')}unknown (no next-morning entry)",
    ]
    return (
        '<p style="font-size:8pt; margin-top:10px"><b>Verdicts:</b>&nbsp;&nbsp; '
        + " &nbsp;&nbsp;&nbsp; ".join(parts)
        + "</p>"
    )


def first_page_html(data: ReportData, chart: QImage) -> str:
    """Title, what is in force, the period in figures, the legend and the chart."""
    # Rich-text lengths are in 1/96 inch; Qt scales them to the device's resolution.
    width = round(CONTENT_W * 96)
    height = round(width * chart.height() / max(1, chart.width()))
    in_force = "In force on " + data.end.isoformat()
    return (
        f'<p style="font-size:17pt; font-weight:bold; margin:0">{_text(TITLE)}</p>'
        '<table width="100%" cellspacing="0" cellpadding="0" style="margin-top:6px">'
        f'<tr><td style="font-size:10pt">{_text(period_text(data))}</td>'
        f'<td align="right" style="font-size:9pt; color:{MUTED}">'
        f"Generated {data.generated.isoformat()}</td></tr></table>"
        f'<hr style="color:{INK}">'
        '<table width="100%" cellspacing="0" cellpadding="0"><tr>'
        f'<td width="50%">{_facts_table(in_force, current_facts(data))}</td>'
        f'<td width="50%">{_facts_table("This period", period_facts(data))}</td>'
        "</tr></table>"
        f"{_legend(data.mode.reference_word)}"
        f'<p style="page-break-after:always"><img src="{CHART_URL.toString()}" '
        f'width="{width}" height="{height}"></p>'
    )


def section_html(section: Section) -> str:
    """One table; its title and column heads repeat on every page it runs onto."""
    total = sum(column.width for column in section.columns) or 1.0
    count = len(section.columns)
    heads = "".join(
        f'<th width="{100 * column.width / total:.1f}%" align="{column.align}" '
        f'style="color:{MUTED}; border-bottom: 1px solid {INK}">{_text(column.title)}</th>'
        for column in section.columns
    )
    body = []
    for number, row in enumerate(section.rows):
        stripe = f' bgcolor="{STRIPE}"' if number % 2 else ""
        cells = "".join(
            f'<td align="{column.align}">{_mark(cell.mark)}'
            f"{'<b>' if cell.bold else ''}{_text(cell.text)}{'</b>' if cell.bold else ''}</td>"
            for cell, column in zip(row, section.columns, strict=True)
        )
        body.append(f'<tr{stripe} valign="top">{cells}</tr>')
    if not section.rows:
        body.append(
            f'<tr><td colspan="{count}" style="color:{MUTED}">{_text(section.empty)}</td></tr>'
        )
    note = (
        f'<p style="font-size:7pt; color:{MUTED}; font-style:italic; margin-top:3px">'
        f"{_text(section.note)}</p>"
        if section.note
        else ""
    )
    return (
        f'<table width="100%" cellspacing="0" cellpadding="3" style="font-size:{CELL_PT}pt; '
        'margin-top:14px">'
        f'<thead><tr><td colspan="{count}" style="font-size:10.5pt; font-weight:bold; '
        f'padding-bottom:4px">{_text(section.title)}</td></tr>'
        f"<tr valign='bottom'>{heads}</tr></thead>"
        f"{''.join(body)}</table>{note}"
    )


def sources_html() -> str:
    """The last page: where the rules come from (the body names no rule or source)."""
    items = "".join(f'<li style="margin-bottom:4px">{_text(source)}</li>' for source in sources())
    return (
        '<p style="page-break-before:always; font-size:10.5pt; font-weight:bold">'
        f"{_text(SOURCES_TITLE)}</p>"
        f'<p style="font-size:8pt">{_text(SOURCES_INTRO)}</p>'
        f'<ol style="font-size:8pt">{items}</ol>'
    )


def report_html(data: ReportData, chart: QImage, measures_chart: QImage | None = None) -> str:
    measures = "" if measures_chart is None else _image_html(MEASURES_CHART_URL, measures_chart)
    return (
        f"<html><body style=\"font-family:'{FONT}'; font-size:8pt; color:{INK}\">"
        + first_page_html(data, chart)
        + "".join(section_html(section) for section in sections(data))
        + measures
        + sources_html()
        + "</body></html>"
    )


# --- pages -----------------------------------------------------------------------------------
@dataclass
class ReportDocument:
    """The laid-out report: the body document and what each page's frame says."""

    data: ReportData
    body: QTextDocument

    @property
    def page_count(self) -> int:
        return self.body.pageCount()

    def header(self, number: int) -> tuple[str, str] | None:
        """The running header (title, period) from page 2 on."""
        return None if number == 1 else (TITLE, period_text(self.data))

    def footer(self, number: int) -> tuple[str, str, str]:
        """The R5 disclaimer, the provenance line and "Page n of m"."""
        provenance = (
            f"Generated {self.data.generated.isoformat()} by PHT Desktop. "
            "Self-recorded data; pain scales 0–10."
        )
        return DISCLAIMER, provenance, f"Page {number} of {self.page_count}"

    def page_text(self, number: int) -> str:
        """The body text that falls on page ``number``, block by block (tests read it)."""
        height = self.body.pageSize().height()
        layout = self.body.documentLayout()
        lines = []
        block = self.body.begin()
        while block.isValid():
            top = layout.blockBoundingRect(block).top()
            if int(top // height) + 1 == number and block.text():
                lines.append(block.text())
            block = block.next()
        return "\n".join(lines)

    def header_rows(self) -> list[int]:
        """How many rows each table repeats at the top of a page it runs onto."""
        counts = []
        for frame in self.body.rootFrame().childFrames():
            if isinstance(frame, QTextTable):
                counts.append(frame.format().headerRowCount())
        return counts


def lay_out(data: ReportData, device: QPdfWriter | None = None) -> ReportDocument:
    """The report's document, paginated by Qt for the body area of an A4 page."""
    _need_gui()
    chart = chart_image(data)
    images = {CHART_URL: chart}
    measures_chart = measures_chart_image(data)
    if measures_chart is not None:
        images[MEASURES_CHART_URL] = measures_chart
    body = paged_document(report_html(data, chart, measures_chart), device, images)
    keep_short_tables_whole(body)
    return ReportDocument(data, body)


def keep_short_tables_whole(body: QTextDocument) -> None:
    """A table of a few rows that Qt split over two pages starts on the next page instead."""
    layout = body.documentLayout()
    height = body.pageSize().height()
    for frame in body.rootFrame().childFrames():
        if not isinstance(frame, QTextTable) or frame.rows() > KEEP_TOGETHER:
            continue
        box = layout.frameBoundingRect(frame)
        if int(box.top() // height) != int((box.bottom() - 1) // height):
            table_format = frame.format()
            table_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            frame.setFormat(table_format)


def paged_document(
    text: str, device: QPdfWriter | None = None, images: dict[QUrl, QImage] | None = None
) -> QTextDocument:
    """Rich text laid out on pages of the report's body size, in the PDF's dots."""
    _need_gui()
    body = QTextDocument()
    body.documentLayout().setPaintDevice(device if device is not None else _measure_device())
    body.setDocumentMargin(0)
    font = QFont(FONT)
    font.setPointSizeF(8.0)
    body.setDefaultFont(font)
    body.setPageSize(QSizeF(_dots(CONTENT_W), _dots(BODY_BOTTOM - BODY_TOP)))
    for url, image in (images or {}).items():
        body.addResource(QTextDocument.ResourceType.ImageResource, url, image)
    body.setHtml(text)
    return body


_MEASURE: list[QImage] = []


def _measure_device() -> QImage:
    """An image at the PDF's resolution: layout in the same dots without a file."""
    if not _MEASURE:
        image = QImage(8, 8, QImage.Format.Format_RGB32)
        dots_per_metre = round(DPI / 0.0254)
        image.setDotsPerMeterX(dots_per_metre)
        image.setDotsPerMeterY(dots_per_metre)
        _MEASURE.append(image)
    return _MEASURE[0]


_GUI: list[QGuiApplication] = []


def _need_gui() -> None:
    """Fonts need a QGuiApplication; the CLI has none, so one offscreen is made once."""
    if QGuiApplication.instance() is None:
        from PySide6.QtWidgets import QApplication

        _GUI.append(QApplication(["pht-desktop", "-platform", "offscreen"]))


def _paint_frame(painter: QPainter, document: ReportDocument, number: int) -> None:
    left, right = _dots(MARGIN), _dots(PAGE_W - MARGIN)
    width = right - left
    muted, ink = QColor(MUTED), QColor(INK)
    header = document.header(number)
    if header is not None:
        _line(painter, left, right, _dots(0.58))
        _write(painter, QRectF(left, _dots(0.3), width, _dots(0.25)), header[0], 8, muted)
        _write(painter, QRectF(left, _dots(0.3), width, _dots(0.25)), header[1], 8, muted, True)
    disclaimer, provenance, page = document.footer(number)
    foot = _dots(PAGE_H - 0.62)
    _line(painter, left, right, foot)
    _write(painter, QRectF(left, foot + _dots(0.06), width, _dots(0.2)), disclaimer, 7, ink)
    _write(painter, QRectF(left, foot + _dots(0.06), width, _dots(0.2)), page, 7, muted, True)
    _write(painter, QRectF(left, foot + _dots(0.25), width, _dots(0.2)), provenance, 6.5, muted)


def _line(painter: QPainter, left: float, right: float, y: float) -> None:
    pen = QPen(QColor(RULE))
    pen.setWidthF(_dots(0.6 / 72))
    painter.setPen(pen)
    painter.drawLine(QPointF(left, y), QPointF(right, y))


def _write(
    painter: QPainter,
    box: QRectF,
    text: str,
    points: float,
    colour: QColor,
    right: bool = False,
) -> None:
    font = QFont(FONT)
    font.setPointSizeF(points)
    painter.setFont(font)
    painter.setPen(colour)
    align = Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft
    painter.drawText(box, int(align | Qt.AlignmentFlag.AlignVCenter), text)


def _print(document: ReportDocument, writer: QPdfWriter) -> None:
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError("the PDF could not be started")
    try:
        page_h = document.body.pageSize().height()
        layout = document.body.documentLayout()
        for number in range(1, document.page_count + 1):
            if number > 1:
                writer.newPage()
            _paint_frame(painter, document, number)
            painter.save()
            top = (number - 1) * page_h
            painter.translate(_dots(MARGIN), _dots(BODY_TOP) - top)
            clip = QRectF(0, top, document.body.pageSize().width(), page_h)
            painter.setClipRect(clip)
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = clip
            layout.draw(painter, context)
            painter.restore()
    finally:
        painter.end()


def write_report(data: ReportData, out: Path) -> int:
    """Write the PDF to ``out`` atomically (temp file + rename); return the page count."""
    _need_gui()
    out = Path(out)
    with atomic_target(out) as temp:
        writer = QPdfWriter(str(temp))
        writer.setResolution(DPI)
        writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Portrait,
                QMarginsF(0, 0, 0, 0),
            )
        )
        writer.setTitle(f"{TITLE}, {data.start.isoformat()} to {data.end.isoformat()}")
        writer.setCreator("PHT Desktop")
        document = lay_out(data, writer)
        _print(document, writer)
        count = document.page_count
        del writer  # closes the file
    return count


def build_report(services: Services, out: Path, start: date, end: date) -> int:
    """Gather and write: what the CLI and the File menu call. Returns the page count."""
    return write_report(gather_report(services, start, end), out)
