"""Settings ▸ Runs: the watched folder, the fast margin, and the thresholds shown (issue 14).

The hilly thresholds are declared once in ``domain/run_flags.py`` with their reasons;
this form only shows them. The fast margin is the user's (it applies to runs imported
from now on: flags already given are kept, with the reason they were given).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from pht_desktop.domain import run_flags
from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.run_fast_margin import FAST_MARGIN_PCT_RANGE
from pht_desktop.domain.run_files import (
    CLIMB_SEGMENT_M,
    FAST_SEGMENT_M,
    HILL_EFFORT_GRADE,
    HILL_EFFORT_MIN_M,
    SMOOTH_GPS_M,
    STRIDE_WINDOW_S,
)
from pht_desktop.services.run_settings import RunSettingsService
from pht_desktop.ui.setting_fields import ChangeRecorder, RangeSpinBox, no_recorder, refused
from pht_desktop.ui.style import error_label, show_error, small_text


class RunSettingsForm(QGroupBox):
    """Where the watch's files arrive, and what makes a run hilly or fast."""

    def __init__(
        self,
        service: RunSettingsService,
        record: ChangeRecorder = no_recorder,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Runs from your watch"))
        self.service = service
        self.record = record
        self.dialog: QFileDialog | None = None
        form = QFormLayout(self)
        form.addRow(
            small_text(
                self.tr(
                    "GPX, TCX and FIT files (File ▸ Import runs…, or drop them on the "
                    "window). A folder your watch or Strava export fills can be watched: "
                    "new runs are imported when the app starts and when files arrive."
                )
            )
        )
        self.folder = QLabel()
        self.folder.setAccessibleName(self.tr("Watched folder"))
        self.choose = QPushButton(self.tr("Choose…"))
        self.choose.clicked.connect(self.choose_folder)
        self.stop = QPushButton(self.tr("Stop watching"))
        self.stop.clicked.connect(lambda: self.set_folder(None))
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(self.choose)
        row.addWidget(self.stop)
        form.addRow(self.tr("Watched folder"), row)

        self.margin = RangeSpinBox(*FAST_MARGIN_PCT_RANGE, " %")
        self.margin.setAccessibleName(self.tr("Fast margin"))
        self.margin.setToolTip(
            self.tr(
                "Running this much quicker than your easy pace is tempo or faster; everyday "
                "drift from wind and mood stays within 5–10 %. Applies to runs imported "
                "from now on."
            )
        )
        self.margin.valueChanged.connect(self._save_margin)
        form.addRow(self.tr("Fast: quicker than easy pace by"), self.margin)
        self.error = error_label()
        form.addRow("", self.error)
        self.thresholds = small_text(
            self.tr(
                "Hilly: {gain:.0f} m climbed per km, a {grade:.0f} % climb held for "
                "{climb:.0f} m, or {efforts} short hill efforts ({effort_grade:.0f} % over "
                "{effort_m:.0f} m; seen only in a barometric watch's steady heights — GPS "
                "heights are smoothed over {smooth:.0f} m). Fast: {segment:.0f} m, or "
                "{strides} strides of {stride:.0f} s, quicker than your easy pace by the "
                "margin above (strides also by {z:g}× the run's own GPS scatter); your easy "
                "pace is the middle pace of your last {runs} continuous runs (with fewer "
                "than {least}, a run is compared with its own running pace)."
            ).format(
                gain=run_flags.HILLY_GAIN_PER_KM,
                grade=run_flags.HILLY_GRADE * 100,
                climb=CLIMB_SEGMENT_M,
                efforts=run_flags.HILL_EFFORTS,
                effort_grade=HILL_EFFORT_GRADE * 100,
                effort_m=HILL_EFFORT_MIN_M,
                smooth=SMOOTH_GPS_M,
                segment=FAST_SEGMENT_M,
                strides=run_flags.STRIDES,
                stride=STRIDE_WINDOW_S,
                z=run_flags.STRIDE_NOISE_Z,
                runs=run_flags.EASY_PACE_RUNS,
                least=run_flags.EASY_PACE_MIN_RUNS,
            )
        )
        form.addRow(self.tr("Thresholds"), self.thresholds)
        service.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        folder = self.service.watch_folder()
        self.folder.setText(str(folder) if folder else self.tr("None"))
        self.stop.setEnabled(folder is not None)
        self.margin.blockSignals(True)
        self.margin.setValue(self.service.fast_margin())
        self.margin.blockSignals(False)

    def _save_margin(self, value: int) -> None:
        before = self.service.fast_margin()
        if value == before:
            return
        try:
            self.service.set_fast_margin(value)
        except ValidationError as error:
            show_error(self.error, refused(error.message))
            return
        show_error(self.error, None)
        self.record(
            self.tr("Fast margin {before} → {after} %").format(before=before, after=value),
            lambda: self.service.set_fast_margin(before),
        )

    def choose_folder(self) -> QFileDialog:
        dialog = QFileDialog(self, self.tr("Folder to watch for run files"))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.fileSelected.connect(lambda name: self.set_folder(Path(name)))
        self.dialog = dialog
        dialog.open()
        return dialog

    def set_folder(self, folder: Path | None) -> None:
        before = self.service.watch_folder()
        try:
            self.service.set_watch_folder(folder)
        except ValidationError as error:
            show_error(self.error, refused(error.message))
            return
        show_error(self.error, None)
        self.record(
            self.tr("Watched folder: {folder}").format(folder=folder or self.tr("none")),
            lambda: self.service.set_watch_folder(before),
        )
