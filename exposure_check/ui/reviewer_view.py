"""The profile reviewer page: paste a bio or open exports and photos, see what they reveal, accept
the suggested answers, copy a redacted rewrite, save a clean copy of a photo.

The review runs on a worker thread (QThreadPool) with a progress bar and a Cancel button. Nothing
is written to disk unless the user saves a clean photo copy.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QStyle,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..core.model import DeclaredFacts, Pack, tr
from .controls import accessible, plain_label, set_progress

if TYPE_CHECKING:
    from ..core.review import Finding, ReviewResult

# The review engine (detectors, importers, phonenumbers, Pillow: ~0.25 s of imports) is imported
# on the worker at the first review, not with this page: the page is made while the user is on
# the first pages, where those imports would compete with the GUI thread for the GIL.


FIT_ROWS = 200  # rows measured to size the findings' columns


class _Signals(QObject):
    progress = Signal(int, int)
    done = Signal(object)
    failed = Signal(str)
    cancelled = Signal()


class FindingsModel(QAbstractTableModel):
    """The findings as a table for a QTreeView, each cell's text made when Qt first asks for it
    (the rows on screen), so that a result of 5,000 findings shows at once: as a QTreeWidget
    filled item by item it took ~0.3 s of the GUI thread, and clearing it again ~40 ms."""

    COLUMNS = 5

    def __init__(self, view: ReviewerView, headings: list[str], repeated: str) -> None:
        # The view is only the parent, never an attribute: a Python reference cycle between the
        # two would leave the view to the garbage collector, which may run on the review's
        # worker thread and delete a widget there.
        super().__init__(view)
        self.findings: list[Finding] = []
        self._rows: dict[int, tuple[str, ...]] = {}  # texts made so far, by row
        self._topics: dict[str, str] = {}
        self._suggested: dict[tuple[str, str], str] = {}
        self._items: dict[str, Any] = {}
        self.headings = headings
        self.repeated = repeated  # "%1 (×%2)": a text and how often it occurs

    def set_findings(self, findings: Sequence[Finding], items: dict[str, Any]) -> None:
        self.beginResetModel()
        self.findings = list(findings)
        self._items = items
        self._rows.clear()
        self._suggested.clear()
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.findings)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt name)
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headings[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.texts(index.row())[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.column() == 1:  # the text in its context
                f = self.findings[index.row()]
                return f.context or f.text
            if index.column() == 4:  # suggestions are long: the whole of them
                return self.texts(index.row())[4] or None
        return None

    def texts(self, row: int) -> tuple[str, ...]:
        """The row's five cells: what it reveals, the text, where, confidence, suggestions."""
        have = self._rows.get(row)
        if have is not None:
            return have
        f = self.findings[row]
        where = f"{f.source}:{f.line}" if f.line else f.source
        text = f.text if f.count == 1 else self.repeated.replace("%1", f.text).replace("%2", str(f.count))
        if f.detail and f.kind == "photo.gps":
            text = f"{text} — {f.detail}"
        view = cast(ReviewerView, self.parent())
        topic = self._topics.get(f.topic)
        if topic is None:  # findings share a few topics and suggestions: each made once
            topic = self._topics[f.topic] = view.topic_name(f.topic)
        parts = []
        for sug in f.suggestions:
            key = (sug.item_id, sug.answer)
            if key not in self._suggested:
                self._suggested[key] = view._suggestion_text(self._items, *key)
            parts.append(self._suggested[key])
        made = self._rows[row] = (topic, text, where, f"{f.confidence:.0%}", "; ".join(parts))
        return made


