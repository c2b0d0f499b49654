"""The plan: a ranked list with "Do this first" on top, steps per platform, progress with dates."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..core.model import ProgressState, tr, tr_lines
from ..core.plan import Plan, PlanEntry
from .controls import accessible, icon, plain_label
from .lazyview import RefreshWhenShown
from .messages import describe
from .session import Session

ROLE_ID = Qt.ItemDataRole.UserRole


class PlanView(RefreshWhenShown):
    REFRESH_AHEAD = True  # shown after an unlock, a finished audit or a plan change

    def __init__(self, session: Session, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.lang = locale
        self.plan: Plan | None = None
        self.entries: dict[str, PlanEntry] = {}
        self.selected: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 12)
        layout.addWidget(plain_label(self.tr("Your plan"), self, heading=1))
        self.score_label = plain_label("", self, heading=3)
        self.score_label.setAccessibleName(self.tr("Score now"))
        layout.addWidget(self.score_label)
        layout.addWidget(plain_label(self.tr(
            "Ranked by how much each step lowers your score for the time it takes. Mark a step "
            "done when you have made the change; the score updates at once."), self))
        self.contact = plain_label(self.contact_text(), self, selectable=True)
        self.contact.setAccessibleName(self.tr("Your security contact"))
        self.contact.setVisible(bool(self.contact.text()))
        layout.addWidget(self.contact)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.setChildrenCollapsible(False)
        self.list = QListWidget(split)
        self.list.setWordWrap(True)
        # Wrapped rows are measured one by one; lay them out a batch per event-loop turn so a
        # rebuild after each mark never blocks the window for the whole list.
        self.list.setLayoutMode(QListView.LayoutMode.Batched)
        self.list.setBatchSize(8)
        # A scroll bar that comes and goes would change the width the rows wrap to, and with it
        # their height, and start the batched layout over: endlessly, at full CPU.
        self.list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.list.setMinimumWidth(260)
        accessible(self.list, self.tr("Plan steps"),
                   self.tr("Steps ranked by priority; the first one is the one to do first"))
        detail_scroll = QScrollArea(split)
        detail_scroll.setWidgetResizable(True)
        detail_scroll.setFrameShape(QFrame.Shape.NoFrame)
        detail_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # Text wraps to the pane's width instead of scrolling sideways (200 % scale, narrow windows).
        detail_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.detail = QWidget(detail_scroll)
        detail_scroll.setWidget(self.detail)
        dl = QVBoxLayout(self.detail)
        dl.setContentsMargins(12, 0, 0, 0)
        self.badge = plain_label("", self.detail, heading=3)
        self.title = plain_label("", self.detail, heading=2)
        self.tags = plain_label("", self.detail)
        self.state_label = plain_label("", self.detail)
        self.why = plain_label("", self.detail)
        self.steps_box = QWidget(self.detail)
        self.steps_layout = QVBoxLayout(self.steps_box)
        self.steps_layout.setContentsMargins(0, 0, 0, 0)
        for w in (self.badge, self.title, self.tags, self.state_label, self.why, self.steps_box):
            dl.addWidget(w)
        row = QGridLayout()
        self.done_button = QPushButton(self.tr("Mark &done"), self.detail)
        self.na_button = QPushButton(self.tr("N&ot applicable"), self.detail)
        self.accept_button = QPushButton(self.tr("&Risk accepted"), self.detail)
        self.todo_button = QPushButton(self.tr("Back to &to-do"), self.detail)
        accessible(self.done_button, self.tr("Mark done"),
                   self.tr("You have made this change; the score drops accordingly"))
        accessible(self.na_button, self.tr("Not applicable"),
                   self.tr("This step does not apply to you; it leaves the score"))
        accessible(self.accept_button, self.tr("Risk accepted"),
                   self.tr("You choose to keep this as it is; it stays in the score"))
        accessible(self.todo_button, self.tr("Back to to-do"),
                   self.tr("Undo the mark and put the step back on the list"))
        for n, b in enumerate((self.done_button, self.na_button, self.accept_button,
                               self.todo_button)):
            b.setAutoDefault(False)
            row.addWidget(b, n // 2, n % 2)
        row.setColumnStretch(2, 1)
        dl.addLayout(row)
        self.status = plain_label("", self.detail)
        dl.addWidget(self.status)
        dl.addStretch(1)
        split.addWidget(self.list)
        split.addWidget(detail_scroll)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)
        self.list.currentItemChanged.connect(self._current_changed)
        self.done_button.clicked.connect(lambda: self._mark("done"))
        self.na_button.clicked.connect(lambda: self._mark("na"))
        self.accept_button.clicked.connect(lambda: self._mark("accepted"))
        self.todo_button.clicked.connect(lambda: self._mark("todo"))
        self.watch(self.session)

    def contact_text(self) -> str:
        """The organisation's security contact (from its pack), for reporting an approach."""
        pack = self.session.pack
        contact = pack.security_contact if pack is not None else None
        if contact is None:
            return ""
        ways = " · ".join(w for w in (contact.email, contact.phone, contact.url) if w)
        text = self.tr("If someone approaches you about your work, report it to {name}: {ways}") \
            .format(name=tr(contact.name, self.lang), ways=ways)
        extra = tr(contact.text, self.lang)
        return f"{text}\n{extra}" if extra else text

    def _date(self, when: datetime | None) -> str:
        if when is None:
            return ""
        d = when.astimezone().date()
        return str(QLocale(self.lang).toString(QDate(d.year, d.month, d.day),
                                               QLocale.FormatType.ShortFormat))

    def _cost(self, cost: str) -> str:
        return {"free": self.tr("Free"), "paid": self.tr("Costs money"),
                "time": self.tr("Takes ongoing time")}.get(cost, cost)

    def _state_text(self, entry: PlanEntry) -> str:
        when = self._date(entry.since)
        return {"done": self.tr("Done on {date}").format(date=when),
                "na": self.tr("Marked not applicable on {date}").format(date=when),
                "accepted": self.tr("Risk accepted on {date}").format(date=when),
                "stale": self.tr("Done on {date}, but that was long ago: check it again").format(
                    date=when)}.get(entry.state, self.tr("To do"))

    def refresh(self) -> None:
        self._dirty = False
        self.plan = self.session.plan()
        keep, self.selected = self.selected, None  # shown again below, with the new plan
        self.list.blockSignals(True)
        self.list.clear()
        self.entries = {}
        plan = self.plan
        if plan is None:
            self.score_label.setText(self.tr("Finish an audit to get your plan."))
            self.list.blockSignals(False)
            self._show(None)
            return
        self.score_label.setText(self.tr("Score now: {score} of 100 (lower is better)").format(
            score=round(plan.score.total)))

        def add_header(text: str) -> None:
            head = QListWidgetItem(text)
            head.setFlags(Qt.ItemFlag.NoItemFlags)
            font = QFont(self.list.font())
            font.setBold(True)
            head.setFont(font)
            self.list.addItem(head)

        first = True
        if plan.todo:
            add_header(self.tr("To do ({n})").format(n=len(plan.todo)))
        for entry in plan.todo:
            text = tr(entry.item.question, self.lang)
            if first:
                text = self.tr("Do this first: {title}").format(title=text)
                first = False
            self._add(entry, text)
        if plan.done:
            add_header(self.tr("Done ({n})").format(n=len(plan.done)))
            for entry in plan.done:
                self._add(entry, tr(entry.item.question, self.lang))
        if plan.accepted:
            add_header(self.tr("Risk accepted ({n})").format(n=len(plan.accepted)))
            for entry in plan.accepted:
                self._add(entry, tr(entry.item.question, self.lang))
        if plan.not_applicable:
            add_header(self.tr("Not applicable ({n})").format(n=len(plan.not_applicable)))
            for entry in plan.not_applicable:
                self._add(entry, tr(entry.item.question, self.lang))
        self.list.blockSignals(False)
        target = keep if keep in self.entries and self._state_of(keep) == "todo" else None
        if target is None and plan.first is not None:
            target = plan.first.item_id
        if target is None and keep in self.entries:
            target = keep
        self.select(target)

    def _state_of(self, item_id: str) -> str:
        entry = self.entries.get(item_id)
        return entry.state if entry else ""

    def _add(self, entry: PlanEntry, text: str) -> None:
        item = QListWidgetItem(text)
        item.setData(ROLE_ID, entry.item_id)
        if entry.state != "todo" and entry.state != "stale":
            item.setText(f"{text} — {self._state_text(entry)}")
        if entry.item.platforms:
            item.setIcon(icon(self._platform_icon(entry.item.platforms[0])))
        self.list.addItem(item)
        self.entries[entry.item_id] = entry

    def _platform_icon(self, platform_id: str) -> str:
        pack = self.session.pack
        try:
            p = pack.platform(platform_id) if pack else None
        except KeyError:
            return ""
        return (p.icon or p.id) if p else ""

    def select(self, item_id: str | None) -> None:
        for row in range(self.list.count()):
            it = self.list.item(row)
            if it.data(ROLE_ID) == item_id:
                if self.list.currentRow() != row:
                    self.list.setCurrentRow(row)  # _current_changed shows it
                elif self.selected != item_id:
                    self._show(item_id)
                return
        self._show(None)

    def _current_changed(self, current: QListWidgetItem | None, _prev: object) -> None:
        self._show(current.data(ROLE_ID) if current is not None else None)

    def _show(self, item_id: str | None) -> None:
        self.selected = item_id
        entry = self.entries.get(item_id or "")
        for button in (self.done_button, self.na_button, self.accept_button, self.todo_button):
            button.setVisible(entry is not None)
        while self.steps_layout.count():
            old = self.steps_layout.takeAt(0)
            gone = old.widget() if old is not None else None
            if gone is not None:
                gone.deleteLater()
        if entry is None:
            for label in (self.badge, self.title, self.tags, self.state_label, self.why):
                label.setText("")
            if self.plan is not None and not self.plan.todo:
                self.title.setText(self.tr("Nothing left to do. Well done."))
            return
        plan = self.plan
        is_first = plan is not None and plan.first is not None and plan.first.item_id == item_id
        self.badge.setText(self.tr("Do this first") if is_first else "")
        self.badge.setVisible(is_first)
        item = entry.item
        self.title.setText(tr(item.question, self.lang))
        self.tags.setText(self.tr("About {minutes} min · {cost} · lowers your score by up to "
                                  "{points} points").format(
            minutes=item.effort_minutes, cost=self._cost(item.cost),
            points=f"{entry.reduction:.1f}"))
        self.state_label.setText(self._state_text(entry))
        self.why.setText(tr(item.why, self.lang))
        pack = self.session.pack
        for step in entry.steps:
            try:
                name = tr(pack.platform(step.platform).name, self.lang) if pack else step.platform
            except KeyError:
                name = step.platform
            self.steps_layout.addWidget(plain_label(self.tr("How to do it on {platform}").format(
                platform=name), self.steps_box, heading=3))
            lines = tr_lines(step.lines, self.lang)
            text = "\n".join(f"{n}. {line}" for n, line in enumerate(lines, 1))
            self.steps_layout.addWidget(plain_label(text, self.steps_box, selectable=True))
            if step.checked:
                self.steps_layout.addWidget(plain_label(self.tr(
                    "These steps were last checked on {date}; menus change, so look for similar "
                    "wording if a name differs.").format(date=step.checked), self.steps_box))
        state = entry.state
        self.done_button.setEnabled(state not in ("done",))
        self.na_button.setEnabled(state != "na")
        self.accept_button.setEnabled(state != "accepted")
        self.todo_button.setEnabled(state not in ("todo",))

    def _mark(self, state: ProgressState) -> None:
        item_id = self.selected
        if not item_id:
            return
        self.status.setText("")
        self.session.mark(item_id, state, on_error=lambda exc: self.status.setText(describe(exc)))
        self.list.setFocus()
