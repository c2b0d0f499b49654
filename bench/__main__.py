"""One benchmark runner: `python -m bench [--quick] [--only NAME] [--output FILE]`.

Runs every `bench/bench_*.py` (each defines `run(quick: bool) -> list[Result]`), prints a table,
and appends it with date, machine and versions to docs/benchmarks.md (quick runs append only
when --output is given, so CI never rewrites the committed figures).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib
import os
import platform
import sys
import traceback
from pathlib import Path

from .common import Result

ROOT = Path(__file__).resolve().parent.parent


def _versions() -> str:
    parts = [f"Python {platform.python_version()}"]
    for mod in ("PySide6", "cryptography", "keyring"):
        with contextlib.suppress(Exception):
            parts.append(f"{mod} {importlib.import_module(mod).__version__}")
    from exposure_check import __version__

    parts.append(f"exposure-check {__version__}")
    return ", ".join(parts)


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    return f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores"


def _fmt(x: float | None) -> str:
    if x is None:
        return "–"
    return f"{x:.3g}" if abs(x) < 1000 else f"{x:,.0f}"


def table(rows: list[tuple[str, Result]]) -> str:
    lines = ["| benchmark | metric | ours | baseline | ratio | goal | met | note |",
             "|---|---|---|---|---|---|---|---|"]
    for name, r in rows:
        ratio = f"{r.ratio:.2f}×" if r.ratio is not None else "–"
        lines.append(f"| {name} | {r.metric} | {_fmt(r.value)} {r.unit} | "
                     f"{_fmt(r.baseline)}{' ' + r.unit if r.baseline is not None else ''} | {ratio} | "
                     f"{r.goal} | {'yes' if r.ok else '**no**'} | {r.note} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench")
    ap.add_argument("--quick", action="store_true", help="small sizes, few runs (CI)")
    ap.add_argument("--only", action="append", default=[], help="run only these benchmarks")
    ap.add_argument("--output", type=Path, help="append the table here (default: docs/benchmarks.md)")
    args = ap.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    names = sorted(p.stem for p in (ROOT / "bench").glob("bench_*.py"))
    if args.only:
        names = [n for n in names if any(o in n for o in args.only)]
    rows: list[tuple[str, Result]] = []
    failed = []
    for name in names:
        print(f"running {name}…", file=sys.stderr, flush=True)
        try:
            module = importlib.import_module(f"bench.{name}")
            for r in module.run(args.quick):
                rows.append((name.removeprefix("bench_"), r))
        except Exception:
            traceback.print_exc()
            failed.append(name)
    out = table(rows)
    print(out)
    if failed:
        print(f"benchmarks that crashed: {', '.join(failed)}", file=sys.stderr)
    target = args.output or (None if args.quick else ROOT / "docs" / "benchmarks.md")
    if target is not None:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        mode = "quick" if args.quick else "full"
        scope = f"{mode} run, only {', '.join(n.removeprefix('bench_') for n in names)}" if args.only \
            else f"{mode} run"
        with open(target, "a", encoding="utf-8") as fh:
            fh.write(f"\n## {stamp} ({scope})\n\nMachine: {_machine()}. Versions: {_versions()}.\n\n")
            fh.write(out + "\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
