"""Against a real Secret Service (gnome-keyring in a private D-Bus session; scripts/run-tests.sh).

With EXPOSURE_CHECK_REAL_SECRET_SERVICE=1 a broken service FAILS these tests; without it (a
developer running pytest directly) they are skipped.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from exposure_check.storage import keys
from exposure_check.storage.vault import Vault, wipe

pytestmark = pytest.mark.keyring_real

REAL = os.environ.get("EXPOSURE_CHECK_REAL_SECRET_SERVICE") == "1"


@pytest.fixture
def secret_service() -> object:
    if not REAL:
        pytest.skip("needs a real Secret Service: run `make test` or scripts/run-tests.sh "
                    "(EXPOSURE_CHECK_REAL_SECRET_SERVICE=1)")
    from keyring.backends import SecretService

    backend = SecretService.Keyring()
    assert backend.priority >= 1, "the Secret Service backend is not viable in this session"
    return backend


def _probe(backend: object) -> None:
    backend.set_password("exposure-check-test", "probe", "x")  # type: ignore[attr-defined]
    assert backend.get_password("exposure-check-test", "probe") == "x"  # type: ignore[attr-defined]
    backend.delete_password("exposure-check-test", "probe")  # type: ignore[attr-defined]


_CHILD = """
import sys
from pathlib import Path
from keyring.backends import SecretService
from exposure_check.storage.vault import Vault
vault = Vault.open_locked(Path(sys.argv[1])).unlock_with_keyring(
    keyring_backend=SecretService.Keyring())
print(",".join(str(a.score) for a in vault.list_audits()))
"""


def test_create_restart_unlock_without_prompt(secret_service: object, tmp_path: Path) -> None:
    _probe(secret_service)
    data = tmp_path / "data"
    vault, _ = Vault.create(data, passphrase=None, keyring_backend=secret_service)
    assert vault.keyring_backend_recorded == "keyring.backends.SecretService.Keyring"
    assert "Secret Service" in vault.key_protection()
    from vault_helpers import make_audit

    vault.record_audit(make_audit(), 21.0)
    vault_id = vault.vault_id
    vault.close()

    # The key really is in the Secret Service, under our service name and the vault's ID.
    stored = secret_service.get_password(keys.KEYRING_SERVICE, vault_id)  # type: ignore[attr-defined]
    assert stored is not None and len(stored) >= 40

    # A fresh process (a "restart") unlocks with no passphrase and no prompt.
    env = {**os.environ}
    out = subprocess.run([sys.executable, "-c", _CHILD, str(data)], env=env, capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "21.0"

    # Wipe deletes the keyring entry first.
    wipe(data, keyring_backend=secret_service)
    assert secret_service.get_password(keys.KEYRING_SERVICE, vault_id) is None  # type: ignore[attr-defined]
    assert not data.exists()


def test_entry_deleted_in_the_real_store(secret_service: object, tmp_path: Path) -> None:
    from exposure_check.storage import errors

    data = tmp_path / "data"
    vault, recovery = Vault.create(data, passphrase=None, keyring_backend=secret_service)
    vault_id = vault.vault_id
    vault.close()
    secret_service.delete_password(keys.KEYRING_SERVICE, vault_id)  # type: ignore[attr-defined]
    locked = Vault.open_locked(data)
    with pytest.raises(errors.KeyringEntryMissing):
        locked.unlock_with_keyring(keyring_backend=secret_service)
    vault = locked.unlock_with_recovery_key(recovery)
    vault.store_key_in_keyring(secret_service)
    vault.close()
    Vault.open_locked(data).unlock_with_keyring(keyring_backend=secret_service).close()
    wipe(data, keyring_backend=secret_service)
