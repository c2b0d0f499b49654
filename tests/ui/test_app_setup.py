"""What make_app sets up for the whole process (no timings: those are in bench/bench_stall.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

SCRIPT = r"""
import json, os, sys
from exposure_check.ui.app import make_app
app = make_app()
print(json.dumps({"pool": os.environ.get("QT_NO_GUI_THREADPOOL"),
                  "switch": sys.getswitchinterval()}))
"""


def _run(env_extra: dict[str, str]) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k != "QT_NO_GUI_THREADPOOL"}
    env.update({"QT_QPA_PLATFORM": "offscreen", **env_extra})
    proc = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env,
                          timeout=60, check=True)
    result: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def test_qt_paints_on_the_gui_thread_alone_and_workers_yield_the_gil_quickly() -> None:
    got = _run({})
    assert got["pool"] == "1"  # Qt's raster engine does not wait for its thread pool
    assert got["switch"] == 0.001

