"""YESTERDAY and WHAT NEXT on the Today pane (R3.2, R3.5, R3.6, R3.8, R3.9, R2.7, R5).

One sentence with the numbers behind it (docs/ux.md). The verdict carries a shape and a
word as well as its Okabe–Ito colour, so colour is never the only signal. A stage move is
only offered: it is recorded once the user says yes through :func:`ui.ask.ask` (R2.7).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.guidance import Guidance, StageProposal
from pht_desktop.domain.morning import BaselineMode
from pht_desktop.domain.profile import STAGE_NAMES
from pht_desktop.domain.verdicts import REASON_NO_BASELINE, REASON_NO_MORNING, Outcome, Verdict
from pht_desktop.services.registry import Services
from pht_desktop.ui import ask
from pht_desktop.ui.style import (
    EXCEEDED_COLOUR,
    SPACING,
    TITLE_WIDTH,
    TOLERATED_COLOUR,
    UNKNOWN_COLOUR,
    error_label,
    scaled_font,
    section_title,
    show_error,
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


def streak_text(streak: int, progress_after: int, dose: str | None) -> str:
    """ "4 of 6 tolerated days at this dose (…)": the run R3.5 and R2.7 count."""
    if dose is None:
        return QCoreApplication.translate("GuidanceCard", "No load days logged yet.")
    if streak < progress_after:
        text = QCoreApplication.translate(
            "GuidanceCard", "{streak} of {progress_after} tolerated days at this dose: {dose}"
        )
    else:
        text = QCoreApplication.translate(
            "GuidanceCard",
            "{streak} tolerated days in a row at this dose (progress after {progress_after}): "
            "{dose}",
        )
    return text.format(streak=streak, progress_after=progress_after, dose=dose)


class GuidanceCard(QWidget):
    """Yesterday's verdict, the streak, the suggestion, and the R5 disclaimer."""

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.proposal: StageProposal | None = None

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
                "Fixed: compared with your baseline in force that morning. Pre-load morning: "
                "compared with the morning of the load day. Change it in Settings."
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

        grid.addWidget(section_title(self.tr("WHAT NEXT")), 1, 0, Qt.AlignmentFlag.AlignTop)
        grid.setVerticalSpacing(2 * SPACING)
        what_next = QVBoxLayout()
        self.suggestion_label = QLabel()
        self.suggestion_label.setWordWrap(True)
        self.suggestion_label.setAccessibleName(self.tr("Suggestion"))
        self.streak_label = small_text("")
        self.streak_label.setAccessibleName(self.tr("Streak"))
        self.stage_button = QPushButton()
        self.stage_button.setAccessibleName(self.tr("Move to the next stage"))
        self.stage_button.clicked.connect(self._ask_stage_move)
        self.stage_error = error_label()
        self.stage_status = small_text("")
        self.stage_status.hide()
        button_row = QHBoxLayout()
        button_row.addWidget(self.stage_button)
        button_row.addStretch(1)
        what_next.addWidget(self.suggestion_label)
        what_next.addWidget(self.streak_label)
        what_next.addLayout(button_row)
        what_next.addWidget(self.stage_error)
        what_next.addWidget(self.stage_status)
        grid.addLayout(what_next, 1, 1)

        self.disclaimer = small_text("")
        self.disclaimer.setAccessibleName(self.tr("Disclaimer"))
        grid.addWidget(self.disclaimer, 2, 0, 1, 2)
        grid.setColumnStretch(1, 1)

        services.morning.changed.connect(self.refresh)
        services.profile.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Recompute from the service: verdicts are never cached (R3.6)."""
        morning = self.services.morning
        advice = morning.guidance_today()
        self._show_yesterday(advice)
        self.suggestion_label.setText(advice.suggestion_text)
        self.streak_label.setText(streak_text(advice.streak, morning.progress_after(), advice.dose))
        # No line said twice (issue 13): without a dose the suggestion already says it.
        self.streak_label.setVisible(advice.dose is not None)
        self.proposal = advice.propose_stage_change
        if self.proposal is None:
            self.stage_button.hide()
        else:
            name = STAGE_NAMES[self.proposal.proposed]
            self.stage_button.setText(
                self.tr("Move to stage {stage} ({name})…").format(
                    stage=self.proposal.proposed, name=name
                )
            )
            self.stage_button.show()
        self.disclaimer.setText(advice.disclaimer)

    def _show_yesterday(self, advice: Guidance) -> None:
        verdict: Verdict | None = advice.yesterday_verdict
        mode = verdict.mode if verdict is not None else self.services.morning.baseline_mode()
        self.mode_label.setText(self.tr("Compared with: {mode}").format(mode=mode.label))
        # The default needs no word under the big sentence; a chosen other mode does.
        self.mode_label.setVisible(mode is not BaselineMode.FIXED and verdict is not None)
        text = advice.yesterday
        if verdict is None:
            self.marker.hide()
            text = self.tr("No exercise logged yesterday: nothing to judge this morning.")
        else:
            shape, colour = MARKERS[verdict.outcome]
            self.marker.setText(shape)
            self.marker.setStyleSheet(f"color: {colour};")
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

    def _ask_stage_move(self) -> None:
        """Propose; nothing is recorded unless the user says yes (R2.7, R3.5)."""
        proposal = self.proposal
        if proposal is None:
            return
        name = STAGE_NAMES[proposal.proposed]
        ask.ask(
            self,
            self.tr("Move to the next stage?"),
            # The proposal sentence comes from domain/; the stage name too.
            self.tr(
                "{proposal}\n\nStage {stage}: {name}. The change is kept with today's date."
            ).format(proposal=proposal.text, stage=proposal.proposed, name=name),
            lambda yes: self._answer(proposal, yes),
        )

    def _answer(self, proposal: StageProposal, confirmed: bool) -> None:
        if not confirmed:
            return
        try:
            event = self.services.morning.accept_stage_proposal(proposal)
        except ValidationError as error:
            show_error(self.stage_error, error.message)
            return
        show_error(self.stage_error, None)
        self.stage_status.setText(
            self.tr("Stage {stage} recorded from {date}.").format(
                stage=event.stage, date=event.effective_date.isoformat()
            )
        )
        self.stage_status.show()
