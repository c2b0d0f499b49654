"""The reviewer page: runs on a worker with progress, shows findings, emits accepted answers,
cancels cleanly, and saves a clean photo copy only when asked."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from pytestqt.qtbot import QtBot

from exposure_check.core.model import DeclaredFacts
from exposure_check.core.packs import load_core_pack
from exposure_check.core.review.photos import read_metadata
from exposure_check.ui.reviewer_view import ReviewerView

PACK = load_core_pack()


def _view(qtbot: QtBot, locale: str = "en") -> ReviewerView:
    view = ReviewerView(PACK, locale, declared=DeclaredFacts(employers=("Northwind Avionics",)))
    qtbot.addWidget(view)
    return view


def test_review_pasted_text_and_accept(qtbot: QtBot) -> None:
    view = _view(qtbot)
    view.text.setPlainText("Senior Engineer at Northwind Avionics Ltd. Call +44 7911 123456.")
    view.platform.setCurrentIndex(view.platform.findData("linkedin"))
    with qtbot.waitSignal(view.finished, timeout=30000) as blocker:
        view.review_button.click()
    assert blocker.args == ["done"]
    assert view.progress.value() == 1000
    rows = [view.tree.model().index(i, 0).data() for i in range(view.tree.model().rowCount())]
    assert {"Employer", "Job title", "Phone"} <= set(rows)
    assert "[employer]" in view.redacted.toPlainText()
    with qtbot.waitSignal(view.answers_suggested) as sig:
        view.accept_button.click()
    assert sig.args[0]["affiliation.linkedin.employer-visible"] == "public"


def test_cancel(qtbot: QtBot, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Engineer at Acme Ltd, j@acme.example. " * 400_000, encoding="utf-8")
    view = _view(qtbot)
    with qtbot.waitSignal(view.finished, timeout=60000) as blocker:
        view.review_files([str(big)])
        view.cancel_button.click()
    assert blocker.args == ["cancelled"]
    assert view.review_button.isEnabled() and not view.cancel_button.isEnabled()


def test_large_file_reviewed_in_worker_processes(qtbot: QtBot, tmp_path: Path) -> None:
    """A file over PARALLEL_MIN_BYTES: the view's worker thread spawns detector processes, and
    the window shows the same findings as a review in one process."""
    from exposure_check.core.review import ReviewInput, engine, review

    big = tmp_path / "export.txt"
    line = "Senior Engineer at Northwind Avionics Ltd, call +44 7911 123456 or j@northwind.example.\n"
    big.write_text(line * (engine.PARALLEL_MIN_BYTES // len(line) + 1000), encoding="utf-8")
    assert engine._workers_for(big.stat().st_size) > 0 or engine._cores() == 1
    view = _view(qtbot)
    with qtbot.waitSignal(view.finished, timeout=120000) as blocker:
        view.review_files([str(big)])
    assert blocker.args == ["done"]
    one = review([ReviewInput.file(big)], DeclaredFacts(employers=("Northwind Avionics",)), pack=PACK,
                 workers=0)
    rows = {view.tree.model().index(i, 0).data() for i in range(view.tree.model().rowCount())}
    assert {"Employer", "Phone"} <= rows
    assert view.result is not None and view.result.counts == one.counts


def test_empty_text_asks_for_input(qtbot: QtBot) -> None:
    view = _view(qtbot)
    view.review_button.click()
    assert "Paste some text" in view.status.text()


def test_photo_clean_copy(qtbot: QtBot, tmp_path: Path) -> None:
    src = tmp_path / "p.jpg"
    exif = Image.Exif()
    exif[272] = "Pixel 8"
    Image.new("RGB", (8, 8)).save(src, exif=exif)
    view = _view(qtbot)
    with qtbot.waitSignal(view.finished, timeout=30000):
        view.review_files([str(src)])
    assert view.clean_button.isEnabled()
    dest = tmp_path / "clean.jpg"
    assert view.save_clean_copy(str(src), str(dest))
    assert not read_metadata(dest).device and read_metadata(src).device == "Pixel 8"


def test_widgets_have_accessible_names(qtbot: QtBot) -> None:
    view = _view(qtbot)
    for w in (view.text, view.platform, view.review_button, view.open_button, view.cancel_button,
              view.progress, view.tree, view.redacted, view.copy_button, view.accept_button,
              view.clean_button):
        assert w.accessibleName()


def test_the_page_does_not_import_the_review_engine() -> None:
    """The page is made at start-up; the engine (~0.25 s of imports) loads at the first review."""
    import subprocess
    import sys

    code = ("import sys; import exposure_check.ui.reviewer_view; "
            "print(sorted(m for m in sys.modules if m.startswith(('exposure_check.core.review', "
            "'phonenumbers', 'PIL'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout
