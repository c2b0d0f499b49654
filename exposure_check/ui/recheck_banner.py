"""The "a re-check is due" banner shown at the top of the main window on launch.

Fed with a `core.history.RecheckStatus` (the main window computes it from the session's audits
and progress); hidden when nothing is due. `start_requested` asks the owner to begin a re-check
(the audit view starts from the last answers, `core.history.prefill`, and asks to confirm each);
`dismissed` hides it for this session.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from .controls import accessible

if TYPE_CHECKING:  # not imported at start-up: the banner is built before the first paint
    from ..core.history import RecheckStatus


class RecheckBanner(QFrame):
    start_requested = Signal()
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QHBoxLayout(self)
        self.text = QLabel(self)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        layout.addWidget(self.text, 1)
        self.start = QPushButton(self)
        self.start.clicked.connect(self.start_requested)
        self.later = QPushButton(self)
        self.later.clicked.connect(self._dismiss)
        layout.addWidget(self.start)
        layout.addWidget(self.later)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Re-check reminder"))
        self.start.setText(self.tr("Start the re-check"))
        accessible(self.start, self.tr("Start the re-check"),
                   self.tr("Go through the audit again, starting from your last answers"))
        self.later.setText(self.tr("Later"))
        accessible(self.later, self.tr("Remind me later"),
                   self.tr("Hide this reminder until Exposure Check starts again"))

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
