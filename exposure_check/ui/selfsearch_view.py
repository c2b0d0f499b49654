"""The self-search view: queries to copy or open in the user's own browser, and what they found.

The app sends nothing: "Open in browser" hands the address to the system browser with one
`QDesktopServices.openUrl` call, after a first-time notice per site saying plainly who receives
the search. An org policy can turn the button off (`allow_open=False`: copy only). Findings go to
the vault (`store`: anything with `put_record`/`list_records`, and `get_setting`/`set_setting` for
the notice) through worker threads, and become suggested answers the user confirms.

Wiring (main window): `SelfSearchView(session.pack, session.declared, allow_open=setting,
store=session.vault, locale=ui_locale, recheck_days=setting, applicable=ids)`, then connect
`answers_confirmed(dict)` to `session.set_answer` for each item.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.model import DeclaredFacts, Pack, tr
from ..core.selfsearch import (
    DEFAULT_RECHECK_DAYS,
    FOUND_KINDS,
    Finding,
    Plan,
    Query,
    QueryGroup,
    build_plan,
    latest_findings,
    load_findings,
    new_finding,
    query_status,
    record_finding,
    suggest_answers,
)
from .controls import accessible, plain_label
from .workers import run_task

NOTICE_SETTING = "selfsearch.notice_seen_sites"  # sites whose first-time notice was accepted
_KEY_ROLE = Qt.ItemDataRole.UserRole


def _utcnow() -> datetime:
    return datetime.now(UTC)


class SelfSearchView(QWidget):
    """Guided self-search: one query at a time, copy or open it, record what it found."""

    finding_recorded = Signal(object)  # a core.selfsearch.Finding, once it is stored
    answers_confirmed = Signal(dict)  # {item_id: option_id} the user chose to apply
    opened = Signal(str)  # the URL handed to the browser
    ready = Signal()  # the plan is built (pinyin tables take a moment to load: off the GUI thread)

    def __init__(self, pack: Pack, facts: DeclaredFacts, *, allow_open: bool, locale: str = "en",
                 store: Any = None, region: str | None = None,
                 recheck_days: int = DEFAULT_RECHECK_DAYS, applicable: Iterable[str] | None = None,
                 clock: Callable[[], datetime] = _utcnow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pack = pack
        self.ui_locale = locale
        self.allow_open = allow_open
        self.store = store
        self.facts = facts
        self.region = region
        self.recheck_days = recheck_days
        self.applicable = set(applicable) if applicable is not None else None
        self.clock = clock
        self.plan = Plan(locale, ())
        self.findings: list[Finding] = []
        self.notice_seen: set[str] = set()
        self.current: Query | None = None
        self._items: dict[str, QTreeWidgetItem] = {}
        self._build()
        self.summary.setText(self.tr("Preparing your searches…"))
        # The plan is made when the page is first shown: it takes ~1 s in a fresh process
        # (pypinyin's tables) on a worker whose Python competes with the GUI thread, which the
        # audit pages should not pay for when the user never opens this page.
        self._plan_wanted = True
        self._load()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if self._plan_wanted:
            self._plan_wanted = False
            run_task(self, build_plan, self.pack, self.facts, self.ui_locale, self.region,
                     on_done=self._on_plan, on_error=self._on_plan_error)

    def set_facts(self, facts: DeclaredFacts, applicable: Iterable[str] | None = None) -> None:
        """Rebuild the plan when the declared facts change (the profile step was saved again)."""
        if applicable is not None:
            self.applicable = set(applicable)
        if facts == self.facts:
            return
        self.facts = facts
        if self._plan_wanted:
            return  # not shown yet: the plan is made for these facts when it is
        run_task(self, build_plan, self.pack, facts, self.ui_locale, self.region,
                 on_done=self._on_plan, on_error=self._on_plan_error)

    def _on_plan(self, plan: Plan) -> None:
        self.plan = plan
        self._fill_tree()
        self.ready.emit()

    def _on_plan_error(self, exc: BaseException) -> None:
        self.summary.setText(self.tr("The searches could not be prepared: {error}").format(
            error=str(exc)))

    # --- layout ----------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(self.tr("Search for yourself"), self, heading=1))
        intro = plain_label(self.tr(
            "Search for yourself the way a stranger would. Each search below runs in your own web "
            "browser, only when you choose. Exposure Check itself sends nothing to any site."), self)
        layout.addWidget(intro)
        if not self.allow_open:
            layout.addWidget(plain_label(self.tr(
                "Your organisation allows copying searches only: paste them into your browser "
                "yourself."), self))
        self.summary = plain_label("", self)
        accessible(self.summary, self.tr("Self-search progress"))
        layout.addWidget(self.summary)

        split = QSplitter(Qt.Orientation.Horizontal, self)
        self.tree = QTreeWidget(split)
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Search"), self.tr("Last searched")])
        self.tree.setRootIsDecorated(True)
        # The search names take the width the dates leave; a name still too long for it is
        # elided and shown whole in its tooltip.
        head = self.tree.header()
        head.setStretchLastSection(False)
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        accessible(self.tree, self.tr("Searches to run"),
                   self.tr("Grouped by what is searched for; pick one to see and copy it."))
        self.tree.currentItemChanged.connect(self._on_current)

        detail = QWidget(split)
        d = QVBoxLayout(detail)
        self.engine_label = plain_label("", detail, heading=2)
        self.note_label = plain_label("", detail)
        d.addWidget(self.engine_label)
        d.addWidget(self.note_label)

        grid = QGridLayout()
        self.query_caption = QLabel(self.tr("Search text:"), detail)
        self.query_edit = QLineEdit(detail)
        self.query_edit.setReadOnly(True)
        accessible(self.query_edit, self.tr("Search text"), self.tr("Read-only; select it to copy."))
        self.query_caption.setBuddy(self.query_edit)
        self.copy_button = QPushButton(self.tr("Copy"), detail)
        accessible(self.copy_button, self.tr("Copy the search text"))
        self.copy_button.clicked.connect(self.copy_query)
        self.url_caption = QLabel(self.tr("Address:"), detail)
        self.url_edit = QLineEdit(detail)
        self.url_edit.setReadOnly(True)
        accessible(self.url_edit, self.tr("Search address"), self.tr("Read-only; select it to copy."))
        self.url_caption.setBuddy(self.url_edit)
        self.copy_url_button = QPushButton(self.tr("Copy address"), detail)
        accessible(self.copy_url_button, self.tr("Copy the search address"))
        self.copy_url_button.clicked.connect(self.copy_url)
        grid.addWidget(self.query_caption, 0, 0)
        grid.addWidget(self.query_edit, 0, 1)
        grid.addWidget(self.copy_button, 0, 2)
        grid.addWidget(self.url_caption, 1, 0)
        grid.addWidget(self.url_edit, 1, 1)
        grid.addWidget(self.copy_url_button, 1, 2)
        d.addLayout(grid)

        self.open_button = QPushButton(self.tr("Open in browser"), detail)
        accessible(self.open_button, self.tr("Open in browser"),
                   self.tr("Your browser sends this search to the site named above."))
        self.open_button.clicked.connect(self.open_current)
        self.open_button.setVisible(self.allow_open)
        d.addWidget(self.open_button)
        self.status_label = plain_label("", detail)
        accessible(self.status_label, self.tr("When this search was last run"))
        d.addWidget(self.status_label)

        box = QGroupBox(self.tr("What did you find?"), detail)
        b = QVBoxLayout(box)
        self.nothing_radio = QRadioButton(self.tr("Nothing about me"), box)
        self.found_radio = QRadioButton(self.tr("Something about me"), box)
        accessible(self.nothing_radio, self.tr("Nothing about me was found"))
        accessible(self.found_radio, self.tr("Something about me was found"))
        self.result_group = QButtonGroup(box)
        self.result_group.addButton(self.nothing_radio)
        self.result_group.addButton(self.found_radio)
        b.addWidget(self.nothing_radio)
        b.addWidget(self.found_radio)
        kinds_row = QHBoxLayout()
        labels = self._kind_labels()
        self.kind_boxes: dict[str, QCheckBox] = {}
        for kind in FOUND_KINDS:
            cb = QCheckBox(labels[kind], box)
            accessible(cb, self.tr("Found: {what}").format(what=labels[kind]))
            cb.toggled.connect(self._on_kind_toggled)
            self.kind_boxes[kind] = cb
            kinds_row.addWidget(cb)
        b.addLayout(kinds_row)
        where_row = QHBoxLayout()
        where_caption = QLabel(self.tr("Where:"), box)
        self.where_combo = QComboBox(box)
        accessible(self.where_combo, self.tr("Where it was found"))
        where_caption.setBuddy(self.where_combo)
        self.where_combo.addItem(self.tr("Somewhere else"), "")
        for platform in self.pack.platforms:
            self.where_combo.addItem(tr(platform.name, self.ui_locale), platform.id)
        where_row.addWidget(where_caption)
        where_row.addWidget(self.where_combo, 1)
        b.addLayout(where_row)
        self.note_edit = QLineEdit(box)
        self.note_edit.setPlaceholderText(self.tr("Private note (optional, kept in your vault)"))
        accessible(self.note_edit, self.tr("Private note"))
        b.addWidget(self.note_edit)
        self.save_button = QPushButton(self.tr("Save what I found"), box)
        accessible(self.save_button, self.tr("Save what I found"))
        self.save_button.clicked.connect(self.save_current)
        self.nothing_radio.toggled.connect(self._update_save)
        self.found_radio.toggled.connect(self._update_save)
        b.addWidget(self.save_button)
        self.save_status = plain_label("", box)
        b.addWidget(self.save_status)
        d.addWidget(box)

        sugg_box = QGroupBox(self.tr("Suggested answers from what you found"), detail)
        s = QVBoxLayout(sugg_box)
        self.suggestions = QListWidget(sugg_box)
        accessible(self.suggestions, self.tr("Suggested answers"),
                   self.tr("Tick the answers to use in your check."))
        s.addWidget(self.suggestions)
        self.apply_button = QPushButton(self.tr("Use the ticked answers"), sugg_box)
        accessible(self.apply_button, self.tr("Use the ticked answers"))
        self.apply_button.clicked.connect(self.confirm_suggestions)
        s.addWidget(self.apply_button)
        d.addWidget(sugg_box)
        d.addStretch(1)

        split.addWidget(self.tree)
        split.addWidget(detail)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)
        QWidget.setTabOrder(self.tree, self.query_edit)
        QWidget.setTabOrder(self.query_edit, self.copy_button)
        QWidget.setTabOrder(self.copy_button, self.url_edit)
        QWidget.setTabOrder(self.url_edit, self.copy_url_button)
        QWidget.setTabOrder(self.copy_url_button, self.open_button)
        QWidget.setTabOrder(self.open_button, self.nothing_radio)
        self._show_query(None)

    def _kind_labels(self) -> dict[str, str]:
        return {"employer": self.tr("Employer"), "title": self.tr("Job title"),
                "email": self.tr("Email"), "phone": self.tr("Phone"), "photo": self.tr("Photo"),
                "address": self.tr("Address")}

    def _group_title(self, group: QueryGroup) -> str:
        if group.facts == ("photo",):
            return self.tr("Your profile photos (reverse image search)")
        return group.label

    def _fill_tree(self) -> None:
        self.tree.clear()
        self._items = {}
        for group in self.plan.groups:
            top = QTreeWidgetItem(self.tree, [self._group_title(group), ""])
            top.setToolTip(0, top.text(0))
            top.setFlags(top.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            for q in group.queries:
                name = tr(q.engine_name, self.ui_locale)
                label = f"{name}: {q.text}" if q.text else name
                child = QTreeWidgetItem(top, [label, ""])
                child.setToolTip(0, label)
                child.setData(0, _KEY_ROLE, q.key)
                self._items[q.key] = child
            top.setExpanded(True)
        self._refresh_status()

    # --- vault I/O (worker threads) --------------------------------------------------------------
    def _load(self) -> None:
        if self.store is None:
            return

        def job() -> tuple[list[Finding], list[str]]:
            seen = self.store.get_setting(NOTICE_SETTING, []) if hasattr(self.store, "get_setting") else []
            return load_findings(self.store), [s for s in seen if isinstance(s, str)]

        run_task(self, job, on_done=self._on_loaded, on_error=self._on_io_error)

    def _on_loaded(self, result: tuple[list[Finding], list[str]]) -> None:
        self.findings, seen = result
        self.notice_seen.update(seen)
        if self.plan.groups:
            self._refresh_status()

    def _on_io_error(self, exc: BaseException) -> None:
        try:
            from .messages import describe

            text = describe(exc)
        except Exception:  # the messages module is optional for this view
            text = str(exc)
        self.save_status.setText(self.tr("Could not reach your vault: {error}").format(error=text))

    # --- status and suggestions ------------------------------------------------------------------
    def _age_text(self, days: int | None) -> str:
        if days is None:
            return self.tr("Never searched")
        if days == 0:
            return self.tr("Searched today")
        if days == 1:
            return self.tr("Last searched yesterday")
        return self.tr("Last searched {days} days ago").format(days=days)

    def _refresh_status(self) -> None:
        latest = latest_findings(self.findings)
        now = self.clock()
        due = 0
        for q in self.plan.queries():
            st = query_status(q, latest, now, self.recheck_days)
            due += st.due
            item = self._items.get(q.key)
            if item is not None:
                text = self._age_text(st.days_ago)
                if st.due and st.days_ago is not None:
                    text = self.tr("{age} (due again)").format(age=text)
                item.setText(1, text)
        total = len(self.plan.queries())
        self.summary.setText(self.tr("{due} of {total} searches to run now").format(due=due, total=total))
        self._show_status()
        self._fill_suggestions()

    def _show_status(self) -> None:
        if self.current is None:
            self.status_label.setText("")
            return
        st = query_status(self.current, latest_findings(self.findings), self.clock(), self.recheck_days)
        self.status_label.setText(self._age_text(st.days_ago))

    def _fill_suggestions(self) -> None:
        self.suggestions.clear()
        items = self.pack.item_map()
        for s in suggest_answers(self.pack, self.findings, self.applicable):
            item = items[s.item_id]
            option = item.option(s.option_id)
            label = tr(option.label, self.ui_locale) if option else s.option_id
            row = QListWidgetItem(self.tr("{question} — {answer}").format(
                question=tr(item.question, self.ui_locale), answer=label), self.suggestions)
            row.setData(_KEY_ROLE, (s.item_id, s.option_id))
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Checked)
        self.apply_button.setEnabled(self.suggestions.count() > 0)

    # --- the current query -----------------------------------------------------------------------
    def select_query(self, key: str) -> None:
        item = self._items.get(key)
        if item is not None:
            self.tree.setCurrentItem(item)

    def _on_current(self, item: QTreeWidgetItem | None, _prev: QTreeWidgetItem | None) -> None:
        key = item.data(0, _KEY_ROLE) if item is not None else None
        self._show_query(self.plan.query(key) if key else None)

    def _show_query(self, q: Query | None) -> None:
        self.current = q
        has = q is not None
        controls: tuple[QWidget, ...] = (self.copy_url_button, self.url_edit, self.nothing_radio,
                                         self.found_radio, self.note_edit, self.where_combo)
        for w in controls:
            w.setEnabled(has)
        self.open_button.setEnabled(has and self.allow_open)
        has_text = bool(q and q.text)
        text_row: tuple[QWidget, ...] = (self.query_caption, self.query_edit, self.copy_button)
        for w in text_row:
            w.setVisible(has_text or q is None)
            w.setEnabled(has_text)
        self.engine_label.setText(tr(q.engine_name, self.ui_locale) if q else
                                  self.tr("Pick a search on the left"))
        self.note_label.setText(tr(q.note, self.ui_locale) if q and q.note else "")
        self.query_edit.setText(q.text if q else "")
        self.url_edit.setText(q.url if q else "")
        self.result_group.setExclusive(False)
        self.nothing_radio.setChecked(False)
        self.found_radio.setChecked(False)
        self.result_group.setExclusive(True)
        for cb in self.kind_boxes.values():
            cb.setChecked(False)
            cb.setEnabled(has)
        index = self.where_combo.findData(q.platform if q else "")
        self.where_combo.setCurrentIndex(max(index, 0))
        self.note_edit.clear()
        self.save_status.setText("")
        self._show_status()
        self._update_save()

    def _on_kind_toggled(self, checked: bool) -> None:
        if checked:
            self.found_radio.setChecked(True)
        self._update_save()

    def _update_save(self) -> None:
        kinds = [k for k, cb in self.kind_boxes.items() if cb.isChecked()]
        ok = self.current is not None and (self.nothing_radio.isChecked()
                                           or (self.found_radio.isChecked() and bool(kinds)))
        self.save_button.setEnabled(ok)

    # --- actions ---------------------------------------------------------------------------------
    def copy_query(self) -> None:
        if self.current is not None and self.current.text:
            QGuiApplication.clipboard().setText(self.current.text)

    def copy_url(self) -> None:
        if self.current is not None:
            QGuiApplication.clipboard().setText(self.current.url)

    def open_current(self) -> bool:
        """Hand the current search to the system browser: one QDesktopServices.openUrl call."""
        q = self.current
        if q is None or not self.allow_open:
            return False
        if q.site not in self.notice_seen:
            if not self.confirm_first_open(q):
                return False
            self.notice_seen.add(q.site)
            self._save_notice_seen()
        ok = QDesktopServices.openUrl(QUrl(q.url, QUrl.ParsingMode.StrictMode))
        if ok:
            self.opened.emit(q.url)
        else:
            self.status_label.setText(self.tr(
                "No web browser could be opened. Copy the address and paste it into your browser."))
        return bool(ok)

    def confirm_first_open(self, q: Query) -> bool:
        """The first time for each site: say plainly who receives the search. True to go ahead."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("Open in your browser"))
        site, name = q.site, tr(q.engine_name, self.ui_locale)
        if q.text:
            text = self.tr(
                "Your web browser will now send this search to {site} ({name}):\n\n{query}\n\n"
                "{site} will see the search and your internet address, as with any search you make "
                "there. Exposure Check itself sends nothing: it only asks your browser to open the "
                "address.").format(site=site, name=name, query=q.text)
        else:
            text = self.tr(
                "Your web browser will now open {site} ({name}). Anything you upload there, such as "
                "a photo, goes to {site}. Exposure Check itself sends nothing: it only asks your "
                "browser to open the address.").format(site=site, name=name)
        box.setText(text)
        go = box.addButton(self.tr("Open in browser"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(go)
        box.exec()
        return box.clickedButton() is go

    def _save_notice_seen(self) -> None:
        if self.store is None or not hasattr(self.store, "set_setting"):
            return
        run_task(self, self.store.set_setting, NOTICE_SETTING, sorted(self.notice_seen),
                 on_error=self._on_io_error)

    def save_current(self) -> None:
        q = self.current
        if q is None or not self.save_button.isEnabled():
            return
        kinds = [k for k, cb in self.kind_boxes.items() if cb.isChecked()]
        found = self.found_radio.isChecked()
        finding = new_finding(q, "found" if found else "nothing", kinds if found else (),
                              self.note_edit.text(), str(self.where_combo.currentData() or ""),
                              at=self.clock())
        self.save_button.setEnabled(False)
        if self.store is None:
            self._on_saved(finding)
            return
        run_task(self, lambda: record_finding(self.store, finding),
                 on_done=lambda _rid: self._on_saved(finding), on_error=self._on_save_error)

    def _on_saved(self, finding: Finding) -> None:
        self.findings.append(finding)
        self._refresh_status()
        self.save_status.setText(self.tr("Saved."))
        self._update_save()
        self.finding_recorded.emit(finding)

    def _on_save_error(self, exc: BaseException) -> None:
        self._on_io_error(exc)
        self._update_save()

    def confirm_suggestions(self) -> None:
        chosen: dict[str, str] = {}
        for i in range(self.suggestions.count()):
            row = self.suggestions.item(i)
            if row.checkState() == Qt.CheckState.Checked:
                item_id, option_id = row.data(_KEY_ROLE)
                chosen[item_id] = option_id
        if chosen:
            self.answers_confirmed.emit(chosen)


PAGE_KEY = "selfsearch"  # the main window's page key


def page_title() -> str:
    """The page's sidebar title (the main window lists the page before it is built)."""
    return QCoreApplication.translate("SelfSearchView", "Self-search")


def make_page(session: Any, locale: str, parent: QWidget) -> tuple[str, str, QWidget] | None:
    """The main window's hook: the self-search page, with the org policy's copy-only switch."""
    pack = getattr(session, "pack", None)
    if pack is None:
        return None
    from ..policy import effective_setting, load_policy

    vault = getattr(session, "vault", None)
    allow_open = bool(effective_setting("selfsearch", {}, load_policy(), pack).value)
    recheck_days = DEFAULT_RECHECK_DAYS
    profile = getattr(session, "profile", None)
    applicable = [i.id for i in session.applicable()] if profile is not None else None
    view = SelfSearchView(pack, getattr(session, "declared", DeclaredFacts()), allow_open=allow_open,
                          locale=locale, store=vault, recheck_days=recheck_days,
                          applicable=applicable, parent=parent)

    def apply(chosen: dict[str, str]) -> None:
        for item_id, option_id in chosen.items():
            session.set_answer(item_id, option_id)

    def reload() -> None:
        prof = getattr(session, "profile", None)
        view.set_facts(getattr(session, "declared", DeclaredFacts()),
                       [i.id for i in session.applicable()] if prof is not None else None)

    view.answers_confirmed.connect(apply)
    session.changed.connect(reload)
    return PAGE_KEY, page_title(), view
