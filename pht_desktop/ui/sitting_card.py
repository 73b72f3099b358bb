"""The SITTING card of the Today pane (docs/ux.md; R1.2, R1.3).

Live sitting clock, time to the next stand, state in words, I'm standing / Pause /
Resume, today's R1.3 figures and hand-entered sitting away from the computer. It
refreshes from status values only (no database) on the break service's ``pulse``, when
shown, when the wall clock jumped (a wake from sleep: monotonic time stood still) and
by its own timer at least once a minute while visible, so the bout on screen is the bout
now (issue 17). Past the interval (a skipped or snoozed prompt, R1.2) the bout keeps
growing and the card says "over by N min". Today's figures are re-read on ``changed``
and once a minute.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDateTime, Qt, QTimer
from PySide6.QtGui import QAction, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pht_desktop.domain.break_settings import PauseKind
from pht_desktop.domain.durations import whole_minutes
from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.manual_sitting import SEAT_KINDS, SITTING_KINDS
from pht_desktop.domain.scheduler import SchedulerState
from pht_desktop.services.breaks import BreakStatus, DayFigures
from pht_desktop.services.registry import Services
from pht_desktop.ui.durations import clock_text, counted, duration_text
from pht_desktop.ui.style import (
    SPACING,
    TITLE_WIDTH,
    error_label,
    scaled_font,
    section_title,
    show_error,
)

# The words below are marked for translation in the "SittingCard" context and shown
# through ``QCoreApplication.translate("SittingCard", …)`` (see the helpers after them).
PAUSE_CHOICES: tuple[tuple[PauseKind, str], ...] = (
    (PauseKind.MIN_30, str(QT_TRANSLATE_NOOP("SittingCard", "30 minutes"))),
    (PauseKind.HOUR_1, str(QT_TRANSLATE_NOOP("SittingCard", "1 hour"))),
    (PauseKind.UNTIL_TOMORROW, str(QT_TRANSLATE_NOOP("SittingCard", "Until tomorrow"))),
)
SOURCE_WORDS = {
    "prompted": str(QT_TRANSLATE_NOOP("SittingCard", "after a prompt")),
    "self_started": str(QT_TRANSLATE_NOOP("SittingCard", "self-started")),
    "idle_confirmed": str(QT_TRANSLATE_NOOP("SittingCard", "while away")),
}
KIND_WORDS = {
    "driving": str(QT_TRANSLATE_NOOP("SittingCard", "Driving")),
    "sofa": str(QT_TRANSLATE_NOOP("SittingCard", "Sofa")),
    "meal": str(QT_TRANSLATE_NOOP("SittingCard", "Meal")),
    "other": str(QT_TRANSLATE_NOOP("SittingCard", "Other")),
}
# The seat kinds are stored keys ('hard', 'soft'); these are their names on screen.
SEAT_WORDS = {
    "hard": str(QT_TRANSLATE_NOOP("SittingCard", "Hard")),
    "soft": str(QT_TRANSLATE_NOOP("SittingCard", "Soft")),
}
# Lower case, inside a sentence: "08:10 · Sofa, soft seat · 30 min".
SEAT_IN_SENTENCE = {
    "hard": str(QT_TRANSLATE_NOOP("SittingCard", "hard seat")),
    "soft": str(QT_TRANSLATE_NOOP("SittingCard", "soft seat")),
}
STATE_WORDS: dict[SchedulerState, str] = {
    SchedulerState.PROMPTING: str(QT_TRANSLATE_NOOP("SittingCard", "Time to stand up")),
    SchedulerState.DEFERRED: str(QT_TRANSLATE_NOOP("SittingCard", "Stand when you can")),
    SchedulerState.AWAY: str(QT_TRANSLATE_NOOP("SittingCard", "Away from the computer")),
    SchedulerState.ASKING_WERE_YOU_UP: str(QT_TRANSLATE_NOOP("SittingCard", "Were you up?")),
    SchedulerState.OUTSIDE_HOURS: str(
        QT_TRANSLATE_NOOP("SittingCard", "Outside working hours: no prompts")
    ),
    SchedulerState.STOPPED: str(QT_TRANSLATE_NOOP("SittingCard", "Break reminders stopped")),
}
#: Figures are re-read at least this often (seconds) even without ``changed``.
FIGURES_EVERY_S = 60.0
REFRESH_AT_LEAST_S = 60.0
"""While visible the card repaints at least this often, whatever the controller polls."""


def _tr(text: str) -> str:
    """``text`` (a literal marked above, or a known key's word) in the user's language."""
    return QCoreApplication.translate("SittingCard", text)


def pause_choices() -> tuple[tuple[PauseKind, str], ...]:
    """The pause lengths with their translated labels (the card's menu and the tray's)."""
    return tuple((kind, _tr(label)) for kind, label in PAUSE_CHOICES)


def status_line(status: BreakStatus) -> str:
    """One line for the tray tooltip and the card: the state in plain words."""
    state = status.state
    if state in (SchedulerState.SITTING, SchedulerState.SNOOZED):
        return QCoreApplication.translate("SittingCard", "Sitting {bout} · {next}").format(
            bout=duration_text(status.bout_seconds), next=next_text(status)
        )
    if state is SchedulerState.STANDING:
        return QCoreApplication.translate("SittingCard", "Standing · {left} left").format(
            left=clock_text(status.stand_remaining or 0.0)
        )
    if state is SchedulerState.PAUSED and status.pause_until is not None:
        until = status.pause_until
        if until.hour == 0 and until.minute == 0:
            # 'until tomorrow', or a pause that ends then
            return QCoreApplication.translate("SittingCard", "Paused until midnight")
        return QCoreApplication.translate("SittingCard", "Paused until {time}").format(
            time=f"{until:%H:%M}"
        )
    if state in STATE_WORDS:
        return _tr(STATE_WORDS[state])
    return QCoreApplication.translate("SittingCard", "Paused")


def _minutes_left(status: BreakStatus) -> int | None:
    """Whole minutes to the next prompt, counted on the bout as shown, so the numbers on
    screen add up (24 min sat + 6 min to go = a 30 min interval), never 24 + 7."""
    nxt = status.seconds_to_next_prompt
    if nxt is None:
        return None
    return whole_minutes(status.bout_seconds + nxt) - whole_minutes(status.bout_seconds)


def minutes_to_next_stand(status: BreakStatus) -> int | None:
    """The tray icon's number: minutes to the next prompt while sitting, else None."""
    if status.state not in (SchedulerState.SITTING, SchedulerState.SNOOZED):
        return None
    return _minutes_left(status)


def next_text(status: BreakStatus) -> str:
    """ "next stand in 12 min", or past the interval "over by 7 min · next reminder in
    3 min": a skipped or snoozed prompt does not restart the bout (R1.2)."""
    shown = whole_minutes(status.bout_seconds)
    minutes = _minutes_left(status)
    left = None if minutes is None else 60 * minutes
    over = shown - whole_minutes(status.interval_seconds)
    if over > 0:
        text = QCoreApplication.translate("SittingCard", "over by {duration}").format(
            duration=duration_text(60 * over)
        )
        if left is None:
            return text
        return QCoreApplication.translate(
            "SittingCard", "{over} · next reminder in {duration}"
        ).format(over=text, duration=duration_text(left))
    if left is None:
        return ""
    return QCoreApplication.translate("SittingCard", "next stand in {duration}").format(
        duration=duration_text(left)
    )


def figures_text(figures: DayFigures) -> str:
    """Today's R1.3 figures on one line, the parts separated by " · "; a figure that is
    still zero is left out until there is something to say (issue 13)."""
    parts: list[str] = []
    if figures.prompts:
        parts.append(counted().prompts(figures.prompts))
        parts.append(
            QCoreApplication.translate("SittingCard", "{count} stood").format(count=figures.taken)
        )
    if figures.longest_bout_s:
        parts.append(
            QCoreApplication.translate("SittingCard", "longest bout {duration}").format(
                duration=duration_text(figures.longest_bout_s)
            )
        )
    if figures.bouts_over_40:
        parts.append(counted().long_bouts(figures.bouts_over_40))
    if figures.sitting_s:
        parts.append(
            QCoreApplication.translate("SittingCard", "sat {sat}").format(
                sat=duration_text(figures.sitting_s)
            )
        )
    if figures.standing_s:
        parts.append(
            QCoreApplication.translate("SittingCard", "stood {stood}").format(
                stood=duration_text(figures.standing_s)
            )
        )
    if figures.adherence is not None and figures.prompts:
        parts.append(
            QCoreApplication.translate("SittingCard", "stood up at {percent} % of prompts").format(
                percent=round(figures.adherence * 100)
            )
        )
    if not parts:
        return ""
    return QCoreApplication.translate("SittingCard", "Today: {figures}").format(
        figures=" · ".join(parts)
    )


def breaks_text(figures: DayFigures) -> str:
    if not figures.breaks_by_source:
        return ""  # nothing to say yet: the line stays hidden
    parts = [
        # A number of breaks and how they began, e.g. "3 after a prompt".
        QCoreApplication.translate("SittingCard", "{count} {how}").format(
            count=count, how=_tr(SOURCE_WORDS[source]) if source in SOURCE_WORDS else source
        )
        for source, count in sorted(figures.breaks_by_source.items())
    ]
    counts = " · ".join(parts)
    if not figures.manual_sitting_s:
        return QCoreApplication.translate("SittingCard", "Breaks: {counts}").format(counts=counts)
    return QCoreApplication.translate(
        "SittingCard", "Breaks: {counts} · {duration} sitting added by hand"
    ).format(counts=counts, duration=duration_text(figures.manual_sitting_s))


class ManualSittingForm(QWidget):
    """Sitting the computer could not see (R1.3): where, seat, minutes, start."""

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        form = QFormLayout(self)
        self.kind = QComboBox()
        for kind in SITTING_KINDS:
            self.kind.addItem(_tr(KIND_WORDS[kind]), kind)
        self.kind.setAccessibleName(self.tr("Where you sat"))
        self.seat = QComboBox()
        self.seat.addItem(self.tr("Not said"), "")
        for seat in SEAT_KINDS:
            self.seat.addItem(
                _tr(SEAT_WORDS[seat]) if seat in SEAT_WORDS else seat.capitalize(), seat
            )
        self.seat.setToolTip(self.tr("Hard seats press more on the tendon."))
        self.seat.setAccessibleName(self.tr("Seat"))
        self.minutes = QSpinBox()
        self.minutes.setRange(0, 999)  # the domain checks 1–720 and says so
        self.minutes.setValue(30)
        self.minutes.setSuffix(self.tr(" min"))
        self.minutes.setAccessibleName(self.tr("Minutes sitting"))
        self.start = QDateTimeEdit()
        self.start.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.start.setAccessibleName(self.tr("When you sat down"))
        self.add_button = QPushButton(self.tr("Add"))
        self.add_button.clicked.connect(self.submit)
        self.errors = {name: error_label() for name in ("kind", "seat", "minutes", "started_at")}
        form.addRow(self.tr("Where"), self.kind)
        form.addRow("", self.errors["kind"])
        form.addRow(self.tr("Seat"), self.seat)
        form.addRow("", self.errors["seat"])
        form.addRow(self.tr("Minutes"), self.minutes)
        form.addRow("", self.errors["minutes"])
        form.addRow(self.tr("Sat down at"), self.start)
        form.addRow("", self.errors["started_at"])
        form.addRow("", self.add_button)
        self.reset_start()

    def reset_start(self) -> None:
        now = self.services.clock.now()
        start = now.timestamp() - self.minutes.value() * 60
        self.start.setDateTime(QDateTime.fromSecsSinceEpoch(int(start)))

    def started_at(self) -> datetime:
        now = self.services.clock.now()
        secs = self.start.dateTime().toSecsSinceEpoch()
        return datetime.fromtimestamp(secs, tz=now.tzinfo)

    def submit(self) -> bool:
        """Validate in the domain; on error show it by the field and write nothing."""
        for label in self.errors.values():
            show_error(label, None)
        try:
            self.services.breaks.add_manual_sitting(
                self.started_at(),
                self.minutes.value(),
                self.kind.currentData(),
                self.seat.currentData(),
            )
        except ValidationError as error:
            show_error(self.errors.get(error.field, self.errors["minutes"]), error.message)
            return False
        self.hide()
        return True


class SittingCard(QWidget):
    """SITTING: the live bout, next stand, actions, today's figures (docs/ux.md)."""

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
        self._deleted_id: int | None = None
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
        layout.addLayout(top)

        self.state_label = QLabel("")
        self.state_label.setAccessibleName(self.tr("Break reminder state"))
        layout.addWidget(self.state_label)

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
        layout.addLayout(actions)
        self.action_error = error_label()
        layout.addWidget(self.action_error)

        self.figures = QLabel("")
        self.figures.setWordWrap(True)
        self.figures.setAccessibleName(self.tr("Today's sitting figures"))
        self.by_source = QLabel("")
        self.by_source.setWordWrap(True)
        layout.addWidget(self.figures)
        layout.addWidget(self.by_source)

        self.add_manual_button = QPushButton(self.tr("Add sitting away from the computer…"))
        self.add_manual_button.clicked.connect(self.open_manual_form)
        self.manual_form = ManualSittingForm(services)
        self.manual_form.hide()
        self.manual_list = QListWidget()
        self.manual_list.setAccessibleName(self.tr("Sitting added by hand today"))
        self.delete_button = QPushButton(self.tr("Delete selected entry"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.undo_label = QLabel(self.tr("Entry deleted."))
        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_button.clicked.connect(self.undo_delete)
        undo_row = QHBoxLayout()
        undo_row.addWidget(self.delete_button)
        undo_row.addWidget(self.undo_label)
        undo_row.addWidget(self.undo_button)
        undo_row.addStretch(1)
        layout.addWidget(self.add_manual_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.manual_form)
        layout.addWidget(self.manual_list)
        layout.addLayout(undo_row)
        self._show_undo(False)

        self.breaks.pulse.connect(self._on_pulse)
        self.breaks.changed.connect(self.refresh_figures)
        self.breaks.state_changed.connect(lambda _s: self.refresh())
        self.refresh()
        self.refresh_figures()

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
        self.manual_list.clear()
        for entry in self.breaks.manual_today():
            local = entry.started_at.astimezone(self.services.clock.zone())
            kind = _tr(KIND_WORDS[entry.kind]) if entry.kind in KIND_WORDS else entry.kind
            if entry.seat:
                seat = (
                    _tr(SEAT_IN_SENTENCE[entry.seat])
                    if entry.seat in SEAT_IN_SENTENCE
                    else f"{entry.seat} seat"
                )
                text = self.tr("{time} · {kind}, {seat} · {minutes} min").format(
                    time=f"{local:%H:%M}", kind=kind, seat=seat, minutes=entry.minutes
                )
            else:
                text = self.tr("{time} · {kind} · {minutes} min").format(
                    time=f"{local:%H:%M}", kind=kind, minutes=entry.minutes
                )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            self.manual_list.addItem(item)
        count = self.manual_list.count()
        has_entries = count > 0
        if has_entries:  # as tall as its rows (at most four), not a big empty box
            rows = min(count, 4) * max(self.manual_list.sizeHintForRow(0), 1)
            self.manual_list.setFixedHeight(rows + 2 * self.manual_list.frameWidth() + 2)
        self.manual_list.setVisible(has_entries)
        self.delete_button.setVisible(has_entries)

    # --- actions ---------------------------------------------------------------------

    def _do(self, action: Callable[[], None]) -> None:
        show_error(self.action_error, None)
        try:
            action()
        except ValidationError as error:
            show_error(self.action_error, error.message)
        self.refresh()

    def open_manual_form(self) -> None:
        self.manual_form.reset_start()
        self.manual_form.setVisible(not self.manual_form.isVisible())

    def delete_selected(self) -> None:
        item = self.manual_list.currentItem()
        if item is None:
            show_error(self.action_error, self.tr("Choose an entry to delete first."))
            return
        bout_id = int(item.data(Qt.ItemDataRole.UserRole))
        self._do(lambda: self.breaks.delete_manual_sitting(bout_id))
        self._deleted_id = bout_id
        self._show_undo(True)

    def undo_delete(self) -> None:
        if self._deleted_id is not None:
            bout_id = self._deleted_id
            self._do(lambda: self.breaks.undo_delete_manual_sitting(bout_id))
        self._deleted_id = None
        self._show_undo(False)

    def _show_undo(self, visible: bool) -> None:
        self.undo_label.setVisible(visible)
        self.undo_button.setVisible(visible)
