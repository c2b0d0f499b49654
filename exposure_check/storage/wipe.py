"""Wipe: destroy the key slots first (keyring entry, then slot rows), then every file we made.

Once the key slots are gone the ciphertext left anywhere (an old backup on another disk, SSD
blocks) cannot be decrypted. Only files the app itself names are removed: a mistaken
`--data-dir ~` never deletes anything else.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import errors, files, keys

CRASH_REPORTS = "crash-reports"


@dataclass
class WipeResult:
    removed: list[Path] = field(default_factory=list)
    keyring_note: str | None = None  # set when the keyring entry could not be deleted


def _resolve(data_dir: Path | None) -> Path:
    if data_dir is None:
        from .. import paths

        return paths.data_dir()
    return Path(data_dir)


def _destroy_slots(db: Path, keyring_backend: Any, timeout: float, result: WipeResult) -> None:
    try:
        conn = sqlite3.connect(db, isolation_level=None, timeout=10.0)
    except sqlite3.Error:
        return
    try:
        try:
            rows = conn.execute("SELECT params FROM key_slots WHERE kind = 'keyring'").fetchall()
        except sqlite3.Error:
            rows = []
        for (params,) in rows:
            try:
                username = str(json.loads(params)["username"])
            except (ValueError, KeyError, TypeError):
                continue
            backend = keys.usable_backend(keyring_backend)
            if backend is None:
                result.keyring_note = ("the system key store was not reachable, so its entry "
                                       f"(service {keys.KEYRING_SERVICE}) may remain; it opens nothing "
                                       "now that the vault is gone")
                continue
            try:
                keys.keyring_delete(backend, username, timeout)
            except errors.VaultError as exc:
                result.keyring_note = str(exc)
        with contextlib.suppress(sqlite3.Error):
            conn.execute("PRAGMA secure_delete=ON")
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("UPDATE key_slots SET wrapped = zeroblob(length(wrapped)), params = '{}'")
            conn.execute("DELETE FROM key_slots")
            conn.execute("COMMIT")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def _ours(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    out: list[Path] = []
    for p in folder.iterdir():
        name = p.name
        if (name.startswith(files.DB_NAME) or name.startswith(files.CREATING_NAME)
                or name.startswith(".restore-")):
            out.append(p)
    return out


def wipe(data_dir: Path | None = None, keyring_backend: Any = None,
         timeout: float = keys.KEYRING_TIMEOUT_S) -> WipeResult:
    """Destroy the vault in `data_dir`: key slots first, then the database, WAL, SHM, backups,
    damaged copies, crash reports and (for the default data dir) the app's private temp files."""
    folder = _resolve(data_dir)
    result = WipeResult()
    db = folder / files.DB_NAME
    if db.exists():
        _destroy_slots(db, keyring_backend, timeout, result)
    for path in _ours(folder):
        if path.is_file():
            files.scrub_and_unlink(path)
            result.removed.append(path)
    # backup.py's import staging (.import-*) and replaced-vault (.replaced-*) folders hold copies.
    staging = [p for p in folder.iterdir() if p.is_dir() and p.name.startswith((".import-", ".replaced-"))] \
        if folder.is_dir() else []
    for sub in (folder / files.BACKUP_DIR, folder / CRASH_REPORTS, *staging):
        if sub.is_dir():
            for p in sorted(sub.rglob("*"), reverse=True):
                if p.is_symlink():
                    p.unlink()
                elif p.is_file():
                    files.scrub_and_unlink(p)
                    result.removed.append(p)
            shutil.rmtree(sub, ignore_errors=True)
    from .. import paths

    if data_dir is None or folder.resolve() == paths.data_dir().resolve():
        run = paths.runtime_dir()
        if run.is_dir():
            for p in sorted(run.rglob("*"), reverse=True):
                if p.is_file():
                    files.scrub_and_unlink(p)
            shutil.rmtree(run, ignore_errors=True)
    with contextlib.suppress(OSError):
        folder.rmdir()  # only if nothing else is left in it
    return result
