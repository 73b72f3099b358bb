"""The paper the clinician report is printed on: A4, its margins, font and inks.

One place for the sizes the rich text, the chart images and the page painter share.
"""

from __future__ import annotations

from pht_desktop.ui.charts.palette import LIGHT

DPI = 300
"""The PDF's device resolution: the document is laid out in these dots."""
PAGE_W, PAGE_H = 8.27, 11.69
"""A4 portrait, inches."""
MARGIN = 0.6
BODY_TOP = 0.8
BODY_BOTTOM = PAGE_H - 0.8
"""The document's text flows between these (inches from the page's top)."""
CONTENT_W = PAGE_W - 2 * MARGIN
FONT = "DejaVu Sans"
CELL_PT = 7.5

INK = LIGHT.foreground
MUTED = "#666666"
RULE = "#BBBBBB"
STRIPE = "#F2F2F2"
