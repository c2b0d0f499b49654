"""Every keyring situation ends unlocked or with a clear way forward, and never loses data."""

from __future__ import annotations

import time
from pathlib import Path

import keyring.backends.fail
import keyring.backends.null
import pytest
from vault_helpers import (
    HangingKeyring,
    LockedKeyring,
    MemoryKeyring,
    OtherMemoryKeyring,
    RefusingKeyring,
    make_audit,
    new_vault,
)

from exposure_check.storage import errors, keys
from exposure_check.storage.vault import Vault


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


def _with_data(data: Path, backend: object, passphrase: str | None = "pass") -> tuple[str, float]:
    vault, recovery = new_vault(data, passphrase=passphrase, backend=backend)  # type: ignore[arg-type]
    vault.record_audit(make_audit(), 33.0)
    vault.close()
    return recovery, 33.0


def _scores(vault: Vault) -> list[float]:
    try:
        return [a.score for a in vault.list_audits()]
    finally:
        vault.close()


def test_memory_keyring_unlocks_with_no_prompt(data: Path) -> None:
    kr = MemoryKeyring()
    _with_data(data, kr, passphrase=None)
    stored = kr.store[(keys.KEYRING_SERVICE, Vault.open_locked(data).vault_id)]
    assert len(stored) >= 40  # a base64 256-bit wrapping key
    assert _scores(Vault.open_locked(data).unlock_with_keyring(keyring_backend=kr)) == [33.0]


@pytest.mark.parametrize("backend", [keyring.backends.fail.Keyring(), keyring.backends.null.Keyring()])
def test_low_priority_backends_never_count(data: Path, backend: object) -> None:
    assert keys.usable_backend(backend) is None
    with pytest.raises(errors.PassphraseRequired):
        Vault.create(data, passphrase=None, keyring_backend=backend)
    assert not Vault.exists(data)
    vault, _ = Vault.create(data, passphrase="pw", keyring_backend=backend,
                            kdf=keys.KdfParams(1, 1024, 1))
    assert vault.key_protection() == "passphrase"
    vault.close()


def test_plaintext_file_backend_never_counts(data: Path) -> None:
    class PlaintextLike(MemoryKeyring):
        priority = 0.5  # type: ignore[assignment]  # keyrings.alt's PlaintextKeyring rates itself so

    assert keys.usable_backend(PlaintextLike()) is None
    with pytest.raises(errors.PassphraseRequired):
        Vault.create(data, passphrase=None, keyring_backend=PlaintextLike())


def test_chainer_resolves_to_the_real_store(monkeypatch: pytest.MonkeyPatch) -> None:
    from keyring.backends.chainer import ChainerBackend

    good = MemoryKeyring()
    members = [keyring.backends.fail.Keyring(), good]
    monkeypatch.setattr(ChainerBackend, "backends", property(lambda self: members))
    assert keys.usable_backend(ChainerBackend()) is good
    members.pop()
    assert keys.usable_backend(ChainerBackend()) is None


def test_locked_keyring_at_create_offers_the_passphrase(data: Path) -> None:
    lk = LockedKeyring()
    with pytest.raises(errors.KeyringLocked):
        Vault.create(data, passphrase=None, keyring_backend=lk)
    assert not Vault.exists(data)
    vault, _ = Vault.create(data, passphrase="pw", keyring_backend=lk, kdf=keys.KdfParams(1, 1024, 1))
    assert vault.keyring_backend_recorded is None  # fell back to the passphrase, said plainly
    vault.close()


def test_keyring_locked_at_unlock(data: Path) -> None:
    class Lockable(MemoryKeyring):
        locked = False

        def get_password(self, service: str, username: str) -> str | None:
            if self.locked:
                raise keyring.errors.KeyringLocked("locked")
            return super().get_password(service, username)

    kr = Lockable()
    _with_data(data, kr)
    kr.locked = True
    locked = Vault.open_locked(data)
    with pytest.raises(errors.KeyringLocked) as info:
        locked.unlock_with_keyring(keyring_backend=kr)
    assert "passphrase" in str(info.value) and "corrupt" not in str(info.value).lower()
    assert _scores(locked.unlock_with_passphrase("pass")) == [33.0]
    kr.locked = False
    assert _scores(Vault.open_locked(data).unlock_with_keyring(keyring_backend=kr)) == [33.0]


