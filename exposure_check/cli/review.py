"""`exposure-check review FILE…|- [--json] [--declared FILE]`: run the reviewer and print findings.

The JSON output is a contract, documented in docs/review-json.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from .errors import EXIT_INVALID, EXIT_OK, CliError

JSON_FORMAT_VERSION = 1


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("review", parents=[common],
                       help="find what your text, exports and photos reveal (offline)",
                       description="Review files, archives (such as a LinkedIn data export), photos "
                                   "or standard input ('-') and print what they reveal about your work.")
    p.add_argument("files", nargs="+", metavar="FILE", help="files to review; '-' reads standard input")
    p.add_argument("--json", action="store_true", help="machine-readable output (docs/review-json.md)")
    p.add_argument("--declared", type=Path, metavar="FILE",
                   help="JSON with what to look for: names, employers, titles, teams, projects, "
                        "work_domains, emails, phones, handles, locations")
    p.add_argument("--platform", metavar="ID",
                   help="where the text is published (linkedin, github, weibo, events, email, …) so "
                        "findings suggest the right checklist items")
    p.add_argument("--locale", metavar="L", default="en", help="language of redaction placeholders")
    p.set_defaults(handler=cmd_review)


def _declared(path: Path | None) -> Any:
    from ..core.model import DeclaredFacts

    if path is None:
        return DeclaredFacts()
    try:
        raw = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise CliError(f"{path}: no such file (the --declared file)") from None
    except OSError as exc:
        raise CliError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise CliError(f"{path}: not UTF-8 text; save the declared facts as UTF-8 JSON") from None
    except json.JSONDecodeError as exc:
        raise CliError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})") from None
    if not isinstance(raw, dict):
        raise CliError(f"{path}: must be a JSON object such as {{\"employers\": [\"Acme Ltd\"]}}")
    try:
        return DeclaredFacts.from_dict(raw)
    except ValueError as exc:
        raise CliError(f"{path}: {exc}") from None


def result_to_json(result: Any) -> dict[str, Any]:
    return {
        "format": JSON_FORMAT_VERSION,
        "sources": [{"name": s.name, "kind": s.kind, "size": s.size, "encoding": s.encoding,
                     "lossy": s.lossy, "entries": s.entries, "platform": s.platform,
                     "photo": s.photo.to_dict() if s.photo else None} for s in result.sources],
        "findings": [f.to_dict() for f in result.findings],
        "counts": result.counts,
        "truncated": result.truncated,
        "suggested_answers": result.suggested_answers,
        "redacted": result.redacted,
        "issues": [{"source": i.source, "severity": i.severity, "message": i.message}
                   for i in result.issues],
    }


def cmd_review(args: argparse.Namespace) -> int:
    from ..core.packs import PackError, load_core_pack
    from ..core.review import Limits, ReviewInput, review

    declared = _declared(args.declared)
    inputs = []
    for name in args.files:
        if name == "-":
            limit = Limits().max_stdin
            data = sys.stdin.buffer.read(limit + 1)
            if len(data) > limit:
                raise CliError(f"standard input is larger than {limit >> 20} MiB; save it to a file "
                               "and review the file")
            inputs.append(ReviewInput("<stdin>", data=data))
        else:
            inputs.append(ReviewInput.file(name))
    try:
        pack = load_core_pack()
    except PackError:
        pack = None  # findings still print; only the checklist suggestions are missing
    result = review(inputs, declared, pack=pack, platform=args.platform, locale=args.locale)
    if args.json:
        json.dump(result_to_json(result), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        _print_human(result)
    for issue in result.issues:
        if issue.severity != "info" or not args.json:
            print(f"exposure-check: {issue.source}: {issue.message}", file=sys.stderr)
    return EXIT_INVALID if result.failed else EXIT_OK


def _print_human(result: Any) -> None:
    if not result.findings:
        print("Nothing found.")
    for f in result.findings:
        where = f"{f.source}:{f.line}" if f.line else f.source
        extra = f" ×{f.count}" if f.count > 1 else ""
        print(f"{where}: {f.topic}: {f.text!r}{extra} ({f.kind}, confidence {f.confidence:.2f})"
              + (f" — {f.detail}" if f.detail else ""))
        for s in f.suggestions:
            print(f"    → {s.item_id}: {s.answer}")
    if result.truncated:
        print("(more findings than shown; the counts below are complete)")
    if result.counts:
        print("Summary: " + ", ".join(f"{k} {v}" for k, v in result.counts.items()))
    for name, text in result.redacted.items():
        print(f"\nRedacted rewrite of {name}:\n{text}")
