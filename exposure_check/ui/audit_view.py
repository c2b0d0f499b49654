"""The audit, generated from pack data: one platform or category per page, answers autosaved."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import partial

import shiboken6
from PySide6.QtCore import QDate, QLocale, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ..core.model import Item, Pack, tr
from . import idle
from .controls import (
    Foldout,
    accessible,
    icon,
    page_scroll_area,
    plain_label,
    set_progress,
    warm_up,
)
from .messages import describe
from .session import Session

# A page is first shown with the questions that fit in FIRST_SLICE_S (at least one) and fills
# in over the next idle turns (`idle.later`), before the following pages are built ahead.
FIRST_SLICE_S = 0.004


@dataclass
class _PageBody:
    """A page's question widgets, built all at once or ahead of time over several idle turns."""

    index: int
    key: str
    body: QWidget
    layout: QVBoxLayout
    pending: list[Item]
    count: int
    groups: dict[str, QButtonGroup] = field(default_factory=dict)
    notes: dict[str, QWidget] = field(default_factory=dict)
    warm: bool = False  # a page made ahead: painted once off screen (or that was not possible)

    @property
    def complete(self) -> bool:
        return not self.pending


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
        self._shown: _PageBody | None = None  # may still be filling in over idle turns
        self._ahead: dict[int, _PageBody] = {}  # the following pages, built in idle turns
        self._ahead_queued = False  # one slice of ahead-building per idle turn, not more
        self._built_for: tuple[object, ...] | None = None  # the state the pages were made for
        # Before a first audit the questions are surely next: made ahead for the profile as
        # soon as there is one (see _session_changed); afterwards only when the profile changes.
        self._profile_seen = session.profile if session.latest is not None else None
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
        self.scroller = page_scroll_area(self)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Our own viewport: asking Qt for its default one makes PySide6 set up every widget
        # class it has (~40 ms, once per process) to find that object's Python type.
        self.viewport = QWidget(self.scroller)
        self.scroller.setViewport(self.viewport)
        layout.addWidget(self.scroller, 1)
        self.status = plain_label("", self)
        layout.addWidget(self.status)
        row = QHBoxLayout()
        self.back_button = QPushButton(self.tr("&Back"), self)
        accessible(self.back_button, self.tr("Back"), self.tr("The previous page of questions"))
        self.confirm_all_button = QPushButton(self.tr("&Confirm all on this page"), self)
        accessible(self.confirm_all_button, self.tr("Confirm all on this page"),
                   self.tr("Keep every answer from last time on this page as it is"))
        self.confirm_all_button.setVisible(False)
        self.later_button = QPushButton(self.tr("Save and continue &later"), self)
        accessible(self.later_button, self.tr("Save and continue later"),
                   self.tr("Every answer is already saved; you can close the app now"))
        self.next_button = QPushButton(self.tr("&Next"), self)
        accessible(self.next_button, self.tr("Next"), self.tr("The next page of questions"))
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.confirm_all_button)
        row.addWidget(self.later_button)
        row.addWidget(self.next_button)
        layout.addLayout(row)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.later_button.clicked.connect(self._later)
        self.confirm_all_button.clicked.connect(self.confirm_page)
        session.changed.connect(self._session_changed)
        QTimer.singleShot(0, self, self._session_changed)

    # --- content ----------------------------------------------------------------------------
    def reload(self) -> None:
        """Show the first open page, with the pages rebuilt if the profile (or what the last
        audit carried over) changed since they were made."""
        assert self.session.pack is not None
        if self._state() != self._built_for:
            self._make_pages()
        self.index = self._first_open_page()
        self._show_page()

    def _state(self) -> tuple[object, ...]:
        """What the question widgets depend on beyond the answers (which `_sync` follows)."""
        s = self.session
        return (s.pack, s.profile, frozenset(s.unconfirmed & s.answers.keys()), self._last_time())

    def _make_pages(self) -> None:
        assert self.session.pack is not None
        self._built_for = self._state()
        self._profile_seen = self.session.profile
        self.applicable = self.session.applicable()
        self.pages = build_pages(self.session.pack, self.applicable, self.lang)
        self._drop_ahead()

    def _session_changed(self) -> None:
        """A new profile was just saved (and is being written): while the audit is not on
        screen, start building its pages for it, so that moving on to them is quick."""
        profile = self.session.profile
        if (profile is None or profile is self._profile_seen or self.isVisible()
                or self.session.pack is None):
            return
        if self._state() != self._built_for:
            self._make_pages()
            self._shown = None
            self.index = self._first_open_page()
            self._queue_ahead()

    def _first_open_page(self) -> int:
        done = self._confirmed
        for i, page in enumerate(self.pages):
            if any(not done(it.id) for it in page.items):
                return i
        return 0

    def _confirmed(self, item_id: str) -> bool:
        return item_id in self.session.answers and item_id not in self.session.unconfirmed

    def _new_body(self, index: int) -> _PageBody:
        # Parented to the viewport from the start: showing it later is then much cheaper.
        body = QWidget(self.viewport)
        body.hide()
        lay = QVBoxLayout(body)
        lay.setContentsMargins(0, 8, 8, 8)
        page = self.pages[index]
        if page.icon:  # rendered now (SVG, ~0.3-2 ms), from the icon's cache when shown
            icon(page.icon).pixmap(36, 36)
        return _PageBody(index, page.key, body, lay, list(page.items), len(page.items))

    def _build_some(self, built: _PageBody, deadline: float | None = None,
                    lay_out: bool = False) -> None:
        """Add pending questions to `built`, all of them or until `deadline` (perf_counter).

        `lay_out`: also style and measure each question for the viewport's width now, and lay
        out the finished page, so that showing it later only paints (a page built ahead)."""
        if not shiboken6.isValid(built.body):  # the page was thrown away meanwhile
            built.pending.clear()
            return
        widths = self._ahead_widths() if lay_out and not built.body.isVisible() else ()
        while built.pending:
            item = built.pending.pop(0)
            n = built.count - len(built.pending)
            box = self._question(built, item, n, built.count)
            built.layout.addWidget(box)
            if built.body.isVisible():
                box.show()  # on a page already shown: visible at once, not after a queued show
            elif widths:
                box.ensurePolished()
                for width in widths:  # wrapped text measured now, looked up when shown
                    box.heightForWidth(width)
            if deadline is not None and time.perf_counter() >= deadline:
                break
        if not built.pending:
            built.layout.addStretch(1)
            if widths:
                built.body.resize(widths[0], built.body.heightForWidth(widths[0]))
                built.layout.activate()

    def _warm_page(self, built: _PageBody) -> None:
        """Paint a complete page made ahead once off screen (controls.warm_up), as far down as
        the window could show: showing it is then quicker still."""
        built.warm = True
        widths = self._ahead_widths()
        if widths and shiboken6.isValid(built.body) and not built.body.isVisible():
            warm_up(built.body, QSize(widths[0], built.body.heightForWidth(widths[0])),
                    top=self.window().height())

    def _ahead_widths(self) -> tuple[int, ...]:
        """The viewport widths a page made ahead will be shown at, most likely first: with the
        vertical scroll bar (most pages are longer than the window), and also without it while
        the viewport has none (the scroll area measures a new page at the viewport's current
        width before it adds the bar). While the view is hidden, it will fill the page stack
        that is shown. () while no width is known yet (the window is not shown)."""
        bar = self.scroller.verticalScrollBar()
        extent = bar.sizeHint().width()
        if self.isVisible():
            if bar.isVisible():
                return (self.viewport.width(),)
            full = self.viewport.width()
        else:  # the first shown ancestor's width, less the margins of the hidden ones
            outer: QWidget | None = self
            inset = 2 * self.scroller.frameWidth()
            while outer is not None and not outer.isVisible():
                layout = outer.layout()
                if layout is not None:
                    margins = layout.contentsMargins()
                    inset += margins.left() + margins.right()
                outer = outer.parentWidget()
            if outer is None:
                return ()
            full = outer.contentsRect().width() - inset
        return (full - extent, full)

    # The shown page's questions (item ID -> its buttons) and "your answer last time" notes.
    # A page is shown as soon as its first questions exist and fills in over idle turns;
    # asking for these finishes it first.
    @property
    def groups(self) -> dict[str, QButtonGroup]:
        self._finish_shown()
        return self._shown.groups if self._shown is not None else {}

    @property
    def notes(self) -> dict[str, QWidget]:
        self._finish_shown()
        return self._shown.notes if self._shown is not None else {}

    def _finish_shown(self) -> None:
        shown = self._shown
        if shown is not None and not shown.complete:
            self._build_some(shown)
            self._after_shown_complete()

    def _build_shown(self, shown: _PageBody, deadline: float) -> bool:
        """An idle step: the rest of the shown page; True while questions remain."""
        if shown is not self._shown or shown.complete:
            return False  # another page is shown by now, or it was finished on demand
        self._build_some(shown, deadline)
        if not shown.complete:
            return True
        self._after_shown_complete()
        return False

    def _after_shown_complete(self) -> None:
        """Once this page is whole, build the following ones in idle turns."""
        self._update_nav()
        self._queue_ahead()

    def _queue_ahead(self) -> None:
        if not self._ahead_queued:
            self._ahead_queued = True
            idle.later(self, self._build_ahead)

    def _drop_ahead(self) -> None:
        for ahead in self._ahead.values():
            ahead.body.deleteLater()
        self._ahead.clear()

    def _build_ahead(self, deadline: float) -> bool:
        """An idle step: while the user reads this page, build the following ones until
        `deadline` (all of them: answering is often quicker than building one page per page).
        True while there is more to build."""
        first = self.index + 1 if self._shown is not None else self.index
        for index in range(first, len(self.pages)):
            ahead = self._ahead.get(index)
            if ahead is None:
                ahead = self._ahead[index] = self._new_body(index)
            if not ahead.complete:
                self._build_some(ahead, deadline, lay_out=True)
            if ahead.complete and not ahead.warm and time.perf_counter() < deadline:
                self._warm_page(ahead)  # in this turn only if there is time left, else the next
            if time.perf_counter() >= deadline:
                if not (ahead.warm and index == len(self.pages) - 1):
                    return True
                break
        self._ahead_queued = False
        return False

    def _show_page(self) -> None:
        old, focus = self.scroller.widget(), QApplication.focusWidget()
        if old is not None and focus is not None and old.isAncestorOf(focus):
            # Not left to Qt, which would move the focus on to the sidebar's list (repainting
            # all of it, and with it the whole window); _focus_first moves it on to the page.
            self.next_button.setFocus(Qt.FocusReason.OtherFocusReason)
        old = self.scroller.takeWidget()
        if old is not None:
            old.hide()
            old.deleteLater()
        self._shown = None
        if not self.pages:
            self._drop_ahead()
            body = QWidget()
            lay = QVBoxLayout(body)
            lay.setContentsMargins(0, 8, 8, 8)
            self.title.setText(self.tr("No questions apply"))
            lay.addWidget(plain_label(self.tr(
                "With the profile you gave, none of the questions apply. You can finish now."),
                body))
            lay.addStretch(1)
            self.scroller.setWidget(body)
            self._update_nav()
            return
        page = self.pages[self.index]
        ahead = self._ahead.pop(self.index, None)
        if ahead is not None and ahead.key == page.key and shiboken6.isValid(ahead.body):
            built = ahead  # built in idle turns; finish what is left
        else:
            if ahead is not None:
                ahead.body.deleteLater()
            built = self._new_body(self.index)
        # The first questions now, the rest over the next idle turns.
        self._build_some(built, time.perf_counter() + FIRST_SLICE_S)
        self._sync(built)
        self._shown = built
        self.title.setText(page.title)
        self.title.setAccessibleName(page.title)
        pix = icon(page.icon).pixmap(36, 36) if page.icon else None  # rendered in _new_body
        self.icon_label.setPixmap(pix) if pix is not None else self.icon_label.clear()
        self.scroller.setWidget(built.body)
        built.body.show()
        self._update_nav()
        if built.complete:
            self._after_shown_complete()
        else:
            idle.later(self, partial(self._build_shown, built), first=True)

    def _sync(self, built: _PageBody) -> None:
        """A page built ahead of time shows the answers as they are now."""
        answers, unconfirmed = self.session.answers, self.session.unconfirmed
        for item_id, group in built.groups.items():
            want = answers.get(item_id)
            checked = group.checkedButton()
            if (checked.property("option_id") if checked is not None else None) != want:
                group.blockSignals(True)
                group.setExclusive(False)
                for b in group.buttons():
                    b.setChecked(b.property("option_id") == want)
                group.setExclusive(True)
                group.blockSignals(False)
            note = built.notes.get(item_id)
            if note is not None and item_id not in unconfirmed:
                note.hide()
                del built.notes[item_id]

    def _last_time(self) -> str:
        latest = self.session.latest
        if latest is None:
            return ""
        d = latest.created.astimezone().date()
        return str(QLocale(self.lang).toString(QDate(d.year, d.month, d.day), "d MMMM yyyy"
                                               if self.lang == "en" else "yyyy年M月d日"))

    def _question(self, built: _PageBody, item: Item, n: int, count: int) -> QWidget:
        box = QFrame(built.body)
        box.setFrameShape(QFrame.Shape.StyledPanel)
        lay = QVBoxLayout(box)
        question = tr(item.question, self.lang)
        lay.addWidget(plain_label(question, box, heading=3))
        current = self.session.answers.get(item.id)
        if current is not None and item.id in self.session.unconfirmed:
            note = plain_label(self.tr(
                "Your answer last time ({date}). Still right? Choose it again or change it.")
                .format(date=self._last_time()), box)
            note.setObjectName("prefill_note")
            note.setAccessibleName(self.tr("Answer from your last audit"))
            lay.addWidget(note)
            built.notes[item.id] = note
        group = QButtonGroup(box)
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
        # Toggled records a new answer; clicked also fires on the option already chosen (mouse
        # or Space), which confirms an answer carried over from the last audit.
        group.buttonToggled.connect(
            lambda button, on, item_id=item.id: self._answered(item_id, button, on))
        group.buttonClicked.connect(
            lambda button, item_id=item.id: self._answered(item_id, button, True, confirm=True))
        built.groups[item.id] = group
        why = tr(item.why, self.lang)
        if why:
            lay.addWidget(Foldout(self.tr("Why this matters"), why, box))
        return box

    def _answered(self, item_id: str, button: QRadioButton, on: bool,
                  confirm: bool = False) -> None:
        if not on:
            return
        if confirm and item_id not in self.session.unconfirmed:
            return  # a click on a new option: its toggle has already recorded it
        self.session.set_answer(item_id, str(button.property("option_id")),
                                on_error=lambda exc: self.status.setText(describe(exc)))
        note = self._shown.notes.pop(item_id, None) if self._shown is not None else None
        if note is not None:
            note.hide()
        self._update_nav()

    def confirm_page(self) -> None:
        """Confirm every answer carried over from the last audit on this page."""
        for item_id, group in self.groups.items():
            button = group.checkedButton()
            if item_id in self.session.unconfirmed and button is not None:
                self._answered(item_id, button, True, confirm=True)  # type: ignore[arg-type]
        self._focus_first()

    def _update_nav(self) -> None:
        applicable = self.applicable
        total = len(applicable)
        answered = sum(1 for it in applicable if self._confirmed(it.id))
        set_progress(self.progress, answered, max(total, 1))
        self.progress.setFormat(self.tr("%v of %m answered"))
        pages = max(len(self.pages), 1)
        text = self.tr(
            "Page {page} of {pages}. Every answer is saved as you go. A question you skip "
            "counts as partly exposed.").format(page=self.index + 1, pages=pages)
        waiting = sum(1 for it in applicable if it.id in self.session.unconfirmed)
        if waiting:
            text += " " + self.tr(
                "{n} answers from last time still need your confirmation; until you confirm "
                "them they count as skipped.").format(n=waiting)
        self.progress_text.setText(text)
        page = self.pages[self.index].items if self.index < len(self.pages) else ()
        on_page = any(it.id in self.session.unconfirmed for it in page)
        self.confirm_all_button.setVisible(on_page)
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
        built = self._shown.groups if self._shown is not None else {}  # the first is always built
        for group in built.values():
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
