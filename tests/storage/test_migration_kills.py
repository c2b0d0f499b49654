"""Migrations at scale: a vault of every older schema version, with 1,000 records, is opened (and
so migrated) by a child process that is SIGKILLed at a random point of the migration. After every
kill the vault opens normally, is at the latest version, passes `integrity_check`, and every one
of the 1,000 records is there and decrypts. 40 kills per version in CI, 300 with `SOAK=full`.

The old versions are made from a current vault by undoing the later steps exactly as
`storage/migrations.py` defines them (version 0 is an empty file: nothing to migrate).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import select
import shutil
import signal
import sqlite3
import sys
import time
from pathlib import Path

import pytest
from vault_helpers import CHEAP, make_audit

from exposure_check.core.model import ProgressEvent
from exposure_check.storage import files, migrations
from exposure_check.storage.vault import Vault

KILLS = 300 if os.environ.get("SOAK") == "full" else 40
RECORDS = 1000
# How to take a current database back to each older version (the inverse of each step).
DOWNGRADE = {1: ("DROP TRIGGER records_immutable", "DROP TRIGGER progress_append_only",
                 "DROP INDEX records_kind_seq")}

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork() and SIGKILL")]


def _fixture(root: Path, version: int) -> tuple[Path, str]:
    data = root / f"v{version}"
    vault, recovery = Vault.create(data, passphrase="pw", use_keyring=False, kdf=CHEAP)
    when = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    for i in range(RECORDS):
        if i % 10 == 0:
            vault.record_audit(make_audit({"k": str(i)}), float(i % 100))
        elif i % 10 == 1:
            vault.append_progress(ProgressEvent(f"item-{i}", "done", when, str(i)))
        else:
            vault.put_record("mig", f"r{i}", {"i": i, "pad": "x" * (i % 300)})
    vault.make_backup()
    vault.close()
    conn = sqlite3.connect(data / files.DB_NAME, isolation_level=None)
    for step in range(migrations.LATEST - 1, version - 1, -1):
        for sql in DOWNGRADE[step]:
            conn.execute(sql)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()
    return data, recovery


def _check(data: Path, recovery: str) -> None:
    conn = sqlite3.connect(data / files.DB_NAME)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    vault = Vault.open_locked(data).unlock_with_recovery_key(recovery)
    try:
        assert migrations.version(vault.db.conn) == migrations.LATEST
        assert vault.integrity_ok()
        mig = vault.list_records("mig")  # no skip_damaged: every record must decrypt
        audits = vault.list_audits()
        events = vault.progress_events()
        assert len(mig) + len(audits) + len(events) == RECORDS
        assert all(p["i"] == int(rid[1:]) for rid, p in mig)
        triggers = {r[0] for r in vault.db.read("SELECT name FROM sqlite_master WHERE "
                                                "type = 'trigger'")}
        assert {"records_immutable", "progress_append_only"} <= triggers
    finally:
        vault.close()


def _migrate_in_child(data: Path, wfd: int) -> None:
    try:
        os.write(wfd, b"S")
        Vault.open_locked(data).close()  # opening migrates
        os.write(wfd, b"M")
    finally:
        os._exit(0)


@pytest.mark.parametrize("version", range(1, migrations.LATEST))
def test_kills_during_migration_lose_nothing(tmp_path: Path, version: int) -> None:
    pristine, recovery = _fixture(tmp_path, version)
    # How long one migration takes here, so the kills are spread over it.
    probe = tmp_path / "probe"
    shutil.copytree(pristine, probe)
    started = time.perf_counter()
    Vault.open_locked(probe).close()
    took = time.perf_counter() - started
    _check(probe, recovery)
    rng = random.Random(int(os.environ.get("CRASH_SEED", "0")) or None)
    work = tmp_path / "work"
    during = 0
    for _ in range(KILLS):
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(pristine, work)
        rfd, wfd = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            os.close(rfd)
            _migrate_in_child(work, wfd)
        os.close(wfd)
        select.select([rfd], [], [], 5)  # the child is about to open the vault
        time.sleep(rng.uniform(0.0, took * 1.2))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        marks = b""
        while select.select([rfd], [], [], 0)[0]:
            chunk = os.read(rfd, 16)
            if not chunk:
                break
            marks += chunk
        os.close(rfd)
        during += marks == b"S"
        _check(work, recovery)
    assert during >= KILLS // 4, f"only {during} of {KILLS} kills landed during the migration"
    print(f"schema v{version} → v{migrations.LATEST}, {RECORDS} records: {KILLS} kills "
          f"({during} during the migration, which took {took * 1000:.0f} ms), nothing lost")
