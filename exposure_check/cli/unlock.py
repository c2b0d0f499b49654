"""Unlocking the vault from the command line, shared by every command that reads or writes it.

Secrets come from the OS keyring, or a passphrase from `--passphrase-stdin` or the
`EXPOSURE_CHECK_PASSPHRASE` environment variable (the borg/restic convention), or a recovery key
from `--recovery-key-stdin`. A passphrase is never taken as a command-line argument (it would
show in `ps` and shell history).

    from .unlock import add_unlock_args, open_vault_for_cli
    add_unlock_args(parser)
    with open_vault_for_cli(args) as vault: ...
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from .errors import EXIT_INVALID, EXIT_LOCKED, EXIT_NEWER, EXIT_STORAGE, CliError

if TYPE_CHECKING:
    from ..storage.errors import VaultError
    from ..storage.vault import Vault

PASSPHRASE_ENV = "EXPOSURE_CHECK_PASSPHRASE"
_HOW = f"pass --passphrase-stdin or set {PASSPHRASE_ENV}"


def add_unlock_args(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--passphrase-stdin", action="store_true",
                       help=f"read the vault passphrase from the first line of stdin "
                            f"(or set {PASSPHRASE_ENV}); default: the OS keyring")
    group.add_argument("--recovery-key-stdin", action="store_true",
                       help="read the vault's recovery key from the first line of stdin")


def _stdin_line(what: str) -> str:
    line = sys.stdin.readline()
    value = line.rstrip("\r\n")
    if not value:
        raise CliError(f"--{what}-stdin was given but stdin held no {what.replace('-', ' ')}.",
                       EXIT_LOCKED)
    return value


def passphrase_from(args: argparse.Namespace) -> str | None:
    """The passphrase the user supplied (stdin wins over the environment), or None."""
    if getattr(args, "passphrase_stdin", False):
        cached: str | None = getattr(args, "_passphrase", None)
        if cached is None:
            cached = _stdin_line("passphrase")
            args._passphrase = cached
        return cached
    env = os.environ.get(PASSPHRASE_ENV)
    return env if env else None


def exit_code_for(exc: VaultError) -> int:
    from ..storage import errors as e

    if isinstance(exc, e.NewerVersion):
        return EXIT_NEWER
    if isinstance(exc, e.VaultCorrupt | e.VaultDamaged | e.StorageFull | e.StorageUnwritable
                  | e.VaultMissing):
        return EXIT_STORAGE
    if isinstance(exc, e.VaultExists):
        return EXIT_INVALID
    return EXIT_LOCKED


def cli_error(exc: VaultError) -> CliError:
    """A VaultError as a CliError (its message, a distinct exit code)."""
    from ..storage import errors as e

    msg = str(exc)
    if isinstance(exc, e.KeyringUnavailable | e.KeyringLocked | e.KeyringTimeout | e.KeyringChanged
                  | e.KeyringEntryMissing | e.PassphraseRequired) and _HOW not in msg:
        msg += f" From the command line, {_HOW}."
    return CliError(msg, exit_code_for(exc))


def open_vault_for_cli(args: argparse.Namespace, *, create: bool = False) -> Vault:
    """Unlock the vault (or, with create=True and no vault yet, create one).

    A new vault prints its recovery key to stderr, once. Raises CliError with a clear message.
    """
    from ..storage import errors as e
    from ..storage.vault import Vault

    try:
        if not Vault.exists():
            if not create:
                from .. import paths

                raise e.VaultMissing(paths.data_dir())
            return _create(args)
        locked = Vault.open_locked()
        try:
            if getattr(args, "recovery_key_stdin", False):
                return locked.unlock_with_recovery_key(_stdin_line("recovery-key"))
            passphrase = passphrase_from(args)
            if passphrase is not None and locked.has_passphrase:
                return locked.unlock_with_passphrase(passphrase)
            if locked.keyring_backend_recorded is not None:
                return locked.unlock_with_keyring()
            if passphrase is not None:
                raise e.NoUnlockMethod("This vault has no passphrase slot.")
            raise e.NoUnlockMethod("No passphrase was given.")
        except BaseException:
            locked.close()
            raise
    except e.VaultError as exc:
        raise cli_error(exc) from None


def _create(args: argparse.Namespace) -> Vault:
    from ..storage import keys
    from ..storage.vault import Vault

    passphrase = passphrase_from(args)
    vault, recovery = Vault.create(passphrase=passphrase, use_keyring=True)
    if vault.keyring_backend_recorded:
        how = f"its key is kept in {keys.describe_backend(vault.keyring_backend_recorded)}"
        how += " and your passphrase also unlocks it" if passphrase else ""
    else:
        how = "your passphrase unlocks it"
    print(f"Created a new encrypted vault in {vault.data_dir}; {how}.\n"
          f"Your recovery key (write it down and keep it safe; it is shown only this once, and it "
          f"unlocks the vault on its own):\n\n    {recovery}\n", file=sys.stderr)
    return vault
