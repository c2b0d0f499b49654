"""`exposure-check audit record|list`: record a completed audit without the GUI, list audits.

`audit record --answers FILE.json` reads `{"profile": {...}, "answers": {"<item-id>": "<option-id>"}}`,
checks every ID against the pack (`load_pack_for_cli`, the one place that decides which pack),
scores it, and stores an immutable snapshot. Nothing is written unless the whole file is valid.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import EXIT_INVALID, EXIT_OK, EXIT_USAGE, CliError
from .unlock import add_unlock_args, open_vault_for_cli

if TYPE_CHECKING:
    from ..core.model import Pack, Profile, ProfileValue


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    audit = sub.add_parser("audit", parents=[common], help="record and list audits")
    asub = audit.add_subparsers(dest="audit_command", metavar="AUDIT_COMMAND", required=True)

    r = asub.add_parser("record", parents=[common],
                        help="record a completed audit from a JSON file (creates the vault if needed)")
    r.add_argument("--answers", required=True, type=Path, metavar="FILE.json",
                   help='{"profile": {...}, "answers": {"<item-id>": "<option-id>"}}; - for stdin')
    r.add_argument("--json", action="store_true", help="print the new audit's id and score as JSON")
    add_unlock_args(r)
    r.set_defaults(handler=cmd_record)

    lst = asub.add_parser("list", parents=[common], help="list the recorded audits, oldest first")
    lst.add_argument("--json", action="store_true", help="JSON output (id, date, score, pack)")
    add_unlock_args(lst)
    lst.set_defaults(handler=cmd_list)


def load_pack_for_cli() -> Pack:
    """The pack audits are checked against: the core pack plus the org overlay that policy allows
    (`distribution.load_effective_pack`); its notices (e.g. a refused overlay) go to stderr."""
    import sys

    from ..core.packs import PackError
    from ..distribution import load_effective_pack

    try:
        effective = load_effective_pack()
        for notice in effective.notices:
            print(f"exposure-check: {notice.message}", file=sys.stderr)
        return effective.pack
    except PackError as exc:
        first = exc.problems[0] if exc.problems else "unknown problem"
        raise CliError(f"The built-in question pack does not load ({first}); reinstall "
                       "Exposure Check.", EXIT_INVALID) from None


def _bad(src: str, problem: str) -> CliError:
    return CliError(f"{src}: {problem}. Nothing was recorded.", EXIT_INVALID)


def _parse_profile(src: str, pack: Pack, raw: object) -> Profile:
    from ..core.model import Profile

    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise _bad(src, '"profile" must be an object of profile answers')
    questions = {q.id: q for q in pack.profile}
    platforms = {p.id for p in pack.platforms}
    answers: dict[str, ProfileValue] = {}
    for key, value in raw.items():
        q = questions.get(key)
        if q is None:
            raise _bad(src, f"unknown profile question {key!r} (known: {', '.join(sorted(questions))})")
        if q.kind == "bool":
            if not isinstance(value, bool):
                raise _bad(src, f"profile {key!r} must be true or false")
            answers[key] = value
        elif q.kind == "choice":
            allowed = [o.id for o in q.options]
            if not isinstance(value, str) or value not in allowed:
                raise _bad(src, f"profile {key!r} must be one of {', '.join(allowed)}")
            answers[key] = value
        else:
            allowed_set = platforms if q.kind == "platforms" else {o.id for o in q.options}
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise _bad(src, f"profile {key!r} must be a list of IDs")
            unknown = [v for v in value if v not in allowed_set]
            if unknown:
                raise _bad(src, f"profile {key!r} has unknown ID(s): {', '.join(unknown)}")
            answers[key] = tuple(value)
    return Profile(answers)


def read_answers_file(path: Path, pack: Pack) -> tuple[Profile, dict[str, str]]:
    """Validate the whole file (every ID) before anything is written."""
    import sys

    src = "stdin" if str(path) == "-" else str(path)
    try:
        text = sys.stdin.read() if src == "stdin" else path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise _bad(src, f"cannot read the file ({getattr(exc, 'strerror', None) or exc})") from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _bad(src, f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    if not isinstance(doc, dict):
        raise _bad(src, 'expected an object {"profile": {...}, "answers": {...}}')
    extra = set(doc) - {"profile", "answers"}
    if extra:
        raise _bad(src, f"unexpected key(s) {', '.join(sorted(extra))}; only profile and answers")
    raw_answers = doc.get("answers")
    if not isinstance(raw_answers, dict):
        raise _bad(src, '"answers" must be an object mapping item IDs to option IDs')
    profile = _parse_profile(src, pack, doc.get("profile"))
    items = pack.item_map()
    answers: dict[str, str] = {}
    for item_id, option_id in raw_answers.items():
        item = items.get(item_id)
        if item is None:
            current = pack.current_id(item_id)
            item = items.get(current) if current else None
            if item is None:
                raise _bad(src, f"unknown item ID {item_id!r}")
        if not isinstance(option_id, str) or item.option(option_id) is None:
            opts = ", ".join(o.id for o in item.options)
            raise _bad(src, f"item {item.id!r}: unknown option {option_id!r} (options: {opts})")
        answers[item.id] = option_id
    return profile, answers


def cmd_record(args: argparse.Namespace) -> int:
    from ..core.model import Audit
    from ..core.scoring import score
    from ..storage.errors import VaultError
    from .unlock import cli_error

    if str(args.answers) == "-" and (args.passphrase_stdin or args.recovery_key_stdin):
        raise CliError("--answers - and --passphrase-stdin/--recovery-key-stdin cannot both read "
                       "stdin; put the answers in a file, or the passphrase in "
                       "EXPOSURE_CHECK_PASSPHRASE.", EXIT_USAGE)
    pack = load_pack_for_cli()
    profile, answers = read_answers_file(args.answers, pack)
    total = score(pack, profile, answers).total
    audit = Audit(uuid.uuid4().hex, dt.datetime.now(dt.UTC), pack.id, pack.version, profile, answers)
    with open_vault_for_cli(args, create=True) as vault:
        try:
            audit_id = vault.record_audit(audit, total)
        except VaultError as exc:
            raise cli_error(exc) from None
    if args.json:
        print(json.dumps({"id": audit_id, "score": round(total, 2), "pack_id": pack.id,
                          "pack_version": pack.version}))
    else:
        print(audit_id)
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    from ..storage.errors import VaultError
    from .unlock import cli_error

    with open_vault_for_cli(args) as vault:
        try:
            audits = vault.list_audits(skip_damaged=True)
            damaged = len(vault.damaged)
        except VaultError as exc:
            raise cli_error(exc) from None
    if args.json:
        print(json.dumps([{"id": a.id, "created": a.created.isoformat(), "score": round(a.score, 2),
                           "pack_id": a.pack_id, "pack_version": a.pack_version} for a in audits],
                         indent=2))
    else:
        if not audits:
            print("No audits recorded yet.")
        for a in audits:
            print(f"{a.created.astimezone().strftime('%Y-%m-%d %H:%M')}  score {a.score:5.1f}  "
                  f"{a.pack_id} {a.pack_version}  {a.id}")
    if damaged:
        import sys

        print(f"exposure-check: {damaged} damaged audit record(s) were left out; they could not be "
              "read. A local backup may hold intact copies.", file=sys.stderr)
    return EXIT_OK
