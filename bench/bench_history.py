"""History view with 1,000 audits: the longest event-loop stall while it opens and fills in.

A heartbeat QTimer (1 ms) runs in the GUI event loop; the view is built and shown from inside
the loop, scores its audits in time-boxed slices, and the largest gap between two heartbeats is
the stall a user would feel. Goal: < 50 ms.
"""

from __future__ import annotations

import gc
import os
import random
import time
from datetime import UTC, datetime, timedelta

from .common import Result


def _audits(pack, n: int):  # type: ignore[no-untyped-def]
    from exposure_check.core.model import Audit, Profile

    rng = random.Random(6)
    platforms = tuple(p.id for p in pack.platforms)
    profile_answers: dict[str, object] = {"platforms": platforms}
    for q in pack.profile:
        if q.kind == "bool":
            profile_answers[q.id] = True
        elif q.kind == "choice" and q.options:
            profile_answers[q.id] = q.options[-1].id
        elif q.kind == "multi":
            profile_answers[q.id] = tuple(o.id for o in q.options)
    profile = Profile(profile_answers)  # type: ignore[arg-type]
    start = datetime(2020, 1, 1, tzinfo=UTC)
    out = []
    for i in range(n):
        answers = {it.id: rng.choice(it.options).id for it in pack.items}
        out.append(Audit(f"a{i:05d}", start + timedelta(days=2 * i), pack.id, pack.version,
                         profile, answers))
    return out


def run(quick: bool) -> list[Result]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from exposure_check.core.packs import load_core_pack
    from exposure_check.ui.history_view import HistoryView

    app = QApplication.instance() or QApplication([])
    pack = load_core_pack()
    n = 200 if quick else 1000
    audits = _audits(pack, n)
    # Warm up Qt's style, fonts and widget classes as a running app already has them.
    warm = HistoryView(pack, "en", audits[:2])
    warm.show()
    for _ in range(20):
        app.processEvents()
    warm.close()
    beats: list[float] = []
    cpu: list[float] = []
    state: dict[str, object] = {}

    def beat() -> None:
        beats.append(time.perf_counter())
        cpu.append(time.thread_time())

    def open_view() -> None:
        state["t0"] = time.perf_counter()
        view = HistoryView(pack, "en", audits)
        view.resize(1000, 700)
        view.show()
        state["view"] = view
        view.loaded.connect(lambda: state.setdefault("t1", time.perf_counter()))

        def poke() -> None:  # interact after loading: pick another pair to diff
            view.before.setCurrentIndex(min(view.before.count() - 1, 500))
            QTimer.singleShot(150, app.quit)

        view.loaded.connect(lambda: QTimer.singleShot(20, poke))

    # Python's full (generation-2) garbage collections pause the loop too; record them to tell
    # them apart from the view's own work.
    gc_times: list[tuple[float, float, int]] = []
    gc_start = [0.0]

    def on_gc(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            gc_start[0] = time.perf_counter()
        else:
            gc_times.append((time.perf_counter(), (time.perf_counter() - gc_start[0]) * 1000,
                             info["generation"]))

    gc.callbacks.append(on_gc)
    heart = QTimer()
    heart.setInterval(1)
    heart.timeout.connect(beat)
    heart.start()
    QTimer.singleShot(50, open_view)
    QTimer.singleShot(120_000, app.quit)  # safety net
    app.exec()
    heart.stop()
    gc.callbacks.remove(on_gc)
    t0 = float(state["t0"])  # type: ignore[arg-type]
    first = next(i for i, b in enumerate(beats) if b >= t0 - 0.01)
    window, cwindow = beats[first:], cpu[first:]
    gaps = [(b - a) * 1000.0 for a, b in zip(window, window[1:], strict=False)]
    stall = max(gaps) if gaps else float("inf")
    # The same gaps in GUI-thread CPU time: the work that blocked the loop, without the time the
    # process waited for a CPU on a busy machine (which a wall-clock heartbeat also counts).
    cgaps = [(b - a) * 1000.0 for a, b in zip(cwindow, cwindow[1:], strict=False)]
    cpu_stall = max(cgaps) if cgaps else float("inf")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    if os.environ.get("BENCH_DEBUG"):
        print("gc >10ms:", [(round((t - t0) * 1000), round(d, 1), g) for t, d, g in gc_times
                            if d > 10])
        for series in (gaps, cgaps):
            worst = sorted(range(len(series)), key=lambda i: -series[i])[:5]
            print([(round((window[i] - t0) * 1000), round(series[i], 1)) for i in worst])
    fill = (float(state.get("t1", float("nan"))) - t0) * 1000.0  # type: ignore[arg-type]
    view = state["view"]
    view.close()  # type: ignore[attr-defined]
    full_gc = max((d for t, d, g in gc_times if g == 2 and t >= t0), default=0.0)
    note = (f"scored in {fill:,.0f} ms, {len(pack.items)} items per audit; "
            f"load average {load:.1f} on {os.cpu_count()} cores; longest full Python GC "
            f"during it {full_gc:.0f} ms")
    return [
        Result(f"history view, {n} audits: max event-loop stall (wall clock)", stall, None, "ms",
               "< 50 ms", stall < 50.0, note),
        Result(f"history view, {n} audits: max event-loop stall (GUI-thread CPU)", cpu_stall,
               None, "ms", "< 50 ms", cpu_stall < 50.0, "the work between two heartbeats"),
    ]
