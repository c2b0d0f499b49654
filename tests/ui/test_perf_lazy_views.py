"""Views built over several idle turns behave like views built at once (no timings here: speed
is measured in bench/)."""

from __future__ import annotations

from pathlib import Path

from exposure_check.core.model import Profile
from exposure_check.core.packs import load_core_pack
from exposure_check.ui.audit_view import AuditView
from exposure_check.ui.profile_view import ProfileView
from exposure_check.ui.session import Session


def _session(tmp_path: Path) -> Session:
    session = Session(tmp_path / "data")
    session.pack = load_core_pack()
    return session


def test_profile_shown_before_it_finished_building_is_whole_and_focusable(
        qtbot, tmp_path: Path) -> None:
    session = _session(tmp_path)
    view = ProfileView(session, "en")  # shown at once: no idle turn to build in
    qtbot.addWidget(view)
    view.show()
    view.activateWindow()
    assert set(view.inputs) == {q.id for q in session.pack.profile}
    assert view.save_button.isVisible() and all(e.isVisible() for e in view.facts.values())
    view.focus_first()
    target = view.focusWidget()  # takes the focus once the window is active
    assert target is not None and target.isVisible() and view.isAncestorOf(target)


def test_audit_page_fills_in_and_is_whole_when_asked(qtbot, tmp_path: Path) -> None:
    session = _session(tmp_path)
    session.profile = Profile({"platforms": ("linkedin", "github", "wechat"), "sensitivity": "high",
                               "speaks_at_events": True, "publishes": True})
    view = AuditView(session, "en")
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    view.reload()
    page = view.pages[view.index]
    assert len(view.groups) == len(page.items)  # asking finishes the page at once
    assert all(b.isVisible() for g in view.groups.values() for b in g.buttons())
    # The following pages are built in idle turns (all of them) and swapped in whole.
    qtbot.waitUntil(lambda: all(i in view._ahead and view._ahead[i].complete
                                for i in range(1, len(view.pages))), timeout=5000)
    assert len(view.pages) > 2
    view.next()
    assert len(view.groups) == len(view.pages[1].items)
    assert all(b.isVisible() for g in view.groups.values() for b in g.buttons())


def test_audit_pages_follow_a_profile_saved_while_hidden(qtbot, tmp_path: Path) -> None:
    session = _session(tmp_path)
    session.profile = Profile({"platforms": ("linkedin",), "sensitivity": "high"})
    view = AuditView(session, "en")
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    view.reload()
    before = [p.key for p in view.pages]
    view.hide()
    # A new profile (as when it is saved on the profile page): the pages are made ahead for it.
    session.profile = Profile({"platforms": ("wechat", "github"), "sensitivity": "high"})
    session.changed.emit()
    qtbot.waitUntil(lambda: 0 in view._ahead and view._ahead[0].complete, timeout=5000)
    view.show()
    view.reload()
    after = [p.key for p in view.pages]
    assert "platform:github" in after and "platform:github" not in before
    assert len(view.groups) == len(view.pages[view.index].items)
    assert all(b.isVisible() for g in view.groups.values() for b in g.buttons())


def test_audit_pages_made_ahead_are_laid_out_and_painted_before_they_are_shown(
        qtbot, tmp_path: Path) -> None:
    from PySide6.QtCore import QEvent, QObject

    class Paints(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.seen: set[int] = set()

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
            if event.type() == QEvent.Type.Paint:
                self.seen.add(id(obj))
            return False

    session = _session(tmp_path)
    session.profile = Profile({"platforms": ("linkedin", "github"), "sensitivity": "high"})
    view = AuditView(session, "en")
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    view.reload()
    qtbot.waitUntil(lambda: all(i in view._ahead and view._ahead[i].warm
                                for i in range(1, len(view.pages))), timeout=5000)
    ahead = view._ahead[1]
    assert not ahead.body.isVisible()
    assert ahead.body.width() == view.viewport.width()  # laid out at the width it will show at
    first = ahead.body.layout().itemAt(0).widget()
    assert first.width() > 0 and first.height() > 0
    paints = Paints()
    first.installEventFilter(paints)
    view._warm_page(ahead)  # (again, to watch it: it paints the page without showing it)
    assert id(first) in paints.seen and not first.isVisible()
    view.next()
    assert view._shown is ahead and first.isVisible()
