"""Views that rebuild from the session only when they are on screen ("stale until shown"), or
ahead of time in idle turns for the pages users land on next."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from . import idle
from .session import Session


class RefreshWhenShown(QWidget):
    """A view with `refresh()`: rebuilt at once while visible, else on its next show.

    Subclasses call `watch(session)` at the end of `__init__`; hidden pages then cost nothing
    when the session changes. MainWindow recognises such views by their `_dirty` attribute.
    """

    _dirty = True
    # Also bring the view up to date in an idle turn while it is hidden (`idle.later`), so that
    # showing it later only lays it out and paints: for the pages users land on next.
    REFRESH_AHEAD = False
    # ...once the session has been quiet this long: a burst of changes (items marked done one
    # after another, answers) costs one refresh, and it never shares a turn of the event loop
    # with the change itself and its repaint.
    AHEAD_AFTER_MS = 250
    _ahead_timer: QTimer | None = None

    def watch(self, session: Session) -> None:
        self._dirty = True
        session.changed.connect(self._changed)

    def refresh(self) -> None:
        raise NotImplementedError

    def _changed(self) -> None:
        if self.isVisible():
            self.refresh()
            return
        self._dirty = True
        if self.REFRESH_AHEAD:
            if self._ahead_timer is None:
                self._ahead_timer = QTimer(self)
                self._ahead_timer.setSingleShot(True)
                self._ahead_timer.setInterval(self.AHEAD_AFTER_MS)
                self._ahead_timer.timeout.connect(lambda: idle.later(self, self._refresh_ahead))
            self._ahead_timer.start()  # restarted by every change of a burst

    def _refresh_ahead(self, _deadline: float) -> bool:
        """An idle step: the refresh a hidden view would otherwise do when shown (not for a
        window that has been closed meanwhile)."""
        if self._dirty and not self.isVisible() and self.window().isVisible():
            self.refresh()
        return False

    def ahead_pending(self) -> bool:
        """Whether a refresh ahead is waiting for the session to be quiet (tests)."""
        return self._ahead_timer is not None and self._ahead_timer.isActive()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt name)
        if self._dirty:
            self.refresh()
        super().showEvent(event)
