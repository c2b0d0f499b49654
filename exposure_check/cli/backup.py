"""`exposure-check backup export FILE` / `backup import FILE [--replace]`: encrypted backups.

The backup passphrase (not the vault's) comes from the first line of stdin with
`--passphrase-stdin`, from `EXPOSURE_CHECK_BACKUP_PASSPHRASE`, or from a prompt on a terminal.
The vault itself unlocks through the keyring, `EXPOSURE_CHECK_PASSPHRASE`, or the next stdin line
with `--vault-passphrase-stdin`. See storage/backup.py for the file format.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from .errors import EXIT_INVALID, EXIT_LOCKED, EXIT_NEWER, EXIT_OK, EXIT_USAGE, CliError
from .unlock import cli_error, open_vault_for_cli

BACKUP_PASSPHRASE_ENV = "EXPOSURE_CHECK_BACKUP_PASSPHRASE"


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    b = sub.add_parser("backup", parents=[common], help="export or import an encrypted backup")
    bsub = b.add_subparsers(dest="backup_command", metavar="BACKUP_COMMAND", required=True)
    e = bsub.add_parser("export", parents=[common], help="write an encrypted backup of the vault")
    e.add_argument("file", type=Path, metavar="FILE")
    _secret_args(e)
    e.set_defaults(handler=cmd_export)
    i = bsub.add_parser("import", parents=[common], help="restore a backup into the vault")
    i.add_argument("file", type=Path, metavar="FILE")
    i.add_argument("--replace", action="store_true",
                   help="replace a vault that already holds data (everything in it is lost)")
    _secret_args(i)
    i.set_defaults(handler=cmd_import)


def _secret_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--passphrase-stdin", action="store_true",
                   help=f"read the BACKUP passphrase from the first line of stdin (or set "
                        f"{BACKUP_PASSPHRASE_ENV})")
    p.add_argument("--vault-passphrase-stdin", action="store_true",
                   help="read the vault passphrase from the next line of stdin (or set "
                        "EXPOSURE_CHECK_PASSPHRASE; default: the OS keyring)")


def _line(what: str) -> str:
    value = sys.stdin.readline().rstrip("\r\n")
    if not value:
        raise CliError(f"stdin held no {what}.", EXIT_LOCKED)
    return value


def _backup_passphrase(args: argparse.Namespace, *, confirm: bool) -> str:
    if args.passphrase_stdin:
        return _line("backup passphrase")
    env = os.environ.get(BACKUP_PASSPHRASE_ENV)
    if env:
        return env
    if sys.stdin.isatty():
        first = getpass.getpass("Backup passphrase: ")
        if confirm and getpass.getpass("Repeat the backup passphrase: ") != first:
            raise CliError("The two passphrases differ; nothing was written.", EXIT_USAGE)
        if first:
            return first
    raise CliError(f"No backup passphrase: pass --passphrase-stdin or set {BACKUP_PASSPHRASE_ENV}.",
                   EXIT_LOCKED)


def _vault_args(args: argparse.Namespace) -> argparse.Namespace:
    """Arguments for the shared unlock helper (its stdin passphrase is our second line)."""
    ns = argparse.Namespace(passphrase_stdin=False, recovery_key_stdin=False)
    if args.vault_passphrase_stdin:
        ns.passphrase_stdin = True
        ns._passphrase = _line("vault passphrase")
    return ns


def _code(exc: Exception) -> int:
    from ..storage import backup

    if isinstance(exc, backup.BackupNewerVersion):
        return EXIT_NEWER
    if isinstance(exc, backup.BackupWrongPassphrase | backup.EmptyPassphrase):
        return EXIT_LOCKED
    return EXIT_INVALID


def cmd_export(args: argparse.Namespace) -> int:
    from ..storage import backup
    from ..storage.errors import VaultError

    passphrase = _backup_passphrase(args, confirm=True)
    target: Path = args.file
    if target.is_dir():
        raise CliError(f"{target}: is a folder; give a file name.", EXIT_INVALID)
    vault = open_vault_for_cli(_vault_args(args))
    try:
        contents = backup.export_backup(vault, target, passphrase)
    except backup.BackupError as exc:
        raise CliError(str(exc), _code(exc)) from None
    except VaultError as exc:
        raise cli_error(exc) from None
    finally:
        vault.close()
    c = contents.counts
    print(f"Wrote an encrypted backup to {target}: {c['audits']} audit(s), {c['progress']} plan "
          f"event(s), {c['records']} other record(s). Keep the backup passphrase: without it the "
          f"file cannot be opened.", file=sys.stderr)
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from .. import paths
    from ..storage import backup
    from ..storage.errors import VaultError
    from ..storage.vault import Vault
    from .unlock import passphrase_from

    passphrase = _backup_passphrase(args, confirm=False)
    vargs = _vault_args(args)
    try:
        contents = backup.read_backup(args.file, passphrase)  # all checks before any write
    except backup.BackupError as exc:
        raise CliError(str(exc), _code(exc)) from None
    existed = Vault.exists()
    vault = open_vault_for_cli(vargs, create=True)
    try:
        try:
            if backup.is_empty(vault):
                backup.restore(vault, contents)
                recovery = None
            elif not args.replace:
                raise CliError(f"The vault in {paths.data_dir()} already holds data. Importing "
                               f"replaces all of it; run again with --replace to confirm. Nothing "
                               f"was changed.", EXIT_INVALID)
            else:
                use_keyring = vault.keyring_backend_recorded is not None
                vault.close()
                recovery = backup.replace_vault(paths.data_dir(), contents,
                                                passphrase=passphrase_from(vargs),
                                                use_keyring=use_keyring)
        finally:
            vault.close()
    except backup.BackupError as exc:
        raise CliError(str(exc), _code(exc)) from None
    except VaultError as exc:
        raise cli_error(exc) from None
    c = contents.counts
    what = "Replaced the vault with" if recovery else ("Restored" if existed else
                                                        "Created a vault and restored")
    print(f"{what} the backup from {args.file}: {c['audits']} audit(s), {c['progress']} plan "
          f"event(s), {c['records']} other record(s).", file=sys.stderr)
    if recovery:
        print("The replaced vault has new keys. Your new recovery key (write it down; it is "
              f"shown only this once):\n\n    {recovery}\n", file=sys.stderr)
    return EXIT_OK