class ReviewerView(QWidget):
    answers_suggested = Signal(dict)  # item ID → option ID, when the user accepts them
    finished = Signal(str)  # "done", "cancelled" or "failed" (for tests and the main window)

    def __init__(self, pack: Pack, locale: str, parent: QWidget | None = None, *,
                 declared: Callable[[], DeclaredFacts] | DeclaredFacts | None = None) -> None:
        super().__init__(parent)
        self.pack = pack
        self.ui_locale = locale
        self._declared = declared
        self.result: ReviewResult | None = None
        self._cancel: threading.Event | None = None
        self._signals: _Signals | None = None
        self._photos: list[str] = []

        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(self.tr("Profile reviewer"), heading=1))
        layout.addWidget(plain_label(self.tr(
            "Paste a bio, resume, speaker blurb or email signature, or open a platform's data export "
            "or photos. Everything stays on this computer.")))

        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(self.tr("Paste your text here"))
        accessible(self.text, self.tr("Text to review"))
        layout.addWidget(self.text, 2)

        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Published on:")))
        self.platform = QComboBox()
        self.platform.addItem(self.tr("Not specified"), None)
        for p in pack.platforms:
            self.platform.addItem(tr(p.name, locale), p.id)
        accessible(self.platform, self.tr("Where the text is published"))
        row.addWidget(self.platform)
        row.addStretch(1)
        self.review_button = QPushButton(self.tr("Review text"))
        accessible(self.review_button, self.tr("Review the pasted text"))
        self.review_button.clicked.connect(self.review_text)
        self.open_button = QPushButton(self.tr("Open files…"))
        accessible(self.open_button, self.tr("Open files, exports or photos to review"))
        self.open_button.clicked.connect(self._choose_files)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        accessible(self.cancel_button, self.tr("Cancel the review"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        for b in (self.review_button, self.open_button, self.cancel_button):
            row.addWidget(b)
        layout.addLayout(row)

        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        accessible(self.progress, self.tr("Review progress"))
        layout.addWidget(self.progress)
        self.status = plain_label("")
        layout.addWidget(self.status)

        self.findings_model = FindingsModel(self, [
            self.tr("Reveals"), self.tr("Text"), self.tr("Where"), self.tr("Confidence"),
            self.tr("Suggested answer")], self.tr("%1 (×%2)"))
        self.tree = QTreeView()
        self.tree.setModel(self.findings_model)
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # One line per finding. The columns are fitted once per result, to the first rows
        # (`_fit_columns`); sized to their contents at every change, every row was measured.
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        accessible(self.tree, self.tr("Findings"))
        layout.addWidget(self.tree, 3)

        layout.addWidget(plain_label(self.tr("Redacted rewrite"), heading=3))
        self.redacted = QPlainTextEdit()
        self.redacted.setReadOnly(True)
        accessible(self.redacted, self.tr("Redacted rewrite of your text"))
        layout.addWidget(self.redacted, 1)

        actions = QHBoxLayout()
        self.copy_button = QPushButton(self.tr("Copy rewrite"))
        accessible(self.copy_button, self.tr("Copy the redacted rewrite to the clipboard"))
        self.copy_button.clicked.connect(self._copy)
        self.accept_button = QPushButton(self.tr("Accept suggested answers"))
        accessible(self.accept_button, self.tr("Put the suggested answers into your current audit"))
        self.accept_button.clicked.connect(self.accept_suggestions)
        self.clean_button = QPushButton(self.tr("Save clean copy of photo…"))
        accessible(self.clean_button, self.tr("Save a copy of the photo without any metadata"))
        self.clean_button.clicked.connect(self._save_clean)
        for b in (self.copy_button, self.accept_button, self.clean_button):
            b.setEnabled(False)
            actions.addWidget(b)
        actions.addStretch(1)
        layout.addLayout(actions)

    # --- running --------------------------------------------------------------------------------
    def declared(self) -> DeclaredFacts:
        d = self._declared
        if callable(d):
            return d()
        return d or DeclaredFacts()

    def review_text(self) -> None:
        text = self.text.toPlainText()
        if not text.strip():
            self.status.setText(self.tr("Paste some text first, or open files."))
            return
        self.start(pasted=(text, self.tr("pasted text")))

    def review_files(self, paths: list[str]) -> None:
        self.start(paths=paths)

    def _choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Open files to review"))
        if paths:
            self.review_files(paths)

    def start(self, *, pasted: tuple[str, str] | None = None, paths: Sequence[str] = ()) -> None:
        """Review pasted (text, name) or files on a worker."""
        if self._cancel is not None:
            return  # one review at a time
        self._cancel = cancel = threading.Event()
        sig = self._signals = _Signals()
        sig.progress.connect(self._on_progress)
        sig.done.connect(self._on_done)
        sig.failed.connect(self._on_failed)
        sig.cancelled.connect(self._on_cancelled)
        declared, platform = self.declared(), self.platform.currentData()
        pack, locale = self.pack, self.ui_locale

        def job() -> None:
            from ..storage.worker import lower_priority

            lower_priority()  # the window first, on a busy machine (a pool thread: background only)
            try:
                from ..core.review import Cancelled, ReviewInput, review
            except Exception as exc:  # a broken install: say so instead of staying busy
                sig.failed.emit(f"{type(exc).__name__}: {exc}")
                return
            try:
                inputs = [ReviewInput.pasted(*pasted)] if pasted is not None else []
                inputs += [ReviewInput.file(p) for p in paths]
                result = review(inputs, declared, pack=pack, platform=platform, locale=locale,
                                progress=lambda d, t: sig.progress.emit(d, t), cancel=cancel)
            except Cancelled:
                sig.cancelled.emit()
            except Exception as exc:  # a bug must not take the window down; show it
                print(f"exposure-check: the review failed: {exc!r}", file=sys.stderr)
                sig.failed.emit(str(exc))
            else:
                sig.done.emit(result)

        self._busy(True)
        self.status.setText(self.tr("Reviewing…"))
        self.progress.setValue(0)
        QThreadPool.globalInstance().start(job)

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
            self.status.setText(self.tr("Cancelling…"))

    def _busy(self, on: bool) -> None:
        self.review_button.setEnabled(not on)
        self.open_button.setEnabled(not on)
        self.cancel_button.setEnabled(on)

    def _finish(self) -> None:
        self._cancel = None
        self._busy(False)

    def _on_progress(self, done: int, total: int) -> None:
        set_progress(self.progress, int(done * 1000 / total) if total else 0)

    def _on_cancelled(self) -> None:
        self._finish()
        self.status.setText(self.tr("Review cancelled. Nothing was saved."))
        self.finished.emit("cancelled")

    def _on_failed(self, message: str) -> None:
        self._finish()
        self.status.setText(self.tr("The review failed: %1").replace("%1", message))
        self.finished.emit("failed")

    def _on_done(self, result: ReviewResult) -> None:
        self._finish()
        self.progress.setValue(1000)
        self.show_result(result)
        self.finished.emit("done")

    # --- results --------------------------------------------------------------------------------
    def topic_name(self, topic: str) -> str:
        names = {
            "employer": self.tr("Employer"), "title": self.tr("Job title"), "team": self.tr("Team"),
            "project": self.tr("Project"), "work-email": self.tr("Work email"),
            "personal-email": self.tr("Personal email"), "email": self.tr("Email"),
            "phone": self.tr("Phone"), "clearance": self.tr("Clearance"), "location": self.tr("Place"),
            "address": self.tr("Address"), "link": self.tr("Link"), "handle": self.tr("Handle"),
            "name": self.tr("Name"), "photo-location": self.tr("Photo location"),
            "photo-device": self.tr("Camera or phone"), "photo-time": self.tr("Time taken"),
            "photo-other": self.tr("Other photo metadata"),
        }
        return names.get(topic, topic)

    def show_result(self, result: ReviewResult) -> None:
        self.result = result
        self.findings_model.set_findings(result.findings, self.pack.item_map())
        self._fit_columns()
        self.redacted.setPlainText("\n\n".join(result.redacted.values()))
        self.copy_button.setEnabled(bool(result.redacted))
        self.accept_button.setEnabled(bool(result.suggested_answers))
        self._photos = [s.name for s in result.sources if s.photo is not None and s.photo.has_metadata
                        and "!" not in s.name and Path(s.name).is_file()]
        self.clean_button.setEnabled(bool(self._photos))
        n = len(result.findings)
        msg = self.tr("%n finding(s).", "", n) if n else self.tr("Nothing found.")
        problems = [f"{i.source}: {i.message}" for i in result.issues if i.severity != "info"]
        if problems:
            msg += " " + self.tr("Problems: %1").replace("%1", "; ".join(problems[:5]))
        self.status.setText(msg)

    def _fit_columns(self) -> None:
        """Each column as wide as its heading and its texts in the first FIT_ROWS rows; the user
        can still resize them. Measured from the texts' widths: Qt's own measure goes through
        the delegate and the model for every cell (~35 ms for 200 rows)."""
        tree, header, model = self.tree, self.tree.header(), self.findings_model
        # What Qt's item delegate adds around a cell's text.
        pad = 2 * (tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, tree) + 1) + 2
        advance = tree.fontMetrics().horizontalAdvance
        rows = [model.texts(r) for r in range(min(FIT_ROWS, model.rowCount()))]
        for col in range(FindingsModel.COLUMNS):
            widest = max((advance(texts[col]) for texts in rows), default=0)
            header.resizeSection(col, max(widest + pad, header.sectionSizeHint(col)))

    def _suggestion_text(self, items: dict[str, Any], item_id: str, answer: str) -> str:
        item = items[item_id]
        option = item.option(answer)
        label = tr(option.label, self.ui_locale) if option is not None else answer
        return f"{tr(item.question, self.ui_locale)} → {label}"

    def accept_suggestions(self) -> None:
        if self.result and self.result.suggested_answers:
            self.answers_suggested.emit(dict(self.result.suggested_answers))
            self.status.setText(self.tr("The suggested answers were added to your audit."))

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.redacted.toPlainText())

    def _save_clean(self) -> None:
        for src in self._photos:
            p = Path(src)
            suffix = p.suffix if p.suffix.lower() in (".jpg", ".jpeg", ".png", ".webp") else ".png"
            suggested = str(p.with_name(f"{p.stem}-clean{suffix}"))
            dest, _ = QFileDialog.getSaveFileName(self, self.tr("Save a clean copy"), suggested)
            if not dest:
                continue
            self.save_clean_copy(src, dest)

    def save_clean_copy(self, src: str, dest: str) -> bool:
        from ..core.review.photos import PhotoError, save_clean_copy

        try:
            save_clean_copy(src, dest)
        except (PhotoError, OSError) as exc:
            self.status.setText(self.tr("%1: could not save a clean copy (%2)").replace("%1", src)
                                .replace("%2", str(exc)))
            return False
        self.status.setText(self.tr("Saved a copy without metadata: %1").replace("%1", dest))
        return True


