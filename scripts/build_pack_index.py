#!/usr/bin/env python3
"""Write the core pack's index of validated files (resources/packs/core.prevalidated.json).

    .venv/bin/python scripts/build_pack_index.py          # validate the core pack, write the index
    .venv/bin/python scripts/build_pack_index.py --check  # exit 1 if the index is out of date

The app takes a core pack file from the index when its bytes still match, instead of parsing and
schema-checking it again at every start (see `exposure_check.core.packs`). A stale index is never
wrong, only slower: changed files are parsed and checked as before. Run this after editing
resources/packs/core or the pack schema, and commit the result; a test fails until you do.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from exposure_check.core.packs import PackError, build_prevalidated, prevalidated_path  # noqa: E402

CORE = ROOT / "resources" / "packs" / "core"


def render(pack_dir: Path | None = None) -> str:
    return json.dumps(build_prevalidated(pack_dir or CORE), ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if the index is out of date")
    args = ap.parse_args(argv)
    target = prevalidated_path(CORE)
    try:
        text = render()
    except PackError as exc:
        print(f"the core pack does not validate, no index written:\n{exc}", file=sys.stderr)
        return 1
    if args.check:
        current = target.read_text("utf-8") if target.exists() else ""
        if current != text:
            print(f"{target.relative_to(ROOT)} is out of date: run scripts/build_pack_index.py",
                  file=sys.stderr)
            return 1
        return 0
    tmp = target.with_suffix(".tmp")
    tmp.write_text(text, "utf-8")
    tmp.replace(target)
    print(f"wrote {target.relative_to(ROOT)} ({len(text) // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
