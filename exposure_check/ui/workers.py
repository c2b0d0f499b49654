"""Runs slow work (vault, keyring, KDF, pack loading) off the GUI thread and reports back by signal.

`run_task(owner, fn, *args, on_done=..., on_error=...)` submits `fn` to
`exposure_check.storage.worker.submit` (a small thread pool, never the GUI thread). The callbacks
run on the GUI thread, only if `owner` still exists and the task was not cancelled.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal

from ..storage import worker


class _Relay(QObject):
    """Lives on the GUI thread; queued signals carry a finished future back to it."""

    finished = Signal(int)
    counted = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        # Always queued: a future that is already done when submitted must still report back
        # after run_task has returned (callers store the Task first).
        self.finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self.pending: dict[int, Task] = {}

    def _deliver(self, task_id: int) -> None:
        task = self.pending.pop(task_id, None)
        if task is not None:
            task._deliver()
        self.counted.emit(len(self.pending))


_relay: _Relay | None = None
_ids = itertools.count(1)


def relay() -> _Relay:
    global _relay
    if _relay is None:
        _relay = _Relay()
        app = QCoreApplication.instance()
        if app is not None:
            _relay.moveToThread(app.thread())
    return _relay


class Task:
    """One piece of background work. `cancel()` drops its result (the work may still finish)."""

    def __init__(self, owner: QObject, future: Future[Any], on_done: Callable[[Any], None] | None,
                 on_error: Callable[[BaseException], None] | None) -> None:
        self.owner = owner
        self.future = future
        self.on_done = on_done
        self.on_error = on_error
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True
        self.future.cancel()

    @property
    def running(self) -> bool:
        return not self.cancelled and not self.future.done()

    def _deliver(self) -> None:
        if self.cancelled or self.future.cancelled() or not shiboken6.isValid(self.owner):
            return
        exc = self.future.exception()
        if exc is not None:
            if self.on_error is not None:
                self.on_error(exc)
            else:
                raise exc
        elif self.on_done is not None:
            self.on_done(self.future.result())


def run_task(owner: QObject, fn: Callable[..., Any], *args: Any,
             on_done: Callable[[Any], None] | None = None,
             on_error: Callable[[BaseException], None] | None = None, **kwargs: Any) -> Task:
    r = relay()
    task_id = next(_ids)
    future = worker.submit(fn, *args, **kwargs)
    task = Task(owner, future, on_done, on_error)
    r.pending[task_id] = task
    r.counted.emit(len(r.pending))
    future.add_done_callback(lambda _f: r.finished.emit(task_id))
    return task


def busy_count() -> int:
    return len(relay().pending)
