"""The profile step, generated from the pack's profile questions, plus the declared facts."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.model import (
    DeclaredFacts,
    Pack,
    Platform,
    Profile,
    ProfileQuestion,
    ProfileValue,
    tr,
)
from . import idle
from .controls import accessible, icon, plain_label, scrolled_page
from .session import Session

GROUP_ORDER = ("global", "chinese", "general")


class PlatformPicker(QWidget):
    """A searchable, grouped, checkable list of the pack's platforms, with icons.

    The rows are added by `fill_steps()`, a few per call, so that the form that owns the picker
    can spread them over idle turns of the event loop; `value()` and `set_value()` need them all.
    """

    ROWS_PER_STEP = 3  # each row draws its SVG icon: slow the first time in a process

    def __init__(self, pack: Pack, locale: str, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search platforms"))
        self.search.setClearButtonEnabled(True)
        accessible(self.search, self.tr("Search platforms"),
                   self.tr("Type part of a name to filter the list below"))
        layout.addWidget(self.search)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.setMinimumHeight(260)
        accessible(self.tree, label, self.tr("Press Space to tick or untick the selected platform"))
        self._titles = {"global": self.tr("International services"),
                        "chinese": self.tr("Chinese services"),
                        "general": self.tr("Other places")}
        self._pack, self._locale = pack, locale
        self.items: dict[str, QTreeWidgetItem] = {}
        self._heads: dict[str, QTreeWidgetItem] = {}
        layout.addWidget(self.tree)
        self.search.textChanged.connect(self._filter)

    def fill_steps(self) -> list[Callable[[], None]]:
        """The rows to add, in order, a few per step (each group's heading with its first rows)."""
        steps: list[Callable[[], None]] = []
        for group in GROUP_ORDER:
            members = [p for p in self._pack.platforms if p.group == group]
            for start in range(0, len(members), self.ROWS_PER_STEP):
                steps.append(partial(self._add_rows, group,
                                     members[start:start + self.ROWS_PER_STEP]))
        return steps

    def _add_rows(self, group: str, members: list[Platform]) -> None:
        head = self._heads.get(group)
        if head is None:
            head = self._heads[group] = QTreeWidgetItem(self.tree, [self._titles[group]])
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            head.setExpanded(True)
        needle = self.search.text().strip().casefold()
        side = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, self.tree)
        for p in members:
            item = QTreeWidgetItem(head, [tr(p.name, self._locale)])
            row_icon = icon(p.icon or p.id)
            row_icon.pixmap(side, side)  # drawn now (SVG), so that showing the list only looks it up
            item.setIcon(0, row_icon)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                          | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Unchecked)
            item.setData(0, Qt.ItemDataRole.UserRole, p.id)
            if needle:  # typed into the search box before this row existed
                item.setHidden(needle not in item.text(0).casefold() and needle not in p.id)
            self.items[p.id] = item

    def _filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for pid, item in self.items.items():
            item.setHidden(bool(needle) and needle not in item.text(0).casefold()
                           and needle not in pid)

    def value(self) -> tuple[str, ...]:
        return tuple(pid for pid, item in self.items.items()
                     if item.checkState(0) == Qt.CheckState.Checked)

    def set_value(self, ids: tuple[str, ...] | list[str]) -> None:
        for pid, item in self.items.items():
            item.setCheckState(0, Qt.CheckState.Checked if pid in ids else Qt.CheckState.Unchecked)


FACT_FIELDS = ("names", "employers", "titles", "teams", "projects", "work_domains", "emails",
               "phones", "handles")


