"""Going to the next audit page keeps the focus in the audit: it goes from the question answered
last to the first question of the next page, never through the sidebar (which Qt would pick
when the focused page is taken away; repainting the sidebar made each Next repaint the window)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication
from ui.uihelpers import FAST_KDF

from exposure_check.ui import scripted
from exposure_check.ui.scripted import make_window, settle


def test_next_moves_the_focus_to_the_next_page_without_passing_the_sidebar(qtbot, tmp_path: Path) -> None:
    window = make_window(tmp_path / "vault", "en", dict(FAST_KDF))
    qtbot.addWidget(window)
    window.activateWindow()
    scripted.first_run(window, "a focused passphrase")
    scripted.fill_profile(window)
    view = window.views["audit"]
    buttons = [g.buttons()[0] for g in view.groups.values()]
    for button in buttons:  # answered with the keyboard: the focus is on the last answer
        button.setFocus()
        button.setChecked(True)
        scripted.pump()
    assert QApplication.focusWidget() is buttons[-1]
    visited: list[object] = []
    app = QApplication.instance()
    app.focusChanged.connect(lambda _old, new: visited.append(new))
    view.next_button.click()  # as with its mnemonic (Alt+N): the focus stays where it was
    scripted.pump()
    assert window.nav not in visited and window.nav.hasFocus() is False
    first = next(iter(view.groups.values())).buttons()[0]
    assert QApplication.focusWidget() is first and first not in buttons
    window.close()
    settle()
