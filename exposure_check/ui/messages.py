"""User-facing, translated wording for vault errors (never "corrupt" for a key-store problem)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..storage import errors


def describe(exc: BaseException) -> str:
    """One clear sentence plus what to do, in the UI language."""
    e = errors
    if isinstance(exc, e.WrongSecret):
        if exc.what == "recovery key":
            return QCoreApplication.translate(
                "Messages", "That recovery key does not unlock this vault. Check it and try again.")
        return QCoreApplication.translate(
            "Messages", "That passphrase does not unlock this vault. Check it and try again, "
                  "or use your recovery key.")
    if isinstance(exc, e.PassphraseRequired):
        return QCoreApplication.translate(
            "Messages", "No working system key store was found, so a passphrase is required to "
                  "protect your answers.")
    if isinstance(exc, e.KeyringChanged):
        return QCoreApplication.translate(
            "Messages", "The system key store changed since this vault was last unlocked (it was {old}, "
                  "it is now {new}). Your data is intact. Unlock with your passphrase or recovery "
                  "key.").format(old=exc.old_backend, new=exc.new_backend)
    if isinstance(exc, e.KeyringLocked):
        return QCoreApplication.translate(
            "Messages", "The system key store ({backend}) is locked, or its prompt was dismissed. "
                  "Unlock it and try again, or use your passphrase or recovery key."
                  ).format(backend=exc.backend)
    if isinstance(exc, e.KeyringTimeout):
        return QCoreApplication.translate(
            "Messages", "The system key store ({backend}) did not answer in time. Try again, or use "
                  "your passphrase or recovery key.").format(backend=exc.backend)
    if isinstance(exc, e.KeyringEntryMissing):
        return QCoreApplication.translate(
            "Messages", "The vault's key is no longer in the system key store ({backend}). Your data "
                  "is intact. Unlock with your passphrase or recovery key."
                  ).format(backend=exc.backend)
    if isinstance(exc, e.KeyringUnavailable):
        return QCoreApplication.translate(
            "Messages", "The system key store is not available. Unlock with your passphrase or "
                  "recovery key instead.")
    if isinstance(exc, e.NoUnlockMethod):
        return QCoreApplication.translate(
            "Messages", "This vault needs its passphrase or recovery key to open.")
    if isinstance(exc, e.NewerVersion):
        return QCoreApplication.translate(
            "Messages", "This vault was written by a newer version of Exposure Check. Please use a "
                  "newer version. Nothing was changed.")
    if isinstance(exc, e.VaultDamaged):
        return QCoreApplication.translate(
            "Messages", "A saved record is damaged and cannot be read ({kind} {id}). It was not used; "
                  "the rest of your data is unaffected.").format(kind=exc.record_kind,
                                                                 id=exc.record_id)
    if isinstance(exc, e.VaultCorrupt):
        return QCoreApplication.translate(
            "Messages", "The vault file is damaged. It was moved aside, not deleted. {count} local "
                  "backup(s) are available.").format(count=len(exc.backups_available))
    if isinstance(exc, e.StorageFull):
        return QCoreApplication.translate(
            "Messages", "The disk holding {path} is full, so nothing was saved. Your earlier data is "
                  "intact. Free some space and try again.").format(path=exc.path)
    if isinstance(exc, e.StorageUnwritable):
        return QCoreApplication.translate(
            "Messages", "Exposure Check cannot write to {path}, so nothing was saved. Your earlier "
                  "data is intact. Check the folder's permissions.").format(path=exc.path)
    if isinstance(exc, e.VaultClosed):
        return QCoreApplication.translate(
            "Messages", "The vault is closed; unlock it again.")
    if isinstance(exc, TimeoutError):
        return QCoreApplication.translate(
            "Messages", "The operation did not finish in time. Please try again.")
    if isinstance(exc, e.VaultError):
        return str(exc)
    return QCoreApplication.translate(
        "Messages", "Something went wrong: {detail}").format(detail=str(exc) or type(exc).__name__)
