"""The last 14 mornings against the baseline, with each load day's verdict (issue 13).

A small QPainter widget on the Today pane, not matplotlib: Today must open without
importing matplotlib (docs/performance.md), and fourteen dots need no chart library.
Pain is a line of dots on 0–10, the baseline a dashed step, and each load day's verdict
sits in a strip above, in its shape and Okabe–Ito colour (docs/ux.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from pht_desktop.domain.morning import baseline_in_force
from pht_desktop.domain.verdicts import Outcome
from pht_desktop.services.registry import Services
from pht_desktop.ui.style import EXCEEDED_COLOUR, SPACING, TOLERATED_COLOUR, UNKNOWN_COLOUR

DAYS = 14
BASELINE_COLOUR = "#009E73"


@dataclass(frozen=True, slots=True)
class MorningPoint:
    """One day of the strip: its morning pain, baseline and verdict, each when known."""

    day: date
    pain: int | None
    baseline: int | None
    outcome: Outcome | None


class MorningsChart(QWidget):
    """Fourteen mornings, read from the morning service whenever it changes."""

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.points: list[MorningPoint] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(15 * SPACING)
        self.setAccessibleName(self.tr("Your last 14 mornings against your baseline"))
        services.morning.changed.connect(self.refresh)
        self.refresh()

    def sizeHint(self) -> QSize:
        return QSize(60 * SPACING, 15 * SPACING)

    def refresh(self) -> None:
        morning = self.services.morning
        today = morning.today()
        start = today - timedelta(days=DAYS - 1)
        pains = {e.day: e.pain for e in morning.entries(start, today)}
        outcomes = {v.day: v.outcome for v in morning.verdicts() if start <= v.day <= today}
        baselines = morning.baselines()  # one read for the 14 days (start-up, issue 16)
        self.points = []
        for offset in range(DAYS):
            day = start + timedelta(days=offset)
            baseline = baseline_in_force(baselines, day)  # R3.1
            self.points.append(
                MorningPoint(
                    day,
                    pains.get(day),
                    None if baseline is None else baseline.pain,
                    outcomes.get(day),
                )
            )
        recorded = sum(p.pain is not None for p in self.points)
        self.setToolTip(
            self.tr(
                "Morning pain on each of the last 14 days (dots) against your baseline "
                "(dashed); above, each exercise day's verdict: ● tolerated, ▲ exceeded, "
                "○ not known yet. {count} of 14 mornings recorded."
            ).format(count=recorded)
        )
        self.update()

    @property
    def has_data(self) -> bool:
        return any(p.pain is not None or p.outcome is not None for p in self.points)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().windowText().color()
        frame = _Frame.of(float(self.width()), float(self.height()))
        self._draw_grid(painter, frame, text)
        self._draw_baseline(painter, frame)
        self._draw_pain(painter, frame, text)
        # Verdicts in their own strip: shape and colour (docs/ux.md).
        for index, point in enumerate(self.points):
            if point.outcome is not None:
                _marker(painter, point.outcome, QPointF(frame.x_of(index), frame.strip_h / 2 + 2))
        self._draw_days(painter, frame, text)
        painter.end()

    def _draw_grid(self, painter: QPainter, frame: _Frame, text: QColor) -> None:
        """Lines and labels at pain 0, 5 and 10, in small type (kept for the day labels)."""
        grid = QColor(text)
        grid.setAlpha(50)
        painter.setPen(QPen(grid, 1))
        small = painter.font()
        small.setPointSizeF(max(small.pointSizeF() * 0.8, 6.0))
        painter.setFont(small)
        for pain in (0, 5, 10):
            y = frame.y_of(pain)
            painter.drawLine(QPointF(frame.left, y), QPointF(frame.left + frame.width, y))
            painter.setPen(text)
            painter.drawText(
                QRectF(0, y - SPACING, frame.left - SPACING // 2, 2 * SPACING),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                str(pain),
            )
            painter.setPen(QPen(grid, 1))

    def _draw_baseline(self, painter: QPainter, frame: _Frame) -> None:
        """Baseline: a dashed step across the days it was in force."""
        dashed = QPen(QColor(BASELINE_COLOUR), 2, Qt.PenStyle.DashLine)
        painter.setPen(dashed)
        half = frame.step / 2
        for index, point in enumerate(self.points):
            if point.baseline is not None:
                y = frame.y_of(point.baseline)
                x = frame.x_of(index)
                painter.drawLine(QPointF(x - half, y), QPointF(x + half, y))

    def _draw_pain(self, painter: QPainter, frame: _Frame, text: QColor) -> None:
        """Morning pain: dots joined where mornings follow each other."""
        painter.setPen(QPen(text, 1.5))
        path = QPainterPath()
        joined = False
        for index, point in enumerate(self.points):
            if point.pain is None:
                joined = False
                continue
            spot = QPointF(frame.x_of(index), frame.y_of(point.pain))
            if joined:
                path.lineTo(spot)
            else:
                path.moveTo(spot)
            joined = True
        painter.drawPath(path)
        painter.setBrush(text)
        for index, point in enumerate(self.points):
            if point.pain is not None:
                painter.drawEllipse(QPointF(frame.x_of(index), frame.y_of(point.pain)), 3, 3)

    def _draw_days(self, painter: QPainter, frame: _Frame, text: QColor) -> None:
        """Day letters under the axis: the first, the last ("today") and every Monday."""
        painter.setPen(text)
        for index, point in enumerate(self.points):
            if index in (0, DAYS - 1) or point.day.weekday() == 0:
                label = self.tr("today") if index == DAYS - 1 else point.day.strftime("%d %b")
                painter.drawText(
                    QRectF(
                        frame.x_of(index) - 4 * SPACING, frame.bottom + 2, 8 * SPACING, 2 * SPACING
                    ),
                    int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                    label,
                )


@dataclass(frozen=True, slots=True)
class _Frame:
    """Where the chart draws: the plot's edges, the verdict strip's height, a day's width."""

    left: float
    width: float
    top: float
    bottom: float
    strip_h: float
    step: float

    @classmethod
    def of(cls, widget_width: float, widget_height: float) -> _Frame:
        left, right = 4.0 * SPACING, float(SPACING)
        strip_h = 2.5 * SPACING
        width = widget_width - left - right
        bottom = widget_height - 2.5 * SPACING
        return cls(left, width, strip_h + SPACING, bottom, strip_h, width / DAYS)

    def x_of(self, index: int) -> float:
        return self.left + self.step * (index + 0.5)

    def y_of(self, pain: float) -> float:
        return self.bottom - (self.bottom - self.top) * pain / 10


def _marker(painter: QPainter, outcome: Outcome, at: QPointF) -> None:
    """● tolerated blue, ▲ exceeded vermillion, ○ unknown grey (never colour alone)."""
    radius = 5.0
    if outcome is Outcome.TOLERATED:
        painter.setPen(QPen(QColor(TOLERATED_COLOUR), 1))
        painter.setBrush(QColor(TOLERATED_COLOUR))
        painter.drawEllipse(at, radius, radius)
    elif outcome is Outcome.EXCEEDED:
        painter.setPen(QPen(QColor(EXCEEDED_COLOUR), 1))
        painter.setBrush(QColor(EXCEEDED_COLOUR))
        painter.drawPolygon(
            QPolygonF(
                [
                    QPointF(at.x(), at.y() - radius - 1),
                    QPointF(at.x() - radius - 1, at.y() + radius),
                    QPointF(at.x() + radius + 1, at.y() + radius),
                ]
            )
        )
    else:
        painter.setPen(QPen(QColor(UNKNOWN_COLOUR), 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(at, radius, radius)
