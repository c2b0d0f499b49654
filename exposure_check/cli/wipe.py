"""`exposure-check wipe --yes`: destroy the vault's key slots first, then its files."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .errors import EXIT_OK, EXIT_USAGE, CliError


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    w = sub.add_parser("wipe", parents=[common],
                       help="destroy the vault: its keys first (keyring entry too), then the data")
    w.add_argument("--yes", action="store_true", help="really do it (required; there is no undo)")
    w.set_defaults(handler=cmd_wipe)


def cmd_wipe(args: argparse.Namespace) -> int:
    from .. import paths
    from ..storage.wipe import wipe

    folder = paths.data_dir()
    if not args.yes:
        raise CliError(f"wipe destroys every answer, audit and backup in {folder} and cannot be "
                       "undone; run `exposure-check wipe --yes` to confirm.", EXIT_USAGE)
    result = wipe()
    print(f"Wiped: the vault's keys were destroyed, then {len(result.removed)} file(s) in {folder} "
          "were removed.", file=sys.stderr)
    if result.keyring_note:
        print(f"Note: {result.keyring_note}", file=sys.stderr)
    return EXIT_OK
