"""Drives the real GUI entry point (`exposure_check.cli.main([])`) through a short flow, then quits.

Used by the no-network proof (run under strace in an empty network namespace). Flow: start-up,
first paint, the pack load, press "Start the check" when the window has it, let the event loop
run a moment, quit. With `--scripted DATA_DIR`, the UI's whole scripted audit instead.
Prints `FLOW-DONE <pack items>` (`FLOW-DONE 0 pack-not-loaded` when the pack failed to load;
the rest of the flow still runs); exits 2 if the window never painted.
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

from exposure_check.ui.app import make_app

PACK_WAIT_S = 20


class Flow(QObject):
    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self.app = app
        self.painted = False
        self.failed = False
        self.deadline = 0.0

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if not self.painted and event.type() == QEvent.Type.Paint and isinstance(obj, QMainWindow):
            self.painted = True
            self.deadline = time.monotonic() + PACK_WAIT_S
            relay = getattr(obj, "_relay", None)  # the foundation window's load-failure signal
            if relay is not None and hasattr(relay, "failed"):
                relay.failed.connect(self.on_failed)
            QTimer.singleShot(0, self.wait_for_pack)
        return False

    def window(self) -> QMainWindow | None:
        for w in self.app.topLevelWidgets():
            if isinstance(w, QMainWindow):
                return w
        return None

    def on_failed(self, _message: str) -> None:
        self.failed = True

    def wait_for_pack(self) -> None:
        w = self.window()
        pack = getattr(w, "pack", None)
        if pack is None and not self.failed and time.monotonic() < self.deadline:
            QTimer.singleShot(20, self.wait_for_pack)
            return
        if pack is None:
            self.items = 0
            self.note = " pack-not-loaded"
            QTimer.singleShot(300, self.finish)
            return
        button = getattr(w, "start_button", None)
        if button is not None and button.isEnabled():
            button.click()
        self.items = len(getattr(pack, "items", ()))
        self.note = ""
        QTimer.singleShot(300, self.finish)

    def finish(self) -> None:
        print(f"FLOW-DONE {self.items}{self.note}", flush=True)
        w = self.window()
        if w is not None:
            w.close()
        self.app.quit()


def scripted(data_dir: str) -> int:
    """The UI's own scripted end-to-end audit: first run, vault, profile, every question, results,
    plan, restart, unlock (exposure_check.ui.scripted)."""
    from pathlib import Path

    from exposure_check.ui.scripted import run_scripted_audit

    make_app()
    result = run_scripted_audit(Path(data_dir))
    assert result.answers_after_restart == result.answers, "state lost across the restart"
    print(f"FLOW-DONE {result.questions} scripted", flush=True)
    return 0


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--scripted":
        return scripted(sys.argv[2])
    app = make_app()
    flow = Flow(app)
    app.installEventFilter(flow)
    QTimer.singleShot(60_000, lambda: app.exit(2))  # never painted: give up
    from exposure_check.cli import main as cli_main

    return cli_main([])


if __name__ == "__main__":
    sys.exit(main())
