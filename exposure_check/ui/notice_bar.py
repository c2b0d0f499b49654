"""Start-up notices from distribution (`EffectivePack.notices`), shown above every page.

A refused organisation pack, an invalid site policy or an unsigned overlay is said plainly in the
user's language; the detail (file and problem, from the loader, in English) follows, selectable,
so it can be passed on to the IT or security team.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from .controls import accessible, plain_label


class NoticeBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QHBoxLayout(self)
        self.text = plain_label("", self, selectable=True)  # one notice per line
        layout.addWidget(self.text, 1)
        self.close_button = QPushButton(self)
        self.close_button.setAutoDefault(False)
        self.retranslate()
        self.close_button.clicked.connect(self.hide)
        layout.addWidget(self.close_button)
        self.lines: list[str] = []
        self.hide()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Notices about this installation"))
        self.close_button.setText(self.tr("Hide"))
        accessible(self.close_button, self.tr("Hide the notices"),
                   self.tr("Hide these notices until Exposure Check starts again"))

    def lead(self, notice: Any) -> str:
        """One sentence in the user's language for what happened."""
        code = getattr(notice, "code", "")
        if code == "org-refused":
            return self.tr("Your organisation's checklist was refused because it failed a check, "
                           "so Exposure Check is running on its built-in checklist alone. Tell "
                           "your IT or security team:")
        if code == "org-unsigned":
            return self.tr("Your organisation's checklist is in use without a signature check, "
                           "because this installation has no signing key pinned. The checklist "
                           "is in:")
        if code == "damaged-records":
            return self.tr("%n saved record(s) could not be read because the file was damaged; "
                           "the rest of your data is fine, and a local backup may hold an intact "
                           "copy. Left out:", "", getattr(notice, "count", 0))
        if code == "policy-invalid":
            return self.tr("The settings your administrator set for this computer could not be "
                           "read, so the built-in defaults are in use. Tell your IT team:")
        return self.tr("Notice:")

    def set_notices(self, notices: Sequence[Any]) -> None:
        self.lines = [f"{self.lead(n)} {getattr(n, 'detail', '') or n.message}" for n in notices]
        self.text.setText("\n".join(self.lines))
        self.text.setAccessibleName(self.text.text())
        self.setVisible(bool(self.lines))
