"""The audit, generated from pack data: one platform or category per page, answers autosaved."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..core.model import Item, Pack, tr
from .controls import Foldout, accessible, icon, plain_label
from .messages import describe
from .session import Session


@dataclass(frozen=True)
class AuditPage:
    key: str  # "platform:<id>" or "category:<id>"
    title: str
    icon: str
    items: tuple[Item, ...]


def build_pages(pack: Pack, items: list[Item], locale: str) -> list[AuditPage]:
    """Group items by their first platform, else by category, in the order they first appear."""
    order: list[str] = []
    groups: dict[str, list[Item]] = {}
    for item in items:
        key = f"platform:{item.platforms[0]}" if item.platforms else f"category:{item.category}"
        if key not in groups:
            order.append(key)
            groups[key] = []
        groups[key].append(item)
    pages = []
    for key in order:
        kind, ident = key.split(":", 1)
        if kind == "platform":
            try:
                p = pack.platform(ident)
                title, ic = tr(p.name, locale), p.icon or p.id
            except KeyError:
                title, ic = ident, ""
        else:
            try:
                title, ic = tr(pack.category(ident).name, locale), ""
            except KeyError:
                title, ic = ident, ""
        pages.append(AuditPage(key, title, ic, tuple(groups[key])))
    return pages


class AuditView(QWidget):
    finished = Signal()

    def __init__(self, session: Session, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.lang = locale
        self.pages: list[AuditPage] = []
        self.applicable: list[Item] = []
        self.index = 0
        self.groups: dict[str, QButtonGroup] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 12)
        head = QHBoxLayout()
        self.icon_label = plain_label("", self)
        self.icon_label.setFixedSize(40, 40)
        self.title = plain_label("", self, heading=1)
        head.addWidget(self.icon_label)
        head.addWidget(self.title, 1)
        layout.addLayout(head)
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(True)
        accessible(self.progress, self.tr("Audit progress"),
                   self.tr("How many questions you have answered"))
        layout.addWidget(self.progress)
        self.progress_text = plain_label("", self)
        layout.addWidget(self.progress_text)
        self.scroller = QScrollArea(self)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.scroller, 1)
        self.status = plain_label("", self)
        layout.addWidget(self.status)
        row = QHBoxLayout()
        self.back_button = QPushButton(self.tr("&Back"), self)
        accessible(self.back_button, self.tr("Back"), self.tr("The previous page of questions"))
        self.later_button = QPushButton(self.tr("Save and continue &later"), self)
        accessible(self.later_button, self.tr("Save and continue later"),
                   self.tr("Every answer is already saved; you can close the app now"))
        self.next_button = QPushButton(self.tr("&Next"), self)
        accessible(self.next_button, self.tr("Next"), self.tr("The next page of questions"))
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.later_button)
        row.addWidget(self.next_button)
        layout.addLayout(row)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.later_button.clicked.connect(self._later)

    # --- content ----------------------------------------------------------------------------
    def reload(self) -> None:
        """Rebuild the pages from the profile (call after the profile changes)."""
        pack = self.session.pack
        assert pack is not None
        self.applicable = self.session.applicable()
        self.pages = build_pages(pack, self.applicable, self.lang)
        self.index = self._first_open_page()
        self._show_page()

    def _first_open_page(self) -> int:
        for i, page in enumerate(self.pages):
            if any(it.id not in self.session.answers for it in page.items):
                return i
        return 0

    def _show_page(self) -> None:
        self.groups = {}
        old = self.scroller.takeWidget()
        if old is not None:
            old.deleteLater()
        body = QWidget()
        lay = QVBoxLayout(body)
        lay.setContentsMargins(0, 8, 8, 8)
        if not self.pages:
            self.title.setText(self.tr("No questions apply"))
            lay.addWidget(plain_label(self.tr(
                "With the profile you gave, none of the questions apply. You can finish now."),
                body))
        else:
            page = self.pages[self.index]
            self.title.setText(page.title)
            self.title.setAccessibleName(page.title)
            pix = icon(page.icon).pixmap(36, 36) if page.icon else None
            self.icon_label.setPixmap(pix) if pix is not None else self.icon_label.clear()
            for n, item in enumerate(page.items, 1):
                lay.addWidget(self._question(body, item, n, len(page.items)))
        lay.addStretch(1)
        self.scroller.setWidget(body)
        self._update_nav()

    def _question(self, parent: QWidget, item: Item, n: int, count: int) -> QWidget:
        box = QFrame(parent)
        box.setFrameShape(QFrame.Shape.StyledPanel)
        lay = QVBoxLayout(box)
        question = tr(item.question, self.lang)
        lay.addWidget(plain_label(question, box, heading=3))
        group = QButtonGroup(box)
        current = self.session.answers.get(item.id)
        for opt in item.options:
            text = tr(opt.label, self.lang)
            if opt.kind == "unsure":
                text = self.tr("{label} (counts as partly exposed)").format(label=text)
            radio = QRadioButton(text, box)
            accessible(radio, text, self.tr("Question {n} of {count}: {question}").format(
                n=n, count=count, question=question))
            radio.setProperty("option_id", opt.id)
            radio.setChecked(opt.id == current)
            group.addButton(radio)
            lay.addWidget(radio)
        group.buttonToggled.connect(
            lambda button, on, item_id=item.id: self._answered(item_id, button, on))
        self.groups[item.id] = group
        why = tr(item.why, self.lang)
        if why:
            lay.addWidget(Foldout(self.tr("Why this matters"), why, box))
        return box

    def _answered(self, item_id: str, button: QRadioButton, on: bool) -> None:
        if not on:
            return
        self.session.set_answer(item_id, str(button.property("option_id")),
                                on_error=lambda exc: self.status.setText(describe(exc)))
        self._update_nav()

    def _update_nav(self) -> None:
        applicable = self.applicable
        total = len(applicable)
        answered = sum(1 for it in applicable if it.id in self.session.answers)
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(answered)
        self.progress.setFormat(self.tr("%v of %m answered"))
        pages = max(len(self.pages), 1)
        self.progress_text.setText(self.tr(
            "Page {page} of {pages}. Every answer is saved as you go. A question you skip "
            "counts as partly exposed.").format(page=self.index + 1, pages=pages))
        self.back_button.setEnabled(self.index > 0)
        last = self.index >= len(self.pages) - 1
        self.next_button.setText(self.tr("&Finish") if last else self.tr("&Next"))
        accessible(self.next_button, self.tr("Finish") if last else self.tr("Next"),
                   self.tr("Record this audit and see your score") if last
                   else self.tr("The next page of questions"))

    # --- navigation ---------------------------------------------------------------------------
    def back(self) -> None:
        if self.index > 0:
            self.index -= 1
            self._show_page()
            self._focus_first()

    def next(self) -> None:
        if self.index < len(self.pages) - 1:
            self.index += 1
            self._show_page()
            self._focus_first()
            return
        self.next_button.setEnabled(False)
        self.status.setText(self.tr("Recording your audit…"))

        def done(_: object) -> None:
            self.next_button.setEnabled(True)
            self.status.setText("")
            self.finished.emit()

        def failed(exc: BaseException) -> None:
            self.next_button.setEnabled(True)
            self.status.setText(describe(exc))

        self.session.finish_audit(on_done=done, on_error=failed)

    def _focus_first(self) -> None:
        for group in self.groups.values():
            buttons = group.buttons()
            target = group.checkedButton() or (buttons[0] if buttons else None)
            if target is not None:
                target.setFocus(Qt.FocusReason.TabFocusReason)
                self.scroller.ensureWidgetVisible(target)
                return

    def _later(self) -> None:
        self.status.setText(self.tr(
            "Your answers are saved in the vault. You can close Exposure Check and continue "
            "later where you left off."))
