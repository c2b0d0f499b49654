"""The self-search view: copy, one QDesktopServices call per open, first-time notice, policy,
recording findings (in memory and in the real vault across a restart)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTreeWidget,
)

from exposure_check.core.model import DeclaredFacts, Pack
from exposure_check.core.selfsearch import Query, build_plan
from exposure_check.storage import keys
from exposure_check.storage.vault import Vault
from exposure_check.ui import selfsearch_view
from exposure_check.ui.selfsearch_view import NOTICE_SETTING, SelfSearchView

T0 = datetime(2026, 8, 25, 9, 30, tzinfo=UTC)
PASS = "correct horse battery staple"


class UrlCatcher(QObject):
    """Stands in for the system browser: Qt hands it every https URL the app opens."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def handle(self, url: QUrl) -> None:
        self.urls.append(url.toString(QUrl.ComponentFormattingOption.FullyEncoded))


@pytest.fixture
def browser(qapp: QApplication) -> Iterator[UrlCatcher]:
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("https", catcher, "handle")
    yield catcher
    QDesktopServices.unsetUrlHandler("https")


@pytest.fixture
def open_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Counts QDesktopServices.openUrl calls made by the view (and still makes them)."""
    calls: list[str] = []
    real = QDesktopServices.openUrl

    class Counting:
        @staticmethod
        def openUrl(url: QUrl) -> bool:  # noqa: N802 (Qt name)
            calls.append(url.toString(QUrl.ComponentFormattingOption.FullyEncoded))
            return bool(real(url))

    monkeypatch.setattr(selfsearch_view, "QDesktopServices", Counting)
    return calls


def _view(qtbot: Any, pack: Pack, facts: DeclaredFacts, **kw: Any) -> SelfSearchView:
    kw.setdefault("allow_open", True)
    kw.setdefault("clock", lambda: T0)
    view = SelfSearchView(pack, facts, **kw)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: bool(view.plan.groups), timeout=15000)
    return view


def _query(view: SelfSearchView, engine: str) -> Query:
    return next(q for q in view.plan.queries() if q.engine_id == engine)


def _answer_dialog(qtbot: Any, button_text: str, seen: list[str]) -> None:
    def click() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        for b in box.buttons():
            if b.text() == button_text:
                b.click()
                return
        raise AssertionError(f"no button {button_text!r}")

    QTimer.singleShot(0, click)


def test_open_in_browser_is_one_desktop_services_call_after_a_first_time_notice(
        qtbot: Any, pack: Pack, facts: DeclaredFacts, browser: UrlCatcher,
        open_calls: list[str]) -> None:
    view = _view(qtbot, pack, facts)
    q = _query(view, "google")
    view.select_query(q.key)
    assert view.query_edit.text() == '"Wei Zhang" "Northwind Research Institute"'

    texts: list[str] = []
    _answer_dialog(qtbot, "Cancel", texts)
    assert view.open_current() is False
    assert open_calls == [] and browser.urls == []
    assert "www.google.com" in texts[0] and "Exposure Check itself sends nothing" in texts[0]
    assert q.text in texts[0]

    _answer_dialog(qtbot, "Open in browser", texts)
    with qtbot.waitSignal(view.opened):
        qtbot.mouseClick(view.open_button, selfsearch_view.Qt.MouseButton.LeftButton)
    assert open_calls == [q.url]
    assert browser.urls == [q.url]

    # the same site again: no second notice
    view.confirm_first_open = lambda _q: pytest.fail("asked twice")  # type: ignore[method-assign]
    other = next(x for x in view.plan.queries() if x.engine_id == "google" and x is not q)
    view.select_query(other.key)
    assert view.open_current() is True
    assert open_calls == [q.url, other.url] and browser.urls == [q.url, other.url]


def test_policy_copy_only(qtbot: Any, pack: Pack, facts: DeclaredFacts, browser: UrlCatcher,
                          open_calls: list[str]) -> None:
    view = _view(qtbot, pack, facts, allow_open=False)
    q = _query(view, "baidu")
    view.select_query(q.key)
    assert not view.open_button.isVisible()
    assert view.open_current() is False
    assert open_calls == [] and browser.urls == []
    view.copy_button.click()
    assert QGuiApplication.clipboard().text() == q.text
    view.copy_url_button.click()
    assert QGuiApplication.clipboard().text() == q.url


def test_image_search_has_no_query_text_and_names_the_upload(
        qtbot: Any, pack: Pack, facts: DeclaredFacts, browser: UrlCatcher) -> None:
    view = _view(qtbot, pack, facts)
    q = _query(view, "tineye")
    view.select_query(q.key)
    assert not view.query_edit.isVisible() and view.url_edit.text() == "https://tineye.com/"
    texts: list[str] = []
    _answer_dialog(qtbot, "Open in browser", texts)
    assert view.open_current()
    assert "tineye.com" in texts[0] and "photo" in texts[0]
    assert browser.urls == ["https://tineye.com/"]


def test_recording_a_finding_suggests_answers_the_user_confirms(
        qtbot: Any, pack: Pack, facts: DeclaredFacts) -> None:
    view = _view(qtbot, pack, facts)
    q = _query(view, "linkedin")
    view.select_query(q.key)
    assert view.where_combo.currentData() == "linkedin"
    assert not view.save_button.isEnabled()
    view.found_radio.setChecked(True)
    assert not view.save_button.isEnabled()  # found what? pick at least one kind
    view.kind_boxes["employer"].setChecked(True)
    view.note_edit.setText("headline still says Northwind")
    with qtbot.waitSignal(view.finding_recorded) as sig:
        view.save_button.click()
    assert sig.args[0].kinds == ("employer",) and sig.args[0].note == "headline still says Northwind"
    assert view.suggestions.count() == 1
    assert view.status_label.text() == "Searched today"
    with qtbot.waitSignal(view.answers_confirmed) as confirmed:
        view.apply_button.click()
    assert confirmed.args[0] == {"affiliation.linkedin.employer-visible": "public"}


def test_findings_survive_a_restart_and_come_back_due(
        qtbot: Any, pack: Pack, facts: DeclaredFacts, tmp_path: Path, browser: UrlCatcher) -> None:
    fast = keys.KdfParams(iterations=1, memory_kib=8 * 1024, lanes=1)
    vault, _ = Vault.create(tmp_path / "v", passphrase=PASS, use_keyring=False, kdf=fast)
    view = _view(qtbot, pack, facts, store=vault)
    q = _query(view, "linkedin")
    view.select_query(q.key)
    view.kind_boxes["title"].setChecked(True)
    with qtbot.waitSignal(view.finding_recorded, timeout=10000):
        view.save_button.click()
    _answer_dialog(qtbot, "Open in browser", [])
    assert view.open_current()
    qtbot.waitUntil(lambda: vault.get_setting(NOTICE_SETTING) == ["www.linkedin.com"], timeout=10000)
    view.close()
    vault.close()

    vault = Vault.open_locked(tmp_path / "v").unlock_with_passphrase(PASS)
    try:
        later = _view(qtbot, pack, facts, store=vault, recheck_days=90,
                      clock=lambda: T0 + timedelta(days=94))
        qtbot.waitUntil(lambda: bool(later.findings), timeout=10000)
        assert later._items[q.key].text(1) == "Last searched 94 days ago (due again)"
        assert later.suggestions.count() == 1
        assert later.notice_seen == {"www.linkedin.com"}
        total = len(later.plan.queries())
        assert later.summary.text() == f"{total} of {total} searches to run now"
        later.select_query(q.key)
        assert later.status_label.text() == "Last searched 94 days ago"
    finally:
        vault.close()


def test_every_control_has_an_accessible_name(qtbot: Any, pack: Pack, facts: DeclaredFacts) -> None:
    view = _view(qtbot, pack, facts)
    kinds = (QPushButton, QLineEdit, QCheckBox, QRadioButton, QComboBox, QTreeWidget, QListWidget)
    controls = [w for k in kinds for w in view.findChildren(k)]
    assert len(controls) > 15
    unnamed = [w for w in controls if not w.accessibleName()
               and not (isinstance(w, QAbstractButton) and w.text())]
    assert unnamed == []


def test_plan_is_made_when_the_page_is_first_shown(qtbot: Any, pack: Pack, facts: DeclaredFacts) -> None:
    """Not before: making it costs ~1 s of worker Python that the audit pages would compete with."""
    from dataclasses import replace

    from exposure_check.ui import workers

    view = SelfSearchView(pack, facts, allow_open=False, clock=lambda: T0)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: workers.busy_count() == 0, timeout=15000)  # the findings load
    assert not view.plan.groups
    newer = replace(facts, employers=("Kestrel Photonics",))
    view.set_facts(newer)  # still not shown: nothing made yet, and the new facts are kept
    assert workers.busy_count() == 0 and view.facts == newer
    view.show()
    qtbot.waitUntil(lambda: bool(view.plan.groups), timeout=15000)
    expected = build_plan(pack, newer, "en", None)
    assert [q.text for q in view.plan.queries()] == [q.text for q in expected.queries()]
    assert expected.queries() != build_plan(pack, facts, "en", None).queries()
