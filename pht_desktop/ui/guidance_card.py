"""YESTERDAY on the Today pane: the verdict and its flags (R3.2, R3.6, R3.8, R3.9).

One sentence with the numbers behind it (docs/ux.md). The verdict carries a shape and a
word as well as its Okabe–Ito colour, so colour is never the only signal. What to do about
it is the plan's job: :mod:`pht_desktop.ui.plan_card` shows the one instruction (issue 11).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from pht_desktop.domain.guidance import Yesterday
from pht_desktop.domain.morning import BaselineMode
from pht_desktop.domain.verdicts import REASON_NO_BASELINE, REASON_NO_MORNING, Outcome, Verdict
from pht_desktop.services.registry import Services
from pht_desktop.ui.style import (
    EXCEEDED_COLOUR,
    SPACING,
    TITLE_WIDTH,
    TOLERATED_COLOUR,
    UNKNOWN_COLOUR,
    scaled_font,
    section_title,
    set_text_colour,
    small_text,
)

MARKERS: dict[Outcome, tuple[str, str]] = {
    Outcome.TOLERATED: ("✓", TOLERATED_COLOUR),
    Outcome.EXCEEDED: ("▲", EXCEEDED_COLOUR),
    Outcome.UNKNOWN: ("○", UNKNOWN_COLOUR),
}
"""Shape and colour per outcome (docs/ux.md: colour only together with shape and text)."""

# The marker's accessible name per outcome; marked for translation, shown through
# ``QCoreApplication.translate("GuidanceCard", …)``.
OUTCOME_WORDS: dict[Outcome, str] = {
    Outcome.TOLERATED: str(QT_TRANSLATE_NOOP("GuidanceCard", "Tolerated")),
    Outcome.EXCEEDED: str(QT_TRANSLATE_NOOP("GuidanceCard", "Exceeded")),
    Outcome.UNKNOWN: str(QT_TRANSLATE_NOOP("GuidanceCard", "Unknown")),
}


class GuidanceCard(QWidget):
    """Yesterday's verdict and its flags; the plan card says what to do."""

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(2 * SPACING)
        grid.setVerticalSpacing(SPACING)

        yesterday_title = section_title(self.tr("YESTERDAY"))
        yesterday_title.setMinimumWidth(TITLE_WIDTH)
        grid.addWidget(yesterday_title, 0, 0, Qt.AlignmentFlag.AlignTop)
        yesterday = QVBoxLayout()
        verdict_row = QHBoxLayout()
        verdict_row.setSpacing(SPACING)
        self.marker = QLabel()
        self.marker.setFont(scaled_font(self.marker, 1.6, bold=True))
        # The big sentence of the pane (issue 13): one glance, one number, one sentence.
        self.verdict_label = QLabel()
        self.verdict_label.setWordWrap(True)
        self.verdict_label.setFont(scaled_font(self.verdict_label, 1.3, bold=True))
        self.verdict_label.setAccessibleName(self.tr("Yesterday's verdict"))
        self.mode_label = small_text("")
        self.mode_label.setWordWrap(False)
        self.mode_label.setAccessibleName(self.tr("Baseline mode"))
        self.mode_label.setToolTip(
            self.tr(
                "Fixed baseline: each next morning is compared with your baseline at the time. "
                "Pre-load morning: with the morning of the exercise day itself. Change it in "
                "Settings."
            )
        )
        verdict_row.addWidget(self.marker, 0, Qt.AlignmentFlag.AlignTop)
        verdict_row.addWidget(self.verdict_label, 1)
        yesterday.addLayout(verdict_row)
        yesterday.addWidget(self.mode_label)
        self.flags_label = small_text("")
        self.flags_label.setAccessibleName(self.tr("Flags"))
        yesterday.addWidget(self.flags_label)
        grid.addLayout(yesterday, 0, 1)

        grid.setColumnStretch(1, 1)

        services.morning.changed.connect(self.refresh)
        services.profile.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Recompute from the service: verdicts are never cached (R3.6)."""
        self._show_yesterday(self.services.morning.yesterday())

    def _show_yesterday(self, advice: Yesterday) -> None:
        verdict: Verdict | None = advice.verdict
        mode = verdict.mode if verdict is not None else self.services.morning.baseline_mode()
        self.mode_label.setText(self.tr("Compared with: {mode}").format(mode=mode.label))
        # The default needs no word under the big sentence; a chosen other mode does.
        self.mode_label.setVisible(mode is not BaselineMode.FIXED and verdict is not None)
        text = advice.sentence
        if verdict is None:
            self.marker.hide()
            text = self.tr("No exercise logged yesterday: nothing to judge this morning.")
        else:
            shape, colour = MARKERS[verdict.outcome]
            self.marker.setText(shape)
            set_text_colour(self.marker, colour)
            self.marker.setAccessibleName(
                QCoreApplication.translate("GuidanceCard", OUTCOME_WORDS[verdict.outcome])
            )
            self.marker.show()
            if verdict.reason == REASON_NO_MORNING:
                # The verdict sentence comes from domain/.
                text = self.tr("{verdict} (record this morning's pain above)").format(verdict=text)
            elif verdict.reason == REASON_NO_BASELINE:
                text = self.tr(
                    "{verdict} (set your baseline in Settings ▸ Morning test & baseline)"
                ).format(verdict=text)
        self.verdict_label.setText(text)
        self.flags_label.setText("\n".join(f"! {note}" for note in advice.notes))
        self.flags_label.setVisible(bool(advice.notes))
