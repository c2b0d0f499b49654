"""Translation bookkeeping for a pack: source hashes, status, skeletons, and stamping.

    python scripts/pack_locale.py PACK                 # each item's / red flag's source_hash and status
    python scripts/pack_locale.py PACK --skeleton      # TOML skeleton for missing and outdated entries
    python scripts/pack_locale.py PACK --stamp ID ...  # record the current hash for entries you updated
    python scripts/pack_locale.py PACK --stamp-placeholders
                                                       # same, for entries whose source is 000000000000

A translation records `source = "<hash>"`, the `source_hash` of the English it translates; the
strict lint flags it as outdated when the English changes. Stamp an entry only after you have
brought its text up to date with the English: stamping is the translator's "I checked this".
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from exposure_check.core.packs import source_hash  # noqa: E402

PLACEHOLDER = "000000000000"
SECTIONS = ("items", "red_flags")


def english_entries(pack: Path) -> dict[str, dict[str, dict[str, Any]]]:
    """The source-locale items and red flags of a pack directory, by section and ID."""
    out: dict[str, dict[str, dict[str, Any]]] = {"items": {}, "red_flags": {}}
    main = tomllib.loads((pack / "pack.toml").read_text("utf-8"))
    for it in main.get("items", []):
        out["items"][it["id"]] = it
    for rf in main.get("red_flags", []):
        out["red_flags"][rf["id"]] = rf
    for path in sorted((pack / "items").glob("*.toml")):
        for it in tomllib.loads(path.read_text("utf-8")).get("items", []):
            out["items"][it["id"]] = it
    return out


def status(pack: Path, locale: str) -> list[tuple[str, str, str, str]]:
    """(section, id, current hash, ok|outdated|missing) for every item and red flag."""
    path = pack / "locales" / f"{locale}.toml"
    translated = tomllib.loads(path.read_text("utf-8")) if path.is_file() else {}
    rows = []
    for section, entries in english_entries(pack).items():
        done = translated.get(section, {})
        for ident, entry in entries.items():
            want = source_hash(entry)
            tr = done.get(ident)
            state = "missing" if tr is None else ("ok" if tr.get("source") == want else "outdated")
            rows.append((section, ident, want, state))
    return rows


def _quote(ident: str) -> str:
    return f'"{ident}"' if "." in ident or "-" in ident else ident


def skeleton(pack: Path, locale: str) -> str:
    """A TOML skeleton for entries that are missing or outdated, with the English as comments."""
    entries = english_entries(pack)
    lines: list[str] = []
    for section, ident, want, state in status(pack, locale):
        if state == "ok":
            continue
        entry = entries[section][ident]
        lines.append(f"# {state}")
        lines.append(f"[{section}.{_quote(ident)}]")
        lines.append(f'source = "{want}"')
        fields = ("question", "why") if section == "items" else ("text", "advice")
        for key in fields:
            lines.append(f"# {key}: {entry[key]}")
            lines.append(f'{key} = ""')
        if section == "items" and isinstance(entry.get("options"), list):
            lines.append("# options: " + "; ".join(f"{o['id']} = {o['label']}" for o in entry["options"]))
            opts = ", ".join(f'{_quote(o["id"])} = ""' for o in entry["options"])
            lines.append("options = { " + opts + " }")
        for step in entry.get("steps", []) if section == "items" else []:
            for text in step["text"]:
                lines.append(f"# steps.{step['platform']}: {text}")
        if section == "items" and entry.get("steps"):
            lines.append("steps = { " + ", ".join(f'{_quote(s["platform"])} = [""]' for s in entry["steps"])
                         + " }")
        lines.append("")
    return "\n".join(lines)


_HEADER = re.compile(r'^\[(items|red_flags)\.(?:"([^"]+)"|([A-Za-z0-9_-]+))\]\s*$')
_SOURCE = re.compile(r'^(source\s*=\s*")([0-9a-f]{12})(")')


def stamp(pack: Path, locale: str, ids: set[str] | None) -> list[str]:
    """Rewrite `source = "…"` to the current hash for the given IDs (None: placeholder entries)."""
    path = pack / "locales" / f"{locale}.toml"
    current = {(sec, ident): want for sec, ident, want, _ in status(pack, locale)}
    lines = path.read_text("utf-8").splitlines(keepends=True)
    where: tuple[str, str] | None = None
    stamped: list[str] = []
    for n, line in enumerate(lines):
        m = _HEADER.match(line)
        if m:
            where = (m.group(1), m.group(2) or m.group(3))
            continue
        if line.startswith("["):
            where = None
            continue
        s = _SOURCE.match(line)
        if not s or where is None or where not in current:
            continue
        wanted = ids is None and s.group(2) == PLACEHOLDER or ids is not None and where[1] in ids
        if wanted:
            lines[n] = f"{s.group(1)}{current[where]}{s.group(3)}{line[s.end():]}"
            stamped.append(where[1])
    tmp = path.with_suffix(".toml.tmp")
    tmp.write_text("".join(lines), "utf-8")
    tomllib.loads(tmp.read_text("utf-8"))  # never leave a broken file behind
    tmp.replace(path)
    return stamped


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pack", type=Path, help="pack directory (with pack.toml, items/, locales/)")
    ap.add_argument("--locale", default="zh_CN")
    group = ap.add_mutually_exclusive_group()
    group.add_argument("--skeleton", action="store_true",
                       help="print a skeleton for missing and outdated entries")
    group.add_argument("--stamp", nargs="+", metavar="ID", help="record the current hash for these IDs")
    group.add_argument("--stamp-placeholders", action="store_true",
                       help=f"record the current hash where source is {PLACEHOLDER}")
    args = ap.parse_args(argv)
    if not (args.pack / "pack.toml").is_file():
        print(f"{args.pack}: not a pack directory (no pack.toml)", file=sys.stderr)
        return 1
    try:
        if args.skeleton:
            sys.stdout.write(skeleton(args.pack, args.locale))
            return 0
        if args.stamp or args.stamp_placeholders:
            wanted = set(args.stamp) if args.stamp else None
            done = stamp(args.pack, args.locale, wanted)
            missing = sorted(wanted - set(done)) if wanted else []
            print(f"stamped {len(done)} entr{'y' if len(done) == 1 else 'ies'}")
            for ident in missing:
                print(f"not found in locales/{args.locale}.toml: {ident}", file=sys.stderr)
            return 1 if missing else 0
        rows = status(args.pack, args.locale)
    except (OSError, tomllib.TOMLDecodeError, KeyError) as exc:
        print(f"{args.pack}: cannot read the pack: {exc}", file=sys.stderr)
        return 1
    for section, ident, want, state in rows:
        print(f"{want}  {state:8}  {section}.{ident}")
    counts = {s: sum(1 for r in rows if r[3] == s) for s in ("ok", "outdated", "missing")}
    print(f"{args.locale}: {counts['ok']} ok, {counts['outdated']} outdated, {counts['missing']} missing",
          file=sys.stderr)
    return 0 if counts["ok"] == len(rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
