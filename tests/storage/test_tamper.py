"""Tampering: flipped bits in record headers, ciphertexts and anywhere in the file are detected
("record damaged" or "file damaged"), never accepted as data, and never crash the app."""

from __future__ import annotations

import random
import shutil
import sqlite3
from pathlib import Path

import pytest
from vault_helpers import CHEAP, make_audit

from exposure_check.core.model import DeclaredFacts, Profile
from exposure_check.storage import errors
from exposure_check.storage.vault import Vault


def _build(data: Path) -> tuple[str, dict[str, object]]:
    vault, recovery = Vault.create(data, passphrase="pw", use_keyring=False, kdf=CHEAP)
    for i in range(6):
        vault.record_audit(make_audit({"a": str(i)}), float(i))
        vault.put_record("note", f"n{i}", {"i": i, "text": "t" * 50})
    vault.save_profile(Profile({"role": "engineer"}), DeclaredFacts(names=("Ann",)))
    vault.set_setting("s", "value")
    snapshot = _read_everything(vault)
    vault.make_backup()  # so unlocking later does not add files
    vault.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    vault.close()
    return recovery, snapshot


def _read_everything(vault: Vault) -> dict[str, object]:
    return {"audits": [(a.id, a.score, vault.load_audit(a.id).answers) for a in vault.list_audits()],
            "notes": vault.list_records("note"), "profile": vault.load_profile(),
            "setting": vault.get_setting("s")}


def _flip(blob: bytes, bit: int) -> bytes:
    b = bytearray(blob)
    b[bit // 8] ^= 1 << (bit % 8)
    return bytes(b)


@pytest.mark.parametrize("where", ["format-byte", "nonce", "ciphertext", "tag"])
def test_flipped_record_bits_are_detected(tmp_path: Path, where: str) -> None:
    data = tmp_path / "data"
    recovery, _ = _build(data)
    conn = sqlite3.connect(data / "vault.db", isolation_level=None)
    conn.execute("DROP TRIGGER records_immutable")  # an attacker is not bound by our triggers
    rng = random.Random(7)
    for seq, blob in conn.execute("SELECT seq, blob FROM records").fetchall():
        size = len(blob) * 8
        bit = {"format-byte": rng.randrange(0, 8), "nonce": rng.randrange(8, 13 * 8),
               "ciphertext": rng.randrange(13 * 8, size - 128), "tag": rng.randrange(size - 128, size)}[where]
        conn.execute("UPDATE records SET blob = ? WHERE seq = ?", (_flip(blob, bit), seq))
    conn.close()
    vault = Vault.open_locked(data).unlock_with_recovery_key(recovery)
    with pytest.raises(errors.VaultDamaged) as info:
        vault.list_audits()
    assert "damaged" in str(info.value) and info.value.record_kind == "audit"
    assert vault.list_audits(skip_damaged=True) == []
    assert len(vault.damaged) == 6
    with pytest.raises(errors.VaultDamaged):
        vault.load_profile()
    with pytest.raises(errors.VaultDamaged):
        vault.get_setting("s")
    with pytest.raises(errors.VaultDamaged):
        vault.list_records("note")
    vault.close()


def test_flipped_key_slot_bits_never_unlock(tmp_path: Path) -> None:
    data = tmp_path / "data"
    recovery, _ = _build(data)
    conn = sqlite3.connect(data / "vault.db", isolation_level=None)
    for slot, wrapped in conn.execute("SELECT slot, wrapped FROM key_slots").fetchall():
        conn.execute("UPDATE key_slots SET wrapped = ? WHERE slot = ?", (_flip(wrapped, 200), slot))
    conn.close()
    locked = Vault.open_locked(data)
    with pytest.raises(errors.WrongSecret):
        locked.unlock_with_passphrase("pw")
    with pytest.raises(errors.WrongSecret):
        locked.unlock_with_recovery_key(recovery)
    locked.close()


def test_random_bit_flips_anywhere_in_the_file(tmp_path: Path) -> None:
    """Any single flipped bit: either a clear VaultError, or exactly the original data."""
    pristine = tmp_path / "pristine"
    recovery, snapshot = _build(pristine)
    size = (pristine / "vault.db").stat().st_size
    rng = random.Random(1234)
    outcomes: dict[str, int] = {}
    for i in range(120):
        data = tmp_path / f"d{i}"
        shutil.copytree(pristine, data)
        db = data / "vault.db"
        raw = db.read_bytes()
        # Half the flips land in the 100-byte SQLite header and page headers, where it hurts most.
        bit = rng.randrange(0, 800) if i % 2 else rng.randrange(0, size * 8)
        db.write_bytes(_flip(raw, bit))
        try:
            vault = Vault.open_locked(data).unlock_with_recovery_key(recovery)
            try:
                got = _read_everything(vault)
            finally:
                vault.close()
            assert got == snapshot, f"bit {bit}: tampered data was accepted"
            outcomes["intact"] = outcomes.get("intact", 0) + 1
        except errors.VaultError as exc:
            outcomes[type(exc).__name__] = outcomes.get(type(exc).__name__, 0) + 1
        shutil.rmtree(data)
    assert sum(outcomes.values()) == 120
    assert set(outcomes) - {"intact"}, outcomes  # some flips must have been detected
