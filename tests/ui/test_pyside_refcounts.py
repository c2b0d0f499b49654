"""PySide6 6.12 on CPython 3.11 drops references to None, True and False (see
exposure_check/ui/__init__.py). Each case runs in a fresh interpreter that calls the culprit far
more often than it takes to crash without the workaround; with `exposure_check.ui` imported it
must exit cleanly; without it the same script aborts on the PySide6 we ship (the control shows the
script really exercises the bug)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

SCRIPT = r"""
import sys
if sys.argv[1] == "with":
    import exposure_check.ui  # noqa: F401
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget

app = QApplication([])


class Emitter(QObject):
    flag = Signal(bool)


e = Emitter()
e.flag.connect(lambda on: None)
w = QWidget()
for i in range(5000):
    e.flag.emit(i % 2 == 0)  # True/False
    w.setVisible(False)  # a void method: None
print("done", flush=True)
"""


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None/True/False are immortal from 3.12")
@pytest.mark.parametrize("mode", ["with", "without"])
def test_bool_signals_and_void_calls_do_not_crash_the_interpreter(mode: str) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-c", SCRIPT, mode], capture_output=True, text=True,
                          env=env, timeout=120)
    if mode == "with":
        assert proc.returncode == 0, proc.stderr[-2000:]
        assert "done" in proc.stdout
    elif proc.returncode == 0:  # the control: a later PySide6 may have fixed the bug
        pytest.skip("this PySide6 keeps its references: the workaround in ui/__init__.py can go")
    else:  # without the workaround, the interpreter aborts on this PySide6
        assert "_dealloc" in proc.stderr, proc.stderr[-2000:]
