"""Run vault work off the GUI thread: a small pool for the UI, and a hard timeout for keyring calls.

`submit(fn, *args)` returns a `concurrent.futures.Future`; the UI wraps it in Qt signals.
`call_with_timeout` runs one call on a fresh daemon thread, so a keyring backend blocked on a
prompt can neither freeze the caller nor keep the process alive at exit.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")

_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def _executor() -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="vault")
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
