"""`exposure-check selfsearch …`: the self-search plan, its status, and recording what was found.

The app never runs a search: `plan` prints queries and addresses for the user to run in their own
browser or tools. Facts come from the unlocked vault's declared profile, or from `--declared
FILE.json` (`{"names": […], "employers": […], …}`, the DeclaredFacts fields) without a vault.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import EXIT_INVALID, EXIT_OK, EXIT_STORAGE, EXIT_USAGE, CliError
from .unlock import add_unlock_args

if TYPE_CHECKING:
    from ..core.model import DeclaredFacts, Pack
    from ..core.selfsearch import Plan
    from ..storage.vault import Vault

MAX_DECLARED_BYTES = 1024 * 1024


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--locale", dest="selfsearch_locale", metavar="L", default=None,
                   help="order and romanise for this locale (en or zh_CN; default en)")
    p.add_argument("--region", metavar="CC", default=None,
                   help="phone region for numbers without +country code, e.g. CN or GB "
                        "(default: CN for zh_CN, none for en)")
    p.add_argument("--pack", type=Path, metavar="DIR", default=None,
                   help="use this pack instead of the built-in one (plus the org overlay)")
    p.add_argument("--overlay", action="append", default=[], type=Path, metavar="DIR",
                   help="merge this overlay on top of --pack")
    add_unlock_args(p)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    ss = sub.add_parser("selfsearch", parents=[common],
                        help="searches to run yourself in your own browser, and what you found")
    ssub = ss.add_subparsers(dest="selfsearch_command", metavar="SELFSEARCH_COMMAND", required=True)

    p = ssub.add_parser("plan", parents=[common], help="print the self-search plan")
    p.add_argument("--json", action="store_true", help="JSON output")
    p.add_argument("--declared", type=Path, metavar="FILE.json",
                   help="read the facts from this file instead of the vault")
    _add_common(p)
    p.set_defaults(handler=cmd_plan)

    s = ssub.add_parser("status", parents=[common],
                        help="when each search was last run and which are due again")
    s.add_argument("--json", action="store_true", help="JSON output")
    s.add_argument("--due", action="store_true", help="only the searches that are due")
    _add_common(s)
    s.set_defaults(handler=cmd_status)

    r = ssub.add_parser("record", parents=[common], help="record what a search found")
    r.add_argument("key", metavar="KEY", help="the query's key (from `selfsearch plan --json`)")
    what = r.add_mutually_exclusive_group(required=True)
    what.add_argument("--nothing", action="store_true", help="nothing about you was found")
    what.add_argument("--found", metavar="KINDS",
                      help="comma-separated: employer,title,email,phone,photo,address")
    r.add_argument("--where", metavar="PLATFORM", default=None,
                   help="the pack platform it was found on (default: the search's own)")
    r.add_argument("--note", default="", help="a private note, kept in the vault")
    _add_common(r)
    r.set_defaults(handler=cmd_record)


# ---------------------------------------------------------------------------------------------


def _locale(args: argparse.Namespace) -> str:
    from ..core.model import SUPPORTED_LOCALES

    loc = args.selfsearch_locale or getattr(args, "locale", None) or "en"
    loc = "zh_CN" if loc.lower().replace("-", "_").startswith("zh") else loc
    if loc not in SUPPORTED_LOCALES:
        raise CliError(f"unknown locale {loc!r}; use one of {', '.join(SUPPORTED_LOCALES)}", EXIT_USAGE)
    return loc


def _load_pack(args: argparse.Namespace) -> Pack:
    from ..core.packs import PackError, load_pack

    try:
        if args.pack is not None:
            return load_pack(args.pack, args.overlay)
        from ..distribution import load_effective_pack

        effective = load_effective_pack()
        for notice in effective.notices:
            print(f"exposure-check: {notice.message}", file=sys.stderr)
        return effective.pack
    except PackError as exc:
        raise CliError(f"the pack is not valid:\n{exc}") from None


def read_declared(path: Path) -> DeclaredFacts:
    """Declared facts from a JSON file; a clear CliError naming the file on any problem."""
    from ..core.model import DeclaredFacts

    try:
        if path.stat().st_size > MAX_DECLARED_BYTES:
            raise CliError(f"{path}: the file is larger than {MAX_DECLARED_BYTES // 1024} KiB")
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise CliError(f"{path}: no such file") from None
    except OSError as exc:
        raise CliError(f"{path}: cannot read the file ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise CliError(f"{path}: the file is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise CliError(f"{path}:{exc.lineno}: not valid JSON: {exc.msg}") from None
    if isinstance(data, dict) and isinstance(data.get("declared"), dict):
        data = data["declared"]
    if not isinstance(data, dict):
        raise CliError(f"{path}: expected a JSON object such as "
                       '{"names": ["…"], "employers": ["…"]}')
    unknown = sorted(set(data) - set(DeclaredFacts.__dataclass_fields__))
    if unknown:
        raise CliError(f"{path}: unknown field(s) {', '.join(unknown)}; known: "
                       f"{', '.join(DeclaredFacts.__dataclass_fields__)}")
    for key, value in data.items():
        items = value if isinstance(value, list) else [value]
        if not all(isinstance(v, str) for v in items):
            raise CliError(f"{path}: {key!r} must be a list of strings")
    try:
        return DeclaredFacts.from_dict(data)
    except ValueError as exc:
        raise CliError(f"{path}: {exc}") from None


def _open_vault(args: argparse.Namespace) -> Vault:
    """The unlocked vault (the shared unlock helper: keyring, passphrase or recovery key)."""
    from ..storage.vault import Vault
    from .unlock import open_vault_for_cli

    if not Vault.exists():
        raise CliError("there is no vault yet: fill in your profile in the app first, or pass the "
                       "facts with --declared FILE.json", EXIT_STORAGE)
    return open_vault_for_cli(args)


def _vault_facts(vault: Vault) -> DeclaredFacts:
    loaded = vault.load_profile()
    if loaded is None:
        raise CliError("your profile is empty: fill it in in the app first, or use --declared "
                       "FILE.json", EXIT_INVALID)
    facts: DeclaredFacts = loaded[1]
    return facts


def _recheck_days(pack: Pack) -> int:
    from ..core.selfsearch import DEFAULT_RECHECK_DAYS

    try:
        from ..policy import effective_setting, load_policy

        value = effective_setting("recheck_days", {}, load_policy(), pack).value
        return int(value) if isinstance(value, int) else DEFAULT_RECHECK_DAYS
    except Exception:  # policy problems are reported by `selftest`; fall back quietly here
        return DEFAULT_RECHECK_DAYS


def _print_plan(plan: Plan, status: dict[str, str] | None = None) -> None:
    from ..core.model import tr

    total = len(plan.queries())
    print(f"Self-search plan: {total} searches in {len(plan.groups)} groups.")
    print("Run them in your own browser. Exposure Check itself sends nothing to any site.")
    width = max((len(tr(q.engine_name, plan.locale)) for q in plan.queries()), default=0)
    for n, g in enumerate(plan.groups, 1):
        title = g.label if g.facts != ("photo",) else "Your profile photos (reverse image search)"
        print(f"\n{n}. {title}")
        for q in g.queries:
            name = tr(q.engine_name, plan.locale)
            extra = f"  [{status[q.key]}]" if status and q.key in status else ""
            if q.text:
                print(f"   {name:<{width}}  {q.text}{extra}")
                print(f"   {'':<{width}}  {q.url}")
            else:
                print(f"   {name:<{width}}  {q.url}{extra}")
            if q.note and g.facts == ("photo",):
                print(f"   {'':<{width}}  {tr(q.note, plan.locale)}")


def cmd_plan(args: argparse.Namespace) -> int:
    from ..core.selfsearch import build_plan, plan_to_dict

    locale = _locale(args)
    facts = read_declared(args.declared) if args.declared else None
    pack = _load_pack(args)
    if facts is None:
        vault = _open_vault(args)
        try:
            facts = _vault_facts(vault)
        finally:
            vault.close()
    plan = build_plan(pack, facts, locale, args.region)
    if args.json:
        json.dump(plan_to_dict(plan), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        _print_plan(plan)
    return EXIT_OK


def cmd_status(args: argparse.Namespace) -> int:
    from ..core.selfsearch import build_plan, describe_age, latest_findings, load_findings, query_status

    locale = _locale(args)
    pack = _load_pack(args)
    vault = _open_vault(args)
    try:
        plan = build_plan(pack, _vault_facts(vault), locale, args.region)
        findings = load_findings(vault)
    finally:
        vault.close()
    days = _recheck_days(pack)
    latest = latest_findings(findings)
    now = datetime.now(UTC)
    rows = [(q, st) for q in plan.queries()
            if (st := query_status(q, latest, now, days)).due or not args.due]
    if args.json:
        out = [{"key": q.key, "engine": q.engine_id, "query": q.text, "url": q.url,
                "days_ago": st.days_ago, "due": st.due,
                "result": st.last.result if st.last else None,
                "kinds": list(st.last.kinds) if st.last else []} for q, st in rows]
        json.dump({"recheck_days": days, "searches": out}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    due = sum(1 for _, st in rows if st.due)
    print(f"{due} of {len(rows)} searches are due (re-check every {days} days).")
    for q, st in rows:
        mark = "DUE " if st.due else "    "
        print(f"{mark}{q.engine_id:<22} {q.text or q.url}  ({describe_age(st.days_ago)})")
    return EXIT_OK


def cmd_record(args: argparse.Namespace) -> int:
    from ..core.selfsearch import FOUND_KINDS, build_plan, new_finding, record_finding

    locale = _locale(args)
    pack = _load_pack(args)
    kinds: list[str] = []
    if args.found is not None:
        kinds = [k.strip() for k in args.found.split(",") if k.strip()]
        bad = [k for k in kinds if k not in FOUND_KINDS]
        if bad or not kinds:
            raise CliError(f"--found takes one or more of {', '.join(FOUND_KINDS)}"
                           + (f"; not {', '.join(bad)}" if bad else ""), EXIT_USAGE)
    if args.where is not None and args.where and args.where not in {p.id for p in pack.platforms}:
        raise CliError(f"unknown platform {args.where!r}; the pack has "
                       f"{', '.join(p.id for p in pack.platforms)}", EXIT_USAGE)
    vault = _open_vault(args)
    try:
        plan = build_plan(pack, _vault_facts(vault), locale, args.region)
        query = plan.query(args.key)
        if query is None:
            raise CliError(f"no search with key {args.key!r} in your current plan "
                           "(see `exposure-check selfsearch plan --json`)")
        finding = new_finding(query, "found" if kinds else "nothing", kinds, args.note, args.where)
        record_finding(vault, finding)
    finally:
        vault.close()
    print("Recorded." + (" Your answers in the app will show suggestions from it." if kinds else ""))
    return EXIT_OK
