"""Encrypted backup: a full round trip, and every bad file refused with nothing changed."""

from __future__ import annotations

import struct
from datetime import UTC, datetime

import pytest
from history_fixtures import make_audits

from exposure_check.core.model import DeclaredFacts, Profile, ProgressEvent
from exposure_check.storage import backup, keys
from exposure_check.storage.vault import Vault

CHEAP = keys.KdfParams(iterations=1, memory_kib=64, lanes=1)
PASS = "correct horse battery staple"


def _vault(path):
    vault, _recovery = Vault.create(path, passphrase="vault pass", use_keyring=False, kdf=CHEAP)
    return vault


def _fill(vault) -> None:
    vault.save_profile(Profile({"role": "x", "platforms": ("p1",), "speaks": True}),
                       DeclaredFacts(names=("Li Wei",), emails=("li@example.com",)))
    vault.save_draft({"a.one": "public"})
    for a in make_audits():
        vault.record_audit(a, 42.5)
    vault.append_progress(ProgressEvent("a.one", "done", datetime(2026, 5, 2, tzinfo=UTC), "hid it"))
    vault.append_progress(ProgressEvent("a.two", "accepted", datetime(2026, 5, 3, tzinfo=UTC)))
    vault.set_setting("recheck_days", 30)
    vault.set_setting("locale", "zh_CN")
    vault.put_record("review", "r1", {"findings": [1, 2, 3]})
    vault.put_record("approach", "x", {"rating": "high", "text": "名字"})


def _snapshot(vault) -> dict:
    return backup.collect(vault).to_json()


@pytest.fixture()
def source(tmp_path):
    v = _vault(tmp_path / "src")
    _fill(v)
    yield v
    v.close()


@pytest.fixture()
def exported(source, tmp_path):
    path = tmp_path / "my.ecbackup"
    backup.export_backup(source, path, PASS, CHEAP)
    return path


def test_round_trip_restores_everything(source, exported, tmp_path) -> None:
    assert exported.stat().st_mode & 0o777 == 0o600
    raw = exported.read_bytes()
    assert raw.startswith(b"EXPCHKBK") and b"Li Wei" not in raw and b"hid it" not in raw
    target = _vault(tmp_path / "dst")
    backup.restore(target, backup.read_backup(exported, PASS))
    assert _snapshot(target) == _snapshot(source)
    assert [a.id for a in target.list_audits()] == ["A1", "A2", "A3", "A4", "A5"]
    assert target.load_audit("A1") == source.load_audit("A1")
    assert target.get_setting("recheck_days") == 30
    assert target.load_profile()[1].names == ("Li Wei",)
    assert target.get_record("approach", "x") == {"rating": "high", "text": "名字"}
    target.close()


def test_import_into_a_non_empty_vault_needs_replace(source, exported, tmp_path) -> None:
    target = _vault(tmp_path / "dst")
    target.set_setting("theme", "dark")  # settings alone: still empty
    assert backup.is_empty(target)
    target.record_audit(make_audits()[0], 1.0)
    before = _snapshot(target)
    with pytest.raises(backup.VaultNotEmpty):
        backup.restore(target, backup.read_backup(exported, PASS))
    assert _snapshot(target) == before
    target.close()


def test_replace_swaps_in_a_new_vault(source, exported, tmp_path) -> None:
    folder = tmp_path / "dst"
    target = _vault(folder)
    target.record_audit(make_audits()[0], 1.0)
    target.put_record("review", "old", {"x": 1})
    target.close()
    contents = backup.read_backup(exported, PASS)
    recovery = backup.replace_vault(folder, contents, passphrase="new pass", use_keyring=False,
                                    kdf=CHEAP)
    new = Vault.open_locked(folder).unlock_with_passphrase("new pass")
    assert _snapshot(new) == _snapshot(source)
    assert new.get_record("review", "old") is None
    new.close()
    Vault.open_locked(folder).unlock_with_recovery_key(recovery).close()
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) == []


