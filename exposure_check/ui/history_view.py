"""The history page: a trend chart of the total and per-category scores, the list of audits, and
the diff between any two of them.

The chart is drawn with QPainter rather than QtCharts: QtCharts is an Addons module (not in
PySide6-Essentials) and would add megabytes to the bundle for a few polylines.

The view is fed by its caller (`HistoryView(pack, locale, audits)`, or `set_audits` later) and
never touches the vault. Scores are computed in time-boxed slices on the GUI thread's event loop,
so a history of 1,000 audits opens at once and never stalls the UI (bench/bench_history.py).
"""

from __future__ import annotations

import contextlib
import gc
import os
import secrets
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QLineF,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QColor, QFont, QPainter, QPaintEvent, QPen, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core import history
from ..core.model import Audit, Pack, ProgressEvent
from ..core.model import tr as pack_text
from ..core.scoring import DEFAULT_RECHECK_DAYS

SLICE_MS = 4.0  # at most this long per slice of scoring, then back to the event loop
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
           "#7f7f7f", "#bcbd22", "#17becf")


class TrendChart(QWidget):
    """Total (thick) and per-category (thin) scores over time, 0–100, with a legend.

    Points are summed into BUCKETS time columns as they arrive (so adding is cheap and can
    happen slice by slice); each plotted point is the mean of its column. Drawing cost therefore
    follows BUCKETS, not the length of the history, and the drawing is cached in a pixmap.
    """

    BUCKETS = 256

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(220)
        self.points: list[history.TrendPoint] = []
        self.series: list[tuple[str, str, QColor]] = []  # (category ID, name, colour)
        self._names: list[tuple[str, str]] = []
        self._t0 = 0.0
        self._span = 1.0
        self._single = True
        # bucket -> series key ("" is the total) -> [sum of time fraction, sum of score, count]
        self._buckets: dict[int, dict[str, list[float]]] = {}
        self._cache: QPixmap | None = None
        self.setAccessibleName(self.tr("Score trend chart"))

    def reset(self, first: datetime, last: datetime, categories: Sequence[tuple[str, str]]) -> None:
        """Start a new chart covering first…last; categories in legend order (ID, name)."""
        self._t0 = first.timestamp()
        self._span = max(1.0, last.timestamp() - self._t0)
        self._single = first == last
        self._names = list(categories)
        self.points = []
        self.series = []
        self._buckets = {}
        self._cache = None
        self.update()

    def add(self, points: Sequence[history.TrendPoint]) -> None:
        """Add scored audits (any order); call update() when the chart should show them."""
        for p in points:
            frac = 0.5 if self._single else (p.created.timestamp() - self._t0) / self._span
            frac = min(1.0, max(0.0, frac))
            cell = self._buckets.setdefault(min(self.BUCKETS - 1, int(frac * self.BUCKETS)), {})
            for key, value in (("", p.total), *p.categories.items()):
                acc = cell.setdefault(key, [0.0, 0.0, 0.0])
                acc[0] += frac
                acc[1] += value
                acc[2] += 1
        self.points.extend(points)
        used = {k for cell in self._buckets.values() for k in cell}
        self.series = [(cid, name, QColor(PALETTE[i % len(PALETTE)]))
                       for i, (cid, name) in enumerate(self._names) if cid in used]
        self._cache = None
        if self.points:
            latest = max(self.points, key=lambda p: p.created)
            self.setAccessibleDescription(self.tr(
                "%n audit(s); the latest total score is %1 of 100", "", len(self.points))
                .replace("%1", f"{latest.total:.0f}"))

    def set_data(self, points: Sequence[history.TrendPoint],
                 categories: Sequence[tuple[str, str]]) -> None:
        """All at once: reset to the points' time range and add them."""
        if points:
            self.reset(min(p.created for p in points), max(p.created for p in points), categories)
            self.add(points)
        else:
            self.reset(datetime.now(UTC), datetime.now(UTC), categories)
        self.update()

    def _plot_rect(self) -> QRectF:
        legend = 18.0 * ((len(self.series) + 1 + 3) // 4)
        return QRectF(40.0, 10.0, max(10.0, self.width() - 50.0),
                      max(10.0, self.height() - 30.0 - legend))

    def _polylines(self, area: QRectF) -> list[tuple[list[list[QPointF]], QPen, bool]]:
        """Per series: runs of points (split where a category was not scored), pen, antialias."""
        out: list[tuple[list[list[QPointF]], QPen, bool]] = []
        order = sorted(self._buckets)
        keys = [("", QPen(self.palette().text().color(), 2.6), True)]
        keys += [(cid, QPen(colour, 1.0), len(order) < 100) for cid, _n, colour in self.series]
        for key, pen, smooth in keys:
            runs: list[list[QPointF]] = []
            run: list[QPointF] = []
            for b in order:
                got = self._buckets[b].get(key)
                if got is None:  # a gap where the category was not scored
                    if run:
                        runs.append(run)
                    run = []
                    continue
                run.append(QPointF(area.left() + area.width() * got[0] / got[2],
                                   area.bottom() - area.height() * got[1] / got[2] / 100.0))
            if run:
                runs.append(run)
            out.append((runs, pen, smooth))
        return out[1:] + out[:1]  # the total last, on top

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._cache = None
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._cache is None or self._cache.size() != self.size() * self.devicePixelRatioF():
            self._cache = self._render()
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._cache)
        painter.end()

    def _render(self) -> QPixmap:
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(self.size() * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        area = self._plot_rect()
        text = self.palette().text().color()
        grid = QColor(text)
        grid.setAlpha(50)
        painter.setFont(QFont(self.font()))
        for v in (0, 25, 50, 75, 100):
            y = area.bottom() - area.height() * v / 100.0
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.setPen(text)
            painter.drawText(QRectF(0, y - 8, 34, 16),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                             str(v))
        if not self.points:
            painter.drawText(area, int(Qt.AlignmentFlag.AlignCenter),
                             self.tr("No audits yet: the trend appears after your first audit."))
            painter.end()
            return pixmap
        for runs, pen, smooth in self._polylines(area):
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, smooth)
            painter.setPen(pen)
            for run in runs:
                if len(run) == 1:
                    painter.drawEllipse(run[0], 2.0, 2.0)  # a lone point between gaps
                else:
                    # Separate segments: one long self-crossing polyline is slow to stroke.
                    painter.drawLines([QLineF(run[i], run[i + 1]) for i in range(len(run) - 1)])
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        # Legend: the total first, then the categories, four per row.
        entries = [(self.tr("Total"), text, 2.6)] + [(n, c, 1.2) for _i, n, c in self.series]
        col_w = max(80.0, (self.width() - 40.0) / 4)
        for i, (name, colour, width) in enumerate(entries):
            x = 40.0 + (i % 4) * col_w
            y = area.bottom() + 22.0 + (i // 4) * 18.0
            painter.setPen(QPen(colour, width))
            painter.drawLine(QPointF(x, y), QPointF(x + 18, y))
            painter.setPen(text)
            painter.drawText(QRectF(x + 24, y - 8, col_w - 28, 16),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             name)
        painter.end()
        return pixmap


class AuditListModel(QAbstractListModel):
    """One row per audit, newest first: date and total score (filled in as scoring progresses)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.audits: list[Audit] = []
        self.totals: dict[str, float] = {}

    def reset(self, audits: Sequence[Audit]) -> None:
        self.beginResetModel()
        self.audits = sorted(audits, key=lambda a: (a.created, a.id), reverse=True)
        self.totals = {}
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.audits)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.audits):
            return None
        audit = self.audits[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            total = self.totals.get(audit.id)
            score = f"{total:.0f}" if total is not None else "…"
            return self.tr("%1 — score %2").replace("%1", audit.created.date().isoformat()) \
                .replace("%2", score)
        if role == Qt.ItemDataRole.UserRole:
            return audit.id
        return None

    def scored(self, ids: set[str], totals: dict[str, float]) -> None:
        self.totals.update(totals)
        rows = [i for i, a in enumerate(self.audits) if a.id in ids]
        if rows:
            self.dataChanged.emit(self.index(min(rows)), self.index(max(rows)))


class AuditDatesModel(QAbstractListModel):
    """The combo boxes' rows: the same audits by date only, so scoring never updates them."""

    def __init__(self, source: AuditListModel) -> None:
        super().__init__(source)
        self.source = source
        source.modelAboutToBeReset.connect(self.beginResetModel)
        source.modelReset.connect(self.endResetModel)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.source.audits)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.source.audits):
            return None
        audit = self.source.audits[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return audit.created.strftime("%Y-%m-%d %H:%M")
        if role == Qt.ItemDataRole.UserRole:
            return audit.id
        return None


class HistoryView(QWidget):
    """Trend, audit list and diff. `loaded` fires once every audit has been scored."""

    loaded = Signal()

    def __init__(self, pack: Pack, locale: str, audits: Sequence[Audit] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pack = pack
        self.ui_locale = locale
        self.audits: list[Audit] = []
        self.points: dict[str, history.TrendPoint] = {}
        self._queue: list[Audit] = []
        self.last_diff: history.AuditDiff | None = None
        self._diff_pending = False
        self._chart_shown = 0.0
        self._gc_frozen = False
        # Set by the caller (set_context) for reports and the calendar file.
        self.events: list[ProgressEvent] = []
        self.recheck_days = DEFAULT_RECHECK_DAYS
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._score_slice)

        layout = QVBoxLayout(self)
        title = QLabel(self.tr("History"), self)
        font = QFont(title.font())
        font.setBold(True)
        font.setPointSizeF((font.pointSizeF() if font.pointSizeF() > 0 else 10.0) * 1.6)
        title.setFont(font)
        layout.addWidget(title)
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.chart = TrendChart(self)
        layout.addWidget(self.chart, 2)

        # Reports and the calendar file, from the same code as `exposure-check report`/`remind`.
        bar = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Save report…"), self)
        self.save_button.setAccessibleName(self.tr("Save a report of the latest audit"))
        self.save_button.clicked.connect(self._ask_save_report)
        self.redacted_box = QCheckBox(self.tr("Redacted (for a security officer)"), self)
        self.redacted_box.setToolTip(self.tr(
            "Only scores, counts by state, dates and the pack version: no answers, no profile, "
            "no notes."))
        self.calendar_button = QPushButton(self.tr("Add re-checks to my calendar…"), self)
        self.calendar_button.setAccessibleName(self.tr("Save a calendar file with a recurring "
                                                       "re-check event"))
        self.calendar_button.clicked.connect(self._ask_save_calendar)
        self.backup_button = QPushButton(self.tr("Back up or restore…"), self)
        self.backup_button.setAccessibleName(self.tr("Encrypted backup: save or restore"))
        self.backup_button.clicked.connect(self._open_backup)
        self.backup_button.hide()  # shown once the caller gives access to the vault
        self._vault_getter: Callable[[], Any] | None = None
        self._on_restored: Callable[[], None] | None = None
        self._on_replace: Callable[[Any], None] | None = None
        self.backup_dialog: Any = None
        self.recovery_dialog: Any = None  # after a backup replaced the vault
        for w in (self.save_button, self.redacted_box, self.calendar_button, self.backup_button):
            bar.addWidget(w)
        bar.addStretch(1)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        layout.addLayout(bar)
        layout.addWidget(self.status)

        split = QSplitter(Qt.Orientation.Horizontal, self)
        self.model = AuditListModel(self)
        self.dates = AuditDatesModel(self.model)
        self.list = QListView(split)
        self.list.setModel(self.model)
        self.list.setUniformItemSizes(True)  # fast with thousands of rows
        self.list.setAccessibleName(self.tr("Audits, newest first"))
        self.list.activated.connect(self._pick_from_list)

        diff_box = QWidget(split)
        dl = QVBoxLayout(diff_box)
        dl.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.before = QComboBox(diff_box)
        self.after = QComboBox(diff_box)
        for combo, name in ((self.before, self.tr("Earlier audit")),
                            (self.after, self.tr("Later audit"))):
            combo.setModel(self.dates)
            # Sizing to contents would measure every row of a long history on each update.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(22)
            combo.setAccessibleName(name)
            combo.currentIndexChanged.connect(self._show_diff)
            form.addRow(name, combo)
        dl.addLayout(form)
        self.diff_summary = QLabel(diff_box)
        self.diff_summary.setTextFormat(Qt.TextFormat.PlainText)
        self.diff_summary.setWordWrap(True)
        dl.addWidget(self.diff_summary)
        self.diff_tree = QTreeWidget(diff_box)
        self.diff_tree.setHeaderLabels([self.tr("Item"), self.tr("Before"), self.tr("After"),
                                        self.tr("Points")])
        self.diff_tree.setAccessibleName(self.tr("Changes between the two audits"))
        self.diff_tree.setUniformRowHeights(True)
        self.diff_tree.setColumnWidth(0, 320)  # fixed: measuring contents costs a pass over rows
        dl.addWidget(self.diff_tree, 1)
        split.addWidget(self.list)
        split.addWidget(diff_box)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 3)
        self.setTabOrder(self.list, self.before)
        self.setTabOrder(self.before, self.after)
        self.setTabOrder(self.after, self.diff_tree)
        self.set_audits(audits)

    # --- data -------------------------------------------------------------------------------------

    def set_audits(self, audits: Sequence[Audit]) -> None:
        """Show these audits; scoring runs in slices, the list and chart fill in as it goes."""
        self.audits = sorted(audits, key=lambda a: (a.created, a.id))
        self.points = {k: v for k, v in self.points.items()
                       if k in {a.id for a in self.audits}}
        for combo in (self.before, self.after):
            combo.blockSignals(True)
        self.model.reset(self.audits)  # the combo boxes' date model follows the reset
        if len(self.audits) >= 2:
            self.before.setCurrentIndex(1)
            self.after.setCurrentIndex(0)
        for combo in (self.before, self.after):
            combo.blockSignals(False)
        self._reset_chart()
        self._chart_shown = time.perf_counter()
        # Newest first, so pop() takes the oldest: the chart grows from left to right.
        self._queue = [a for a in reversed(self.audits) if a.id not in self.points]
        if not self._gc_frozen and self._queue:
            # While scoring, keep Python's full garbage collections (a pause of 100 ms or more
            # with a long history loaded) from scanning every audit again and again: freeze the
            # objects alive now, and give them back when done. Acyclic garbage is still freed.
            gc.freeze()
            self._gc_frozen = True
            self.destroyed.connect(gc.unfreeze)  # deleted while loading: thaw anyway
        self._update_summary()
        self._diff_pending = True  # computed in the first slice, not while the page opens
        self._timer.start()

    @property
    def is_loading(self) -> bool:
        return bool(self._queue) or self._diff_pending

    def _score_slice(self) -> None:
        deadline = time.perf_counter() + SLICE_MS / 1000.0
        if self._diff_pending:
            self._diff_pending = False
            self._show_diff()
        done: dict[str, float] = {}
        while self._queue and time.perf_counter() < deadline:
            audit = self._queue.pop()
            point = history.trend_point(self.pack, audit)
            self.points[audit.id] = point
            done[audit.id] = point.total
        self.model.scored(set(done), done)
        self.chart.add([self.points[i] for i in done])
        if self._queue:
            self._timer.start()
            now = time.perf_counter()
            if now - self._chart_shown > 0.5:  # redraw twice a second while loading
                self._chart_shown = now
                self.chart.update()
            return
        self.chart.update()
        self._update_summary()
        self._thaw()
        self.loaded.emit()

    def _thaw(self) -> None:
        if self._gc_frozen:
            self._gc_frozen = False
            self.destroyed.disconnect(gc.unfreeze)
            gc.unfreeze()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._timer.stop()
        self._queue.clear()
        self._thaw()
        super().closeEvent(event)

    def _reset_chart(self) -> None:
        cats = [(c.id, pack_text(c.name, self.ui_locale)) for c in self.pack.categories]
        if self.audits:
            self.chart.reset(self.audits[0].created, self.audits[-1].created, cats)
            self.chart.add([self.points[a.id] for a in self.audits if a.id in self.points])
        else:
            self.chart.set_data([], cats)

    def _update_summary(self) -> None:
        if not self.audits:
            self.summary.setText(self.tr("No audits yet. Complete an audit to start your history."))
            return
        first, last = self.audits[0], self.audits[-1]
        self.summary.setText(self.tr("%n audit(s) from %1 to %2.", "", len(self.audits))
                             .replace("%1", first.created.date().isoformat())
                             .replace("%2", last.created.date().isoformat()))

    def set_context(self, events: Sequence[ProgressEvent], recheck_days: int) -> None:
        """Plan progress and the re-check interval, for reports and the calendar file."""
        self.events = list(events)
        self.recheck_days = recheck_days

    def enable_backup(self, vault_getter: Callable[[], Any],
                      on_restored: Callable[[], None] | None = None,
                      on_replace: Callable[[Any], None] | None = None) -> None:
        """Show "Back up or restore…", working on the vault `vault_getter()` returns;
        `on_replace(contents)` replaces a vault that holds data, after the user confirmed."""
        self._vault_getter = vault_getter
        self._on_restored = on_restored
        self._on_replace = on_replace
        self.backup_button.show()

    def _open_backup(self) -> None:
        if self._vault_getter is None:
            return
        from .backup_dialog import BackupDialog

        self.backup_dialog = BackupDialog(self._vault_getter, self)
        if self._on_restored is not None:
            self.backup_dialog.restored.connect(self._on_restored)
        if self._on_replace is not None:
            self.backup_dialog.replace_requested.connect(self._on_replace)
        self.backup_dialog.open()

    # --- reports and calendar -----------------------------------------------------------------

    FILTERS = {"pdf": "PDF (*.pdf)", "html": "HTML (*.html)", "md": "Markdown (*.md)",
               "json": "JSON (*.json)"}

    def _ask_save_report(self) -> None:
        if not self.audits:
            self.status.setText(self.tr("There is no audit to report yet."))
            return
        filters = ";;".join(self.FILTERS.values())
        name = "exposure-report-redacted.pdf" if self.redacted_box.isChecked() else \
            "exposure-report.pdf"
        path, chosen = QFileDialog.getSaveFileName(self, self.tr("Save report"), name, filters)
        if not path:
            return
        fmt = next((k for k, v in self.FILTERS.items() if v == chosen), None)
        suffix = Path(path).suffix.lower().lstrip(".")
        fmt = suffix if suffix in self.FILTERS else (fmt or "pdf")
        self.save_report(Path(path), fmt, self.redacted_box.isChecked())

    def save_report(self, path: Path, fmt: str, redacted: bool,
                    now: datetime | None = None) -> bool:
        """Write the latest audit's report; says in the status line what happened."""
        from .. import __version__
        from ..core.report import build_report, render

        if not self.audits:
            self.status.setText(self.tr("There is no audit to report yet."))
            return False
        rep = build_report(self.pack, self.audits[-1], now=now or datetime.now(UTC),
                           locale=self.ui_locale, redacted=redacted,
                           progress_events=self.events, history=self.audits,
                           recheck_days=self.recheck_days, app_version=__version__)
        try:
            if fmt == "pdf":
                from .pdf import render_pdf

                data = render_pdf(rep)
            else:
                data = render(rep, fmt).encode("utf-8")
            _write_file(path, data)
        except OSError as exc:
            self.status.setText(self.tr("Could not save %1: %2").replace("%1", str(path))
                                .replace("%2", exc.strerror or str(exc)))
            return False
        self.status.setText((self.tr("Saved the redacted report to %1.") if redacted else
                             self.tr("Saved the full report to %1.")).replace("%1", str(path)))
        return True

    def _ask_save_calendar(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save calendar file"),
                                              "exposure-check-recheck.ics",
                                              self.tr("Calendar (*.ics)"))
        if path:
            self.save_calendar(Path(path))

    def save_calendar(self, path: Path, now: datetime | None = None) -> bool:
        from ..core.ics import recheck_event, to_ics

        now = now or datetime.now(UTC)
        status = history.recheck_status([a.created for a in self.audits], now, self.recheck_days)
        first = status.due_at if status.due_at is not None and status.due_at > now else now
        text = to_ics(recheck_event(first.date(), self.recheck_days, stamp=now), self.ui_locale)
        try:
            _write_file(path, text.encode("utf-8"))
        except OSError as exc:
            self.status.setText(self.tr("Could not save %1: %2").replace("%1", str(path))
                                .replace("%2", exc.strerror or str(exc)))
            return False
        self.status.setText(self.tr("Saved a re-check every %n day(s) to %1.", "",
                                    self.recheck_days).replace("%1", str(path)))
        return True

    # --- diff -------------------------------------------------------------------------------------

    def _pick_from_list(self, index: QModelIndex) -> None:
        """Activating an audit compares it with the one before it."""
        audit_id = self.model.data(index, Qt.ItemDataRole.UserRole)
        pos = self.after.findData(audit_id)
        if pos >= 0:
            self.after.setCurrentIndex(pos)
            if pos + 1 < self.before.count():
                self.before.setCurrentIndex(pos + 1)

    def _audit(self, audit_id: object) -> Audit | None:
        return next((a for a in self.audits if a.id == audit_id), None)

    def _item_title(self, item_id: str) -> str:
        try:
            return pack_text(self.pack.item(item_id).question, self.ui_locale)
        except KeyError:
            return item_id

    def _option(self, item_id: str, option_id: str | None) -> str:
        if option_id is None:
            return self.tr("not answered")
        opt = self.pack.item(item_id).option(option_id)
        return pack_text(opt.label, self.ui_locale) if opt else option_id

    def _show_diff(self) -> None:
        self.diff_tree.clear()
        a, b = self._audit(self.before.currentData()), self._audit(self.after.currentData())
        if a is None or b is None or a.id == b.id:
            self.diff_summary.setText(self.tr("Choose two different audits to compare."))
            self.last_diff = None
            return
        if a.created > b.created:
            a, b = b, a
        d = history.diff(self.pack, a, b)
        self.last_diff = d
        self.diff_summary.setText(
            self.tr("Score %1 → %2 (%3).").replace("%1", f"{d.total_before:.1f}")
            .replace("%2", f"{d.total_after:.1f}").replace("%3", f"{d.total_delta:+.1f}"))
        groups = ((self.tr("Newly exposed"), d.exposed), (self.tr("Fixed"), d.fixed),
                  (self.tr("Changed"), d.changed), (self.tr("New items"), d.new),
                  (self.tr("No longer asked"), d.removed))
        for label, changes in groups:
            if not changes:
                continue
            top = QTreeWidgetItem([f"{label} ({len(changes)})"])
            for c in changes:
                QTreeWidgetItem(top, [self._item_title(c.item_id), self._option(c.item_id, c.before),
                                      self._option(c.item_id, c.after), f"{c.delta:+.1f}"])
            self.diff_tree.addTopLevelItem(top)
            top.setExpanded(True)
        if not self.diff_tree.topLevelItemCount():
            self.diff_tree.addTopLevelItem(QTreeWidgetItem([self.tr("No changes")]))


