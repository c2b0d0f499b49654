"""Results: the score gauge (lower is better), per-category bars, why-this-score, comparison."""

from __future__ import annotations

import math
import time

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QSizePolicy,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.model import tr
from ..core.scoring import Score
from . import idle
from .controls import accessible, plain_label, scrolled_page
from .lazyview import RefreshWhenShown
from .session import Session

START_DEG = 225.0  # the arc runs clockwise from lower left (0) to lower right (100)
SPAN_DEG = 270.0
FITTED_COLUMNS = (1, 2, 3)  # "why this score": answer, status and points fit their contents


def band_color(value: float) -> QColor:
    """Green for low exposure, amber in the middle, red for high; readable on light and dark."""
    if value < 34:
        return QColor("#2e8b57")
    if value < 67:
        return QColor("#c98a00")
    return QColor("#c0392b")


class ScoreBar(QWidget):
    """A category's 0–100 score as a plain bar with its number, in the palette's colours (high
    contrast included). Painting ten styled QProgressBars took ~7.5 ms per frame of the results
    page; this takes a fraction of a millisecond. The number is always drawn, so the colour never
    carries the meaning alone."""

    def __init__(self, value: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value = max(0, min(100, value))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def value(self) -> int:
        return self._value

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(120, self.fontMetrics().height() + 6)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(40, self.fontMetrics().height() + 6)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        p = QPainter(self)
        pal = self.palette()
        frame = self.rect().adjusted(0, 0, -1, -1)
        p.setPen(pal.color(QPalette.ColorRole.Mid))
        p.setBrush(pal.color(QPalette.ColorRole.Base))
        p.drawRect(frame)
        inner = frame.adjusted(1, 1, 0, 0)
        filled = inner.adjusted(0, 0, -round(inner.width() * (100 - self._value) / 100), 0)
        p.fillRect(filled, pal.color(QPalette.ColorRole.Highlight))
        # The number: in the highlight's text colour over the filled part, the text colour over
        # the rest, so it stays readable where it crosses the edge.
        text = str(self._value)
        for clip, role in ((filled, QPalette.ColorRole.HighlightedText),
                           (inner.adjusted(filled.width(), 0, 0, 0), QPalette.ColorRole.Text)):
            p.setClipRect(clip)
            p.setPen(pal.color(role))
            p.drawText(inner, Qt.AlignmentFlag.AlignCenter, text)
        p.end()


class ScoreGauge(QWidget):
    """A 0–100 dial drawn with QPainter. Colours carry meaning only together with the number."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.value: float | None = None
        self.caption = ""
        self.setMinimumSize(QSize(220, 200))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    def set_value(self, value: float | None, caption: str) -> None:
        self.value = value
        self.caption = caption
        accessible(self, self.tr("Exposure score"), caption)
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(260, 240)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        side = min(self.width(), self.height() * 1.1)
        thick = max(10.0, side * 0.08)
        rect = QRectF(0, 0, side - thick, side - thick)
        rect.moveCenter(QPointF(self.width() / 2, self.height() / 2 + side * 0.05))
        track = QPen(pal.color(QPalette.ColorRole.Mid), thick, Qt.PenStyle.SolidLine,
                     Qt.PenCapStyle.RoundCap)
        p.setPen(track)
        # Qt angles: 1/16 degree, counter-clockwise from 3 o'clock.
        p.drawArc(rect, int(START_DEG * 16), int(-SPAN_DEG * 16))
        if self.value is not None:
            v = max(0.0, min(100.0, self.value))
            pen = QPen(band_color(v), thick, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
            p.setPen(pen)
            p.drawArc(rect, int(START_DEG * 16), int(-SPAN_DEG * v / 100 * 16))
            angle = math.radians(START_DEG - SPAN_DEG * v / 100)
            c = rect.center()
            r = rect.width() / 2 - thick * 1.1
            inner = r * 0.62  # the needle stops short of the centre, where the number is
            p.setPen(QPen(pal.color(QPalette.ColorRole.WindowText), max(2.0, thick / 4),
                          Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            p.drawLine(QPointF(c.x() + inner * math.cos(angle), c.y() - inner * math.sin(angle)),
                       QPointF(c.x() + r * math.cos(angle), c.y() - r * math.sin(angle)))
        font = QFont(self.font())
        font.setBold(True)
        font.setPixelSize(max(12, int(side * 0.2)))
        p.setFont(font)
        p.setPen(pal.color(QPalette.ColorRole.WindowText))
        text = "–" if self.value is None else f"{round(self.value)}"
        num_rect = QRectF(rect.left(), rect.center().y() - side * 0.14, rect.width(), side * 0.28)
        p.drawText(num_rect, Qt.AlignmentFlag.AlignCenter, text)
        small = QFont(self.font())
        small.setPixelSize(max(10, int(side * 0.055)))
        p.setFont(small)
        ends = QRectF(rect.left(), rect.bottom() - side * 0.08, rect.width(), side * 0.1)
        p.drawText(ends, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, "0")
        p.drawText(ends, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, "100")
        p.end()


class ResultsView(RefreshWhenShown):
    REFRESH_AHEAD = True  # shown after an unlock, a finished audit or a plan change

    def __init__(self, session: Session, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.lang = locale
        body, layout = scrolled_page(self)
        layout.addWidget(plain_label(self.tr("Your exposure score"), body, heading=1))
        top = QHBoxLayout()
        self.gauge = ScoreGauge(body)
        top.addWidget(self.gauge)
        side = QVBoxLayout()
        self.summary = plain_label("", body)
        self.summary.setAccessibleName(self.tr("Score summary"))
        self.lower_note = plain_label(self.tr(
            "0 means nothing we asked about is exposed; 100 means all of it is public. Lower is "
            "better."), body)
        self.comparison = plain_label("", body)
        self.comparison.setAccessibleName(self.tr("Comparison with your last audit"))
        self.counts = plain_label("", body)
        side.addWidget(self.summary)
        side.addWidget(self.lower_note)
        side.addWidget(self.comparison)
        side.addWidget(self.counts)
        side.addStretch(1)
        top.addLayout(side, 1)
        layout.addLayout(top)
        layout.addWidget(plain_label(self.tr("By category"), body, heading=2))
        self.bars_box = QWidget(body)
        self.bars = QGridLayout(self.bars_box)
        self.bars.setColumnStretch(1, 1)
        layout.addWidget(self.bars_box)
        layout.addWidget(plain_label(self.tr("Why this score"), body, heading=2))
        layout.addWidget(plain_label(self.tr(
            "Each question's part of the total, largest first. Points are the share of the "
            "0–100 score that the answer adds."), body))
        self.table = QTableWidget(0, 4, body)
        self.table.setHorizontalHeaderLabels([self.tr("Question"), self.tr("Your answer"),
                                              self.tr("Status"), self.tr("Points")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # The short columns are as wide as their longest text, measured by `_fit_columns`.
        # (Qt's ResizeToContents lays out every cell again on each change: ~20 ms per refresh
        # and again at the first paint.)
        for col in FITTED_COLUMNS:
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
        self.table.setMinimumHeight(280)
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self._fit_rows)
        header.sectionResized.connect(self._fit_timer.start)
        self._fit_next = 0
        self._fitting = False  # an idle step is fitting rows
        self._row_heights: dict[tuple[object, ...], int] = {}  # (widths, texts) -> height
        self.table.setTabKeyNavigation(False)
        accessible(self.table, self.tr("Why this score"),
                   self.tr("Each question's contribution to the score"))
        layout.addWidget(self.table)
        self.watch(self.session)

    def _fit_rows(self) -> None:
        """Fit rows to their wrapped text (never clipped), in idle turns (`idle.later`)."""
        self._fit_next = 0
        if not self._fitting:
            self._fitting = True
            idle.later(self, self._fit_more, first=self.isVisible())

    def _fit_more(self, deadline: float) -> bool:
        """An idle step: fit rows from `_fit_next` until `deadline`; True while rows remain.

        A row whose texts were already fitted at the same column widths takes its known height
        (a refresh after a plan change mostly changes the status column: no text to lay out)."""
        table, header = self.table, self.table.horizontalHeader()
        rows, cols = table.rowCount(), table.columnCount()
        widths = tuple(header.sectionSize(c) for c in range(cols))
        while self._fit_next < rows:
            r = self._fit_next
            key = (widths, *(cell.text() if (cell := table.item(r, c)) else "" for c in range(cols)))
            height = self._row_heights.get(key)
            if height is None:
                table.resizeRowToContents(r)
                self._row_heights[key] = table.rowHeight(r)
            else:
                table.setRowHeight(r, height)
            self._fit_next += 1
            if time.perf_counter() >= deadline:
                break
        self._fitting = self._fit_next < rows
        return self._fitting

    def _state_text(self, state: str) -> str:
        return {"todo": self.tr("To do"), "done": self.tr("Done"), "stale": self.tr("Check again"),
                "na": self.tr("Not applicable"), "accepted": self.tr("Risk accepted")}.get(state, state)

    def refresh(self) -> None:
        self._dirty = False
        score = self.session.current_score()
        pack = self.session.pack
        if score is None or pack is None:
            self.gauge.set_value(None, self.tr("No audit recorded yet"))
            self.summary.setText(self.tr("Finish an audit to see your score."))
            self.table.setRowCount(0)
            return
        self._show_summary(score)
        while self.bars.count():
            old = self.bars.takeAt(0)
            gone = old.widget() if old is not None else None
            if gone is not None:
                gone.deleteLater()
        for row, (cat_id, cs) in enumerate(score.categories.items()):
            name = tr(pack.category(cat_id).name, self.lang)
            label = plain_label(name, self.bars_box)
            bar = ScoreBar(round(cs.score), self.bars_box)
            accessible(bar, name, self.tr("{name}: {score} of 100 (lower is better)").format(
                name=name, score=round(cs.score)))
            self.bars.addWidget(label, row, 0)
            self.bars.addWidget(bar, row, 1)
        items = pack.item_map()
        answers = self.session.latest.answers if self.session.latest else {}
        rows = sorted(score.contributions, key=lambda c: (-c.share, c.item_id))
        self.table.setRowCount(len(rows))
        for r, c in enumerate(rows):
            item = items[c.item_id]
            opt = item.option(answers.get(c.item_id, "")) if c.option_id else None
            answer = tr(opt.label, self.lang) if opt else self.tr("Skipped (partly exposed)")
            cells = [tr(item.question, self.lang), answer, self._state_text(c.state),
                     f"{c.share:.1f}"]
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if col == 3:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, col, cell)
        self._fit_columns()
        self._fit_timer.start()

    def _fit_columns(self) -> None:
        """Size the short columns to their longest text and their heading (never clipped)."""
        table, header = self.table, self.table.horizontalHeader()
        # What Qt's item delegate adds around a cell's text.
        pad = 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table)
                   + 1) + 2
        fm = table.fontMetrics()
        for col in FITTED_COLUMNS:
            texts = {cell.text() for r in range(table.rowCount())
                     if (cell := table.item(r, col)) is not None}
            header.resizeSection(col, max([fm.horizontalAdvance(t) + pad for t in texts]
                                          + [header.sectionSizeHint(col)]))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._row_heights.clear()  # the same texts take another size
            self._fit_columns()
        super().changeEvent(event)

    def _show_summary(self, score: Score) -> None:
        total = score.total
        self.gauge.set_value(total, self.tr("{score} of 100; lower is better").format(
            score=round(total)))
        if total < 34:
            verdict = self.tr("Low exposure. Keep it that way and check again in a few months.")
        elif total < 67:
            verdict = self.tr("Medium exposure. The plan shows what to fix first.")
        else:
            verdict = self.tr("High exposure. Start with the first step of the plan today.")
        self.summary.setText(self.tr("Score now: {score} of 100. {verdict}").format(
            score=round(total), verdict=verdict))
        recorded = self.session.audits[-1].score if self.session.audits else None
        previous = self.session.previous_score()
        parts = []
        if recorded is not None and round(recorded) != round(total):
            parts.append(self.tr("When you finished the audit it was {score}; your plan progress "
                                 "has changed it since.").format(score=round(recorded)))
        if previous is not None and recorded is not None:
            diff = round(previous) - round(recorded)
            if diff > 0:
                parts.append(self.tr("Your previous audit scored {old}; this one is {diff} points "
                                     "better.").format(old=round(previous), diff=diff))
            elif diff < 0:
                parts.append(self.tr("Your previous audit scored {old}; this one is {diff} points "
                                     "worse.").format(old=round(previous), diff=-diff))
            else:
                parts.append(self.tr("Your previous audit had the same score.").format())
        elif previous is None:
            parts.append(self.tr("This is your first audit, so there is nothing to compare with "
                                 "yet."))
        self.comparison.setText(" ".join(parts))
        self.counts.setText(self.tr("{answered} questions answered, {unsure} not sure, "
                                    "{skipped} skipped.").format(
            answered=score.answered, unsure=score.unsure, skipped=score.skipped))
