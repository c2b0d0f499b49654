"""Private files and directories for the vault: 0700 dirs, 0600 files, durable renames."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from pathlib import Path

from . import errors

DB_NAME = "vault.db"
SIDECARS = ("-wal", "-shm", "-journal")
BACKUP_DIR = "backups"
CREATING_NAME = ".vault-creating.db"
DAMAGED_MARK = ".damaged-"

# SQLite primary result codes (sqlite3.Error.sqlite_errorcode & 0xff).
SQLITE_READONLY, SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL = 8, 10, 11, 13
SQLITE_CANTOPEN, SQLITE_NOTADB = 14, 26


def ensure_private_dir(path: Path) -> Path:
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        if stat.S_IMODE(path.stat().st_mode) != 0o700:
            os.chmod(path, 0o700)
    except OSError as exc:
        raise translate_os_error(exc, path) from exc
    return path


def make_private(path: Path) -> None:
    """chmod 0600 if the file exists (the database, its WAL/SHM, a backup)."""
    with contextlib.suppress(FileNotFoundError):
        if stat.S_IMODE(path.stat().st_mode) != 0o600:
            os.chmod(path, 0o600)


def create_private_file(path: Path) -> None:
    """Create an empty 0600 file (so SQLite, which copies the db's mode to -wal/-shm, inherits it)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)


def fsync_dir(path: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def db_family(db: Path) -> list[Path]:
    return [db, *(db.with_name(db.name + s) for s in SIDECARS)]


def scrub_and_unlink(path: Path) -> None:
    """Overwrite a file with zeros, fsync, then unlink. Helps on HDDs; SSDs may keep old blocks."""
    try:
        size = path.stat().st_size
        with open(path, "r+b", buffering=0) as fh:
            chunk = b"\0" * 65536
            left = size
            while left > 0:
                left -= fh.write(chunk[:min(left, len(chunk))])
            os.fsync(fh.fileno())
    except FileNotFoundError:
        return
    except OSError:
        pass  # still unlink below
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def translate_os_error(exc: OSError, path: Path) -> errors.VaultError:
    import errno

    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return errors.StorageFull(path)
    return errors.StorageUnwritable(path, exc.strerror or str(exc))


def translate_sqlite_error(exc: sqlite3.Error, path: Path) -> errors.VaultError:
    code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
    text = str(exc)
    if code == SQLITE_FULL or "disk is full" in text:
        return errors.StorageFull(path)
    if code in (SQLITE_READONLY, SQLITE_CANTOPEN) or "readonly" in text:
        return errors.StorageUnwritable(path, "read-only or not permitted")
    if code == SQLITE_IOERR or "I/O error" in text:
        return errors.StorageUnwritable(path, "the disk may be full, or it reported an error")
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return errors.VaultCorrupt(None, [], text)
    return errors.StorageUnwritable(path, text)
