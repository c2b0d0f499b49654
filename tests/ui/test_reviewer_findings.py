"""The reviewer's findings table: a model whose cells are made when Qt asks for them, so a
result of thousands of findings shows at once, with the same texts as before."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from exposure_check.core.model import DeclaredFacts
from exposure_check.core.packs import load_core_pack
from exposure_check.core.review import ReviewInput, ReviewResult, review
from exposure_check.ui.reviewer_view import FIT_ROWS, ReviewerView

PACK = load_core_pack()
BIO = ("Senior Engineer at Northwind Avionics Ltd. Call +44 7911 123456 or write to "
       "j.doe@northwind.example. Speaker at RoboConf 2024.")


def _cell(view: ReviewerView, row: int, col: int, role: int = Qt.ItemDataRole.DisplayRole) -> object:
    model = view.tree.model()
    return model.data(model.index(row, col), role)


def test_thousands_of_findings_show_with_their_texts_made_on_demand(qtbot: QtBot) -> None:
    declared = DeclaredFacts(employers=("Northwind Avionics",))
    view = ReviewerView(PACK, "en", declared=declared)
    qtbot.addWidget(view)
    one = review([ReviewInput.pasted(BIO, "bio")], declared, pack=PACK, platform="linkedin")
    assert one.findings and any(f.suggestions for f in one.findings)
    many = [replace(f, line=n + 1, count=1 + n % 3) for n in range(1000) for f in one.findings]
    view.show_result(ReviewResult(findings=many))
    view.resize(900, 600)
    view.show()
    qtbot.waitExposed(view)
    model = view.tree.model()
    assert model.rowCount() == len(many)
    # Only the rows measured for the columns and those on screen were made.
    assert len(view.findings_model._rows) <= FIT_ROWS + 100
    for row in (0, 1, len(many) // 2, len(many) - 1):
        f = many[row]
        assert _cell(view, row, 0) == view.topic_name(f.topic)
        assert _cell(view, row, 1) == (f.text if f.count == 1 else f"{f.text} (×{f.count})")
        assert _cell(view, row, 2) == f"{f.source}:{f.line}"
        assert _cell(view, row, 3) == f"{f.confidence:.0%}"
        assert _cell(view, row, 1, Qt.ItemDataRole.ToolTipRole) == (f.context or f.text)
        suggestion = str(_cell(view, row, 4))
        assert _cell(view, row, 4, Qt.ItemDataRole.ToolTipRole) == (suggestion or None)
        assert len([p for p in suggestion.split("; ") if p]) == len(f.suggestions)
        assert all(" → " in p for p in suggestion.split("; ") if p)
    header = view.tree.header()
    for col in range(model.columnCount()):  # every heading fits its column
        assert header.sectionSize(col) >= header.sectionSizeHint(col)
    fm = view.tree.fontMetrics()
    assert header.sectionSize(0) >= max(fm.horizontalAdvance(str(_cell(view, r, 0))) for r in range(50))

    # A new result replaces the old one.
    view.show_result(one)
    assert model.rowCount() == len(one.findings)
    assert _cell(view, 0, 2) == f"{one.findings[0].source}:{one.findings[0].line}"
    view.show_result(ReviewResult())
    assert model.rowCount() == 0 and view.status.text() == "Nothing found."


def test_the_view_is_freed_without_the_garbage_collector(qtbot: QtBot) -> None:
    """No reference cycle through the model: otherwise the collector frees the view, on whatever
    thread it happens to run (the review's worker thread too), and a widget deleted off the GUI
    thread crashes the app."""
    import gc
    import weakref

    view = ReviewerView(PACK, "en")
    view.show_result(review([ReviewInput.pasted(BIO, "bio")], None, pack=PACK))
    assert view.tree.model().rowCount() > 0
    gone = weakref.ref(view)
    gc.disable()
    try:
        del view
        assert gone() is None
    finally:
        gc.enable()
