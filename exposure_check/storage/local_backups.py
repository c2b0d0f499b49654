"""Rotating local backups of the (encrypted) vault, made with `VACUUM INTO`, never a file copy.

They live in `<data dir>/backups/`, 0600, keep the newest `KEEP`, and hold the same key slots as
the vault at the time (so an old backup opens with the passphrase or recovery key of that time).
Exported backups (another file format) are `backup.py`'s business.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from pathlib import Path

from . import errors, files

KEEP = 5
PREFIX = "vault-"
INTERVAL = dt.timedelta(hours=24)


def backup_dir(data_dir: Path) -> Path:
    return data_dir / files.BACKUP_DIR


def _stamp() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")


def snapshot(conn: sqlite3.Connection, data_dir: Path, prefix: str) -> Path:
    """`VACUUM INTO` a new 0600 file, fsync it, then rename it into place atomically."""
    folder = files.ensure_private_dir(backup_dir(data_dir))
    final = folder / f"{prefix}-{_stamp()}.db"
    tmp = folder / f".{final.name}.tmp"
    try:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        files.create_private_file(tmp)
        conn.execute("VACUUM INTO ?", (str(tmp),))
        files.make_private(tmp)
        files.fsync_file(tmp)
        os.replace(tmp, final)
        files.fsync_dir(folder)
    except sqlite3.Error as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise files.translate_sqlite_error(exc, folder) from exc
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise files.translate_os_error(exc, folder) from exc
    return final


def list_backups(data_dir: Path, prefix: str = PREFIX) -> list[Path]:
    """Rotating backups, newest first."""
    folder = backup_dir(data_dir)
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.glob(f"{prefix}*.db") if p.is_file()), reverse=True)


def all_backups(data_dir: Path) -> list[Path]:
    """Every backup, rotating and pre-migration, newest first by time stamp."""
    folder = backup_dir(data_dir)
    if not folder.is_dir():
        return []
    found = [p for p in folder.glob("*.db") if p.is_file()]
    return sorted(found, key=lambda p: p.stem.rsplit("-", 1)[-1], reverse=True)


def make_backup(conn: sqlite3.Connection, data_dir: Path, keep: int = KEEP) -> Path:
    path = snapshot(conn, data_dir, PREFIX.rstrip("-"))
    for old in list_backups(data_dir)[keep:]:
        files.scrub_and_unlink(old)
    return path


def due(data_dir: Path, now: dt.datetime | None = None) -> bool:
    newest = list_backups(data_dir)
    if not newest:
        return True
    now = now or dt.datetime.now(dt.UTC)
    return now - dt.datetime.fromtimestamp(newest[0].stat().st_mtime, dt.UTC) >= INTERVAL


def is_intact(path: Path) -> bool:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        row = conn.execute("PRAGMA integrity_check").fetchone()
        ok = row is not None and row[0] == "ok"
        return ok and conn.execute("SELECT count(*) FROM key_slots").fetchone()[0] > 0
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def newest_intact(data_dir: Path) -> Path | None:
    for path in all_backups(data_dir):
        if is_intact(path):
            return path
    return None


def restore_newest(data_dir: Path) -> Path:
    """Put the newest intact backup in place of a missing (moved-aside) vault. Returns its path.

    Uses SQLite's backup API into a fresh 0600 file, then an atomic rename.
    """
    db = data_dir / files.DB_NAME
    if db.exists():
        raise errors.VaultExists(data_dir)
    source = newest_intact(data_dir)
    if source is None:
        raise errors.VaultCorrupt(None, [], "no intact local backup to restore")
    tmp = data_dir / f".restore-{_stamp()}.db"
    try:
        files.create_private_file(tmp)
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
            src.close()
        files.fsync_file(tmp)
        os.replace(tmp, db)
        files.fsync_dir(data_dir)
    except sqlite3.Error as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise files.translate_sqlite_error(exc, data_dir) from exc
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise files.translate_os_error(exc, data_dir) from exc
    return source
