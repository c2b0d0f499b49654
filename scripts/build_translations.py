#!/usr/bin/env python3
"""Update the Qt Linguist source (.ts) from exposure_check/ui and compile it (.qm).

    .venv/bin/python scripts/build_translations.py          # lupdate, then lrelease
    .venv/bin/python scripts/build_translations.py --check  # exit 1 if the .qm is out of date

Translators edit resources/translations/exposure_check_zh_CN.ts (Qt Linguist); both files are
committed so the tests and the app need no build step.

English needs a translation file too, for plurals only (Qt's way: "%n day(s)" becomes "1 day" or
"2 days"): exposure_check_en.ts is made with `lupdate -pluralonly`, and new plural strings are
filled in by rule ("(s)" and "(es)" endings; verbs that agree with the number are listed below).
Check the result in Qt Linguist like any other translation.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TS = ROOT / "resources" / "translations" / "exposure_check_zh_CN.ts"
QM = TS.with_suffix(".qm")
EN_TS = TS.with_name("exposure_check_en.ts")
SOURCES = sorted(str(p) for p in (ROOT / "exposure_check" / "ui").glob("*.py"))
# Verbs whose form follows the number: "1 fix needs", "2 fixes need".
AGREEING = {"need(s)": ("needs", "need"), "is/are": ("is", "are"), "has/have": ("has", "have")}


def lupdate(ts: Path = TS, en_ts: Path = EN_TS, quiet: bool = False) -> None:
    common = [str(BIN / "pyside6-lupdate"), *SOURCES, "-no-obsolete", "-locations", "none"]
    subprocess.run([*common, "-target-language", "zh_CN", "-ts", str(ts)], check=True,
                   capture_output=quiet)
    subprocess.run([*common, "-pluralonly", "-source-language", "en", "-target-language", "en",
                    "-ts", str(en_ts)], check=True, capture_output=True)


def messages(ts: Path) -> set[tuple[str, str]]:
    import xml.etree.ElementTree as ET

    root = ET.parse(ts).getroot()
    return {(c.findtext("name") or "", m.findtext("source") or "")
            for c in root.iter("context") for m in c.iter("message")}


def english_forms(source: str) -> tuple[str, str]:
    """The singular and plural English of a "%n thing(s)" source text."""
    one, other = source, source
    for marked, (single, plural) in AGREEING.items():
        one, other = one.replace(marked, single), other.replace(marked, plural)
    one = re.sub(r"\((?:e?s)\)", "", one)
    other = re.sub(r"\((e?s)\)", r"\1", other)
    return one, other


def fill_english(path: Path = EN_TS) -> int:
    """Fill unfinished English plural forms by rule; returns how many were filled."""
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(r"(<source>(?P<src>[^<]*)</source>\s*)<translation type=\"unfinished\">"
                         r"\s*<numerusform></numerusform>\s*<numerusform></numerusform>\s*"
                         r"</translation>")
    unescape = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&apos;": "'", "&quot;": '"'}

    def fill(m: re.Match[str]) -> str:
        src = re.sub("|".join(unescape), lambda e: unescape[e.group(0)], m.group("src"))
        forms = [f.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                 for f in english_forms(src)]
        return (f"{m.group(1)}<translation>\n            <numerusform>{forms[0]}</numerusform>"
                f"\n            <numerusform>{forms[1]}</numerusform>\n        </translation>")

    new, count = pattern.subn(fill, text)
    if count:
        path.write_text(new, encoding="utf-8")
    return count


def lrelease(out: Path, ts: Path = TS) -> None:
    subprocess.run([str(BIN / "pyside6-lrelease"), "-silent", str(ts), "-qm", str(out)],
                   check=True)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true", help="only check the .qm matches the .ts")
    args = ap.parse_args()
    if args.check:
        stale = []
        with tempfile.TemporaryDirectory() as tmp:
            # Every tr() string in the code is in the .ts files (nothing added without lupdate).
            fresh_ts, fresh_en = Path(tmp) / TS.name, Path(tmp) / EN_TS.name
            fresh_ts.write_bytes(TS.read_bytes())
            fresh_en.write_bytes(EN_TS.read_bytes())
            lupdate(fresh_ts, fresh_en, quiet=True)
            for ts, fresh_copy in ((TS, fresh_ts), (EN_TS, fresh_en)):
                if messages(ts) != messages(fresh_copy):
                    stale.append(ts)
            for ts in (TS, EN_TS):
                fresh = Path(tmp) / "fresh.qm"
                lrelease(fresh, ts)
                qm = ts.with_suffix(".qm")
                if not (qm.is_file() and qm.read_bytes() == fresh.read_bytes()):
                    stale.append(qm)
        for path in stale:
            print(f"{path} is out of date: run scripts/build_translations.py")
        if not stale:
            print("up to date")
        return 1 if stale else 0
    lupdate()
    print(f"English plural forms filled: {fill_english()}")
    lrelease(QM)
    lrelease(EN_TS.with_suffix(".qm"), EN_TS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
