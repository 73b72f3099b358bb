"""The Progress pane: range buttons, a sentence per chart, the charts and their exports.

Our own controls (issue 13), not matplotlib's toolbar: range buttons, wheel zoom, drag to
pan and *Reset view*. Each chart tab is a :class:`ChartPage` — a sentence saying what the
chart shows, one saying what the data says, and the canvas or an empty-state sentence —
so a new chart is one more page (:meth:`ProgressPane.add_page`). Export saves the chart
of the tab on screen, at the size chosen beside the button, with its legend above the
panels, clear of the data.

Built the first time the tab opens (``LazyPane``), which is the first moment matplotlib
is imported. The figures' artists are made once; a range switch only moves the x
limits and calls ``draw_idle`` (architecture habit 8), which keeps years of data instant.

Opening with years of data: the first draw shows the default range from a bounded read
while the service reads the whole history on a worker thread; ``history_ready`` then
puts it into the same artists. A range switch before that waits for the read. The
legend is a Qt label beside the canvas, so redraws do not re-render its text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
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
from pht_desktop.domain.progress import (
    ProgressData,
    RangePreset,
    SittingMorningPair,
    split_by_sitting,
)
from pht_desktop.safe_files import atomic_target
from pht_desktop.services.registry import Services
from pht_desktop.ui import style
from pht_desktop.ui.chart_export import EXPORT_SIZES, sized
from pht_desktop.ui.chart_page import ChartPage
from pht_desktop.ui.charts.canvas import ChartCanvas
from pht_desktop.ui.charts.figure import ProgressFigure, new_figure
from pht_desktop.ui.charts.legend import ChartLegend
from pht_desktop.ui.charts.sitting_figure import SittingFigure
from pht_desktop.ui.durations import counted
from pht_desktop.ui.measures_chart_tab import MeasuresPage
from pht_desktop.ui.theme import is_dark

DEFAULT_PRESET = RangePreset.SIX_WEEKS
# Marked for translation; shown through ``QCoreApplication.translate("ProgressPane", …)``.
EMPTY_TEXT = str(
    QT_TRANSLATE_NOOP(
        "ProgressPane",
        "Nothing to chart yet. Record this morning's pain on the Today pane, and log an "
        "exercise or a run on the Exercises pane: each exercise day then gets its verdict "
        "from the next morning. Your sitting, as the break reminder records it, shows "
        "here beside them.",
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

SITTING_EMPTY_TEXT = str(
    QT_TRANSLATE_NOOP(
        "ProgressPane",
        "Nothing to compare yet in this range: this chart needs a day of sitting recorded "
        "by the break reminder and a morning check-in the day after.",
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
        layout.setContentsMargins(
            2 * style.SPACING, 2 * style.SPACING, 2 * style.SPACING, style.SPACING
        )
        layout.setSpacing(style.SPACING)
        # Ranges and Export mean nothing on an empty pane: shown once there is a chart.
        self.controls = QWidget()
        self.controls.setLayout(self._build_controls())
        layout.addWidget(self.controls)
        self.hint_label = style.small_text("")
        self.hint_label.setAccessibleName(self.tr("Progress hint"))
        self.hint_label.hide()
        layout.addWidget(self.hint_label)

        self.stack = QStackedWidget()
        self.empty_label = QLabel(QCoreApplication.translate("ProgressPane", EMPTY_TEXT))
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty_label.setAccessibleName(self.tr("No progress data"))
        self.stack.addWidget(self.empty_label)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.stack.addWidget(self.tabs)
        layout.addWidget(self.stack, 1)
        self.pages: list[ChartPage] = []

        self.complete = False
        """Whether the charts hold the whole history (False: only the first range, briefly)."""
        self._build_timeline_page()
        self._build_sitting_page()
        self.measures_page = MeasuresPage(services)
        self.add_page(self.tr("Measures"), self.measures_page)
        services.measures.changed.connect(self._measures_changed)
        self.tabs.currentChanged.connect(self._on_tab)

        self.status_label = style.small_text("")
        layout.addWidget(self.status_label)
        layout.addWidget(style.small_text(DISCLAIMER))
        self.progress.changed.connect(self.reload)
        self.progress.history_ready.connect(self._on_history_ready)
        self.reload()

    def _build_timeline_page(self) -> None:
        """Pain, load and sitting on one date axis, its legend a Qt label above it."""
        self.timeline_page = self.add_page(
            self.tr("Pain, load and sitting"),
            ChartPage(
                self.tr(
                    "Top: each morning's pain (0–10) against your baseline, your usual "
                    "morning pain; above it, each exercise day's verdict from the next "
                    "morning. Below: minutes of exercise and hours of sitting, day by day. "
                    "Scroll to zoom, drag to move."
                ),
                self.tr("Progress charts"),
            ),
        )
        self.summary_label = self.timeline_page.says_label
        self.summary_label.setAccessibleName(self.tr("Progress summary"))
        self.figure = new_figure()
        self.chart = ProgressFigure(self.figure, dark=self._dark, legends=False)
        self.canvas = ChartCanvas(
            self.figure, hover=self.chart.hover_text, zoomed=self._zoomed, resized=self._resized
        )
        self.canvas.mpl_connect("draw_event", self._after_draw)
        self.legend = ChartLegend()
        self.legend.set_entries(self.chart.legend_entries())
        self.timeline_page.header.addWidget(self.legend)
        self.timeline_page.set_chart(self.chart, self.canvas)
        self.timeline_page.legends = self.chart.legends_shown

    def _build_sitting_page(self) -> None:
        """The sitting-vs-morning tab; its figure is made when the tab first opens."""
        self.sitting_page = self.add_page(
            self.tr("Sitting vs next morning"),
            ChartPage(
                self.tr(
                    "Does a long day in the chair show in your tendon the next morning? "
                    "Each dot is one day: how long you sat, against how far the next "
                    "morning's pain was above (or below) your baseline. Below: the "
                    "7-day average over time."
                ),
                self.tr("Sitting vs next morning chart"),
            ),
        )
        self.sitting_chart: SittingFigure | None = None
        self.sitting_canvas: ChartCanvas | None = None

    def add_page(self, title: str, page: ChartPage) -> ChartPage:
        """One more chart tab (Export and the sentences work for it at once)."""
        self.pages.append(page)
        self.tabs.addTab(page, title)
        return page

    def _build_controls(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(style.SPACING)
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
        self.reset_button = QPushButton(self.tr("Reset view"))
        self.reset_button.setToolTip(self.tr("Back to the whole range after zooming or moving."))
        self.reset_button.clicked.connect(self.reset_view)
        row.addWidget(self.reset_button)
        row.addStretch(1)
        self.export_size = QComboBox()
        self.export_size.setAccessibleName(self.tr("Export size"))
        for size in EXPORT_SIZES:
            if size is None:
                self.export_size.addItem(self.tr("Size on screen"), None)
            else:
                self.export_size.addItem(
                    self.tr("{width} × {height}").format(width=size[0], height=size[1]), size
                )
        row.addWidget(self.export_size)
        self.export_buttons: dict[str, QPushButton] = {}
        for suffix in ("png", "svg"):
            button = QPushButton(self.tr("Export {format}…").format(format=suffix.upper()))
            button.setToolTip(self.tr("Save the chart on screen as a picture."))
            button.clicked.connect(lambda _=False, s=suffix: self.request_export(s))
            self.export_buttons[suffix] = button
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
            self.controls.show()
            return
        # Sitting alone (the reminder records it from the first minute) is not a chart yet.
        empty = not data.mornings and not data.loads
        # Outcome measures alone are worth their tab (issue 15).
        self.stack.setCurrentIndex(0 if empty and not self.measures_page.has_data else 1)
        self.controls.setVisible(self.stack.currentIndex() == 1)
        hint = ""
        if not empty and not data.loads:
            hint = NO_LOAD_TEXT
        elif not empty and not data.mornings:
            hint = NO_PAIN_TEXT
        self.hint_label.setText(QCoreApplication.translate("ProgressPane", hint) if hint else "")
        self.hint_label.setVisible(bool(hint))

    def _measures_changed(self) -> None:
        """A first measure on an otherwise empty pane shows the tabs (the page refills itself)."""
        if self.complete:
            self._show_state(self.progress.history())

    def set_range(self, preset: RangePreset) -> None:
        """Show a preset range: x limits, y fit, sentences; nothing re-created."""
        if not self.complete and preset is not self.preset:
            self._complete()  # waits for the background read if it is still running
        self.preset = preset
        self.range_buttons[preset].setChecked(True)
        self.start, self.end = self.progress.bounds(preset)
        self.chart.set_range(self.start, self.end)
        summary = self.progress.summary(self.start, self.end)
        self.summary_label.setText(summary.sentence())
        in_range = self.chart.has_data_between(self.start, self.end)
        self.timeline_page.show_empty(
            None
            if in_range
            else QCoreApplication.translate(
                "ProgressPane", "Nothing recorded in this range: choose a longer one above."
            )
        )
        self._update_sitting()
        self.canvas.request_draw()

    def reset_view(self) -> None:
        """Back to the chosen range after wheel zooms and drags."""
        self.set_range(self.preset)

    def _zoomed(self) -> None:
        self.chart.rescale_y()

    def _resized(self, _width: float, _height: float) -> None:
        self.chart.fit_layout()

    # --- sitting vs next morning -----------------------------------------------------------------
    def _on_tab(self, index: int) -> None:
        if self.pages[index] is self.sitting_page:
            self.show_sitting_panel()

    def show_sitting_panel(self) -> SittingFigure:
        """Build the second figure the first time its tab opens, then keep it."""
        if self.sitting_chart is None:
            figure = new_figure(9.0, 7.0)
            self.sitting_chart = SittingFigure(figure, dark=self._dark)
            chart = self.sitting_chart
            self.sitting_canvas = ChartCanvas(
                figure, resized=lambda _w, _h: chart.fit_layout(), pannable=False
            )
            self.sitting_page.set_chart(self.sitting_chart, self.sitting_canvas)
            self._update_sitting()
        self.tabs.setCurrentWidget(self.sitting_page)
        return self.sitting_chart

    def _update_sitting(self) -> None:
        if self.sitting_chart is None or self.sitting_canvas is None:
            return  # built (and the whole history read) when its tab first opens
        pairs = self.progress.sitting_vs_morning(self.start, self.end)
        self.sitting_page.says_label.setText(self.sitting_sentence(pairs))
        self.sitting_chart.set_pairs(pairs)
        self.sitting_page.show_empty(
            None if pairs else QCoreApplication.translate("ProgressPane", SITTING_EMPTY_TEXT)
        )
        self.sitting_canvas.request_draw()

    def sitting_sentence(self, pairs: Sequence[SittingMorningPair]) -> str:
        """What the sitting chart's data says, in one sentence (zero groups left out)."""
        split = split_by_sitting(pairs)
        hours = split.threshold_s // 3600
        if split.long_mean is not None and split.short_mean is not None:
            return self.tr(
                "Mornings after days with over {hours} h of sitting averaged {long}/10 "
                "({long_days}); after shorter days {short}/10 ({short_days})."
            ).format(
                hours=hours,
                long=f"{split.long_mean:.1f}",
                short=f"{split.short_mean:.1f}",
                long_days=days_text(split.long_days),
                short_days=days_text(split.short_days),
            )
        if split.long_mean is not None:
            return self.tr(
                "Every day here had over {hours} h of sitting; the mornings after "
                "averaged {pain}/10 ({days})."
            ).format(hours=hours, pain=f"{split.long_mean:.1f}", days=days_text(split.long_days))
        if split.short_mean is not None:
            return self.tr(
                "No day here had over {hours} h of sitting; the mornings after averaged "
                "{pain}/10 ({days})."
            ).format(hours=hours, pain=f"{split.short_mean:.1f}", days=days_text(split.short_days))
        return ""

    # --- export ------------------------------------------------------------------------------
    def current_page(self) -> ChartPage:
        page = self.tabs.currentWidget()
        assert isinstance(page, ChartPage)
        return page

    def request_export(self, suffix: str) -> None:
        self.ask_export_path(suffix, self.export_to)

    def _ask_export_path(self, suffix: str, done: Callable[[Path], None]) -> None:
        """A non-modal save dialog (``open()``, never ``exec()``)."""
        dialog = QFileDialog(
            self, self.tr("Export the chart as {format}").format(format=suffix.upper())
        )
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(
            self.tr("{format} image (*.{suffix})").format(format=suffix.upper(), suffix=suffix)
        )
        dialog.setDefaultSuffix(suffix)
        index = self.pages.index(self.current_page())
        dialog.selectFile(f"pht-progress-{index + 1}.{suffix}")
        dialog.fileSelected.connect(lambda name: done(Path(name)))
        dialog.open()

    def export_to(self, path: Path) -> None:
        """Save the chart of the tab on screen to ``path`` (.png or .svg), at the chosen size."""
        suffix = path.suffix.lower().lstrip(".")
        if suffix not in ("png", "svg"):
            self.status_label.setText(self.tr("Choose a file name ending in .png or .svg."))
            return
        page = self.current_page()
        if page is self.sitting_page:
            self.show_sitting_panel()
        if page is self.measures_page:
            self.measures_page.ensure_built()
        if page.chart is None or page.is_empty:
            self.status_label.setText(self.tr("This chart has nothing to save yet."))
            return
        size = self.export_size.currentData()
        try:
            with page.legends(), sized(page.chart, size) as dpi, atomic_target(path) as temp:
                figure = page.chart.figure
                figure.savefig(temp, format=suffix, dpi=dpi, facecolor=figure.get_facecolor())
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
        self.measures_page.apply_palette(dark)


def days_text(count: int) -> str:
    """'1 day', '12 days' (Qt's plural forms)."""
    return counted().days(count)
