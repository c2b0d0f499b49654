"""Small accessible building blocks shared by the views: plain-text labels, icons, a foldout."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QStackedWidget, QToolButton, QVBoxLayout, QWidget

from .. import paths

if TYPE_CHECKING:
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QProgressBar, QScrollArea

# `Qt` (the namespace) is imported inside the functions: PySide6 makes all its enum types on first
# use (~40 ms), which the main window leaves until after its first paint. So are the Qt classes
# the loading page does not use: PySide6 sets each up on first use (QIcon ~3 ms, QSizePolicy ~1).


def accessible(widget: QWidget, name: str, description: str = "") -> QWidget:
    """Give a control the name and description a screen reader announces."""
    widget.setAccessibleName(name)
    widget.setAccessibleDescription(description or name)
    return widget


def set_progress(bar: QProgressBar, value: int, maximum: int | None = None) -> None:
    """Set a progress bar without QProgressBar's synchronous repaint (QProgressBar.setValue
    repaints at once when its text changes: ~2.5 ms per call here, at every answer); it is
    painted with the rest of the window instead."""
    bar.setUpdatesEnabled(False)
    if maximum is not None:
        bar.setRange(0, maximum)
    bar.setValue(value)
    bar.setUpdatesEnabled(True)  # schedules the repaint


def scrolled_page(owner: QWidget) -> tuple[QWidget, QVBoxLayout]:
    """Fill `owner` with a frameless vertical scroll area; returns its body and the body's layout
    (page margins set), for a page whose content can be taller than the window."""
    from PySide6.QtWidgets import QFrame

    outer = QVBoxLayout(owner)
    outer.setContentsMargins(0, 0, 0, 0)
    scroll = page_scroll_area(owner)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    outer.addWidget(scroll)
    body = QWidget(scroll)
    scroll.setWidget(body)
    layout = QVBoxLayout(body)
    layout.setContentsMargins(24, 16, 24, 16)
    return body, layout


def page_scroll_area(parent: QWidget) -> QScrollArea:
    """A QScrollArea that holds a whole page's body and fills the page (see _page_scroll_class)."""
    return _page_scroll_class()(parent)


@lru_cache(maxsize=1)
def _page_scroll_class() -> type[QScrollArea]:
    # Made on first use: QScrollArea is not set up before the first paint (see the top).
    from PySide6.QtCore import QSize
    from PySide6.QtWidgets import QScrollArea

    class PageScrollArea(QScrollArea):
        """Qt's QScrollArea asks its body for its size hint, which lays out every label of the
        page at its preferred width, each time the page is laid out after the body changed (a
        refresh, the first show). A page's scroll area fills the page whatever its hint, so this
        one reports the largest hint Qt's own would give (36 x 24 lines) without asking."""

        def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
            h = self.fontMetrics().height()
            return self.minimumSizeHint().expandedTo(QSize(36 * h, 24 * h))

    return PageScrollArea


def warm_up(view: QWidget, size: QSize, top: int = 0, start: int = 0) -> None:
    """Lay out and paint the hidden `view` once, into a throw-away image, at the `size` it will
    be shown at (only its first `top` pixels if given: what shows first of a long page; from
    `start` down if given: the rest of a page whose top was warmed up before). Qt then has its
    widgets polished, its layouts set and its text measured, so that showing it later mostly
    paints: about half the cost of a page's first show, moved to an idle turn."""
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtGui import QImage, QRegion

    view.resize(size)
    layout = view.layout()
    if layout is not None:
        layout.activate()
    end = min(size.height(), top) if top > 0 else size.height()
    if start >= end:
        return
    area = QRect(0, start, size.width(), end - start)
    ratio = view.devicePixelRatioF()
    image = QImage(area.size() * ratio, QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(ratio)
    view.render(image, QPoint(), QRegion(area))


def plain_label(text: str = "", parent: QWidget | None = None, *, heading: int = 0,
                selectable: bool = False) -> QLabel:
    """A word-wrapping label that never interprets its text as rich text (pack data is plain)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QSizePolicy

    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setText(text)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    if heading:
        label.setFont(heading_font(label, heading))
        label.setAccessibleName(text)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                      | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    return label


def heading_font(widget: QWidget, level: int) -> QFont:
    """The widget's font, bold and larger: level 1 (page title) to 3."""
    font = QFont(widget.font())
    font.setBold(True)
    base = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
    font.setPointSizeF(base * {1: 1.6, 2: 1.3, 3: 1.1}.get(level, 1.0))
    return font


@lru_cache(maxsize=1)
def _icons_dir() -> Path:
    return paths.icons_dir()


@lru_cache(maxsize=256)
def icon(name: str) -> QIcon:
    """An SVG icon from resources/icons (empty icon if the file is missing)."""
    from PySide6.QtGui import QIcon

    if not name:
        return QIcon()
    path = _icons_dir() / f"{name}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()


PAGE_SIZE_HINT = (640, 480)


class PageStack(QStackedWidget):
    """A stack of pages sized by the page it shows.

    Qt's QStackedWidget asks every page, hidden ones included, for its size hints and for its
    height at the window's width, at each relayout of the window (a resize, a page shown, a
    banner). With pages of wrapped text, that measured every label of every page built so far
    again. Here only the current page counts, and the stack never asks for heights at a width
    (the page lays its own text out when it gets its geometry). Resizing the window with all
    pages built: 13.6 ms median, 37 max before; 11.8 and 24 after (docs/benchmarks.md).
    """

    _hint: QSize | None = None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(lambda _index: self.updateGeometry())

    def sizeHint(self) -> QSize:
        # The window is sized by the user (and at first by MainWindow), never by its pages: a
        # page's own size hint would lay out all its text (a scroll area asks its whole body).
        if PageStack._hint is None:
            from PySide6.QtCore import QSize  # here, not per call: PySide's import hook is slow

            PageStack._hint = QSize(*PAGE_SIZE_HINT)
        return self.minimumSizeHint().expandedTo(PageStack._hint)

    def minimumSizeHint(self) -> QSize:
        page = self.currentWidget()
        if page is None:
            return super().minimumSizeHint()
        return page.minimumSizeHint().expandedTo(page.minimumSize())

    def hasHeightForWidth(self) -> bool:
        return False


class Foldout(QToolButton):
    """A "Why this matters" style toggle: a button that shows or hides plain text below it.

    Just the button until it is first unfolded (most never are): the text is then put right
    below it in the parent's layout. `button` is the foldout itself.
    """

    def __init__(self, title: str, text: str, parent: QWidget) -> None:
        from PySide6.QtCore import Qt

        super().__init__(parent)
        self.button = self
        self.setText(title)
        self.setCheckable(True)
        self.setArrowType(Qt.ArrowType.RightArrow)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.text_body = text
        self.body: QLabel | None = None
        accessible(self, title, text)
        self.toggled.connect(self._toggle)

    def _toggle(self, on: bool) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QBoxLayout

        if self.body is None:
            owner = self.parentWidget()
            layout = owner.layout() if owner is not None else None
            assert isinstance(layout, QBoxLayout), "a foldout sits in a box layout"
            self.body = plain_label(self.text_body, owner)
            self.body.setContentsMargins(18, 0, 0, 4)
            layout.insertWidget(layout.indexOf(self) + 1, self.body)
        self.body.setVisible(on)
        self.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
