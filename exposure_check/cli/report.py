"""`exposure-check report`: the latest audit's report as JSON, Markdown, HTML or PDF, full or
redacted (see core/report.py for what a redacted report holds)."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import secrets
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import EXIT_INVALID, EXIT_OK, EXIT_STORAGE, CliError
from .unlock import add_unlock_args, cli_error, open_vault_for_cli

if TYPE_CHECKING:
    from ..core.report import Report


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    r = sub.add_parser("report", parents=[common],
                       help="write the latest audit's report (json, md, html or pdf)")
    r.add_argument("--format", required=True, choices=("json", "md", "html", "pdf"))
    r.add_argument("--redacted", action="store_true",
                   help="for a security officer: scores, counts and dates only; no answers, "
                        "no profile, no declared facts, no notes")
    r.add_argument("-o", "--output", required=True, metavar="FILE",
                   help="where to write it (- for stdout, except pdf)")
    r.add_argument("--locale", dest="report_locale", metavar="L",
                   help="report language: en or zh_CN (default: the app's language setting)")
    r.add_argument("--audit", metavar="ID", help="report this audit instead of the latest")
    add_unlock_args(r)
    r.set_defaults(handler=cmd_report)


def build_from_vault(vault: Any, *, redacted: bool, locale: str | None = None,
                     audit_id: str | None = None, now: dt.datetime | None = None) -> Report:
    """The report the CLI and the UI write: latest (or the given) audit, with plan progress."""
    from .. import __version__
    from ..core.model import SUPPORTED_LOCALES
    from ..core.report import build_report
    from ..reminders import vault_recheck_days
    from .audit import load_pack_for_cli

    pack = load_pack_for_cli()
    summaries = vault.list_audits()
    if not summaries:
        raise CliError("No audit has been recorded yet, so there is nothing to report. Complete "
                       "an audit in the app (or `exposure-check audit record`) first.",
                       EXIT_INVALID)
    ids = [s.id for s in summaries]
    if audit_id is not None and audit_id not in ids:
        raise CliError(f"No audit with ID {audit_id!r}; `exposure-check audit list` shows them.",
                       EXIT_INVALID)
    audits = [vault.load_audit(i) for i in ids]
    target = next(a for a in audits if a.id == (audit_id or ids[-1]))
    if locale is None:
        setting = vault.get_setting("locale")
        locale = setting if setting in SUPPORTED_LOCALES else "en"
    return build_report(pack, target, now=now or dt.datetime.now(dt.UTC), locale=locale,
                        redacted=redacted, progress_events=vault.progress_events(),
                        history=audits, recheck_days=vault_recheck_days(vault, pack),
                        app_version=__version__)


def write_atomic(path: Path, data: bytes) -> None:
    """temp + fsync + rename: a failed write leaves no partial file behind."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        with open(tmp, "xb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise CliError(f"{path}: cannot write the file ({exc.strerror or exc}).",
                       EXIT_STORAGE) from None


def cmd_report(args: argparse.Namespace) -> int:
    from ..core.model import SUPPORTED_LOCALES
    from ..core.report import render
    from ..storage.errors import VaultError

    if args.report_locale and args.report_locale not in SUPPORTED_LOCALES:
        raise CliError(f"unknown locale {args.report_locale!r}; use one of "
                       f"{', '.join(SUPPORTED_LOCALES)}", EXIT_INVALID)
    if args.output == "-" and args.format == "pdf":
        raise CliError("a PDF cannot go to stdout; give a file name with -o", EXIT_INVALID)
    out = Path(args.output) if args.output != "-" else None
    if out is not None and out.is_dir():
        raise CliError(f"{out}: is a folder; give a file name with -o", EXIT_INVALID)
    vault = open_vault_for_cli(args)
    try:
        rep = build_from_vault(vault, redacted=args.redacted, locale=args.report_locale,
                               audit_id=args.audit)
    except VaultError as exc:
        raise cli_error(exc) from None
    finally:
        vault.close()
    if args.format == "pdf":
        assert out is not None
        from ..ui.pdf import render_pdf

        data = render_pdf(rep)
    else:
        text = render(rep, args.format)
        if out is None:
            sys.stdout.write(text)
            return EXIT_OK
        data = text.encode("utf-8")
    write_atomic(out, data)
    kind = "redacted" if args.redacted else "full"
    print(f"Wrote the {kind} {args.format} report of the audit of "
          f"{rep.audit_date.date().isoformat()} to {out}.", file=sys.stderr)
    return EXIT_OK
