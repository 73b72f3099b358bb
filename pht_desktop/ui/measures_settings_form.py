"""Settings ▸ Rehab: how often the outcome measures are due (issue 15), 1–4 weeks.

Applies at once with Undo, like every setting (issue 13's model); an entry outside the
range is refused next to the field by the domain's own check, never clamped.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox

from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.measures import INTERVAL_WEEKS_RANGE
from pht_desktop.services.registry import Services
from pht_desktop.ui.setting_fields import ChangeRecorder, RangeSpinBox, no_recorder, refused
from pht_desktop.ui.style import error_label, show_error, small_text


class MeasureReminderForm(QGroupBox):
    """ "Outcome measures: remind me every [2] weeks"."""

    def __init__(self, services: Services, record: ChangeRecorder = no_recorder) -> None:
        super().__init__(self.tr("Outcome measures"))
        self.measures = services.measures
        self.record = record
        form = QFormLayout(self)
        form.addRow(
            small_text(
                self.tr(
                    "Sitting tolerance and the single-leg bridge, taken the same way every "
                    "few weeks, show whether the tendon is getting stronger and more tolerant."
                )
            )
        )
        self.interval = RangeSpinBox(*INTERVAL_WEEKS_RANGE, self.tr(" weeks"))
        self.interval.setAccessibleName(self.tr("Measure reminder interval"))
        self.interval.setValue(self.measures.interval_weeks())
        self.interval.valueChanged.connect(self._save)
        self.error = error_label()
        form.addRow(self.tr("Remind me every"), self.interval)
        form.addRow("", self.error)
        self.measures.changed.connect(self.refresh)

    def refresh(self) -> None:
        self.interval.blockSignals(True)
        self.interval.setValue(self.measures.interval_weeks())
        self.interval.blockSignals(False)

    def _save(self, value: int) -> None:
        before = self.measures.interval_weeks()
        try:
            clean = self.measures.set_interval_weeks(value)
        except ValidationError as error:
            show_error(self.error, refused(error.message))
            return
        show_error(self.error, None)
        if clean != before:
            self.record(
                self.tr("Measure reminder {before} → {after} weeks").format(
                    before=before, after=clean
                ),
                lambda: self.measures.set_interval_weeks(before),
            )
