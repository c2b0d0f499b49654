"""Schema migrations keyed on `PRAGMA user_version`: a snapshot first, then one transaction per step.

Step N takes the schema from version N to N+1. A database newer than `LATEST` is refused with
`NewerVersion` (and left untouched). Schema steps need no key, so they run before unlocking.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from . import errors, files, local_backups


def _v0_to_v1(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute("CREATE TABLE key_slots(slot TEXT PRIMARY KEY, kind TEXT NOT NULL, "
                 "params TEXT NOT NULL, wrapped BLOB NOT NULL)")
    conn.execute("CREATE TABLE records(seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, "
                 "ident TEXT NOT NULL, blob BLOB NOT NULL, UNIQUE(kind, ident))")


def _v1_to_v2(conn: sqlite3.Connection) -> None:
    # Audits are immutable snapshots and progress is append-only: the database enforces it too.
    conn.execute("CREATE TRIGGER records_immutable BEFORE UPDATE ON records "
                 "WHEN old.kind IN ('audit', 'progress') "
                 "BEGIN SELECT RAISE(ABORT, 'audits and progress events are immutable'); END")
    conn.execute("CREATE TRIGGER progress_append_only BEFORE DELETE ON records "
                 "WHEN old.kind = 'progress' "
                 "BEGIN SELECT RAISE(ABORT, 'progress events are append-only'); END")
    conn.execute("CREATE INDEX records_kind_seq ON records(kind, seq)")


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_v0_to_v1, _v1_to_v2)
LATEST = len(MIGRATIONS)


def version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def check_not_newer(conn: sqlite3.Connection) -> int:
    found = version(conn)
    if found > LATEST:
        raise errors.NewerVersion(found, LATEST)
    return found


def migrate(conn: sqlite3.Connection, db_path: Path, *, target: int = LATEST,
            snapshot: bool = True) -> int:
    """Bring the schema to `target`; returns the version found. Snapshot first if there is data."""
    found = check_not_newer(conn)
    if found >= target:
        return found
    if snapshot and found > 0:
        local_backups.snapshot(conn, db_path.parent, f"pre-migration-v{found}")
    for step in range(found, target):
        try:
            conn.execute("BEGIN IMMEDIATE")
            MIGRATIONS[step](conn)
            conn.execute(f"PRAGMA user_version = {step + 1}")
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise files.translate_sqlite_error(exc, db_path) from exc
    return found
