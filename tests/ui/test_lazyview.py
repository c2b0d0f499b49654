"""Views kept up to date ahead of time while hidden (exposure_check.ui.lazyview)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from exposure_check.ui import idle
from exposure_check.ui.lazyview import RefreshWhenShown
from exposure_check.ui.scripted import pump, wait_until


class FakeSession(QObject):
    changed = Signal()


class Counting(RefreshWhenShown):
    REFRESH_AHEAD = True
    AHEAD_AFTER_MS = 40

    def __init__(self, session: FakeSession, parent: QWidget) -> None:
        super().__init__(parent)
        self.refreshes = 0
        self.watch(session)  # type: ignore[arg-type]

    def refresh(self) -> None:
        self._dirty = False
        self.refreshes += 1


def _setup(qtbot) -> tuple[QWidget, Counting, FakeSession]:
    session = FakeSession()
    top = QWidget()
    qtbot.addWidget(top)
    view = Counting(session, top)
    view.hide()
    top.show()
    return top, view, session


def _drained(view: Counting) -> bool:
    return not view.ahead_pending() and idle.pending() == 0


def test_a_burst_of_changes_refreshes_a_hidden_view_once_after_it(qtbot) -> None:
    _top, view, session = _setup(qtbot)
    for _ in range(5):  # marks or answers one after another
        session.changed.emit()
        pump()
        assert view.refreshes == 0  # never in the turn of the change itself
    assert view.ahead_pending() and view._dirty
    wait_until(lambda: _drained(view), what="the refresh ahead")
    assert view.refreshes == 1 and not view._dirty
    view.show()  # already up to date: showing it does not refresh again
    assert view.refreshes == 1
    session.changed.emit()  # while shown: at once
    assert view.refreshes == 2


def test_no_refresh_ahead_for_a_closed_window(qtbot) -> None:
    top, view, session = _setup(qtbot)
    top.close()
    session.changed.emit()
    wait_until(lambda: _drained(view), what="the quiet period")
    assert view.refreshes == 0 and view._dirty  # still refreshed if shown again
    top.show()
    view.show()
    assert view.refreshes == 1
