"""The vault's records API, its on-disk protection, migrations, backups and corruption handling."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import stat
import sys
import threading
from pathlib import Path

import pytest
from vault_helpers import CHEAP, MemoryKeyring, grep, make_audit, new_vault

from exposure_check.core.model import DeclaredFacts, Profile, ProgressEvent
from exposure_check.storage import errors, keys, local_backups, migrations
from exposure_check.storage.vault import Vault


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


def test_records_round_trip_through_a_restart(data: Path) -> None:
    vault, recovery = new_vault(data)
    profile = Profile({"role": "engineer", "platforms": ("linkedin", "github"), "travels": True})
    declared = DeclaredFacts(names=("Ann Example",), employers=("Acme",))
    vault.save_profile(profile, declared)
    vault.save_draft({"a": "public"})
    vault.save_draft({"a": "public", "b": "hidden"})
    first = vault.record_audit(make_audit(when=dt.datetime(2026, 1, 1, tzinfo=dt.UTC)), 40.0)
    second = vault.record_audit(make_audit({"x": "y"}, dt.datetime(2026, 2, 1, tzinfo=dt.UTC)), 30.5)
    at = dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)
    vault.append_progress(ProgressEvent("x", "done", at, "fixed"))
    vault.append_progress(ProgressEvent("x", "todo", at + dt.timedelta(days=1)))
    vault.set_setting("locale", "zh_CN")
    vault.set_setting("window", {"w": 800, "h": 600})
    vault.put_record("reviewer", "r1", {"findings": [1, 2]})
    vault.put_record("reviewer", "r2", {"findings": []})
    vault.put_record("reviewer", "r1", {"findings": [3]})
    vault.delete_record("reviewer", "r2")
    vault.close()

    again = Vault.open_locked(data).unlock_with_passphrase("correct horse")
    assert again.load_profile() == (profile, declared)
    assert again.load_draft() == {"a": "public", "b": "hidden"}
    again.clear_draft()
    assert again.load_draft() is None
    audits = again.list_audits()
    assert [a.id for a in audits] == [first, second]
    assert [a.score for a in audits] == [40.0, 30.5]
    assert audits[0].pack_id == "core" and audits[0].pack_version == "1.0.0"
    loaded = again.load_audit(second)
    assert loaded.answers == {"x": "y"} and loaded.profile.platforms == ("linkedin",)
    assert again.progress_events() == [ProgressEvent("x", "done", at, "fixed"),
                                       ProgressEvent("x", "todo", at + dt.timedelta(days=1))]
    assert again.get_setting("locale") == "zh_CN"
    assert again.get_setting("window") == {"w": 800, "h": 600}
    assert again.get_setting("missing", 7) == 7
    assert again.list_records("reviewer") == [("r1", {"findings": [3]})]
    assert again.get_record("reviewer", "r2") is None
    with pytest.raises(KeyError):
        again.load_audit("nope")
    again.close()
    assert Vault.open_locked(data).unlock_with_recovery_key(recovery).list_audits() == audits


def test_audits_are_immutable_and_progress_append_only(data: Path) -> None:
    vault, _ = new_vault(data)
    audit = make_audit()
    audit_id = vault.record_audit(audit, 10.0)
    with pytest.raises(ValueError, match="already recorded"):
        vault.record_audit(type(audit)(audit_id, audit.created, "core", "1", audit.profile, {}), 1.0)
    assert vault.audit_score(audit_id) == 10.0
    vault.append_progress(ProgressEvent("x", "done", dt.datetime.now(dt.UTC)))
    # Even below the API, the database refuses to rewrite or drop them.
    conn = sqlite3.connect(data / "vault.db")
    with pytest.raises(sqlite3.IntegrityError, match="immutable"):
        conn.execute("UPDATE records SET blob = x'00' WHERE kind = 'audit'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM records WHERE kind = 'progress'")
    conn.close()
    for kind in ("audit", "progress", "setting", "draft", "profile"):
        with pytest.raises(ValueError, match="reserved"):
            vault.put_record(kind, "x", {})
    with pytest.raises(ValueError, match="bad record kind"):
        vault.put_record("Bad Kind", "x", {})
    with pytest.raises(ValueError):
        vault.append_progress(ProgressEvent("x", "bogus", dt.datetime.now(dt.UTC)))  # type: ignore[arg-type]


def test_nothing_personal_is_stored_in_plaintext(data: Path) -> None:
    canary = "CANARY-7f3a91-Zhang-Wei"
    vault, _ = new_vault(data)
    vault.save_profile(Profile({"role": canary}), DeclaredFacts(names=(canary,)))
    vault.save_draft({f"{canary}-item": canary})
    vault.record_audit(make_audit({"i": canary}), 1.0)
    vault.put_record("finding", f"{canary}-id", {"text": canary})
    vault.set_setting(f"{canary}-key", canary)
    vault.make_backup()
    vault.close()
    hits = grep([data], canary.encode()) + grep([data], canary.encode("utf-16-le"))
    assert hits == []
    # Timestamps are inside the ciphertext too: the records table has no time column.
    conn = sqlite3.connect(data / "vault.db")
    cols = [r[1] for r in conn.execute("PRAGMA table_info(records)")]
    conn.close()
    assert cols == ["seq", "kind", "ident", "blob"]


def test_pragmas_and_permissions_after_first_run(data: Path) -> None:
    vault, _ = new_vault(data)
    vault.record_audit(make_audit(), 5.0)
    conn = vault.db.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
    vault.make_backup()
    names = {p.name for p in data.iterdir()}
    assert {"vault.db", "vault.db-wal", "vault.db-shm", "backups"} <= names
    for p in [data, *data.rglob("*")]:
        mode = stat.S_IMODE(p.stat().st_mode)
        assert mode == (0o700 if p.is_dir() else 0o600), f"{p} is {oct(mode)}"
    vault.close()


def test_permissions_are_tightened_when_loosened(data: Path) -> None:
    new_vault(data)[0].close()
    os.chmod(data, 0o755)
    os.chmod(data / "vault.db", 0o644)
    Vault.open_locked(data).unlock_with_passphrase("correct horse").close()
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE((data / "vault.db").stat().st_mode) == 0o600


def test_default_kdf_parameters_are_stored(data: Path) -> None:
    vault, _ = Vault.create(data, passphrase="a passphrase", use_keyring=False)
    vault.close()
    conn = sqlite3.connect(data / "vault.db")
    params = json.loads(conn.execute("SELECT params FROM key_slots WHERE slot = 'passphrase'")
                        .fetchone()[0])
    dump = b"".join(bytes(r[0]) + r[1].encode() for r in
                    conn.execute("SELECT wrapped, params FROM key_slots"))
    conn.close()
    assert params["kdf"] == "argon2id"
    assert (params["iterations"], params["memory_kib"], params["lanes"]) == (3, 65536, 4)
    assert len(json.loads(json.dumps(params))["salt"]) > 16
    assert b"a passphrase" not in dump  # checked by decryption; no hash or copy is stored
    assert Vault.open_locked(data).unlock_with_passphrase("a passphrase").list_audits() == []


def test_no_keyring_needs_a_passphrase_and_writes_nothing(data: Path) -> None:
    with pytest.raises(errors.PassphraseRequired):
        Vault.create(data, passphrase=None)  # the suite's keyring is the fail backend
    with pytest.raises(errors.PassphraseRequired):
        Vault.create(data, passphrase="", use_keyring=False)
    assert not Vault.exists(data)
    assert not (data / "vault.db").exists()


def test_create_refuses_to_overwrite(data: Path) -> None:
    new_vault(data)[0].close()
    with pytest.raises(errors.VaultExists):
        new_vault(data)


def test_wrong_secrets_are_refused_and_the_vault_stays_usable(data: Path) -> None:
    vault, recovery = new_vault(data)
    vault.record_audit(make_audit(), 1.0)
    vault.close()
    locked = Vault.open_locked(data)
    assert locked.has_passphrase and locked.has_recovery and locked.keyring_backend_recorded is None
    with pytest.raises(errors.WrongSecret):
        locked.unlock_with_passphrase("wrong")
    with pytest.raises(errors.WrongSecret):
        locked.unlock_with_recovery_key("AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA")
    with pytest.raises(errors.WrongSecret):
        locked.unlock_with_recovery_key("too short")
    with pytest.raises(errors.NoUnlockMethod):
        locked.unlock_with_keyring()
    # Typed back loosely: lower case, spaces, 0 for O.
    loose = recovery.lower().replace("-", " ").replace("o", "0")
    assert len(locked.unlock_with_recovery_key(loose).list_audits()) == 1


def test_change_passphrase_and_new_recovery_key(data: Path) -> None:
    vault, old_recovery = new_vault(data)
    vault.change_passphrase("new one", kdf=CHEAP)
    new_recovery = vault.new_recovery_key()
    assert vault.key_protection() == "passphrase"
    vault.close()
    locked = Vault.open_locked(data)
    with pytest.raises(errors.WrongSecret):
        locked.unlock_with_passphrase("correct horse")
    with pytest.raises(errors.WrongSecret):
        locked.unlock_with_recovery_key(old_recovery)
    locked.unlock_with_passphrase("new one")
    locked.unlock_with_recovery_key(new_recovery).close()


def test_records_are_bound_to_kind_and_id(data: Path) -> None:
    """Swapping two ciphertexts between rows is detected, never accepted."""
    vault, _ = new_vault(data)
    vault.set_setting("a", 1)
    vault.set_setting("b", 2)
    vault.put_record("note", "a", {"v": 1})
    conn = sqlite3.connect(data / "vault.db", isolation_level=None)
    rows = conn.execute("SELECT kind, ident, blob FROM records ORDER BY seq").fetchall()
    (_, ia, ba), (_, ib, bb), (_, ic, _bc) = rows
    conn.execute("UPDATE records SET blob = ? WHERE ident = ?", (bb, ia))
    conn.execute("UPDATE records SET blob = ? WHERE ident = ?", (ba, ic))  # setting blob, other kind
    conn.close()
    with pytest.raises(errors.VaultDamaged):
        vault.get_setting("a")
    assert vault.get_setting("b") == 2
    with pytest.raises(errors.VaultDamaged):
        vault.get_record("note", "a")
    vault.close()


def test_migration_snapshots_first_and_steps_up(data: Path) -> None:
    vault, _ = new_vault(data)
    vault.record_audit(make_audit(), 3.0)
    vault.close()
    # Take the database back to schema v1 (no triggers, no index), as an older version left it.
    conn = sqlite3.connect(data / "vault.db", isolation_level=None)
    conn.execute("DROP TRIGGER records_immutable")
    conn.execute("DROP TRIGGER progress_append_only")
    conn.execute("DROP INDEX records_kind_seq")
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    vault = Vault.open_locked(data).unlock_with_passphrase("correct horse")
    assert migrations.version(vault.db.conn) == migrations.LATEST == 2
    assert [a.score for a in vault.list_audits()] == [3.0]
    snaps = list((data / "backups").glob("pre-migration-v1-*.db"))
    assert len(snaps) == 1 and local_backups.is_intact(snaps[0])
    assert stat.S_IMODE(snaps[0].stat().st_mode) == 0o600
    snap = sqlite3.connect(snaps[0])
    assert snap.execute("PRAGMA user_version").fetchone()[0] == 1
    snap.close()
    vault.close()


def test_newer_database_is_refused_untouched(data: Path) -> None:
    new_vault(data)[0].close()
    conn = sqlite3.connect(data / "vault.db", isolation_level=None)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = (data / "vault.db").read_bytes()
    with pytest.raises(errors.NewerVersion) as info:
        Vault.open_locked(data)
    assert "newer version of Exposure Check" in str(info.value)
    assert "delete" not in str(info.value).lower()
    assert (data / "vault.db").read_bytes() == before
    assert not list(data.glob("*damaged*"))


def test_rotating_backups_keep_five(data: Path) -> None:
    vault, _ = new_vault(data)
    made = []
    for i in range(8):
        vault.set_setting("n", i)
        made.append(vault.make_backup())
    kept = local_backups.list_backups(data)
    assert kept == sorted(made[-5:], reverse=True)
    assert all(local_backups.is_intact(p) for p in kept)
    newest = sqlite3.connect(kept[0])
    assert newest.execute("PRAGMA journal_mode").fetchone()[0] != "wal"  # a standalone file
    newest.close()
    vault.close()


def test_unlock_makes_a_daily_backup(data: Path) -> None:
    new_vault(data)[0].close()
    assert local_backups.list_backups(data) == []
    Vault.open_locked(data).unlock_with_passphrase("correct horse").close()
    assert len(local_backups.list_backups(data)) == 1
    Vault.open_locked(data).unlock_with_passphrase("correct horse").close()
    assert len(local_backups.list_backups(data)) == 1  # not due again within a day


@pytest.mark.parametrize("damage", ["garbage", "truncated-page", "zeroed-header"])
def test_damaged_file_is_moved_aside_and_a_backup_restored(data: Path, damage: str) -> None:
    vault, _ = new_vault(data)
    vault.record_audit(make_audit(), 12.0)
    vault.make_backup()
    vault.record_audit(make_audit(), 13.0)  # after the backup: lost with the damaged file
    vault.close()
    db = data / "vault.db"
    raw = bytearray(db.read_bytes())
    if damage == "garbage":
        raw = bytearray(os.urandom(len(raw)))
    elif damage == "truncated-page":
        raw = raw[: len(raw) // 2] + bytes(17)
        # Break an interior page too so SQLite notices.
        raw[4096 + 0:4096 + 8] = b"\xff" * 8
    else:
        raw[:100] = bytes(100)
    db.write_bytes(bytes(raw))
    with pytest.raises(errors.VaultCorrupt) as info:
        Vault.open_locked(data)
    exc = info.value
    assert exc.path_moved_aside is not None and exc.path_moved_aside.exists()
    assert "damaged" in str(exc) and "moved aside" in str(exc)
    assert len(exc.backups_available) == 1
    assert not db.exists()
    restored_from = local_backups.restore_newest(data)
    assert restored_from == exc.backups_available[0]
    again = Vault.open_locked(data).unlock_with_passphrase("correct horse")
    assert [a.score for a in again.list_audits()] == [12.0]
    assert again.integrity_ok()
    again.close()
    assert stat.S_IMODE(db.stat().st_mode) == 0o600


def test_corrupt_with_no_backup_says_so(data: Path) -> None:
    new_vault(data)[0].close()
    (data / "vault.db").write_bytes(b"this is not a database at all" * 200)
    with pytest.raises(errors.VaultCorrupt) as info:
        Vault.open_locked(data)
    assert info.value.backups_available == []
    assert "No intact local backup" in str(info.value)
    with pytest.raises(errors.VaultCorrupt):
        local_backups.restore_newest(data)


def test_missing_vault(data: Path) -> None:
    assert not Vault.exists(data)
    with pytest.raises(errors.VaultMissing):
        Vault.open_locked(data)
    assert Vault.state(data).exists is False


def test_state_and_key_protection_with_a_keyring(data: Path) -> None:
    kr = MemoryKeyring()
    vault, _ = new_vault(data, passphrase=None, backend=kr)
    assert vault.key_protection().endswith("MemoryKeyring")
    vault.close()
    state = Vault.state(data)
    assert state.exists and state.keyring_backend_recorded is not None
    assert state.keyring_backend_recorded.endswith("vault_helpers.MemoryKeyring")
    assert not state.has_passphrase and state.has_recovery
    assert keys.describe_backend(None) == "passphrase"
    assert "Secret Service" in keys.describe_backend("keyring.backends.SecretService.Keyring")


def test_worker_runs_off_the_calling_thread(data: Path) -> None:
    import threading

    from exposure_check.storage import worker

    vault, _ = new_vault(data)
    main = threading.get_ident()
    fut = worker.submit(lambda: (threading.get_ident(), vault.record_audit(make_audit(), 2.0)))
    ident, audit_id = fut.result(timeout=30)
    assert ident != main
    assert vault.list_audits()[0].id == audit_id
    vault.close()
    with pytest.raises(errors.VaultClosed):
        vault.list_audits()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread priority is Linux's")
def test_worker_threads_run_at_a_lower_cpu_priority_than_the_caller() -> None:
    from exposure_check.storage import worker

    def nice_here() -> int:
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    mine = nice_here()
    theirs = worker.submit(nice_here).result(timeout=10)
    assert theirs == min(19, mine + worker.WORKER_NICE)
    assert nice_here() == mine  # the caller (the GUI thread) keeps its own


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread priority is Linux's")
def test_a_thread_is_lowered_once_however_often_it_asks() -> None:
    from exposure_check.storage import worker

    def lower_twice() -> tuple[int, int]:
        before = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
        worker.lower_priority()
        worker.lower_priority()
        return before, os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    got: list[tuple[int, int]] = []
    t = threading.Thread(target=lambda: got.append(lower_twice()))
    t.start()
    t.join(10)
    before, after = got[0]
    assert after == min(19, before + worker.WORKER_NICE)
