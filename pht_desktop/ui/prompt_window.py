"""The break prompt (R1.1, R1.3, R1.4): small, top-centre, polite, answered in one key.

A real top-level window that stays on top but is never modal and never steals the
keyboard: it shows without activating, and while the user is typing it does not accept
focus at all (docs/ux.md principle 5). It only emits signals; the break controller
turns them into service calls, so the scheduler stays the one source of truth.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QCloseEvent, QCursor, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pht_desktop.domain.guidance import DISCLAIMER
from pht_desktop.domain.plan import BreakOffer
from pht_desktop.domain.scheduler import PromptDue
from pht_desktop.ui.durations import clock_text, minutes_text
from pht_desktop.ui.style import SPACING, scaled_font, small_text

# R1.4, from the seed page; one is shown per prompt, in turn. Marked for translation;
# shown through ``QCoreApplication.translate("PromptWindow", …)``.
TIPS: tuple[str, ...] = (
    str(
        QT_TRANSLATE_NOOP(
            "PromptWindow",
            "Avoid hard or narrow seats: they press on the sitting bone where the tendon attaches.",
        )
    ),
    str(
        QT_TRANSLATE_NOOP(
            "PromptWindow",
            "Sit with a slight hollow in your lower back; slumping (tilting the pelvis back) "
            "loads the tendon.",
        )
    ),
    str(
        QT_TRANSLATE_NOOP(
            "PromptWindow", "If you have a sit-stand desk, use it: stand for part of each hour."
        )
    ),
    str(
        QT_TRANSLATE_NOOP(
            "PromptWindow",
            "Don't do seated hamstring stretches: they compress the tendon early in rehab.",
        )
    ),
)


class CurrentPageStack(QWidget):
    """Pages of which one is shown, sized by the page shown only.

    A QStackedWidget is as big as its biggest page: its layout takes the largest size and
    height-for-width over all pages (and a parent layout asks that layout directly), so
    the shorter page of the prompt had an empty strip along the bottom (issue 13). Here
    the pages sit in a plain column and all but the current one are hidden, and a layout
    leaves hidden widgets out: the size, height-for-width included, is the shown page's.
    """

    currentChanged = Signal(int)  # noqa: N815 (the QStackedWidget name it stands in for)

    def __init__(self) -> None:
        super().__init__()
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._pages: list[QWidget] = []
        self._current = -1

    def addWidget(self, page: QWidget) -> int:
        self._pages.append(page)
        self._column.addWidget(page)
        if self._current < 0:
            self._current = 0
        page.setVisible(len(self._pages) - 1 == self._current)
        return len(self._pages) - 1

    def count(self) -> int:
        return len(self._pages)

    def widget(self, index: int) -> QWidget | None:
        return self._pages[index] if 0 <= index < len(self._pages) else None

    def currentIndex(self) -> int:
        return self._current

    def currentWidget(self) -> QWidget | None:
        return self.widget(self._current)

    def setCurrentIndex(self, index: int) -> None:
        if index == self._current or self.widget(index) is None:
            return
        for i, page in enumerate(self._pages):
            page.setVisible(i == index)
        self._current = index
        self.currentChanged.emit(index)


def needed_height(widget: QWidget, width: int) -> int:
    """The height ``widget`` needs at ``width``: its height-for-width if it wraps text,
    else its size hint's height."""
    height = widget.heightForWidth(width)
    return height if height >= 0 else widget.sizeHint().height()


class FloatingWindow(QWidget):
    """A small always-on-top window at the top centre of the cursor's screen that shows
    without taking the keyboard. Shared by the prompt and "Were you up?"."""

    def __init__(self, title: str) -> None:
        super().__init__(None, Qt.WindowType.Tool | Qt.WindowType.WindowStaysOnTopHint)
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self._quiet_close = False

    def show_politely(self, typing: bool) -> None:
        """Show at the top centre; refuse focus while the user is typing."""
        self.set_typing(typing)
        self.fit()
        screen = QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()
        if screen is not None:
            area = screen.availableGeometry()
            x = area.x() + (area.width() - self.width()) // 2
            self.move(x, area.y() + 3 * SPACING)
        self.show()

    def fit(self) -> None:
        """As tall as the content needs at the window's width: no strip, nothing clipped."""
        for child in self.findChildren(QWidget):
            child.updateGeometry()  # drop cached sizes: text shown a moment ago counts now
        layout = self.layout()
        if layout is not None:
            layout.activate()
        shown = self.width() if self.isVisible() else 0  # no width jump between pages
        width = max(shown, self.minimumWidth(), self.sizeHint().width())
        self.resize(width, needed_height(self, width))

    def set_typing(self, typing: bool) -> None:
        """While typing: no focus at all; once the user pauses, a click may focus it."""
        flag = Qt.WindowType.WindowDoesNotAcceptFocus
        if bool(self.windowFlags() & flag) == typing:
            return
        visible = self.isVisible()
        self.setWindowFlag(flag, typing)
        if visible:
            self.show()  # changing flags hides a window; WA_ShowWithoutActivating holds

    def close_quietly(self) -> None:
        """Close because the state moved on (not the user's 'close')."""
        self._quiet_close = True
        self.close()
        self._quiet_close = False


