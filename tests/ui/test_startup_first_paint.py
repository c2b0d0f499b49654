"""What the real GUI entry does before the window's first paint (no timings: those are in
bench/bench_startup.py). Before the first paint it must not import the core or the session, and
must not touch PySide6's `Qt` namespace, whose ~90 enum types cost ~40 ms to make, nor Qt classes
the loading page does not need. Afterwards the
window loads normally: the checklist loads and the welcome page appears."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SCRIPT = r"""
import enum, json, sys
made = []
_new = enum.EnumType.__new__


def _record(metacls, cls, bases, classdict, **kw):
    made.append(cls)
    return _new(metacls, cls, bases, classdict, **kw)


enum.EnumType.__new__ = _record
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

report = {}
DEFERRED = ("QIcon", "QListWidget", "QListWidgetItem", "QKeySequence", "QProgressBar", "QSaveFile",
            "QScrollArea", "QSizePolicy")


class Probe(QObject):
    def eventFilter(self, obj, event):
        if not report and event.type() == QEvent.Type.Paint:
            # a class is set up on first use
            import PySide6.QtCore as C, PySide6.QtGui as G, PySide6.QtWidgets as W
            report["before"] = {"qt_namespace": "AlignmentFlag" in made,
                                "classes": sorted(n for n in DEFERRED if n in W.__dict__
                                                  or n in G.__dict__ or n in C.__dict__),
                                "modules": sorted(m for m in sys.modules if m.startswith("exposure_check"))}
            QTimer.singleShot(0, watch)
        return False


def watch():
    window = QApplication.activeWindow() or QApplication.topLevelWidgets()[0]
    if getattr(window, "welcome", None) is not None:
        report["after"] = {"welcome": window.welcome is not None,
                           "qt_namespace": "AlignmentFlag" in made,
                           "icon": not window.windowIcon().isNull()}
        print("REPORT " + json.dumps(report), flush=True)
        QApplication.instance().quit()
    else:
        QTimer.singleShot(20, watch)


probe = Probe()
_show = QWidget.show


def show(self):
    if self.isWindow():
        self.installEventFilter(probe)
    return _show(self)


QWidget.show = show
from exposure_check.cli import main
sys.exit(main([]))
"""


def test_first_paint_comes_before_the_core_and_the_qt_namespace(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", EXPOSURE_CHECK_DATA_DIR=str(tmp_path / "d"),
               EXPOSURE_CHECK_CONFIG_DIR=str(tmp_path / "c"),
               PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    proc = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env,
                          timeout=120)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("REPORT ")]
    assert lines, (proc.returncode, proc.stderr[-3000:])
    report = json.loads(lines[-1][len("REPORT "):])
    before = report["before"]
    assert not before["qt_namespace"], "the Qt namespace was made before the first paint"
    # PySide6 sets up each Qt class on its first use (~1–3 ms apiece): the loading page needs none
    # of these, the sidebar and pages made after the first paint do.
    assert before["classes"] == [], f"set up before the first paint: {before['classes']}"
    loaded = [m for m in before["modules"]
              if m.startswith(("exposure_check.core", "exposure_check.storage.vault"))
              or m == "exposure_check.ui.session"]
    assert not loaded, f"imported before the first paint: {loaded}"
    # …and the app then goes on normally: the checklist loads, the welcome page is shown, and the
    # window has its icon.
    assert report["after"] == {"welcome": True, "qt_namespace": True, "icon": True}
