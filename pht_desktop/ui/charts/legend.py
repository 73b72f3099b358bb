"""The main chart's legend as a Qt label: drawn once by Qt, not on every canvas redraw.

Text is most of what a matplotlib redraw costs; three in-figure legends were about a
quarter of every range switch. The legend does not change with the range, so it lives
outside the canvas (exports put matplotlib's own legends back, see ``legends_shown``).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from pht_desktop.ui.charts.palette import LegendEntry

SYMBOLS = {
    "line-dot": "─●─",
    "dashed": "╌╌",
    "area": "▆",
    "circle": "●",
    "triangle": "▲",
    "hollow": "○",
    "bar": "▆",
    "cross": "✖",
    "square": "■",
    "diamond": "◆",
    "arrow": "▶",
}
"""Each symbol echoes the artist's shape, so colour is never the only cue (docs/ux.md)."""


def legend_html(groups: list[tuple[str, list[LegendEntry]]]) -> str:
    """One line per panel: its name, then coloured symbols with their words.

    Words keep the widget's own text colour (the system scheme); symbols take the
    chart palette's colours, which follow the same scheme.
    """
    rows = []
    for title, entries in groups:
        items = "&nbsp;&nbsp;&nbsp;".join(
            f'<span style="color:{entry.colour}">{SYMBOLS.get(entry.symbol, "■")}</span>'
            f"&nbsp;{escape(entry.label)}"
            for entry in entries
        )
        rows.append(f"<b>{escape(title)}:</b> {items}")
    return "<br>".join(rows)


class ChartLegend(QLabel):
    """Rich-text legend; tests read ``entries`` (labels, colours and symbol kinds)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setAccessibleName(self.tr("Chart legend"))
        self.entries: list[tuple[str, list[LegendEntry]]] = []

    def set_entries(self, groups: list[tuple[str, list[LegendEntry]]]) -> None:
        self.entries = groups
        self.setText(legend_html(groups))
