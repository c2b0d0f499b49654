"""`exposure-check pack …`: validate and export packs (signing lives in the team issue's module)."""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

from .errors import EXIT_INVALID, EXIT_OK, CliError


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    pack = sub.add_parser("pack", parents=[common], help="validate, export, sign and verify packs")
    psub = pack.add_subparsers(dest="pack_command", metavar="PACK_COMMAND", required=True)

    v = psub.add_parser("validate", parents=[common], help="check packs; one line per problem")
    v.add_argument("paths", nargs="+", metavar="PATH", type=Path)
    v.add_argument("--strict", action="store_true",
                   help="also fail on missing steps, sources, effort or translations, and long text")
    v.add_argument("--overlay", action="append", default=[], type=Path, metavar="DIR",
                   help="validate PATH with this overlay merged on top")
    v.set_defaults(handler=cmd_validate)

    e = psub.add_parser("export", parents=[common], help="print the resolved pack")
    e.add_argument("path", nargs="?", type=Path, metavar="PATH",
                   help="pack directory (default: the built-in core pack plus any org overlay)")
    e.add_argument("--json", action="store_true", required=True, help="JSON output")
    e.add_argument("--locale", metavar="L", help="resolve strings in this locale (en, zh_CN)")
    e.add_argument("--overlay", action="append", default=[], type=Path, metavar="DIR")
    e.set_defaults(handler=cmd_export)

    if importlib.util.find_spec(f"{__package__}.signing") is not None:
        importlib.import_module(f"{__package__}.signing").register(psub, common)


def cmd_validate(args: argparse.Namespace) -> int:
    from ..core.packs import validate_pack

    failed = False
    for path in args.paths:
        problems = validate_pack(path, args.overlay, strict=args.strict)
        for p in problems:
            print(p)
        failed = failed or bool(problems)
    if not failed:
        n = len(args.paths)
        print(f"{n} pack{'s' if n != 1 else ''} valid" + (" (strict)" if args.strict else ""),
              file=sys.stderr)
    return EXIT_INVALID if failed else EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from ..core.model import SUPPORTED_LOCALES
    from ..core.packs import PackError, load_pack, pack_to_dict
    from ..paths import core_pack_dir

    if args.locale and args.locale not in SUPPORTED_LOCALES:
        raise CliError(f"unknown locale {args.locale!r}; use one of {', '.join(SUPPORTED_LOCALES)}")
    try:
        if args.path is None and not args.overlay:
            # The default: what the app itself runs on (core + allowed org overlay + policy).
            from ..distribution import load_effective_pack

            effective = load_effective_pack()
            for notice in effective.notices:
                print(f"exposure-check: {notice.level}: {notice.message}", file=sys.stderr)
            pack = effective.pack
        else:
            pack = load_pack(args.path or core_pack_dir(), args.overlay)
    except PackError as exc:
        raise CliError(f"the pack is not valid:\n{exc}") from None
    json.dump(pack_to_dict(pack, args.locale), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return EXIT_OK
