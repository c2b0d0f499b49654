"""A private 0700 temp dir for this session: removed on exit, and stale ones removed on next start.

Temp files (report previews, export staging, reviewer scratch) may hold answers, so they never go
to the shared system temp dir. Each running app holds an advisory lock on its own session dir;
a session dir whose lock can be taken belongs to a process that is gone, and is removed.
No Qt here: the UI calls `install()` once at start-up and `cleanup()` on `aboutToQuit`.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import stat
import sys
import tempfile
import time
from pathlib import Path
from typing import IO

from . import paths

PREFIX = "session-"
LOCK_NAME = ".lock"
# Without flock (Windows), a session dir this old is taken to be stale.
STALE_AFTER_S = 24 * 3600


class TempDirError(Exception):
    """The private temp root is not safe to use (wrong owner or open to others)."""


_session: Path | None = None
_lock_fh: IO[bytes] | None = None
_saved_env: tuple[str | None, str | None] | None = None


def _ensure_private_root(root: Path) -> Path:
    """Create `root` as 0700, or accept it only if it is ours and closed to group and others."""
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    st = root.lstat()
    if stat.S_ISLNK(st.st_mode) or not stat.S_ISDIR(st.st_mode):
        raise TempDirError(f"{root} is not a plain directory; remove it and start again")
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        raise TempDirError(f"{root} belongs to another user; remove it and start again")
    if st.st_mode & 0o077:
        os.chmod(root, 0o700)
    return root


def _try_lock(fh: IO[bytes]) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows: no flock; age decides instead
        return True
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _is_stale(session: Path) -> bool:
    lock = session / LOCK_NAME
    if sys.platform == "win32" or not lock.exists():
        try:
            age = time.time() - session.stat().st_mtime
        except OSError:
            return False
        # A lock file is created right after the dir; a dir without one is a crash mid-start.
        return age > (STALE_AFTER_S if sys.platform == "win32" else 60)
    try:
        with open(lock, "rb") as fh:
            return _try_lock(fh)  # closing the file releases the probe lock
    except OSError:
        return False


def cleanup_stale(root: Path | None = None) -> int:
    """Remove session dirs left by processes that are gone. Returns how many were removed."""
    root = root or paths.runtime_dir()
    if not root.is_dir():
        return 0
    removed = 0
    for entry in root.iterdir():
        if not entry.name.startswith(PREFIX) or entry == _session:
            continue
        if entry.is_dir() and not entry.is_symlink() and _is_stale(entry):
            shutil.rmtree(entry, ignore_errors=True)
            removed += not entry.exists()
    return removed


def session_dir() -> Path:
    """This process's private temp dir, created (0700, locked) on first use."""
    global _session, _lock_fh
    if _session is not None and _session.is_dir():
        return _session
    root = _ensure_private_root(paths.runtime_dir())
    session = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=root))  # mkdtemp: 0700
    fd = os.open(session / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
    fh = os.fdopen(fd, "r+b")
    _try_lock(fh)
    _session, _lock_fh = session, fh
    return session


def new_file(suffix: str = "", prefix: str = "tmp") -> Path:
    """Create an empty 0600 file in the session dir and return its path."""
    fd, name = tempfile.mkstemp(suffix=suffix, prefix=prefix, dir=session_dir())
    os.close(fd)
    return Path(name)


def cleanup() -> None:
    """Remove this session's dir and undo the temp redirection. Safe to call twice."""
    global _session, _lock_fh, _saved_env
    if _saved_env is not None:
        for key, value in zip(("TMPDIR", "TMP"), _saved_env, strict=True):
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        tempfile.tempdir = None
        _saved_env = None
    if _lock_fh is not None:
        with contextlib.suppress(OSError):
            _lock_fh.close()
        _lock_fh = None
    if _session is not None:
        shutil.rmtree(_session, ignore_errors=True)
        _session = None


def install(*, redirect: bool = True) -> Path:
    """Start-up: remove stale session dirs, create ours, clean it at exit.

    With `redirect`, Python's `tempfile` and Qt's `QDir.tempPath()` (both read TMPDIR) point into
    the session dir too, so no library drops a temp file into the shared /tmp.
    """
    global _saved_env
    cleanup_stale()
    session = session_dir()
    if redirect and _saved_env is None:
        _saved_env = (os.environ.get("TMPDIR"), os.environ.get("TMP"))
        os.environ["TMPDIR"] = str(session)
        os.environ["TMP"] = str(session)
        tempfile.tempdir = None
    atexit.register(cleanup)
    return session
