"""Detectors in worker processes (large inputs): the same result as in one process, in order,
with progress and cancel, and a dead worker does not lose the review."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from concurrent.futures import Future
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

from bench.bench_review import make_export
from exposure_check.core.model import DeclaredFacts
from exposure_check.core.review import ReviewInput, engine, review
from exposure_check.core.review.detectors import Detectors
from exposure_check.core.review.importers import Cancelled

DECLARED = DeclaredFacts(employers=("Acme Robotics",), titles=("Senior Engineer",),
                         work_domains=("acme-robotics.co.uk",), phones=("+44 7911 123456",))


def _plain(result: engine.ReviewResult) -> dict[str, object]:
    return {"findings": [asdict(f) for f in result.findings], "counts": result.counts,
            "issues": [asdict(i) for i in result.issues], "truncated": result.truncated,
            "suggested": result.suggested_answers, "redacted": result.redacted}


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "export.zip"
    make_export(path, 3_000_000)
    return path


def test_workers_give_the_same_review_as_one_process(export: Path, tmp_path: Path) -> None:
    text = tmp_path / "bio.txt"
    text.write_text("Senior Engineer at Acme Robotics. Call +44 7911 123456, or alex@acme-robotics.co.uk.\n"
                    "我是华芯微电子有限公司的高级工程师，微信号：zhang_san88。\n" * 3000, encoding="utf-8")
    inputs = [ReviewInput.file(export), ReviewInput.file(text)]
    one = review(inputs, DECLARED, workers=0)
    two = review(inputs, DECLARED, workers=2)
    assert one.findings and _plain(one) == _plain(two)


def test_large_inputs_use_workers_by_default(monkeypatch: pytest.MonkeyPatch, export: Path) -> None:
    made: list[int] = []
    real = engine.ParallelDetect

    class Counting(real):  # type: ignore[misc, valid-type]
        def __init__(self, declared: DeclaredFacts | None, workers: int, local: Detectors) -> None:
            made.append(workers)
            super().__init__(declared, workers, local)



    monkeypatch.setattr(engine, "ParallelDetect", Counting)
    monkeypatch.setattr(engine, "PARALLEL_MIN_BYTES", 100_000)
    monkeypatch.setattr(engine, "_cores", lambda: 2)
    review([ReviewInput.file(export)], DECLARED)
    review([ReviewInput.pasted("a short bio, Engineer at Acme Ltd")], DECLARED)  # small: no processes
    monkeypatch.setattr(engine, "_cores", lambda: 1)
    review([ReviewInput.file(export)], DECLARED)  # one core: no processes
    monkeypatch.setattr(engine, "_cores", lambda: 4)
    review([ReviewInput.file(export)], DECLARED)
    # One worker process per core but one: this thread detects too while the workers are busy.
    assert made == [1, 3]


def test_progress_and_cancel_with_workers(export: Path) -> None:
    seen: dict[int, list[tuple[int, int]]] = {0: [], 2: []}
    for workers, reports in seen.items():
        review([ReviewInput.file(export)], DECLARED, progress=lambda d, t, r=reports: r.append((d, t)),
               workers=workers)
        assert reports[-1][1] == export.stat().st_size
        assert all(a[0] <= b[0] for a, b in zip(reports, reports[1:], strict=False))
    assert seen[2][-1] == seen[0][-1]  # ends where one process ends
    cancel = threading.Event()

    def stop_midway(done: int, total: int) -> None:
        if done > total // 4:
            cancel.set()

    with pytest.raises(Cancelled):
        review([ReviewInput.file(export)], DECLARED, progress=stop_midway, cancel=cancel, workers=2)


def test_a_dead_worker_does_not_lose_the_review(export: Path) -> None:
    from exposure_check.core.review import importers as imp

    local = Detectors(DECLARED)
    ctx = imp.Context(imp.Limits(), should_stop=lambda: False, advance=lambda n: None)
    with open(export, "rb") as fh:
        chunks = list(imp.import_source(fh, export.name, export.stat().st_size, ctx, None))
    expected = [engine.chunk_findings(local, c.text, c.line, c.hints) for c in chunks]
    assert any(e.entries for e in expected)
    parallel = engine.ParallelDetect(DECLARED, 2, local)
    try:
        got = []
        for i, (_chunk, found) in enumerate(parallel.run((c, False) for c in chunks)):
            got.append(found)
            if i == 0:  # the workers are up: kill them all
                for proc in list(parallel.pool._processes.values()):  # noqa: SLF001
                    proc.kill()
                    proc.join()
                # Let the pool notice, so that the next submit (not only a result) finds it
                # broken: both must hand the work back.
                deadline = time.monotonic() + 10
                while not parallel.pool._broken and time.monotonic() < deadline:  # noqa: SLF001
                    time.sleep(0.01)
        assert parallel.broken
        assert got == expected
    finally:
        parallel.close()


class _LazyFuture(Future):  # type: ignore[type-arg]
    """Done only when asked for its result: the workers look busy all the time."""

    def __init__(self, fn: Any, *args: Any) -> None:
        super().__init__()
        self._call = (fn, args)

    def result(self, timeout: float | None = None) -> Any:
        if not self.done():
            fn, args = self._call
            self.set_result(fn(*args))
        return super().result(timeout)


class _BusyPool:
    def __init__(self) -> None:
        self.submitted = 0

    def submit(self, fn: Any, *args: Any) -> Future:  # type: ignore[type-arg]
        self.submitted += 1
        return _LazyFuture(fn, *args)

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        pass


def test_this_thread_takes_batches_while_workers_are_busy_and_order_holds(export: Path) -> None:
    from exposure_check.core.review import importers as imp

    local = Detectors(DECLARED)
    ctx = imp.Context(imp.Limits())
    with open(export, "rb") as fh:
        chunks = list(imp.import_source(fh, export.name, export.stat().st_size, ctx, None))
    expected = [engine.chunk_findings(local, c.text, c.line, c.hints) for c in chunks]
    engine._init_worker(DECLARED)  # the lazy futures run the workers' function here
    parallel = engine.ParallelDetect(DECLARED, 1, local, batch=3)
    parallel.pool.shutdown()
    pool = _BusyPool()
    parallel.pool = pool  # type: ignore[assignment]
    try:
        got = [(c, f) for c, f in parallel.run((c, False) for c in chunks)]
    finally:
        parallel.close()
    assert [c for c, _ in got] == chunks
    assert [f for _, f in got] == expected
    batches = -(-len(chunks) // 3)
    assert pool.submitted >= parallel.window and parallel.done_here > 0
    assert pool.submitted + parallel.done_here == batches


def test_workers_are_forked_only_on_linux_with_no_other_thread(monkeypatch) -> None:
    monkeypatch.setattr(engine.threading, "active_count", lambda: 1)
    monkeypatch.setattr(engine.sys, "platform", "linux")
    assert engine.start_method() == "fork"  # the CLI: the workers start with the modules loaded
    monkeypatch.setattr(engine.sys, "platform", "darwin")
    assert engine.start_method() == "spawn"
    monkeypatch.undo()
    started, stop = threading.Event(), threading.Event()

    def wait() -> None:
        started.set()
        stop.wait(10)

    other = threading.Thread(target=wait)  # as in the GUI, where the review runs on a worker
    other.start()
    try:
        started.wait(10)
        assert engine.start_method() == "spawn"
    finally:
        stop.set()
        other.join()


FORKED = r"""
import hashlib, json, sys
from dataclasses import asdict
from pathlib import Path
from exposure_check.core.model import DeclaredFacts
from exposure_check.core.review import ReviewInput, engine, review

if __name__ == "__main__":
    declared = DeclaredFacts(employers=("Acme Robotics",), phones=("+44 7911 123456",))
    method = engine.start_method()
    digests = []
    for workers in (0, 1):
        r = review([ReviewInput.file(Path(sys.argv[1]))], declared, workers=workers)
        plain = [[asdict(f) for f in r.findings], r.counts, [asdict(i) for i in r.issues], r.truncated]
        digests.append(hashlib.sha256(json.dumps(plain, sort_keys=True).encode()).hexdigest())
    print(json.dumps({"method": method, "same": digests[0] == digests[1]}))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
def test_forked_workers_give_the_same_review_as_one_process(export: Path, tmp_path: Path) -> None:
    script = tmp_path / "forked.py"
    script.write_text(FORKED, encoding="utf-8")
    out = subprocess.run([sys.executable, str(script), str(export)], capture_output=True, text=True,
                         timeout=300, cwd=Path(__file__).resolve().parents[2])
    assert out.returncode == 0, out.stderr[-2000:]
    assert json.loads(out.stdout.strip().splitlines()[-1]) == {"method": "fork", "same": True}
