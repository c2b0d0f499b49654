"""Run vault work off the GUI thread: a small pool for the UI, and a hard timeout for keyring calls.

`submit(fn, *args)` returns a `concurrent.futures.Future`; the UI wraps it in Qt signals.
`call_with_timeout` runs one call on a fresh daemon thread, so a keyring backend blocked on a
prompt can neither freeze the caller nor keep the process alive at exit.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")

_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()

# How much lower than the app's the pool threads' CPU priority is (Linux nice steps). The KDF,
# decoding and imports then yield the CPU to the GUI thread on a busy machine instead of sharing
# it evenly: in the scripted audit on a loaded two-core machine the event-loop stall p99 went
# from 24-31 ms to 19-24 ms (docs/benchmarks.md). Processes started from such a thread (the
# reviewer's worker processes) inherit it.
WORKER_NICE = 10
_lowered = threading.local()


def lower_priority() -> None:
    """Lower the calling thread's CPU priority by WORKER_NICE, for a thread that only ever does
    background work (each pool thread as it starts, the reviewer's thread). Linux sets priority
    per thread; elsewhere this is a no-op."""
    if not sys.platform.startswith("linux") or getattr(_lowered, "done", False):
        return
    _lowered.done = True  # once per thread: a reused thread is not lowered again
    try:
        tid = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, tid, os.getpriority(os.PRIO_PROCESS, tid) + WORKER_NICE)
    except OSError:  # not allowed here (a sandbox): the work still runs, at normal priority
        pass


def _executor() -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="vault",
                                       initializer=lower_priority)
        return _pool


def submit(fn: Callable[..., T], *args: Any, **kwargs: Any) -> Future[T]:
    """Run `fn` on the vault worker pool (never the GUI thread)."""
    return _executor().submit(fn, *args, **kwargs)


def shutdown() -> None:
    global _pool
    with _pool_lock:
        if _pool is not None:
            _pool.shutdown(wait=True, cancel_futures=True)
            _pool = None


def call_with_timeout(fn: Callable[..., T], timeout: float, *args: Any) -> T:
    """`fn(*args)` or TimeoutError after `timeout` seconds (the call is left to finish alone)."""
    fut: Future[T] = Future()

    def run() -> None:
        if not fut.set_running_or_notify_cancel():
            return
        try:
            fut.set_result(fn(*args))
        except BaseException as exc:  # handed to the caller, re-raised there
            fut.set_exception(exc)

    threading.Thread(target=run, name="vault-keyring", daemon=True).start()
    try:
        return fut.result(timeout=timeout)
    except TimeoutError:
        fut.cancel()
        raise
