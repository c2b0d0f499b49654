"""The same end-to-end flow driven by key events only (Tab, Space, Return, arrows, shortcuts).

The test reads widget state to decide where to go, but every action is a key press.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QRadioButton, QWidget
from ui.uihelpers import FAST_KDF

from exposure_check.ui.main_window import MainWindow
from exposure_check.ui.scripted import settle, wait_until
from exposure_check.ui.session import Session

PASS = "keyboard only passphrase"


def focus() -> QWidget:
    w = QApplication.focusWidget()
    assert w is not None, "nothing has keyboard focus"
    return w


def tab_to(qtbot, target: QWidget, limit: int = 400) -> None:
    for _ in range(limit):
        if QApplication.focusWidget() is target:
            return
        qtbot.keyClick(focus(), Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {target!r} ({getattr(target, 'text', str)()})")


def press(qtbot, key: Qt.Key, mod: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focus(), key, mod)


def start(qtbot, data: Path) -> MainWindow:
    window = MainWindow(locale="en", session=Session(data, create_options=dict(FAST_KDF)))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    window.start_loading()
    return window


def test_whole_audit_with_the_keyboard_alone(qtbot, tmp_path: Path) -> None:
    data = tmp_path / "vault"
    window = start(qtbot, data)
    wait_until(lambda: window.welcome is not None and window.welcome.next_button.hasFocus())
    press(qtbot, Qt.Key.Key_Space)  # Continue
    wait_until(lambda: window.setup.passphrase.hasFocus())
    qtbot.keyClicks(focus(), PASS)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.keyClicks(focus(), PASS)
    press(qtbot, Qt.Key.Key_Return)  # creates the vault
    wait_until(lambda: window.recovery_dialog is not None and window.recovery_dialog.isVisible())
    dialog = window.recovery_dialog
    # The window manager activates a new dialog asynchronously; a user's first key press goes
    # to it once it is active, so the test waits for that too.
    wait_until(lambda: (w := QApplication.focusWidget()) is not None and dialog.isAncestorOf(w),
               what="focus in the dialog")
    tab_to(qtbot, dialog.confirmed)
    press(qtbot, Qt.Key.Key_Space)
    tab_to(qtbot, dialog.done_button)
    press(qtbot, Qt.Key.Key_Space)
    wait_until(lambda: window.current_page() == "profile")
    wait_until(lambda: QApplication.focusWidget() is not None, what="focus back in the window")

    profile = window.views["profile"]
    for qid, widget in profile.inputs.items():
        if hasattr(widget, "currentIndex"):  # a combo box: arrows choose
            tab_to(qtbot, widget)
            press(qtbot, Qt.Key.Key_Down)
            assert widget.currentIndex() == 1, qid
        elif hasattr(widget, "buttons"):
            tab_to(qtbot, widget.buttons()[0])
            for _ in range(len(widget.buttons()) - 1):  # arrows move to the last option
                press(qtbot, Qt.Key.Key_Down)
            press(qtbot, Qt.Key.Key_Space)
            assert widget.checkedButton() is widget.buttons()[-1], qid
        elif hasattr(widget, "set_value"):
            tree = widget.tree
            tab_to(qtbot, tree)
            for wanted in ("linkedin", "wechat"):
                for _ in range(80):
                    cur = tree.currentItem()
                    if cur is not None and cur.data(0, Qt.ItemDataRole.UserRole) == wanted:
                        break
                    press(qtbot, Qt.Key.Key_Down)
                press(qtbot, Qt.Key.Key_Space)
            assert set(widget.value()) == {"linkedin", "wechat"}
        elif qid in ("speaks_at_events", "publishes"):
            tab_to(qtbot, widget)
            press(qtbot, Qt.Key.Key_Space)
            assert widget.isChecked()
    tab_to(qtbot, profile.facts["employers"])
    qtbot.keyClicks(focus(), "Example Lab")
    tab_to(qtbot, profile.save_button)
    press(qtbot, Qt.Key.Key_Space)
    wait_until(lambda: window.current_page() == "audit")

    audit = window.views["audit"]
    answered = 0
    while True:
        for group in list(audit.groups.values()):
            first: QRadioButton = group.buttons()[0]
            tab_to(qtbot, first)
            press(qtbot, Qt.Key.Key_Space)
            assert group.checkedButton() is first
            answered += 1
        last = audit.index >= len(audit.pages) - 1
        before = audit.index
        tab_to(qtbot, audit.next_button)
        press(qtbot, Qt.Key.Key_Space)  # Next / Finish
        if last:
            break
        assert audit.index == before + 1
    wait_until(lambda: window.current_page() == "results")
    assert answered == len(window.session.applicable())
    recorded = window.session.current_score().total

    press(qtbot, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # focus the sidebar
    assert window.nav.hasFocus()
    while window.current_page() != "plan":
        press(qtbot, Qt.Key.Key_Down)
    plan = window.views["plan"]
    marked = []
    for _ in range(2):
        first_id = plan.plan.first.item_id
        assert plan.selected == first_id
        tab_to(qtbot, plan.done_button)
        press(qtbot, Qt.Key.Key_Space)
        marked.append(first_id)
    settle()
    after = window.session.current_score().total
    assert after < recorded
    assert {e.item_id for e in window.session.events} == set(marked)
    press(qtbot, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)  # quit
    wait_until(lambda: not window.isVisible())
    settle()

    again = start(qtbot, data)
    wait_until(lambda: again.unlock_page is not None and again.unlock_page.secret.hasFocus())
    qtbot.keyClicks(focus(), PASS)
    press(qtbot, Qt.Key.Key_Return)
    wait_until(lambda: again.current_page() == "results")
    assert again.session.current_score().total == after
    assert set(again.session.latest.answers) == {it.id for it in again.session.applicable()}
    again.close()
    settle()
