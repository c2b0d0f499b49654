"""The shared shape of a benchmark result and small measuring helpers."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Result:
    metric: str  # e.g. "start-up (median of 10)"
    value: float  # ours
    baseline: float | None  # the same-run baseline, when the metric is a ratio
    unit: str  # "ms", "MiB", "MB/s", …
    goal: str  # e.g. "≤ 1.25×", "linear", "≤ 50 ms"
    ok: bool  # whether the goal is met
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.baseline in (None, 0):
            return None
        return self.value / self.baseline  # type: ignore[operator]


def median_time(fn: Callable[[], object], runs: int) -> float:
    """Median wall time of `fn` in milliseconds."""
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000.0)
    return statistics.median(samples)


def app_env(tmp: Path) -> dict[str, str]:
    """The environment for a measured app process: offscreen Qt, throwaway data folders, and
    compiled bytecode for everything it imports, as an installed app has (pip, the .deb and
    PyInstaller all ship .pyc files). A developer shell often sets PYTHONDONTWRITEBYTECODE, which
    would make every measured start compile our ~40 modules again.

    Our package is compiled in place (`__pycache__` is git-ignored). A PYTHONPYCACHEPREFIX would
    keep the tree clean, but Python then ignores every existing `__pycache__`, the standard
    library's and the venv's included: each measured process compiled what it imported first,
    and the stall benchmark, one process, counted those compiles (workers importing hold the GIL)."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "EXPOSURE_CHECK_DATA_DIR": str(tmp / "data"),
           "EXPOSURE_CHECK_CONFIG_DIR": str(tmp / "config"),
           "EXPOSURE_CHECK_RUNTIME_DIR": str(tmp / "run")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PYTHONPYCACHEPREFIX", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "exposure_check")],
                   env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return env
