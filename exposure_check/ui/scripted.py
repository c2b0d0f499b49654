"""The scripted end-to-end audit as a function, for the e2e test and the event-loop stall benchmark.

first run → passphrase vault → profile → every applicable question → results → mark two plan
items done → close the window → a new window (restart) → unlock → state intact.
Runs inside a QApplication; waits by spinning the real event loop (never by sleeping on it).
Between two user actions (a click, a typed field) it lets the event loop turn once, as it would
between any two actions of a real user; the stall benchmark then sees each action's own cost.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QRadioButton

from . import workers
from .main_window import MainWindow
from .session import Session

DEMO_PLATFORMS = ("linkedin", "github", "wechat", "researchgate", "events")


def wait_until(pred: Callable[[], bool], timeout: float = 20.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not pred():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        loop = QEventLoop()
        QTimer.singleShot(5, loop.quit)
        loop.exec()


def settle(timeout: float = 20.0) -> None:
    """Wait until every background task (vault writes included) has reported back."""
    wait_until(lambda: workers.busy_count() == 0, timeout, "background work")


def pump() -> None:
    """One turn of the event loop, as between two clicks of a real user."""
    loop = QEventLoop()
    QTimer.singleShot(0, loop.quit)
    loop.exec()


@dataclass
class ScriptedResult:
    questions: int = 0
    score_recorded: float = 0.0
    score_after_marks: float = 0.0
    score_after_restart: float = 0.0
    marked: list[str] = field(default_factory=list)
    answers: dict[str, str] = field(default_factory=dict)
    answers_after_restart: dict[str, str] = field(default_factory=dict)
    profile_after_restart: dict[str, Any] = field(default_factory=dict)
    recovery_key: str = ""


def make_window(data_dir: Path, locale: str, create_options: dict[str, Any] | None) -> MainWindow:
    session = Session(data_dir, create_options=create_options)
    window = MainWindow(locale=locale, session=session)
    window.show()
    pump()  # as the app does (app.run_gui): the rest starts after the first paint
    window.start_loading()
    return window


def first_run(window: MainWindow, passphrase: str) -> str:
    wait_until(lambda: window.welcome is not None, what="the welcome page")
    window.welcome.next_button.click()
    pump()
    window.setup.passphrase.setText(passphrase)
    pump()
    window.setup.confirm.setText(passphrase)
    pump()
    window.setup.create_button.click()
    wait_until(lambda: window.recovery_dialog is not None and window.recovery_dialog.isVisible(),
               what="the recovery key")
    key = str(window.recovery_dialog.key)
    window.recovery_dialog.confirmed.setChecked(True)
    pump()
    window.recovery_dialog.done_button.click()
    wait_until(lambda: window.current_page() == "profile", what="the profile page")
    return key


def fill_profile(window: MainWindow, platforms: tuple[str, ...] = DEMO_PLATFORMS) -> None:
    view: Any = window.views["profile"]
    for qid, widget in view.inputs.items():
        if hasattr(widget, "buttons"):  # a choice: pick the most sensitive option
            widget.buttons()[-1].setChecked(True)
        elif hasattr(widget, "set_value"):
            widget.set_value(platforms)
        elif hasattr(widget, "setChecked"):
            widget.setChecked(qid != "job_seeking")
        pump()
    view.facts["employers"].setPlainText("Example Research Institute")
    pump()
    view.facts["work_domains"].setPlainText("example.org")
    pump()
    view.save_button.click()
    wait_until(lambda: window.current_page() == "audit", what="the audit page")


def answer_everything(window: MainWindow) -> int:
    """Answer every question on every page (mostly the first option, some "not sure")."""
    view: Any = window.views["audit"]
    count = 0
    while True:
        for group in view.groups.values():
            buttons: list[QRadioButton] = group.buttons()
            pick = buttons[-2] if count % 5 == 4 and len(buttons) > 2 else buttons[0]
            pick.setChecked(True)
            count += 1
            pump()
        last = view.index >= len(view.pages) - 1
        view.next_button.click()
        pump()
        if last:
            break
    wait_until(lambda: window.current_page() == "results", what="the results page")
    return count


def mark_two_done(window: MainWindow) -> list[str]:
    window.show_page("plan")
    pump()
    view: Any = window.views["plan"]
    marked = []
    for _ in range(2):
        first = view.plan.first
        view.select(first.item_id)
        pump()
        view.done_button.click()
        pump()
        marked.append(first.item_id)
    settle()
    return marked


def unlock(window: MainWindow, passphrase: str) -> None:
    wait_until(lambda: window.unlock_page is not None, what="the unlock page")
    window.unlock_page.secret.setText(passphrase)
    pump()
    window.unlock_page.unlock_button.click()
    wait_until(lambda: window.current_page() != "", what="the unlocked window")


def run_scripted_audit(data_dir: Path, *, passphrase: str = "correct horse battery staple",
                       locale: str = "en", create_options: dict[str, Any] | None = None,
                       keep: list[MainWindow] | None = None) -> ScriptedResult:
    """Run the whole flow in `data_dir` (which must hold no vault yet). `keep` collects windows."""
    result = ScriptedResult()
    window = make_window(data_dir, locale, create_options)
    if keep is not None:
        keep.append(window)
    result.recovery_key = first_run(window, passphrase)
    fill_profile(window)
    result.questions = answer_everything(window)
    result.answers = dict(window.session.latest.answers) if window.session.latest else {}
    result.score_recorded = window.session.audits[-1].score
    result.marked = mark_two_done(window)
    score = window.session.current_score()
    result.score_after_marks = score.total if score else -1.0
    window.close()
    settle()

    again = make_window(data_dir, locale, create_options)
    if keep is not None:
        keep.append(again)
    unlock(again, passphrase)
    s = again.session
    result.answers_after_restart = dict(s.latest.answers) if s.latest else {}
    result.profile_after_restart = dict(s.profile.answers) if s.profile else {}
    score = s.current_score()
    result.score_after_restart = score.total if score else -1.0
    again.close()
    settle()
    return result