class PromptWindow(FloatingWindow):
    """Ask page (Stand now · Snooze · Skip) and stand page (countdown, Done, sit early)."""

    stand_requested = Signal()
    snooze_requested = Signal()
    skip_requested = Signal(str)
    dismissed = Signal()
    done_requested = Signal()
    sit_early_requested = Signal()
    start_hold_requested = Signal(object)

    def __init__(self, snooze_minutes: int = 5) -> None:
        super().__init__(QCoreApplication.translate("PromptWindow", "Time to stand — PHT Desktop"))
        self._tip_index = 0
        self._planned = 0.0
        self.pages = CurrentPageStack()
        self.pages.addWidget(self._build_ask(snooze_minutes))
        self.pages.addWidget(self._build_stand())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2 * SPACING, 2 * SPACING, 2 * SPACING, 2 * SPACING)
        layout.addWidget(self.pages)
        self.setMinimumWidth(56 * SPACING)
        self._shortcuts: list[tuple[QShortcut, int]] = []
        for key, page, slot in (
            ("S", 0, self.stand_button.click),
            ("Z", 0, self.snooze_button.click),
            ("K", 0, self.skip_button.click),
            ("D", 1, self.done_button.click),
            ("E", 1, self.sit_early_button.click),
        ):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.activated.connect(slot)
            self._shortcuts.append((shortcut, page))
        self.pages.currentChanged.connect(self._enable_shortcuts)
        self.pages.currentChanged.connect(self._refit)
        self._enable_shortcuts(0)

    # --- pages -------------------------------------------------------------------------

    def _build_ask(self, snooze_minutes: int) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.headline = QLabel()
        self.headline.setFont(scaled_font(self.headline, 1.3, bold=True))
        self.tip = small_text("")
        self.stand_button = QPushButton(self.tr("&Stand now (S)"))
        self.stand_button.setDefault(True)
        self.snooze_button = QPushButton(self._snooze_text(snooze_minutes))
        self.skip_button = QPushButton(self.tr("S&kip (K)"))
        self.skip_reason = QLineEdit()
        self.skip_reason.setPlaceholderText(self.tr("Why skip? (optional)"))
        self.skip_reason.setAccessibleName(self.tr("Reason for skipping"))
        self.skip_reason.setMaxLength(200)
        self.snooze_note = small_text("")
        self.snooze_note.hide()
        buttons = QHBoxLayout()
        for button in (self.stand_button, self.snooze_button, self.skip_button):
            buttons.addWidget(button)
        layout.addWidget(self.headline)
        layout.addWidget(self.tip)
        layout.addLayout(buttons)
        layout.addWidget(self.skip_reason)
        layout.addWidget(self.snooze_note)
        self.stand_button.clicked.connect(self.stand_requested)
        self.snooze_button.clicked.connect(self.snooze_requested)
        self.skip_button.clicked.connect(lambda: self.skip_requested.emit(self.skip_reason.text()))
        # Typing a reason then Enter skips (a default button only works in a dialog).
        self.skip_reason.returnPressed.connect(self.skip_button.click)
        disclaimer = small_text(DISCLAIMER)  # the tips are guidance: R5 goes with them
        layout.addWidget(disclaimer)
        return page

    def _build_stand(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.stand_title = QLabel(self.tr("Stand up and move a little."))
        self.stand_title.setFont(scaled_font(self.stand_title, 1.15, bold=True))
        self.countdown = QLabel("0:00")
        self.countdown.setFont(scaled_font(self.countdown, 2.4, bold=True))
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown.setAccessibleName(self.tr("Time left standing"))
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.done_button = QPushButton(self.tr("&Done (D)"))
        self.sit_early_button = QPushButton(self.tr("Sitting down &early (E)"))
        self.offer: BreakOffer | None = None
        self.hold_offer = small_text("")
        self.hold_button = QPushButton(self.tr("Start the hold timer"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.done_button)
        buttons.addWidget(self.sit_early_button)
        layout.addWidget(self.stand_title)
        layout.addWidget(self.countdown)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)
        layout.addWidget(self.hold_offer)
        layout.addWidget(self.hold_button)
        self.done_button.clicked.connect(self.done_requested)
        self.sit_early_button.clicked.connect(self.sit_early_requested)
        self.hold_button.clicked.connect(self._start_offer)
        self.set_hold_offer(None)
        return page

    def set_hold_offer(self, offer: BreakOffer | None) -> None:
        """The plan's standing hold that fits this break (issue 11), or no offer at all."""
        self.offer = offer
        self.hold_offer.setVisible(offer is not None)
        self.hold_button.setVisible(offer is not None)
        if offer is not None:
            self.hold_offer.setText(self._offer_text(offer))
        self._refit()

    def _offer_text(self, offer: BreakOffer) -> str:
        return self.tr(
            "While you stand, you could do {exercise}: {holds} × {seconds} s, "
            "{rest} s rest between (about {total} s)."
        ).format(
            exercise=offer.name,
            holds=offer.holds,
            seconds=offer.hold_s,
            rest=offer.rest_s,
            total=offer.seconds,
        )

    def _start_offer(self) -> None:
        if self.offer is not None:
            self.start_hold_requested.emit(self.offer)

    def _snooze_text(self, snooze_minutes: int) -> str:
        return self.tr("Snoo&ze {minutes} min (Z)").format(minutes=snooze_minutes)

    def _refit(self) -> None:
        if self.isVisible():
            self.fit()

    def _enable_shortcuts(self, current: int) -> None:
        for shortcut, page in self._shortcuts:
            shortcut.setEnabled(page == current)

    # --- what the controller calls ----------------------------------------------------

    @property
    def asking(self) -> bool:
        return self.isVisible() and self.pages.currentIndex() == 0

    @property
    def standing(self) -> bool:
        return self.isVisible() and self.pages.currentIndex() == 1

    def show_prompt(self, due: PromptDue, typing: bool, snooze_minutes: int) -> None:
        """Fill the ask page for ``due`` (a fresh tip each time) and show it."""
        self.update_bout(due.bout_seconds)
        self.tip.setText(
            QCoreApplication.translate("PromptWindow", TIPS[self._tip_index % len(TIPS)])
        )
        self._tip_index += 1
        self.snooze_button.setText(self._snooze_text(snooze_minutes))
        self.snooze_button.setEnabled(due.can_snooze)
        self.snooze_note.setVisible(not due.can_snooze)
        self.snooze_note.setText(
            self.tr(
                "You've snoozed %n time(s) in a row, so this one is Stand now or Skip.",
                "",
                due.snoozes_in_row,
            )
        )
        self.skip_reason.clear()
        self.pages.setCurrentIndex(0)
        self.show_politely(typing)

    def update_bout(self, bout_seconds: float) -> None:
        """Keep the question's bout current while it waits for an answer (issue 17)."""
        self.headline.setText(
            self.tr("You've been sitting {duration}.").format(duration=minutes_text(bout_seconds))
        )

    def show_stand(self, planned_seconds: float, typing: bool = False) -> None:
        """Switch to (or open on) the stand countdown."""
        self._planned = planned_seconds
        self.progress.setRange(0, max(1, round(planned_seconds)))
        self.pages.setCurrentIndex(1)
        self.update_stand(planned_seconds)
        if not self.isVisible():
            self.show_politely(typing)

    def update_stand(self, remaining: float) -> None:
        self.countdown.setText(clock_text(remaining))
        self.progress.setValue(round(max(0.0, self._planned - remaining)))

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the ask page = no answer (R1.3 'no_answer'); the stand page just hides."""
        if not self._quiet_close and self.pages.currentIndex() == 0 and self.isVisible():
            self.dismissed.emit()
        super().closeEvent(event)
