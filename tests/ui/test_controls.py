"""Shared building blocks in exposure_check.ui.controls."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QProgressBar, QVBoxLayout, QWidget

from exposure_check.ui.controls import set_progress


class _Paints(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def test_set_progress_paints_with_the_window_not_at_once(qtbot) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    bar = QProgressBar(page)
    QVBoxLayout(page).addWidget(bar)
    bar.setFormat("%v of %m answered")
    page.resize(600, 100)
    page.show()
    qtbot.waitExposed(page)
    QApplication.processEvents()
    paints = _Paints()
    bar.installEventFilter(paints)

    bar.setValue(3)  # Qt's own: a synchronous repaint (what set_progress avoids)
    assert paints.count == 1

    set_progress(bar, 5, 48)
    assert paints.count == 1 and bar.value() == 5 and bar.maximum() == 48
    assert bar.updatesEnabled()
    QApplication.processEvents()
    assert paints.count == 2  # painted in the next turn, with everything else
    assert bar.text() == "5 of 48 answered"
