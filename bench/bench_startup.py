"""Start-up time and peak RSS at the first idle main window, against a bare PySide6 window.

Both are fresh subprocesses, alternated, in the same run. The bare baseline imports QtWidgets,
creates the QApplication, shows one QLabel and waits for its first paint. Ours runs the real GUI
entry (`exposure_check.cli.main([])`, what `python -m exposure_check` does). "First idle" is the
first return to the event loop after the first paint of the top-level window; the child prints
its peak RSS (VmHWM) at that moment and quits. Wall time is measured by the parent, from just
before spawning to the child's line, so interpreter start-up counts for both. Our package runs
from compiled bytecode, as installed (`common.app_env`). The probe is the same in both: an event
filter put on the first window at its `show()`, so it costs nothing while the window is built.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .common import Result, app_env

ROOT = Path(__file__).resolve().parent.parent

PROBE = r'''
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget


def _peak_rss_kib():
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak


class _Probe(QObject):
    painted = False

    def eventFilter(self, obj, event):
        if not self.painted and event.type() == QEvent.Type.Paint:
            self.painted = True
            QTimer.singleShot(0, self.idle)
        return False

    def idle(self):
        print(f"IDLE {_peak_rss_kib()}", flush=True)
        QApplication.instance().quit()


# The probe watches only the first top-level widget shown, from its show() on. (A filter on the
# whole application would run Python for every event while the window is being built, thousands
# for a real window and a handful for a label, and so charge the probe's cost to the app.)
probe = _Probe()
_show = QWidget.show


def _watching_show(self):
    if self.isWindow() and not getattr(probe, "watching", False):
        probe.watching = True
        self.installEventFilter(probe)
    return _show(self)


QWidget.show = _watching_show
'''

BARE = PROBE + r'''
from PySide6.QtWidgets import QLabel
app = QApplication(sys.argv[:1])
label = QLabel("Hello")
label.resize(900, 640)
label.show()
sys.exit(app.exec())
'''

OURS = PROBE + r'''
from exposure_check.ui.app import make_app
app = make_app()
from exposure_check.cli import main
sys.exit(main([]))
'''


def _once(code: str, env: dict[str, str]) -> tuple[float, float]:
    """(ms to first idle, peak RSS MiB) of one fresh process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env=env, cwd=ROOT)
    assert proc.stdout is not None
    line = ""
    for line in proc.stdout:
        if line.startswith("IDLE"):
            break
    elapsed = (time.perf_counter() - t0) * 1000.0
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    if not line.startswith("IDLE"):
        raise RuntimeError(f"the child never reached first idle (exit {proc.returncode})")
    return elapsed, int(line.split()[1]) / 1024.0


def measure(runs: int) -> dict[str, list[tuple[float, float]]]:
    with tempfile.TemporaryDirectory(prefix="ec-bench-") as tmp:
        env = app_env(Path(tmp))
        _once(BARE, env)  # warm the file cache for both, not counted
        _once(OURS, env)
        samples: dict[str, list[tuple[float, float]]] = {"bare": [], "ours": []}
        for i in range(runs):
            order = ("bare", "ours") if i % 2 == 0 else ("ours", "bare")
            for kind in order:
                samples[kind].append(_once(BARE if kind == "bare" else OURS, env))
        return samples


def run(quick: bool) -> list[Result]:
    runs = 3 if quick else 10
    s = measure(runs)
    t_bare = statistics.median(t for t, _ in s["bare"])
    t_ours = statistics.median(t for t, _ in s["ours"])
    m_bare = statistics.median(m for _, m in s["bare"])
    m_ours = statistics.median(m for _, m in s["ours"])
    spread = max(t for t, _ in s["ours"]) - min(t for t, _ in s["ours"])
    return [
        Result(f"start-up to first idle window (median of {runs})", t_ours, t_bare, "ms", "≤ 1.25×",
               t_ours <= 1.25 * t_bare, f"bare QLabel window as baseline; our spread {spread:.0f} ms"),
        Result(f"peak RSS at first idle (median of {runs})", m_ours, m_bare, "MiB", "≤ 1.3×",
               m_ours <= 1.3 * m_bare, "VmHWM of the child process"),
    ]
