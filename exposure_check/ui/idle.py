"""Work done on the GUI thread ahead of need, a little per turn of the event loop.

Views build parts of themselves before the user asks for them: the profile form while the
welcome page is up, the next audit pages while the user reads this one, the optional pages
after entering. Each part is a *step*, `step(deadline) -> bool`: it works until `deadline` (a
`time.perf_counter()` value) or until it is finished, and returns True while it has more to do.

All steps share one queue and one time budget per turn. (Each view used to post its own
zero-timer chain; with three chains running, every turn ran a step of each and the event loop
stalled for their sum.) A turn runs steps until the budget is spent, then returns to the event
loop, so input, painting and timers get their turn in between.

A step whose owner has been deleted is dropped, and so are, from then on, those of a closed
window (`stop`). A step that raises is dropped too (PySide6 prints the traceback), so one broken
part never keeps the queue spinning.
"""

from __future__ import annotations

import time
import weakref
from collections import deque
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTimer

Step = Callable[[float], bool]

BUDGET_S = 0.004  # time one turn of the event loop may spend on work done ahead


class _Queue(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.jobs: deque[tuple[QObject, Step]] = deque()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(0)
        self.timer.timeout.connect(self.turn)

    def add(self, owner: QObject, step: Step, first: bool) -> None:
        if first:
            self.jobs.appendleft((owner, step))
        else:
            self.jobs.append((owner, step))
        if not self.timer.isActive():
            self.timer.start()

    def turn(self) -> None:
        deadline = time.perf_counter() + BUDGET_S
        try:
            while self.jobs and time.perf_counter() < deadline:
                owner, step = self.jobs.popleft()
                if not shiboken6.isValid(owner):
                    continue
                if step(deadline):  # more to do: it keeps its place at the head
                    self.jobs.appendleft((owner, step))
        finally:  # also after a step raised: the others still get their turns
            if self.jobs:
                self.timer.start()


_queue: _Queue | None = None


def _the_queue() -> _Queue:
    global _queue
    app = QCoreApplication.instance()
    assert app is not None, "idle work needs a QApplication"
    if _queue is None or not shiboken6.isValid(_queue) or _queue.parent() is not app:
        _queue = _Queue(app)
    return _queue


def later(owner: QObject, step: Step, *, first: bool = False) -> None:
    """Run `step` in idle turns until it returns False. `first`: before the work already queued
    (what the user is looking at), else after it."""
    if not _under_stopped(owner):
        _the_queue().add(owner, step, first)


def stop(ancestor: QObject) -> int:
    """Drop the steps owned by `ancestor` or by anything under it, now and from now on (a window
    closed: its views' work ahead is of no use any more, and would only slow what comes next;
    a save finishing after the close would queue more). Returns how many were dropped."""
    global _stopped
    _stopped = [a for a in _stopped if a() is not None and shiboken6.isValid(a())]
    _stopped.append(weakref.ref(ancestor))
    queue = _queue
    if queue is None or not shiboken6.isValid(queue):
        return 0
    kept = deque(job for job in queue.jobs if not _under_stopped(job[0]))
    dropped = len(queue.jobs) - len(kept)
    queue.jobs = kept
    return dropped


_stopped: list[weakref.ref[QObject]] = []  # weak: a closed window is not kept alive for this


def _under_stopped(owner: QObject) -> bool:
    """`owner` is gone, or is (under) an object whose steps were stopped."""
    if not shiboken6.isValid(owner):
        return True
    if not _stopped:
        return False
    node: QObject | None = owner
    while node is not None:
        if any(node is a() for a in _stopped):
            return True
        node = node.parent()
    return False


def pending() -> int:
    """How many steps are waiting (for tests and the scripted flow)."""
    return len(_queue.jobs) if _queue is not None and shiboken6.isValid(_queue) else 0