def test_password_set_error(data: Path) -> None:
    with pytest.raises(errors.KeyringUnavailable):
        Vault.create(data, passphrase=None, keyring_backend=RefusingKeyring())
    assert not Vault.exists(data)
    vault, _ = Vault.create(data, passphrase="pw", keyring_backend=RefusingKeyring(),
                            kdf=keys.KdfParams(1, 1024, 1))
    assert vault.key_protection() == "passphrase"
    vault.close()


def test_hanging_keyring_times_out(data: Path) -> None:
    kr = HangingKeyring()
    kr.release.set()
    _with_data(data, kr)
    kr.release.clear()
    locked = Vault.open_locked(data)
    t0 = time.monotonic()
    with pytest.raises(errors.KeyringTimeout) as info:
        locked.unlock_with_keyring(timeout=0.3, keyring_backend=kr)
    assert time.monotonic() - t0 < 5
    assert "did not answer" in str(info.value)
    kr.release.set()
    assert _scores(locked.unlock_with_passphrase("pass")) == [33.0]
    data2 = data.parent / "d2"
    kr2 = HangingKeyring()
    with pytest.raises(errors.KeyringTimeout):
        Vault.create(data2, passphrase=None, keyring_backend=kr2, keyring_timeout=0.3)
    assert not Vault.exists(data2)
    kr2.release.set()


def test_changed_backend_says_so_and_recovers(data: Path) -> None:
    old = MemoryKeyring()
    recovery, _ = _with_data(data, old)
    new = OtherMemoryKeyring()
    locked = Vault.open_locked(data)
    with pytest.raises(errors.KeyringChanged) as info:
        locked.unlock_with_keyring(keyring_backend=new)
    msg = str(info.value)
    assert "changed" in msg and "MemoryKeyring" in msg and "OtherMemoryKeyring" in msg
    assert "corrupt" not in msg.lower() and "damaged" not in msg.lower()
    assert info.value.old_backend.endswith("MemoryKeyring")
    vault = locked.unlock_with_recovery_key(recovery)
    assert vault.store_key_in_keyring(new).endswith("OtherMemoryKeyring")
    vault.close()
    assert _scores(Vault.open_locked(data).unlock_with_keyring(keyring_backend=new)) == [33.0]


def test_no_keyring_any_more(data: Path) -> None:
    _with_data(data, MemoryKeyring())
    locked = Vault.open_locked(data)
    with pytest.raises(errors.KeyringUnavailable) as info:
        locked.unlock_with_keyring(keyring_backend=keyring.backends.fail.Keyring())
    assert "passphrase" in str(info.value)
    assert _scores(locked.unlock_with_passphrase("pass")) == [33.0]


def test_entry_deleted_outside_the_app(data: Path) -> None:
    kr = MemoryKeyring()
    recovery, _ = _with_data(data, kr, passphrase=None)
    kr.store.clear()
    locked = Vault.open_locked(data)
    with pytest.raises(errors.KeyringEntryMissing) as info:
        locked.unlock_with_keyring(keyring_backend=kr)
    assert "no longer in the system key store" in str(info.value)
    vault = locked.unlock_with_recovery_key(recovery)
    vault.store_key_in_keyring(kr)
    vault.close()
    assert _scores(Vault.open_locked(data).unlock_with_keyring(keyring_backend=kr)) == [33.0]


def test_entry_replaced_outside_the_app(data: Path) -> None:
    kr = MemoryKeyring()
    _with_data(data, kr)
    for k in kr.store:
        kr.store[k] = "AAAA" + kr.store[k][4:]
    with pytest.raises(errors.KeyringEntryMissing):
        Vault.open_locked(data).unlock_with_keyring(keyring_backend=kr)
    assert _scores(Vault.open_locked(data).unlock_with_passphrase("pass")) == [33.0]


def test_remove_passphrase_needs_another_slot(data: Path) -> None:
    vault, _ = new_vault(data)
    with pytest.raises(errors.PassphraseRequired):
        vault.remove_passphrase()
    vault.store_key_in_keyring(MemoryKeyring())
    vault.remove_passphrase()
    assert not vault.has_passphrase
    vault.close()
