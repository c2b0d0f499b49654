"""Fault injection with strace: fail the k-th write, fsync or rename, for every k, along the save,
backup and migration paths; a full disk (ENOSPC); a read-only directory. Old data stays intact,
an acknowledged save is there, and the error is one clear sentence (never a traceback)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from vault_helpers import CHEAP

from exposure_check.storage import migrations
from exposure_check.storage.vault import Vault

STRACE = shutil.which("strace")
CHILD = Path(__file__).with_name("fault_child.py")
REPO = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(STRACE is None and not os.environ.get("CI"),
                                 reason="strace is not installed (make sysdeps installs it)")]


def _prepare(root: Path, *, old_schema: bool = False) -> tuple[Path, str]:
    data = root / "pristine"
    vault, recovery = Vault.create(data, passphrase="pw", use_keyring=False, kdf=CHEAP)
    for i in range(5):
        vault.put_record("old", f"r{i}", {"v": i})
    vault.save_draft({"q": "old"})
    vault.make_backup()  # so unlocking does not make one; the backup path is tested on its own
    vault.close()
    if old_schema:
        conn = sqlite3.connect(data / "vault.db", isolation_level=None)
        conn.execute("DROP TRIGGER records_immutable")
        conn.execute("DROP TRIGGER progress_append_only")
        conn.execute("DROP INDEX records_kind_seq")
        conn.execute("PRAGMA user_version = 1")
        conn.close()
    return data, recovery


def _run(data: Path, recovery: str, op: str, inject: str | None, log: Path,
         wrap: list[str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    cmd = [sys.executable, str(CHILD), str(data), recovery, op]
    if inject is not None:
        assert STRACE is not None
        syscall = inject.split(":", 1)[0]
        cmd = [STRACE, "-f", "-qq", "-o", str(log), "-e", f"trace={syscall}", "-e",
               f"inject={inject}", *cmd]
    return subprocess.run([*(wrap or []), *cmd], env=env, capture_output=True, text=True, timeout=120)


def _check(data: Path, recovery: str, result: subprocess.CompletedProcess[str], op: str) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode in (0, 3), result.stderr
    if result.returncode == 3:
        assert "VAULT-ERROR" in result.stderr
        assert "nothing was saved" in result.stderr.lower() or "damaged" in result.stderr.lower(), \
            result.stderr
    # The data on disk, opened normally afterwards:
    vault = Vault.open_locked(data).unlock_with_recovery_key(recovery)
    try:
        assert vault.integrity_ok()
        assert vault.list_records("old") == [(f"r{i}", {"v": i}) for i in range(5)]
        new = vault.get_record("fault", "new")
        draft = vault.load_draft()
        if op == "save":
            if result.returncode == 0:
                assert new == {"v": "new"} and draft == {"q": "new"}
            else:
                assert new in (None, {"v": "new"}) and draft in ({"q": "old"}, {"q": "new"})
        else:
            assert draft == {"q": "old"}
        assert migrations.version(vault.db.conn) == migrations.LATEST
    finally:
        vault.close()


def _sweep(tmp_path: Path, op: str, syscall: str, error: str, *, old_schema: bool = False) -> int:
    pristine, recovery = _prepare(tmp_path, old_schema=old_schema)
    for k in range(1, 200):
        data = tmp_path / f"k{k}"
        shutil.copytree(pristine, data)
        log = tmp_path / f"k{k}.log"
        result = _run(data, recovery, op, f"{syscall}:error={error}:when={k}", log)
        injected = "INJECTED" in log.read_text()
        _check(data, recovery, result, op)
        shutil.rmtree(data)
        if not injected:
            return k - 1  # k is past the last such call: every one has been failed once
    raise AssertionError("more than 200 calls; the sweep would not finish")


@pytest.mark.parametrize(("syscall", "error"), [("pwrite64", "EIO"), ("fdatasync", "EIO")])
def test_fail_each_write_and_sync_on_the_save_path(tmp_path: Path, syscall: str, error: str) -> None:
    assert _sweep(tmp_path, "save", syscall, error) >= 2


@pytest.mark.parametrize(("syscall", "error"), [("pwrite64", "EIO"), ("fdatasync", "EIO"),
                                                ("fsync", "EIO"), ("rename", "EIO")])
def test_fail_each_call_on_the_migration_path(tmp_path: Path, syscall: str, error: str) -> None:
    assert _sweep(tmp_path, "open", syscall, error, old_schema=True) >= 1


@pytest.mark.parametrize("syscall", ["fsync", "rename"])
def test_fail_each_call_on_the_backup_path(tmp_path: Path, syscall: str) -> None:
    assert _sweep(tmp_path, "backup", syscall, "EIO") >= 1


@pytest.mark.parametrize(("syscall", "error"), [("pwrite64", "EIO"), ("fdatasync", "EIO"),
                                                ("fsync", "EIO"), ("rename", "EIO"),
                                                ("pwrite64", "ENOSPC")])
def test_fail_each_call_while_creating_a_vault(tmp_path: Path, syscall: str, error: str) -> None:
    """Creating is all or nothing: after a failure no vault is left that nobody can open (the
    user never saw its recovery key), and creating again works."""
    calls = 0
    for k in range(1, 200):
        data = tmp_path / f"k{k}"
        log = tmp_path / f"k{k}.log"
        result = _run(data, "-", "create", f"{syscall}:error={error}:when={k}", log)
        assert "Traceback" not in result.stderr, result.stderr
        assert result.returncode in (0, 3), result.stderr
        if result.returncode == 0:
            key = result.stdout.split("RECOVERY ", 1)[1].split()[0]
            Vault.open_locked(data).unlock_with_recovery_key(key).close()
        else:
            assert "VAULT-ERROR" in result.stderr
            assert not Vault.exists(data), "a failed create left a vault behind"
            again, _ = Vault.create(data, passphrase="pw", use_keyring=False, kdf=CHEAP)
            again.close()
        if "INJECTED" not in log.read_text():
            calls = k - 1
            break
        shutil.rmtree(data)
    else:
        raise AssertionError("more than 200 calls; the sweep would not finish")
    assert calls >= 1


def test_full_disk(tmp_path: Path) -> None:
    pristine, recovery = _prepare(tmp_path)
    log = tmp_path / "full.log"
    result = _run(pristine, recovery, "save", "pwrite64:error=ENOSPC:when=1+", log)
    assert result.returncode == 3
    # SQLite reports ENOSPC as SQLITE_FULL on the WAL, but as an I/O error when growing -shm.
    assert "full" in result.stderr and "nothing was saved" in result.stderr
    _check(pristine, recovery, result, "save")


def test_full_disk_in_process(tmp_path: Path) -> None:
    """Without strace: SQLite's own page limit makes the next write hit SQLITE_FULL."""
    from exposure_check.storage import errors

    vault, _ = Vault.create(tmp_path / "d", passphrase="pw", use_keyring=False, kdf=CHEAP)
    vault.put_record("old", "a", {"v": 1})
    pages = vault.db.conn.execute("PRAGMA page_count").fetchone()[0]
    vault.db.conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(errors.StorageFull) as info:
        vault.put_record("big", "b", {"v": "x" * 200_000})
    assert "is full" in str(info.value)
    assert vault.get_record("old", "a") == {"v": 1}
    assert vault.get_record("big", "b") is None
    vault.close()


