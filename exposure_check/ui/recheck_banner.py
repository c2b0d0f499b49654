"""The "a re-check is due" banner shown at the top of the main window on launch.

Fed with a `core.history.RecheckStatus` (from `reminders.vault_status`, run on the worker
thread); hidden when nothing is due. `start_requested` asks the owner to begin a re-check (the
audit view pre-fills the last answers with `core.history.prefill`); `dismissed` hides it for this
session.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ..core.history import RecheckStatus


class RecheckBanner(QFrame):
    start_requested = Signal()
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Re-check reminder"))
        layout = QHBoxLayout(self)
        self.text = QLabel(self)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        layout.addWidget(self.text, 1)
        self.start = QPushButton(self.tr("Start the re-check"), self)
        self.start.clicked.connect(self.start_requested)
        self.later = QPushButton(self.tr("Later"), self)
        self.later.setAccessibleName(self.tr("Remind me later"))
        self.later.clicked.connect(self._dismiss)
        layout.addWidget(self.start)
        layout.addWidget(self.later)
        self.hide()

    def _dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()

    def message(self, status: RecheckStatus, now: datetime) -> str:
        if status.last_audit is None:
            return self.tr("You have not completed an audit yet. It takes about 15 minutes.")
        parts = []
        if status.due_at is not None and now >= status.due_at:
            parts.append(self.tr("Time to re-check: your last audit was %n day(s) ago.", "",
                                 (now - status.last_audit).days))
        if status.stale:
            parts.append(self.tr("%n fix(es) you marked done need(s) checking again.", "",
                                 len(status.stale)))
        return " ".join(parts)

    def set_status(self, status: RecheckStatus, now: datetime) -> None:
        """Show the banner when a re-check is due, hide it otherwise."""
        if not status.due:
            self.hide()
            return
        self.text.setText(self.message(status, now))
        self.start.setText(self.tr("Start your first audit") if status.last_audit is None
                           else self.tr("Start the re-check"))
        self.show()
