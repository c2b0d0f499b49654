"""Views that rebuild from the session only when they are on screen ("stale until shown")."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from .session import Session


class RefreshWhenShown(QWidget):
    """A view with `refresh()`: rebuilt at once while visible, else on its next show.

    Subclasses call `watch(session)` at the end of `__init__`; hidden pages then cost nothing
    when the session changes. MainWindow recognises such views by their `_dirty` attribute.
    """

    _dirty = True

    def watch(self, session: Session) -> None:
        self._dirty = True
        session.changed.connect(self._changed)

    def refresh(self) -> None:
        raise NotImplementedError

    def _changed(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._dirty = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt name)
        if self._dirty:
            self.refresh()
        super().showEvent(event)
