#!/usr/bin/env python3
"""Update the Qt Linguist source (.ts) from exposure_check/ui and compile it (.qm).

    .venv/bin/python scripts/build_translations.py          # lupdate, then lrelease
    .venv/bin/python scripts/build_translations.py --check  # exit 1 if the .qm is out of date

Translators edit resources/translations/exposure_check_zh_CN.ts (Qt Linguist); both files are
committed so the tests and the app need no build step.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TS = ROOT / "resources" / "translations" / "exposure_check_zh_CN.ts"
QM = TS.with_suffix(".qm")
SOURCES = sorted(str(p) for p in (ROOT / "exposure_check" / "ui").glob("*.py"))


def lupdate() -> None:
    subprocess.run([str(BIN / "pyside6-lupdate"), *SOURCES, "-no-obsolete", "-locations", "none",
                    "-target-language", "zh_CN", "-ts", str(TS)], check=True)


def lrelease(out: Path) -> None:
    subprocess.run([str(BIN / "pyside6-lrelease"), "-silent", str(TS), "-qm", str(out)],
                   check=True)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true", help="only check the .qm matches the .ts")
    args = ap.parse_args()
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / "fresh.qm"
            lrelease(fresh)
            same = QM.is_file() and QM.read_bytes() == fresh.read_bytes()
        print("up to date" if same else f"{QM} is out of date: run scripts/build_translations.py")
        return 0 if same else 1
    lupdate()
    lrelease(QM)
    return 0


if __name__ == "__main__":
    sys.exit(main())