def _can_bind_mount() -> bool:
    if not shutil.which("unshare") or os.geteuid() != 0:
        return False
    return subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode == 0


def test_read_only_directory(tmp_path: Path) -> None:
    pristine, recovery = _prepare(tmp_path)
    if os.geteuid() != 0:
        os.chmod(pristine, 0o500)
        for p in pristine.iterdir():
            if p.is_file():
                os.chmod(p, 0o400)
        wrap: list[str] = []
    elif _can_bind_mount():
        # root ignores file modes: make the directory a read-only mount in a private namespace.
        script = (f"mount --bind {pristine} {pristine} && mount -o remount,ro,bind {pristine} "
                  f"&& exec \"$@\"")
        wrap = ["unshare", "-m", "sh", "-c", script, "sh"]
    else:
        pytest.skip("running as root without mount namespaces: cannot make a read-only dir")
    result = _run(pristine, recovery, "save", None, tmp_path / "ro.log", wrap=wrap)
    if os.geteuid() != 0:
        os.chmod(pristine, 0o700)
        for p in pristine.iterdir():
            if p.is_file():
                os.chmod(p, 0o600)
    assert result.returncode == 3, result.stdout + result.stderr
    assert "cannot write to" in result.stderr or "nothing was saved" in result.stderr.lower()
    assert "Traceback" not in result.stderr
    _check(pristine, recovery, result, "open")
