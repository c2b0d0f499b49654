"""The shared shape of a benchmark result and small measuring helpers."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


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
