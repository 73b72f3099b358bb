""" "Were you up?" — idle is *possibly away*, not *stood* (issue 3, item 2; R1.2).

A small non-blocking popup. No answer within the timeout: the scheduler records the
absence as 'unknown' and the controller closes this window (state-driven, so a fake
clock in tests closes it too).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from pht_desktop.domain.scheduler import AskWereYouUp, WereYouUp
from pht_desktop.ui.durations import minutes_text
from pht_desktop.ui.prompt_window import FloatingWindow
from pht_desktop.ui.style import SPACING, scaled_font, small_text


class WereYouUpWindow(FloatingWindow):
    """Three answers: Stood (a break, R1.2) · Sat elsewhere · Sat here (still sitting).

    Closing it without an answer leaves the absence to the timeout ('unknown').
    """

    answered = Signal(str)  # a WereYouUp value

    def __init__(self) -> None:
        super().__init__(
            QCoreApplication.translate("WereYouUpWindow", "Were you up? — PHT Desktop")
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2 * SPACING, 2 * SPACING, 2 * SPACING, 2 * SPACING)
        self.question = QLabel(self.tr("Were you up?"))
        self.question.setFont(scaled_font(self.question, 1.2, bold=True))
        self.note = small_text("")
        self.stood_button = QPushButton(self.tr("I &stood (S)"))
        self.elsewhere_button = QPushButton(self.tr("Sat &elsewhere (E)"))
        self.here_button = QPushButton(self.tr("Sat &here (H)"))
        row = QHBoxLayout()
        for button, answer, key in (
            (self.stood_button, WereYouUp.STOOD, "S"),
            (self.elsewhere_button, WereYouUp.SAT_ELSEWHERE, "E"),
            (self.here_button, WereYouUp.SAT_HERE, "H"),
        ):
            row.addWidget(button)
            button.clicked.connect(lambda _=False, a=answer: self._answer(a))
            QShortcut(QKeySequence(key), self).activated.connect(button.click)
        layout.addWidget(self.question)
        layout.addLayout(row)
        layout.addWidget(self.note)

    def ask(self, event: AskWereYouUp, typing: bool) -> None:
        self.question.setText(
            self.tr("Were you up? You were away {duration}.").format(
                duration=minutes_text(event.away_seconds)
            )
        )
        self.note.setText(
            self.tr(
                "Standing counts as a break; sitting elsewhere still counts as sitting. "
                "With no answer within {seconds} s, the time counts as not known."
            ).format(seconds=round(event.timeout_seconds))
        )
        self.show_politely(typing)

    def _answer(self, answer: WereYouUp) -> None:
        self.close_quietly()
        self.answered.emit(answer.value)
