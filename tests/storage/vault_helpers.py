"""Shared helpers for the storage tests: an in-memory keyring, misbehaving keyrings, cheap KDF."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import keyring.backend
import keyring.errors

from exposure_check.core.model import Audit, Profile
from exposure_check.storage import keys
from exposure_check.storage.vault import Vault

# Tests may lower the Argon2id cost through the explicit parameter; the default is asserted apart.
CHEAP = keys.KdfParams(iterations=1, memory_kib=1024, lanes=1)


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A working key store that lives in memory (priority >= 1, so it counts)."""

    priority = 5  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.store[(service, username)]
        except KeyError:
            raise keyring.errors.PasswordDeleteError("not found") from None


class OtherMemoryKeyring(MemoryKeyring):
    """A different key store (for "the backend changed")."""


class LockedKeyring(MemoryKeyring):
    """A key store whose unlock prompt was dismissed."""

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("the collection is locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.KeyringLocked("the collection is locked")


class RefusingKeyring(MemoryKeyring):
    """A key store that refuses writes."""

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError("refused")


class HangingKeyring(MemoryKeyring):
    """A key store blocked on a prompt nobody answers."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()

    def get_password(self, service: str, username: str) -> str | None:
        self.release.wait(30)
        return super().get_password(service, username)

    def set_password(self, service: str, username: str, password: str) -> None:
        self.release.wait(30)
        super().set_password(service, username, password)


def make_audit(answers: dict[str, str] | None = None, when: dt.datetime | None = None) -> Audit:
    return Audit("", when or dt.datetime.now(dt.UTC), "core", "1.0.0",
                 Profile({"role": "engineer", "platforms": ("linkedin",)}),
                 answers or {"affiliation.linkedin.employer-visible": "public"})


def new_vault(data_dir: Path, passphrase: str | None = "correct horse",
              backend: keyring.backend.KeyringBackend | None = None) -> tuple[Vault, str]:
    return Vault.create(data_dir, passphrase=passphrase, use_keyring=backend is not None,
                        keyring_backend=backend, kdf=CHEAP)


def files_under(*roots: Path) -> list[Path]:
    out: list[Path] = []
    for root in roots:
        if root.exists():
            out.extend(p for p in root.rglob("*") if p.is_file())
    return out


def grep(roots: list[Path], needle: bytes) -> list[Path]:
    return [p for p in files_under(*roots) if needle in p.read_bytes()]
