"""The SITTING card of the Today pane (docs/ux.md; R1.2, R1.3).

Live sitting clock, time to the next stand, state in words, I'm standing / Pause /
Resume, today's R1.3 figures and hand-entered sitting away from the computer. It
refreshes from status values only (no database) on the break service's ``pulse``, when
shown, when the wall clock jumped (a wake from sleep: monotonic time stood still) and
by its own timer at least once a minute while visible, so the bout on screen is the bout
now (issue 17). Past the interval (a skipped or snoozed prompt, R1.2) the bout keeps
growing and the card says "over by N min". Today's figures are re-read on ``changed``
while the card is shown, and once a minute.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pht_desktop.domain.break_settings import PauseKind
from pht_desktop.domain.durations import whole_minutes
from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.scheduler import SchedulerState
from pht_desktop.services.registry import Services
from pht_desktop.ui.durations import clock_text, duration_text
from pht_desktop.ui.manual_sitting_panel import ManualSittingPanel
from pht_desktop.ui.sitting_words import (
    breaks_text,
    figures_text,
    next_text,
    pause_choices,
    status_line,
)
from pht_desktop.ui.style import (
    SPACING,
    TITLE_WIDTH,
    error_label,
    scaled_font,
    section_title,
    show_error,
)

#: Figures are re-read at least this often (seconds) even without ``changed``.
FIGURES_EVERY_S = 60.0
REFRESH_AT_LEAST_S = 60.0
"""While visible the card repaints at least this often, whatever the controller polls."""


class SittingCard(QWidget):
    """SITTING: the live bout, next stand, actions, today's figures (docs/ux.md).

    Nothing is read when it is built: the first ``showEvent`` fills it, so a window
    that starts in the tray pays nothing and one that opens reads once, not twice.
    """

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.breaks = services.breaks
        self._refresh_due = 0.0
        self._figures_due = 0.0
        self._refreshed_wall: datetime | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer)
        # The title in its own column, like every Today card, so content starts in line.
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2 * SPACING)
        title = section_title(self.tr("SITTING"))
        title.setMinimumWidth(TITLE_WIDTH)
        outer.addWidget(title, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout()
        layout.setSpacing(SPACING)
        outer.addLayout(layout, 1)
        layout.addLayout(self._build_clock())
        self.state_label = QLabel("")
        self.state_label.setAccessibleName(self.tr("Break reminder state"))
        layout.addWidget(self.state_label)
        layout.addLayout(self._build_actions())
        self.action_error = error_label()
        layout.addWidget(self.action_error)
        self.figures = QLabel("")
        self.figures.setWordWrap(True)
        self.figures.setAccessibleName(self.tr("Today's sitting figures"))
        self.by_source = QLabel("")
        self.by_source.setWordWrap(True)
        layout.addWidget(self.figures)
        layout.addWidget(self.by_source)
        self.manual = ManualSittingPanel(services)
        layout.addWidget(self.manual)
        self.breaks.pulse.connect(self._on_pulse)
        self.breaks.changed.connect(self._on_changed)
        self.breaks.state_changed.connect(lambda _s: self.refresh())

    def _build_clock(self) -> QHBoxLayout:
        """The bout as it grows, its progress to the next stand, the time left."""
        top = QHBoxLayout()
        top.setSpacing(2 * SPACING)
        self.bout = QLabel(duration_text(0))
        self.bout.setFont(scaled_font(self.bout, 1.6, bold=True))
        self.bout.setAccessibleName(self.tr("Current sitting bout"))
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName(self.tr("Progress to the next standing break"))
        self.next_label = QLabel("")
        top.addWidget(self.bout)
        top.addWidget(self.progress, 1)
        top.addWidget(self.next_label)
        return top

    def _build_actions(self) -> QHBoxLayout:
        """I'm standing / Done / Sitting down early / Pause ▾ / Resume, one row."""
        actions = QHBoxLayout()
        self.stand_button = QPushButton(self.tr("I'm standing"))
        self.stand_button.setToolTip(
            self.tr("Start a standing break now; the sitting clock restarts.")
        )
        self.stand_button.clicked.connect(lambda: self._do(self.breaks.stand_now))
        self.countdown = QLabel("")
        self.countdown.setFont(scaled_font(self.countdown, 1.3, bold=True))
        self.done_button = QPushButton(self.tr("Done"))
        self.done_button.clicked.connect(lambda: self._do(self.breaks.finish_stand))
        self.early_button = QPushButton(self.tr("Sitting down early"))
        self.early_button.clicked.connect(lambda: self._do(self.breaks.sit_down_early))
        self.pause_button = QToolButton()
        self.pause_button.setText(self.tr("Pause"))
        self.pause_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.pause_menu = QMenu(self.pause_button)
        self.pause_actions: dict[PauseKind, QAction] = {}
        for kind, label in pause_choices():
            action = self.pause_menu.addAction(label)
            action.triggered.connect(lambda _=False, k=kind: self._do(lambda: self.breaks.pause(k)))
            self.pause_actions[kind] = action
        self.pause_button.setMenu(self.pause_menu)
        self.resume_button = QPushButton(self.tr("Resume"))
        self.resume_button.clicked.connect(lambda: self._do(self.breaks.resume))
        for widget in (
            self.stand_button,
            self.countdown,
            self.done_button,
            self.early_button,
            self.pause_button,
            self.resume_button,
        ):
            actions.addWidget(widget)
        actions.addStretch(1)
        return actions

    # --- refresh ---------------------------------------------------------------------

    def _on_pulse(self) -> None:
        """Repaint only when a shown number can change: each second during a stand,
        else when the minute turns over (idle CPU target, issue 3 item 8), or when the
        wall clock moved a minute past the last repaint (the machine slept)."""
        if not self.isVisible():
            return
        now = self.services.clock.monotonic()
        if now >= self._figures_due or self._wall_jumped():
            self.refresh_figures()
        if now >= self._refresh_due or self._wall_jumped():
            self.refresh()

    def _on_changed(self) -> None:
        """A break record was written: re-read today's figures if they are on screen.

        Hidden (the window in the tray, another pane, the app quitting), the card only
        marks them stale: its next ``showEvent`` reads them, so a day spent in the tray
        does not re-read them at every bout and stand.
        """
        if self.isVisible():
            self.refresh_figures()
        else:
            self._figures_due = 0.0

    def _wall_jumped(self) -> bool:
        last = self._refreshed_wall
        if last is None:
            return True
        return abs((self.services.clock.now() - last).total_seconds()) >= REFRESH_AT_LEAST_S

    def _on_timer(self) -> None:
        self.refresh()
        if self.services.clock.monotonic() >= self._figures_due:
            self.refresh_figures()

    def showEvent(self, event: QShowEvent) -> None:
        """Shown again (tab switch, window restored): the numbers of now, at once."""
        super().showEvent(event)
        self.refresh()
        self.refresh_figures()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._timer.stop()

    def refresh(self) -> None:
        """Status only: cheap enough for every second."""
        status = self.breaks.status()
        state = status.state
        sitting = state in (SchedulerState.SITTING, SchedulerState.SNOOZED)
        now = self.services.clock.monotonic()
        # Minutes are shown rounded, so they change when the bout passes m:30.
        to_flip = (30.0 - status.bout_seconds) % 60.0 or 60.0
        wait = 1.0 if state is SchedulerState.STANDING else min(to_flip, REFRESH_AT_LEAST_S)
        self._refresh_due = now + wait - 0.01
        self._refreshed_wall = self.services.clock.now()
        if self.isVisible():
            self._timer.start(max(1, round(wait * 1000)))
        self.bout.setText(duration_text(status.bout_seconds))
        # Minute steps: a repaint a minute, not a second (idle CPU, issue 3 item 8).
        interval = max(1, whole_minutes(status.interval_seconds))
        if self.progress.maximum() != interval:
            self.progress.setRange(0, interval)
        self.progress.setValue(min(interval, whole_minutes(status.bout_seconds)))
        self.next_label.setText(next_text(status) if sitting else "")
        self.state_label.setText("" if sitting else status_line(status))
        self.state_label.setVisible(not sitting)  # an empty line would only leave a gap
        standing = state is SchedulerState.STANDING
        self.stand_button.setVisible(not standing)
        self.stand_button.setEnabled(
            sitting or state in (SchedulerState.PROMPTING, SchedulerState.DEFERRED)
        )
        for widget in (self.countdown, self.done_button, self.early_button):
            widget.setVisible(standing)
        if standing:
            self.countdown.setText(
                self.tr("{left} left").format(left=clock_text(status.stand_remaining or 0.0))
            )
        paused = state is SchedulerState.PAUSED
        self.resume_button.setVisible(paused)
        self.pause_button.setEnabled(state is not SchedulerState.STOPPED)

    def refresh_figures(self) -> None:
        self._figures_due = self.services.clock.monotonic() + FIGURES_EVERY_S
        figures = self.breaks.today_figures()
        for label, text in (
            (self.figures, figures_text(figures)),
            (self.by_source, breaks_text(figures)),
        ):
            label.setText(text)
            label.setVisible(bool(text))
        self.manual.refresh()

    # --- actions ---------------------------------------------------------------------

    def _do(self, action: Callable[[], None]) -> None:
        show_error(self.action_error, None)
        try:
            action()
        except ValidationError as error:
            show_error(self.action_error, error.message)
        self.refresh()
