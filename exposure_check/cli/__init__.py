"""The command line (a contract: see docs/cli.md). The GUI is the default command.

Each subcommand lives in its own module with a `register(subparsers, common)` function; heavy
imports happen inside the handlers so `--version` and the GUI start stay fast.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys
from collections.abc import Callable, Sequence

from .. import __version__
from .errors import EXIT_USAGE, CliError

# Subcommand modules, in the order `--help` lists them. Each one registers its own parsers.
_MODULES = ("pack", "audit", "report", "review", "selfsearch", "backup", "remind", "wipe",
            "selftest")


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                        help="where the vault lives (default: the user data dir; "
                             "env EXPOSURE_CHECK_DATA_DIR)")
    return common


_GUI_OPTIONS = ("--locale", "--data-dir")


def _gui_only(argv: Sequence[str]) -> bool:
    """Whether argv holds nothing but the GUI's own options (then no subcommand is imported,
    which keeps the desktop app's start-up fast)."""
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        if arg in _GUI_OPTIONS and rest:
            rest.pop(0)
        elif not any(arg.startswith(f"{o}=") for o in _GUI_OPTIONS):
            return False
    return True


def build_parser(commands: bool = True) -> argparse.ArgumentParser:
    common = _common()
    parser = argparse.ArgumentParser(
        prog="exposure-check", parents=[common],
        description="A private, offline self-audit of what you reveal online about your work. "
                    "With no command, the desktop app starts.")
    parser.add_argument("--version", action="version", version=f"exposure-check {__version__}")
    parser.add_argument("--locale", metavar="L", default=None,
                        help="user interface language for the GUI (en or zh_CN)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in _MODULES if commands else ():
        if importlib.util.find_spec(f"{__name__}.{name}") is None:
            continue  # a subcommand that is not built yet
        importlib.import_module(f"{__name__}.{name}").register(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    given = sys.argv[1:] if argv is None else argv
    if not given:  # the desktop launcher: no parser to build
        from ..ui.app import run_gui

        return run_gui(locale=None)
    parser = build_parser(commands=not _gui_only(given))
    args = parser.parse_args(argv)
    data_dir = getattr(args, "data_dir", None)
    if data_dir:
        from .. import paths

        paths.set_data_dir(data_dir)
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    try:
        if handler is None:
            if args.command:
                parser.parse_args([args.command, "--help"])
                return EXIT_USAGE
            from ..ui.app import run_gui

            return run_gui(locale=args.locale)
        return handler(args)
    except CliError as exc:
        print(f"exposure-check: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        print("exposure-check: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def main_gui() -> int:
    return main(sys.argv[1:])
