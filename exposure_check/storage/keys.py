"""Key slots for the vault's one random 256-bit data key, and the record cipher.

Slots (rows of `key_slots`, each wrapping the data key with AES-256-GCM):
- ``keyring``: a random wrapping key lives in the OS keyring (backend priority >= 1 only; the
  fail, null and plaintext backends never count). The backend's name is recorded in the slot.
- ``passphrase``: Argon2id (default t=3, m=64 MiB, p=4; the parameters and salt are stored).
  The passphrase is checked by decrypting the slot; no hash of it is stored.
- ``recovery``: a printable 200-bit recovery key, shown once; HKDF-SHA256 turns it into the
  wrapping key (it is random, so it needs no slow KDF).

Keyring calls run on a daemon thread with a timeout (`worker.call_with_timeout`), because a
backend may block on a prompt. Nothing here imports Qt.
"""

from __future__ import annotations

import base64
import hmac
import json
import os
import secrets
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from . import errors
from .worker import call_with_timeout

KEY_BYTES = 32
NONCE_BYTES = 12
KEYRING_SERVICE = "exposure-check-vault"
RECORD_FORMAT = 1  # the first byte of every record blob, also bound into its associated data
SLOT_FORMAT = 1
KEYRING_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost. The defaults are the shipped values; tests may pass cheaper ones."""

    iterations: int = 3
    memory_kib: int = 64 * 1024
    lanes: int = 4

    def derive(self, passphrase: str, salt: bytes) -> bytes:
        kdf = Argon2id(salt=salt, length=KEY_BYTES, iterations=self.iterations, lanes=self.lanes,
                       memory_cost=self.memory_kib)
        return kdf.derive(passphrase.encode("utf-8"))


DEFAULT_KDF = KdfParams()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def hkdf(key: bytes, info: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None,
                info=info.encode("utf-8")).derive(key)


def _slot_ad(vault_id: str, kind: str) -> bytes:
    return f"exposure-check|slot|v{SLOT_FORMAT}|{vault_id}|{kind}".encode()


def wrap(wrapping_key: bytes, data_key: bytes, vault_id: str, kind: str) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(wrapping_key).encrypt(nonce, data_key, _slot_ad(vault_id, kind))


def unwrap(wrapping_key: bytes, blob: bytes, vault_id: str, kind: str) -> bytes | None:
    """The data key, or None when this secret does not open the slot."""
    if len(blob) < NONCE_BYTES + 16:
        return None
    try:
        key = AESGCM(wrapping_key).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:],
                                           _slot_ad(vault_id, kind))
    except InvalidTag:
        return None
    return key if len(key) == KEY_BYTES else None


# --- Passphrase slot ---------------------------------------------------------------------------

def passphrase_slot(passphrase: str, data_key: bytes, vault_id: str,
                    kdf: KdfParams = DEFAULT_KDF) -> tuple[dict[str, Any], bytes]:
    if not passphrase:
        raise ValueError("the passphrase must not be empty")
    salt = os.urandom(16)
    params = {"kdf": "argon2id", **asdict(kdf), "salt": _b64(salt)}
    return params, wrap(kdf.derive(passphrase, salt), data_key, vault_id, "passphrase")


def _kdf_from(params: Mapping[str, Any]) -> tuple[KdfParams, bytes]:
    """The stored Argon2id parameters, refusing values no real slot has (a tampered slot must not
    make us allocate terabytes)."""
    try:
        kdf = KdfParams(int(params["iterations"]), int(params["memory_kib"]), int(params["lanes"]))
        salt = _unb64(str(params["salt"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise errors.VaultDamaged("key slot", "passphrase") from exc
    if (params.get("kdf") != "argon2id" or not 1 <= kdf.iterations <= 64
            or not 8 * kdf.lanes <= kdf.memory_kib <= 4 * 1024 * 1024 or not 1 <= kdf.lanes <= 64
            or len(salt) < 8):
        raise errors.VaultDamaged("key slot", "passphrase")
    return kdf, salt


def open_passphrase_slot(passphrase: str, params: Mapping[str, Any], blob: bytes,
                         vault_id: str) -> bytes | None:
    kdf, salt = _kdf_from(params)
    return unwrap(kdf.derive(passphrase, salt), blob, vault_id, "passphrase")


# --- Recovery key ------------------------------------------------------------------------------

_RECOVERY_GROUPS = 8  # 8 groups of 5 base32 characters = 200 bits


def new_recovery_key() -> str:
    text = base64.b32encode(secrets.token_bytes(25)).decode("ascii")
    return "-".join(text[i:i + 5] for i in range(0, len(text), 5))


def normalise_recovery_key(key: str) -> str:
    """Forgive case, spaces, dashes and the look-alikes 0/O, 1/I and 8/B when typing it back."""
    cleaned = "".join(ch for ch in key.upper() if ch.isalnum())
    return cleaned.translate(str.maketrans("018", "OIB"))


def _recovery_wrapping_key(key: str, salt: bytes) -> bytes | None:
    cleaned = normalise_recovery_key(key)
    if len(cleaned) != 5 * _RECOVERY_GROUPS:
        return None
    try:
        raw = base64.b32decode(cleaned)
    except ValueError:
        return None
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt,
                info=b"exposure-check recovery key").derive(raw)


def recovery_slot(key: str, data_key: bytes, vault_id: str) -> tuple[dict[str, Any], bytes]:
    salt = os.urandom(16)
    wk = _recovery_wrapping_key(key, salt)
    assert wk is not None
    return {"kdf": "hkdf-sha256", "salt": _b64(salt)}, wrap(wk, data_key, vault_id, "recovery")


def open_recovery_slot(key: str, params: Mapping[str, Any], blob: bytes,
                       vault_id: str) -> bytes | None:
    try:
        salt = _unb64(str(params["salt"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise errors.VaultDamaged("key slot", "recovery") from exc
    wk = _recovery_wrapping_key(key, salt)
    return None if wk is None else unwrap(wk, blob, vault_id, "recovery")


# --- OS keyring --------------------------------------------------------------------------------

def backend_name(backend: Any) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def _priority(backend: Any) -> float:
    try:
        return float(backend.priority)
    except Exception:
        return -1.0


def usable_backend(backend: Any | None = None) -> Any | None:
    """The keyring backend to use (priority >= 1), or None when no real key store works.

    A chainer is resolved to its best member, so the recorded name is the real key store.
    """
    if backend is None:
        import keyring

        try:
            backend = keyring.get_keyring()
        except Exception:
            return None
    from keyring.backends.chainer import ChainerBackend

    if isinstance(backend, ChainerBackend):
        good = [b for b in backend.backends if _priority(b) >= 1]
        return max(good, key=_priority) if good else None
    return backend if _priority(backend) >= 1 else None


def describe_backend(name: str | None) -> str:
    """Plain words for where the key lives, for the UI ("GNOME Keyring / Secret Service")."""
    if not name:
        return "passphrase"
    known = {
        "keyring.backends.SecretService.Keyring": "the system key store (Secret Service)",
        "keyring.backends.libsecret.Keyring": "the system key store (libsecret)",
        "keyring.backends.kwallet.DBusKeyring": "KWallet",
        "keyring.backends.macOS.Keyring": "the macOS Keychain",
        "keyring.backends.Windows.WinVaultKeyring": "the Windows Credential Manager",
    }
    return known.get(name, name)


def _translate_keyring_error(exc: BaseException, name: str) -> errors.VaultError:
    from keyring import errors as kerr

    if isinstance(exc, kerr.KeyringLocked):
        return errors.KeyringLocked(name)
    if isinstance(exc, errors.VaultError):
        return exc
    detail = str(exc) or type(exc).__name__
    return errors.KeyringUnavailable(detail, name)


def _keyring_call(fn: Any, name: str, timeout: float, *args: Any) -> Any:
    try:
        return call_with_timeout(fn, timeout, *args)
    except TimeoutError as exc:
        raise errors.KeyringTimeout(name, timeout) from exc
    except Exception as exc:
        raise _translate_keyring_error(exc, name) from exc


def keyring_store(backend: Any, username: str, secret: bytes, timeout: float) -> None:
    name = backend_name(backend)
    _keyring_call(backend.set_password, name, timeout, KEYRING_SERVICE, username, _b64(secret))
    # Some backends accept a write they cannot read back (a dismissed prompt); check it.
    got = _keyring_call(backend.get_password, name, timeout, KEYRING_SERVICE, username)
    if got != _b64(secret):
        raise errors.KeyringUnavailable("the key could not be read back after storing it", name)


def keyring_fetch(backend: Any, username: str, timeout: float) -> bytes:
    name = backend_name(backend)
    got = _keyring_call(backend.get_password, name, timeout, KEYRING_SERVICE, username)
    if got is None:
        raise errors.KeyringEntryMissing(name)
    try:
        value = _unb64(str(got))
    except ValueError as exc:
        raise errors.KeyringEntryMissing(name) from exc
    return value


def keyring_delete(backend: Any, username: str, timeout: float) -> None:
    from keyring import errors as kerr

    name = backend_name(backend)
    try:
        _keyring_call(backend.delete_password, name, timeout, KEYRING_SERVICE, username)
    except errors.KeyringUnavailable as exc:
        if isinstance(exc.__cause__, kerr.PasswordDeleteError):
            return  # already gone
        raise


def keyring_slot(backend: Any, username: str, data_key: bytes, vault_id: str,
                 timeout: float = KEYRING_TIMEOUT_S) -> tuple[dict[str, Any], bytes]:
    wrapping_key = secrets.token_bytes(KEY_BYTES)
    keyring_store(backend, username, wrapping_key, timeout)
    params = {"backend": backend_name(backend), "service": KEYRING_SERVICE, "username": username}
    return params, wrap(wrapping_key, data_key, vault_id, "keyring")


# --- Record cipher -----------------------------------------------------------------------------

class RecordCipher:
    """AES-256-GCM per record: a fresh nonce per write; AD binds kind, stored ID and format."""

    def __init__(self, data_key: bytes) -> None:
        self._aead = AESGCM(hkdf(data_key, "exposure-check records v1"))
        self._index_key = hkdf(data_key, "exposure-check index v1")

    def ident(self, kind: str, record_id: str) -> str:
        """The stored ID: a keyed hash, so record IDs chosen from user data never show on disk."""
        return hmac.digest(self._index_key, f"{kind}\0{record_id}".encode(), "sha256").hex()[:32]

    @staticmethod
    def _ad(kind: str, ident: str, version: int) -> bytes:
        return f"exposure-check|record|v{version}|{kind}|{ident}".encode()

    def seal(self, kind: str, record_id: str, payload: Any) -> tuple[str, bytes]:
        ident = self.ident(kind, record_id)
        body = json.dumps({"id": record_id, "data": payload}, separators=(",", ":"),
                          ensure_ascii=False).encode("utf-8")
        nonce = os.urandom(NONCE_BYTES)
        ct = self._aead.encrypt(nonce, body, self._ad(kind, ident, RECORD_FORMAT))
        return ident, bytes([RECORD_FORMAT]) + nonce + ct

    def open(self, kind: str, ident: str, blob: object,
             expect_id: str | None = None) -> tuple[str, Any]:
        """(record_id, payload); raises VaultDamaged if anything about the blob is wrong.

        The AD binds the stored ident, so a blob moved to another row fails authentication; only
        the key holder could seal a record whose inner ID disagrees with its ident.
        """
        shown = ident[:12]
        if not isinstance(blob, bytes) or len(blob) < 1 + NONCE_BYTES + 16 or blob[0] != RECORD_FORMAT:
            raise errors.VaultDamaged(kind, shown)
        try:
            body = self._aead.decrypt(blob[1:1 + NONCE_BYTES], blob[1 + NONCE_BYTES:],
                                      self._ad(kind, ident, blob[0]))
            doc = json.loads(body.decode("utf-8"))
            record_id = str(doc["id"])
        except (InvalidTag, ValueError, KeyError, TypeError) as exc:
            raise errors.VaultDamaged(kind, shown) from exc
        if expect_id is not None and record_id != expect_id:
            raise errors.VaultDamaged(kind, record_id)
        return record_id, doc["data"]