class ProfileView(QWidget):
    """Role, sensitivity, platforms, events, travel, publishing; then the declared facts."""

    saved = Signal()

    def __init__(self, session: Session, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.lang = locale
        self._inputs: dict[str, object] = {}
        self._facts: dict[str, QPlainTextEdit] = {}
        self._loaded_from: object = None  # the session profile the fields were last loaded from
        body, self.form = scrolled_page(self)
        self.body = body
        self.form.addWidget(plain_label(self.tr("About you"), body, heading=1))
        self.form.addWidget(plain_label(self.tr(
            "These answers decide which questions apply to you. You can change them later."),
            body))
        pack = session.pack
        assert pack is not None
        # The form is built a piece per idle turn of the event loop (it is made ahead of time,
        # while the user is on another page); anything that needs it finishes it at once.
        self._pending: list[Callable[[], None]] = [
            partial(self._add_question, body, q) for q in pack.profile]
        self._pending.append(partial(self._add_facts_head, body))
        self._pending += [partial(self._add_fact, body, key) for key in FACT_FIELDS]
        self._pending += [self._add_save_row]
        idle.later(self, self._build_more)

    # The parts of the form that callers use; asking for one finishes the form first.
    @property
    def inputs(self) -> dict[str, object]:
        self.ensure_built()
        return self._inputs

    @property
    def facts(self) -> dict[str, QPlainTextEdit]:
        self.ensure_built()
        return self._facts

    @property
    def save_button(self) -> QPushButton:
        self.ensure_built()
        return self._save_button

    @property
    def status(self) -> QLabel:
        self.ensure_built()
        return self._status

    def _build_more(self, deadline: float) -> bool:
        """One idle step: add parts of the form until `deadline`; True while parts remain."""
        while self._pending and time.perf_counter() < deadline:
            self._pending.pop(0)()
        if self._pending:
            return True
        if self._loaded_from is None:
            self.load()
        return False

    def whole(self) -> bool:
        """Whether the form is built to the end (see `_build_more`)."""
        return not self._pending

    def ensure_built(self) -> None:
        if not self._pending:
            return
        before = set(self.body.children())
        while self._pending:
            self._pending.pop(0)()
        if self.body.isVisible():
            # Widgets added to a shown form appear only after a queued show; the caller may
            # want to focus one now.
            direct = Qt.FindChildOption.FindDirectChildrenOnly
            for w in self.body.findChildren(QWidget, options=direct):
                if w not in before and not w.testAttribute(
                        Qt.WidgetAttribute.WA_WState_ExplicitShowHide):
                    w.show()
        self.load()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt name)
        self.ensure_built()
        if self._loaded_from is not self.session.profile:
            self.load()  # the profile was unlocked or changed since the form was filled
        super().showEvent(event)

    def _add_save_row(self) -> None:
        body = self.body
        row = QHBoxLayout()
        row.addStretch(1)
        self._save_button = QPushButton(self.tr("&Save and continue"), body)
        self._save_button.setDefault(True)
        accessible(self._save_button, self.tr("Save and continue"),
                   self.tr("Save your profile and go on to the questions"))
        row.addWidget(self._save_button)
        self.form.addLayout(row)
        self._status = plain_label("", body)
        self.form.addWidget(self._status)
        self._save_button.clicked.connect(self.save)

    def _add_question(self, body: QWidget, q: ProfileQuestion) -> None:
        label = tr(q.label, self.lang)
        help_text = tr(q.help, self.lang)
        self.form.addSpacing(10)
        if q.kind == "bool":
            box = QCheckBox(label, body)
            accessible(box, label, help_text)
            self.form.addWidget(box)
            self._inputs[q.id] = box
        elif q.kind == "choice":
            self.form.addWidget(plain_label(label, body, heading=3))
            if help_text:
                self.form.addWidget(plain_label(help_text, body))
            if len(q.options) <= 5:
                frame = QWidget(body)
                lay = QVBoxLayout(frame)
                lay.setContentsMargins(12, 0, 0, 0)
                group = QButtonGroup(frame)
                for opt in q.options:
                    text = tr(opt.label, self.lang)
                    radio = QRadioButton(text, frame)
                    accessible(radio, text, label)
                    radio.setProperty("option_id", opt.id)
                    group.addButton(radio)
                    lay.addWidget(radio)
                self.form.addWidget(frame)
                self._inputs[q.id] = group
            else:
                combo = QComboBox(body)
                combo.addItem(self.tr("(choose one)"), "")
                for opt in q.options:
                    combo.addItem(tr(opt.label, self.lang), opt.id)
                accessible(combo, label, help_text)
                self.form.addWidget(combo)
                self._inputs[q.id] = combo
        elif q.kind == "multi":
            self.form.addWidget(plain_label(label, body, heading=3))
            boxes = []
            for opt in q.options:
                text = tr(opt.label, self.lang)
                box = QCheckBox(text, body)
                accessible(box, text, label)
                box.setProperty("option_id", opt.id)
                self.form.addWidget(box)
                boxes.append(box)
            self._inputs[q.id] = boxes
        else:  # platforms
            self.form.addWidget(plain_label(label, body, heading=3))
            if help_text:
                self.form.addWidget(plain_label(help_text, body))
            assert self.session.pack is not None
            picker = PlatformPicker(self.session.pack, self.lang, label, body)
            self.form.addWidget(picker)
            self._inputs[q.id] = picker
            self._pending[0:0] = picker.fill_steps()  # its rows next, a few per idle turn

    def _add_facts_head(self, body: QWidget) -> None:
        self.form.addWidget(plain_label(self.tr("What could identify you"), body, heading=2))
        note = plain_label(self.tr(
            "Used later to check your own posts and search results for these details. They stay "
            "encrypted in the vault on this computer and are never sent anywhere. One entry per "
            "line; leave empty what you prefer not to enter."), body)
        note.setAccessibleName(self.tr("Privacy note"))
        self.form.addWidget(note)
        self._fact_labels = {
            "names": (self.tr("Your names"), self.tr("Names you are known by, including other "
                                                     "spellings and scripts")),
            "employers": (self.tr("Employers"), self.tr("Current and recent employers")),
            "titles": (self.tr("Job titles"), self.tr("Your job titles")),
            "teams": (self.tr("Teams or units"), self.tr("Teams, departments, labs or units")),
            "projects": (self.tr("Projects"), self.tr("Project or programme names")),
            "work_domains": (self.tr("Work email domains"),
                             self.tr("For example example.org, without the name before @")),
            "emails": (self.tr("Email addresses"), self.tr("Work and personal email addresses")),
            "phones": (self.tr("Phone numbers"), self.tr("Work and personal phone numbers")),
            "handles": (self.tr("Online handles"), self.tr("User names on the platforms you use")),
        }
        self._facts_form = QFormLayout()
        self._facts_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._facts_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.addLayout(self._facts_form)

    def _add_fact(self, body: QWidget, key: str) -> None:
        name, desc = self._fact_labels[key]
        edit = QPlainTextEdit(body)
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 3 + 12)
        accessible(edit, name, desc)
        label = QLabel(name + ":", body)
        label.setBuddy(edit)
        label.setWordWrap(True)
        self._facts_form.addRow(label, edit)
        self._facts[key] = edit

    def focus_first(self) -> None:
        """Put the keyboard focus on the first question (reading order)."""
        for widget in self.inputs.values():
            target: QWidget | None
            if isinstance(widget, QButtonGroup):
                target = widget.checkedButton() or widget.buttons()[0]
            elif isinstance(widget, list):
                target = widget[0] if widget else None
            elif isinstance(widget, PlatformPicker):
                target = widget.search
            else:
                target = widget if isinstance(widget, QWidget) else None
            if target is not None:
                target.setFocus(Qt.FocusReason.TabFocusReason)
                return

    def load(self) -> None:
        self._loaded_from = self.session.profile
        profile = self.session.profile or Profile()
        for qid, widget in self.inputs.items():
            value = profile.get(qid)
            if isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            elif isinstance(widget, QButtonGroup):
                for b in widget.buttons():
                    b.setChecked(b.property("option_id") == value)
            elif isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(0, widget.findData(value or "")))
            elif isinstance(widget, list):
                chosen = value if isinstance(value, tuple | list) else ()
                for b in widget:
                    b.setChecked(b.property("option_id") in chosen)
            elif isinstance(widget, PlatformPicker):
                widget.set_value(value if isinstance(value, tuple | list) else ())
        declared = self.session.declared
        for key, edit in self.facts.items():
            edit.setPlainText("\n".join(getattr(declared, key)))

    def value(self) -> tuple[Profile, DeclaredFacts]:
        answers: dict[str, ProfileValue] = {}
        for qid, widget in self.inputs.items():
            if isinstance(widget, QCheckBox):
                answers[qid] = widget.isChecked()
            elif isinstance(widget, QButtonGroup):
                checked = widget.checkedButton()
                answers[qid] = str(checked.property("option_id")) if checked else None
            elif isinstance(widget, QComboBox):
                answers[qid] = str(widget.currentData()) or None
            elif isinstance(widget, list):
                answers[qid] = tuple(str(b.property("option_id")) for b in widget if b.isChecked())
            elif isinstance(widget, PlatformPicker):
                answers[qid] = widget.value()
        facts = {key: [line.strip() for line in edit.toPlainText().splitlines() if line.strip()]
                 for key, edit in self.facts.items()}
        return Profile(answers), DeclaredFacts.from_dict(facts)

    def save(self) -> None:
        profile, declared = self.value()
        self.save_button.setEnabled(False)
        self.status.setText(self.tr("Saving…"))

        def done(_: object) -> None:
            self.save_button.setEnabled(True)
            self.status.setText(self.tr("Saved."))
            self.saved.emit()

        def failed(exc: BaseException) -> None:
            from .messages import describe

            self.save_button.setEnabled(True)
            self.status.setText(describe(exc))

        self.session.save_profile(profile, declared, on_done=done, on_error=failed)
