"""Vault errors. Each carries one clear, user-facing sentence plus what to do (`str(exc)`).

The UI shows `str(exc)`; the CLI prints it and exits with the code from `cli.unlock.exit_code_for`.
Wording rule: a key-store problem is never called "corruption"; only a file that fails SQLite's
own checks, or a record that fails authentication, is called damaged.
"""

from __future__ import annotations

from pathlib import Path


class VaultError(Exception):
    """Base class: every storage failure the user can hit is one of these."""


class VaultMissing(VaultError):
    def __init__(self, data_dir: Path) -> None:
        super().__init__(f"There is no vault in {data_dir} yet. Record an audit first "
                         "(in the app, or with `exposure-check audit record`).")
        self.data_dir = data_dir


class VaultExists(VaultError):
    def __init__(self, data_dir: Path) -> None:
        super().__init__(f"A vault already exists in {data_dir}; unlock it instead of creating one.")
        self.data_dir = data_dir


class WrongSecret(VaultError):
    def __init__(self, what: str = "passphrase") -> None:
        super().__init__(f"That {what} does not unlock this vault. Check it and try again, "
                         "or use your recovery key.")
        self.what = what


class PassphraseRequired(VaultError):
    def __init__(self) -> None:
        super().__init__("No working system key store (keyring) was found, so a passphrase is "
                         "required to protect your answers. Choose a passphrase.")


class NoUnlockMethod(VaultError):
    def __init__(self, detail: str = "") -> None:
        msg = "This vault needs its passphrase or recovery key to open."
        if detail:
            msg = f"{detail} {msg}"
        super().__init__(msg + " From the command line, pass --passphrase-stdin or set "
                         "EXPOSURE_CHECK_PASSPHRASE.")


class KeyringUnavailable(VaultError):
    def __init__(self, detail: str = "", recorded: str | None = None) -> None:
        where = f" ({recorded})" if recorded else ""
        msg = f"The system key store{where} is not available"
        msg += f": {detail}." if detail else "."
        super().__init__(msg + " Unlock with your passphrase or recovery key instead.")
        self.recorded = recorded


class KeyringLocked(VaultError):
    def __init__(self, backend: str) -> None:
        super().__init__(f"The system key store ({backend}) is locked, or its prompt was "
                         "dismissed. Unlock it and try again, or use your passphrase or recovery key.")
        self.backend = backend


class KeyringTimeout(VaultError):
    def __init__(self, backend: str, seconds: float) -> None:
        super().__init__(f"The system key store ({backend}) did not answer within {seconds:g} s. "
                         "Try again, or use your passphrase or recovery key.")
        self.backend = backend
        self.seconds = seconds


class KeyringChanged(VaultError):
    def __init__(self, old_backend: str, new_backend: str) -> None:
        super().__init__(f"The system key store changed since this vault was last unlocked: it was "
                         f"{old_backend}, it is now {new_backend}. Your data is intact. Unlock with "
                         "your passphrase or recovery key; the key can then be stored in the new "
                         "key store.")
        self.old_backend = old_backend
        self.new_backend = new_backend


class KeyringEntryMissing(VaultError):
    def __init__(self, backend: str) -> None:
        super().__init__(f"The vault's key is no longer in the system key store ({backend}); "
                         "it may have been removed by another program. Your data is intact. Unlock "
                         "with your passphrase or recovery key; the key can then be stored again.")
        self.backend = backend


class NewerVersion(VaultError):
    def __init__(self, found: int, supported: int) -> None:
        super().__init__("This vault was written by a newer version of Exposure Check "
                         f"(data format {found}; this version reads up to {supported}). Please use "
                         "a newer version of Exposure Check. Nothing was changed.")
        self.found = found
        self.supported = supported


class VaultDamaged(VaultError):
    """One record failed authentication (tampered with, or damaged on disk). It is never used."""

    def __init__(self, record_kind: str, record_id: str) -> None:
        super().__init__(f"A saved record is damaged and cannot be read ({record_kind} {record_id}). "
                         "It was not used. The rest of your data is unaffected; a local backup may "
                         "hold an intact copy.")
        self.record_kind = record_kind
        self.record_id = record_id


class VaultCorrupt(VaultError):
    """The database file itself failed SQLite's checks; it was moved aside, not deleted."""

    def __init__(self, path_moved_aside: Path | None, backups_available: list[Path],
                 detail: str = "") -> None:
        msg = "The vault file is damaged"
        if detail:
            msg += f" ({detail})"
        msg += "."
        if path_moved_aside is not None:
            msg += f" It was moved aside to {path_moved_aside} and was not deleted."
        if backups_available:
            msg += (f" {len(backups_available)} local backup(s) are available; the newest intact "
                    "one can be restored.")
        else:
            msg += " No intact local backup was found; import an exported backup if you have one."
        super().__init__(msg)
        self.path_moved_aside = path_moved_aside
        self.backups_available = backups_available


class StorageFull(VaultError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"The disk holding {path} is full, so nothing was saved. Your earlier data "
                         "is intact. Free some space and try again.")
        self.path = path


class StorageUnwritable(VaultError):
    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(f"Exposure Check cannot write to {path} ({detail}), so nothing was saved. "
                         "Your earlier data is intact. Check the folder's permissions and free space.")
        self.path = path
        self.detail = detail


class VaultClosed(VaultError):
    def __init__(self) -> None:
        super().__init__("The vault is closed; unlock it again.")
