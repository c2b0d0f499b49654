"""Shared building blocks in exposure_check.ui.controls."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtWidgets import QApplication, QLabel, QProgressBar, QScrollArea, QVBoxLayout, QWidget

from exposure_check.ui.controls import PageStack, scrolled_page, set_progress, warm_up


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


class _Tall(QWidget):
    """A page whose height depends on its width, and that counts how often it is asked."""

    def __init__(self, minimum: int) -> None:
        super().__init__()
        self.asked = 0
        self.setMinimumSize(minimum, minimum)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt name)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt name)
        self.asked += 1
        return 5000 // max(width, 1)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        self.asked += 1
        return QSize(900, 900)


def test_page_stack_is_sized_by_its_current_page_and_never_asks_hidden_pages(qtbot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    stack = PageStack(window)
    layout.addWidget(stack)
    small, big = _Tall(50), _Tall(300)
    stack.addWidget(small)
    stack.addWidget(big)
    window.resize(700, 500)
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()

    assert not stack.hasHeightForWidth()
    assert stack.minimumSizeHint() == QSize(50, 50)  # the current page's minimum, not the largest
    assert stack.sizeHint() == QSize(640, 480)  # no page is measured for the preferred size
    big.asked = 0
    window.resize(720, 520)
    QApplication.processEvents()
    assert big.asked == 0  # hidden: never measured on a relayout

    stack.setCurrentWidget(big)
    QApplication.processEvents()
    assert stack.minimumSizeHint() == QSize(300, 300)
    assert window.minimumSizeHint().height() >= 300  # the window's minimum follows the page shown
    assert big.geometry().size() == stack.contentsRect().size()


def test_a_page_scroll_area_never_measures_its_body_for_its_own_size_hint(qtbot) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    body, layout = scrolled_page(page)
    layout.addWidget(QLabel("x", body))  # a tiny body: Qt's own hint would be about its size
    scroll = body.parentWidget().parentWidget()  # body → viewport → the scroll area
    assert isinstance(scroll, QScrollArea)
    page.resize(600, 400)
    page.show()
    qtbot.waitExposed(page)
    QApplication.processEvents()
    h = scroll.fontMetrics().height()
    assert scroll.sizeHint() == QSize(36 * h, 24 * h)  # whatever the body holds
    assert body.width() == scroll.viewport().width()  # and it still fills the page


def _hidden_view(qtbot) -> tuple[QWidget, QWidget]:
    """A view made ahead: in a shown window, under a hidden shelf. (The window too: the caller
    keeps it alive.)"""
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    shelf = QWidget(window)
    shelf.hide()
    return window, QWidget(shelf)


def test_warm_up_lays_out_and_paints_a_hidden_view_without_showing_it(qtbot) -> None:
    _window, view = _hidden_view(qtbot)
    label = QLabel("A long explanation that wraps over several lines " * 6, view)
    label.setWordWrap(True)
    QVBoxLayout(view).addWidget(label)
    paints = _Paints()
    label.installEventFilter(paints)
    warm_up(view, QSize(400, 300))
    assert not view.isVisible() and not label.isVisible()
    assert view.size() == QSize(400, 300)
    assert label.width() > 300 and label.height() > label.fontMetrics().height()  # laid out, wrapped
    assert paints.count == 1  # painted once, off screen


def test_warm_up_in_two_parts_paints_each_part_once(qtbot) -> None:
    _window, view = _hidden_view(qtbot)
    layout = QVBoxLayout(view)
    top, bottom = QLabel("the top", view), QLabel("the bottom", view)
    layout.addWidget(top)
    layout.addStretch(1)
    layout.addWidget(bottom)
    paints = {label: _Paints() for label in (top, bottom)}
    for label, counter in paints.items():
        label.installEventFilter(counter)
    warm_up(view, QSize(400, 300), top=150)
    assert (paints[top].count, paints[bottom].count) == (1, 0)
    warm_up(view, QSize(400, 300), start=150)  # the rest: not the top again
    assert (paints[top].count, paints[bottom].count) == (1, 1)
    warm_up(view, QSize(400, 300), top=150, start=150)  # nothing left between the two
    assert (paints[top].count, paints[bottom].count) == (1, 1)
