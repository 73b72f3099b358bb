"""The Progress pane: summary line, range buttons, the charts and their exports (issue 6).

Built the first time the tab opens (``LazyPane``), which is the first moment matplotlib
is imported. The figures' artists are made once; a range switch only moves the x
limits and calls ``draw_idle`` (architecture habit 8), which keeps years of data instant.

Opening with years of data: the first draw shows the default range from a bounded read
while the service reads the whole history on a worker thread; ``history_ready`` then
puts it into the same artists. A range switch before that waits for the read. The
legend is a Qt label beside the canvas, so redraws do not re-render its text.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QTimer, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pht_desktop.domain.guidance import DISCLAIMER
from pht_desktop.domain.progress import ProgressData, RangePreset
from pht_desktop.services.registry import Services
from pht_desktop.ui import style
from pht_desktop.ui.charts.canvas import ChartCanvas, make_toolbar
from pht_desktop.ui.charts.figure import ProgressFigure, SittingFigure, new_figure
from pht_desktop.ui.charts.legend import ChartLegend
from pht_desktop.ui.theme import is_dark

DEFAULT_PRESET = RangePreset.SIX_WEEKS
# Marked for translation; shown through ``QCoreApplication.translate("ProgressPane", …)``.
EMPTY_TEXT = str(
    QT_TRANSLATE_NOOP(
        "ProgressPane",
        "Nothing to chart yet. Record this morning's pain on the Today pane and log an "
        "exercise or a run: each load day then gets its verdict from the next morning, "
        "and your sitting shows up here as the break reminder records it.",
    )
)
NO_LOAD_TEXT = str(
    QT_TRANSLATE_NOOP(
        "ProgressPane",
        "Only morning pain so far: log an exercise or a run, and each load day gets a "
        "verdict (tolerated or exceeded) from the next morning.",
    )
)
NO_PAIN_TEXT = str(
    QT_TRANSLATE_NOOP(
        "ProgressPane",
        "No morning pain recorded yet: a load day's verdict needs the next morning's "
        "check-in on the Today pane, so these days show as unknown.",
    )
)

AskPath = Callable[[str, Callable[[Path], None]], None]


class ProgressPane(QWidget):
    """Pain vs baseline with verdicts, load and sitting on one date axis; sitting vs morning."""

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.progress = services.progress
        self.preset = DEFAULT_PRESET
        self.start: date | None = None
        self.end: date | None = None
        self._dark = is_dark(self.palette())
        self.ask_export_path: AskPath = self._ask_export_path
        """Asks where to save (non-blocking); tests replace it with a direct answer."""

        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.SPACING, style.SPACING, style.SPACING, style.SPACING)
        layout.setSpacing(style.SPACING)
        layout.addLayout(self._build_controls())
        self.summary_label = QLabel("")
        self.summary_label.setAccessibleName(self.tr("Progress summary"))
        self.summary_label.setWordWrap(True)
        self.summary_label.setFont(style.scaled_font(self.summary_label, 1.05, bold=True))
        layout.addWidget(self.summary_label)
        self.hint_label = style.small_text("")
        self.hint_label.setAccessibleName(self.tr("Progress hint"))
        self.hint_label.hide()
        layout.addWidget(self.hint_label)

        self.stack = QStackedWidget()
        self.empty_label = QLabel(QCoreApplication.translate("ProgressPane", EMPTY_TEXT))
        self.empty_label.setWordWrap(True)
        self.empty_label.setAccessibleName(self.tr("No progress data"))
        self.stack.addWidget(self.empty_label)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.stack.addWidget(self.tabs)
        layout.addWidget(self.stack, 1)

        self.complete = False
        """Whether the charts hold the whole history (False: only the first range, briefly)."""
        self.figure = new_figure()
        self.chart = ProgressFigure(self.figure, dark=self._dark, legends=False)
        self.canvas = ChartCanvas(self.figure, hover=self.chart.hover_text, zoomed=self._zoomed)
        self.canvas.setAccessibleName(self.tr("Progress charts"))
        self.canvas.mpl_connect("draw_event", self._after_draw)
        timeline = QWidget()
        timeline_layout = QVBoxLayout(timeline)
        timeline_layout.setContentsMargins(0, 0, 0, 0)
        self.toolbar = make_toolbar(self.canvas, timeline)
        timeline_layout.addWidget(self.toolbar)
        self.legend = ChartLegend()
        self.legend.set_entries(self.chart.legend_entries())
        timeline_layout.addWidget(self.legend)
        timeline_layout.addWidget(self.canvas, 1)
        self.tabs.addTab(timeline, self.tr("Pain, load and sitting"))
        self._sitting_page = QWidget()
        QVBoxLayout(self._sitting_page).setContentsMargins(0, 0, 0, 0)
        self.tabs.addTab(self._sitting_page, self.tr("Sitting vs next morning"))
        self.sitting_chart: SittingFigure | None = None
        self.sitting_canvas: ChartCanvas | None = None
        self.tabs.currentChanged.connect(self._on_tab)

        self.status_label = style.small_text("")
        layout.addWidget(self.status_label)
        layout.addWidget(style.small_text(DISCLAIMER))
        self.progress.changed.connect(self.reload)
        self.progress.history_ready.connect(self._on_history_ready)
        self.reload()

    def _build_controls(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.range_group = QButtonGroup(self)
        self.range_group.setExclusive(True)
        self.range_buttons: dict[RangePreset, QPushButton] = {}
        for preset in RangePreset:
            button = QPushButton(preset.label)
            button.setCheckable(True)
            button.setChecked(preset is self.preset)
            button.setAccessibleName(self.tr("Show {range}").format(range=preset.label))
            button.clicked.connect(lambda _=False, p=preset: self.set_range(p))
            self.range_group.addButton(button)
            self.range_buttons[preset] = button
            row.addWidget(button)
        row.addStretch(1)
        for suffix in ("png", "svg"):
            button = QPushButton(self.tr("Export {format}…").format(format=suffix.upper()))
            button.clicked.connect(lambda _=False, s=suffix: self.request_export(s))
            row.addWidget(button)
        return row

    # --- data and range ----------------------------------------------------------------------
    def reload(self) -> None:
        """New or edited records: put the history into the existing artists.

        A long history first shows only the current range; the rest follows from the
        service's background read (:meth:`_on_history_ready`).
        """
        start, end = self.progress.bounds(self.preset)
        data, self.complete = self.progress.first_view(start, end)
        self.chart.set_data(data)
        self._show_state(data)
        self.set_range(self.preset)

    def _after_draw(self, _event: object) -> None:
        """The first range is on screen: now read the rest, once the event loop is free."""
        if not self.complete:
            QTimer.singleShot(0, self.progress.load_in_background)

    @Slot()
    def _on_history_ready(self) -> None:
        """The whole history is cached: into the same artists, keeping the view."""
        if self.complete or not self.progress.is_loaded:
            return
        self._complete()
        self.canvas.request_draw()

    def _complete(self) -> None:
        data = self.progress.history()
        self.complete = True
        self.chart.set_data(data)
        self.chart.rescale_y()
        self._show_state(data)

    def _show_state(self, data: ProgressData) -> None:
        if not self.complete:
            # Part of a long history: not empty, and the hints wait for the whole of it.
            self.stack.setCurrentIndex(1)
            return
        self.stack.setCurrentIndex(0 if data.is_empty else 1)
        hint = ""
        if not data.is_empty and not data.loads:
            hint = NO_LOAD_TEXT
        elif not data.is_empty and not data.mornings:
            hint = NO_PAIN_TEXT
        self.hint_label.setText(QCoreApplication.translate("ProgressPane", hint) if hint else "")
        self.hint_label.setVisible(bool(hint))

    def set_range(self, preset: RangePreset) -> None:
        """Show a preset range: x limits, y fit, summary; nothing re-created."""
        if not self.complete and preset is not self.preset:
            self._complete()  # waits for the background read if it is still running
        self.preset = preset
        self.range_buttons[preset].setChecked(True)
        self.start, self.end = self.progress.bounds(preset)
        self.chart.set_range(self.start, self.end)
        self.summary_label.setText(self.progress.summary(self.start, self.end).sentence())
        self._update_sitting()
        self.canvas.request_draw()

    def _zoomed(self) -> None:
        self.chart.rescale_y()

    # --- sitting vs next morning -----------------------------------------------------------------
    def _on_tab(self, index: int) -> None:
        if index == 1:
            self.show_sitting_panel()

    def show_sitting_panel(self) -> SittingFigure:
        """Build the second figure the first time its tab opens, then keep it."""
        if self.sitting_chart is None:
            figure = new_figure(9.0, 7.0)
            self.sitting_chart = SittingFigure(figure, dark=self._dark)
            self.sitting_canvas = ChartCanvas(figure)
            self.sitting_canvas.setAccessibleName(self.tr("Sitting vs next morning chart"))
            layout = self._sitting_page.layout()
            assert layout is not None
            layout.addWidget(self.sitting_canvas)
            self._update_sitting()
        self.tabs.setCurrentIndex(1)
        return self.sitting_chart

    def _update_sitting(self) -> None:
        if self.sitting_chart is None or self.sitting_canvas is None:
            return
        self.sitting_chart.set_pairs(self.progress.sitting_vs_morning(self.start, self.end))
        self.sitting_canvas.request_draw()

    # --- export ------------------------------------------------------------------------------
    def request_export(self, suffix: str) -> None:
        self.ask_export_path(suffix, self.export_to)

    def _ask_export_path(self, suffix: str, done: Callable[[Path], None]) -> None:
        """A non-modal save dialog (``open()``, never ``exec()``)."""
        dialog = QFileDialog(
            self, self.tr("Export the charts as {format}").format(format=suffix.upper())
        )
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(
            self.tr("{format} image (*.{suffix})").format(format=suffix.upper(), suffix=suffix)
        )
        dialog.setDefaultSuffix(suffix)
        dialog.selectFile(f"pht-progress.{suffix}")
        dialog.fileSelected.connect(lambda name: done(Path(name)))
        dialog.open()

    def export_to(self, path: Path) -> None:
        """Save the charts as shown (range and scheme) to ``path`` (.png or .svg)."""
        suffix = path.suffix.lower().lstrip(".")
        if suffix not in ("png", "svg"):
            self.status_label.setText(self.tr("Choose a file name ending in .png or .svg."))
            return
        try:
            with self.chart.legends_shown():
                self.figure.savefig(path, format=suffix, facecolor=self.figure.get_facecolor())
        except OSError as error:
            self.status_label.setText(
                self.tr("Could not save the chart: {reason}.").format(
                    reason=error.strerror or error
                )
            )
            return
        self.status_label.setText(self.tr("Saved {path}").format(path=path))

    # --- light and dark ----------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        kinds = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)
        if event.type() in kinds and hasattr(self, "chart"):
            self.apply_palette(is_dark(self.palette()))
        super().changeEvent(event)

    def apply_palette(self, dark: bool) -> None:
        """Recolour the charts when the system scheme flips; a no-op when unchanged."""
        if dark == self._dark:
            return
        self._dark = dark
        self.chart.apply_palette(dark)
        self.legend.set_entries(self.chart.legend_entries())
        self.canvas.request_draw()
        if self.sitting_chart is not None and self.sitting_canvas is not None:
            self.sitting_chart.apply_palette(dark)
            self.sitting_canvas.request_draw()