def _write_file(path: Path, data: bytes) -> None:
    """temp + fsync + rename, so a failed save leaves no partial file."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        with open(tmp, "xb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


PAGE_KEY = "history"  # the main window's page key


def page_title() -> str:
    """The page's sidebar title (the main window lists the page before it is built)."""
    return QCoreApplication.translate("HistoryView", "History")


def make_page(session: Any, locale: str, parent: QWidget) -> tuple[str, str, QWidget] | None:
    """The main window's hook: the history page, refreshed when the session's audits change."""
    pack = getattr(session, "pack", None)
    if pack is None:
        return None
    view = HistoryView(pack, locale, (), parent)
    shown: list[str] = []

    def reload() -> None:
        vault = getattr(session, "vault", None)
        ids = [s.id for s in list(getattr(session, "audits", []) or [])]
        if ids == shown:
            return  # answers or progress changed, not the audits
        shown[:] = ids
        if vault is None or not ids:
            view.set_audits([])
            return
        from .workers import run_task

        def job() -> tuple[list[Audit], list[ProgressEvent], int]:
            from ..reminders import vault_recheck_days

            return ([vault.load_audit(i) for i in ids], vault.progress_events(skip_damaged=True),
                    vault_recheck_days(vault, pack))

        def done(result: tuple[list[Audit], list[ProgressEvent], int]) -> None:
            audits, events, days = result
            view.set_context(events, days)
            view.set_audits(audits)

        run_task(view, job, on_done=done)

    def restored() -> None:
        # Re-read everything the session shows (the vault now holds the backup's contents).
        read, apply = getattr(session, "_read_state", None), getattr(session, "_apply_state", None)
        vault = getattr(session, "vault", None)
        if callable(read) and callable(apply) and vault is not None:
            from .workers import run_task

            run_task(view, read, vault, on_done=apply)

    def replace(contents: Any) -> None:
        """Replace the vault with a backup: new keys, the same protection, a new recovery key."""
        from .first_run import RecoveryKeyDialog
        from .messages import describe
        from .workers import run_task

        dialog = view.backup_dialog
        vault = getattr(session, "vault", None)
        if dialog is None or vault is None:
            return

        def replaced(recovery_key: str) -> None:
            dialog.status.setText(QCoreApplication.translate(
                "HistoryView", "Your vault now holds the backup, with new keys. Keep the new "
                "recovery key: the old one no longer works."))
            view.recovery_dialog = RecoveryKeyDialog(recovery_key, dialog)
            view.recovery_dialog.open()

        def failed(exc: BaseException) -> None:
            dialog.status.setText(QCoreApplication.translate(
                "HistoryView", "{problem} Your vault was not changed.").format(
                problem=describe(exc)))

        def ask(has_passphrase: bool) -> None:
            passphrase = dialog.ask_vault_passphrase() if has_passphrase else None
            if has_passphrase and passphrase is None:
                dialog.status.setText(QCoreApplication.translate("BackupDialog",
                                                                 "Nothing was changed."))
                return
            session.replace_from_backup(contents, passphrase, on_done=replaced, on_error=failed)

        run_task(view, lambda: bool(vault.has_passphrase), on_done=ask, on_error=failed)

    view.enable_backup(lambda: session.vault, restored, replace)
    session.changed.connect(reload)
    reload()
    return PAGE_KEY, page_title(), view
