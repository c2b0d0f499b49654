"""`exposure-check remind`: is a re-check due? For schedulers, login items and calendars.

    remind --check          exit 0 when a re-check is due, 1 when not, other codes on errors
    remind                  the same, and a desktop notification when due and a display exists
    remind --ics FILE       write a calendar file with a recurring re-check event
    remind --autostart on|off|status   run `remind` at login (XDG / LaunchAgent / Run key)
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from .errors import EXIT_INVALID, EXIT_NOT_DUE, EXIT_OK, EXIT_STORAGE, CliError
from .unlock import add_unlock_args, cli_error, open_vault_for_cli


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    r = sub.add_parser("remind", parents=[common],
                       help="exit 0 if a re-check is due (1 if not); notify when run with a display")
    r.add_argument("--check", action="store_true",
                   help="only the exit code and one line: no notification")
    r.add_argument("--ics", metavar="FILE", type=Path,
                   help="write an .ics calendar file with a recurring re-check event")
    r.add_argument("--autostart", choices=("on", "off", "status"),
                   help="start `exposure-check remind` at login, stop it, or show whether it is on")
    r.add_argument("--locale", dest="remind_locale", metavar="L", default=None,
                   help="language of the calendar event (en or zh_CN)")
    add_unlock_args(r)
    r.set_defaults(handler=cmd_remind)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def cmd_remind(args: argparse.Namespace) -> int:
    if args.autostart:
        return _autostart(args.autostart)
    from ..reminders import notification_text, vault_recheck_days, vault_status
    from ..storage.errors import VaultError
    from ..storage.vault import Vault
    from .audit import load_pack_for_cli

    try:
        pack = load_pack_for_cli()
    except CliError as exc:  # exit 1 means "not due" here: an error must not look like it
        raise CliError(str(exc), EXIT_STORAGE) from None
    now = _now()
    if not Vault.exists():
        from ..core.history import recheck_status

        status = recheck_status([], now)
        days = status.recheck_days
    else:
        vault = open_vault_for_cli(args)
        try:
            days = vault_recheck_days(vault, pack)
            status = vault_status(vault, now, days, pack)
        except VaultError as exc:
            raise cli_error(exc) from None
        finally:
            vault.close()
    if args.ics is not None:
        return _write_ics(args.ics, status, days, now, args.remind_locale)
    text = notification_text(status, now)
    print(("Re-check due. " if status.due else "No re-check due. ") + text)
    if status.due and not args.check:
        from ..policy import effective_setting, load_policy
        from ..ui import prefs
        from ..ui.notify import display_available

        # Settings ▸ "Remind me when a re-check is due" (or a policy) can turn notifications off.
        wanted = effective_setting("reminders", prefs.load(), load_policy(), pack).value
        if wanted and display_available():
            from ..ui.notify import show_recheck_notification

            show_recheck_notification(text)
    return EXIT_OK if status.due else EXIT_NOT_DUE


def _write_ics(path: Path, status: Any, days: int, now: dt.datetime, locale: str | None) -> int:
    from ..core.ics import recheck_event, to_ics
    from ..core.model import SUPPORTED_LOCALES
    from .report import write_atomic

    if locale is not None and locale not in SUPPORTED_LOCALES:
        raise CliError(f"unknown locale {locale!r}; use one of {', '.join(SUPPORTED_LOCALES)}",
                       EXIT_INVALID)
    first = status.due_at if status.due_at is not None and status.due_at > now else now
    write_atomic(path, to_ics(recheck_event(first.date(), days, stamp=now),
                              locale or "en").encode("utf-8"))
    print(f"Wrote a calendar event every {days} days from {first.date().isoformat()} to {path}.",
          file=sys.stderr)
    return EXIT_OK


def _autostart(action: str) -> int:
    from .. import paths, reminders

    if action == "status":
        print("on" if reminders.autostart_enabled() else "off")
        return EXIT_OK
    if action == "off":
        reminders.disable_autostart()
        print("Start at login is off.", file=sys.stderr)
        return EXIT_OK
    try:
        entry = reminders.enable_autostart(reminders.remind_command(paths.data_dir()))
    except OSError as exc:
        raise CliError(f"cannot set up start at login: {exc.strerror or exc}", EXIT_INVALID) from None
    print(f"Start at login is on: {entry.location}", file=sys.stderr)
    return EXIT_OK