PAGE_KEY = "reviewer"  # the main window's page key


def page_title() -> str:
    """The page's sidebar title (the main window lists the page before it is built)."""
    return QCoreApplication.translate("ReviewerView", "Profile reviewer")


def make_page(session: Any, locale: str, parent: QWidget | None = None) -> tuple[str, str, QWidget] | None:
    """For the main window: the reviewer page, wired to the session's declared facts and audit."""
    pack = getattr(session, "pack", None)
    if pack is None:
        return None
    view = ReviewerView(pack, locale, parent, declared=lambda: session.declared)

    def accept(answers: dict[str, str]) -> None:
        for item_id, option_id in answers.items():
            session.set_answer(item_id, option_id)

    view.answers_suggested.connect(accept)
    return PAGE_KEY, page_title(), view


def main() -> int:  # pragma: no cover - for screenshots: python -m exposure_check.ui.reviewer_view
    from ..core.packs import load_core_pack

    app = QApplication.instance() or QApplication(sys.argv)
    locale = sys.argv[1] if len(sys.argv) > 1 else "en"
    view = ReviewerView(load_core_pack(), locale)
    view.text.setPlainText("Senior Software Engineer at Northwind Avionics Ltd, Bristol.\n"
                           "Holds SC clearance. Call +44 7911 123456 or j.harlow@northwind-avionics.co.uk")
    view.resize(1000, 760)
    view.show()
    view.review_text()
    return app.exec()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