def _unchanged_after(target, path, passphrase, error) -> None:
    before = _snapshot(target)
    with pytest.raises(error) as exc:
        backup.restore(target, backup.read_backup(path, passphrase))
    assert str(path) in str(exc.value) and "Nothing was changed" in str(exc.value)
    assert _snapshot(target) == before


def test_wrong_passphrase(exported, tmp_path) -> None:
    target = _vault(tmp_path / "dst")
    _unchanged_after(target, exported, "wrong", backup.BackupWrongPassphrase)
    assert "wrong backup passphrase" in str(pytest.raises(
        backup.BackupWrongPassphrase, backup.read_backup, exported, "nope").value)


@pytest.mark.parametrize("keep", [0, 5, 13, 40, -1, -17])
def test_truncated_files(exported, tmp_path, keep) -> None:
    data = exported.read_bytes()
    cut = tmp_path / "cut.ecbackup"
    cut.write_bytes(data[:keep] if keep >= 0 else data[:len(data) + keep])
    target = _vault(tmp_path / "dst")
    error = backup.BackupNotABackup if keep == 0 else backup.BackupDamaged
    _unchanged_after(target, cut, PASS, error)


def test_newer_version(exported, tmp_path) -> None:
    data = bytearray(exported.read_bytes())
    struct.pack_into(">H", data, 8, backup.FORMAT_VERSION + 1)
    newer = tmp_path / "newer.ecbackup"
    newer.write_bytes(bytes(data))
    target = _vault(tmp_path / "dst")
    _unchanged_after(target, newer, PASS, backup.BackupNewerVersion)
    assert "newer version" in str(pytest.raises(backup.BackupNewerVersion, backup.read_backup,
                                                newer, PASS).value)


def test_every_tampered_byte_is_refused(exported, tmp_path) -> None:
    data = exported.read_bytes()
    target = _vault(tmp_path / "dst")
    before = _snapshot(target)
    header_end = 14 + struct.unpack_from(">I", data, 10)[0]
    # Every byte of the prefix and header, and a spread of ciphertext bytes.
    positions = list(range(header_end)) + list(range(header_end, len(data), 7)) + [len(data) - 1]
    bad = tmp_path / "bad.ecbackup"
    for pos in positions:
        flipped = bytearray(data)
        flipped[pos] ^= 0x01
        bad.write_bytes(bytes(flipped))
        with pytest.raises(backup.BackupError):
            backup.read_backup(bad, PASS)
    assert _snapshot(target) == before


def test_not_a_backup_and_missing_file(tmp_path) -> None:
    other = tmp_path / "notes.txt"
    other.write_text("hello, this is not a backup at all")
    with pytest.raises(backup.BackupNotABackup, match="not an Exposure Check backup"):
        backup.read_backup(other, PASS)
    with pytest.raises(backup.BackupUnreadable, match="no such file"):
        backup.read_backup(tmp_path / "missing", PASS)


def test_hostile_kdf_cost_is_refused(source, tmp_path) -> None:
    huge = keys.KdfParams(iterations=1, memory_kib=backup.MAX_MEMORY_KIB * 2, lanes=1)
    # Build a header that claims a huge memory cost (the KDF itself is never run).
    contents = backup.collect(source)
    data = bytearray(backup.encrypt(contents, PASS, CHEAP))
    hlen = struct.unpack_from(">I", data, 10)[0]
    header = bytes(data[14:14 + hlen]).replace(b'"memory_kib": 64', b'"memory_kib": %d'
                                               % huge.memory_kib)
    forged = bytes(data[:10]) + struct.pack(">I", len(header)) + header + bytes(data[14 + hlen:])
    path = tmp_path / "forged.ecbackup"
    path.write_bytes(forged)
    with pytest.raises(backup.BackupDamaged, match="out of range"):
        backup.read_backup(path, PASS)


def test_empty_passphrase_is_refused(source, tmp_path) -> None:
    with pytest.raises(backup.EmptyPassphrase):
        backup.export_backup(source, tmp_path / "x.ecbackup", "", CHEAP)
    assert not (tmp_path / "x.ecbackup").exists()
