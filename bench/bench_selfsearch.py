"""Self-search plan building: the first plan in a fresh process (pinyin tables load) and later ones.

The first plan pays for importing pypinyin's dictionaries, which is why the view builds it on a
worker thread, never the GUI thread. Both use the built-in pack and a profile with two Chinese
names, two employers, two phones, an email, a title and a handle.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
from pathlib import Path

from .common import Result, median_time

ROOT = Path(__file__).resolve().parent.parent

SETUP = r'''
import time
from exposure_check.core.packs import load_core_pack
from exposure_check.core.model import DeclaredFacts
from exposure_check.core import selfsearch
pack = load_core_pack()
facts = DeclaredFacts(names=("张伟", "欧阳娜娜"), employers=("Northwind Research Institute (NRI)",
                      "北方研究所"), titles=("Senior Engineer",), emails=("wei.zhang@northwind.example",),
                      phones=("+86 138 1234 5678", "+44 20 7946 0018"), handles=("zwei",))
'''

COLD = SETUP + r'''
t0 = time.perf_counter()
plan = selfsearch.build_plan(pack, facts, "zh_CN")
print(f"COLD {(time.perf_counter() - t0) * 1000:.1f} {len(plan.queries())}")
'''


def _cold(runs: int) -> tuple[float, int]:
    samples, queries = [], 0
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", COLD], capture_output=True, text=True, cwd=ROOT,
                             check=True).stdout
        line = next(x for x in out.splitlines() if x.startswith("COLD "))
        ms, n = line.split()[1:]
        samples.append(float(ms))
        queries = int(n)
    return statistics.median(samples), queries


def run(quick: bool) -> list[Result]:
    cold, queries = _cold(1 if quick else 5)
    ns: dict[str, object] = {}
    exec(SETUP, ns)  # noqa: S102 (our own fixed set-up code)
    sel, pack, facts = ns["selfsearch"], ns["pack"], ns["facts"]
    sel.build_plan(pack, facts, "en")  # type: ignore[attr-defined]
    warm = median_time(lambda: sel.build_plan(pack, facts, "zh_CN"),  # type: ignore[attr-defined]
                       5 if quick else 50)
    return [
        Result("first plan in a fresh process (median)", cold, None, "ms", "≤ 1500 ms, on a worker",
               cold <= 1500, f"{queries} searches; includes loading pypinyin's tables"),
        Result("later plans (median)", warm, None, "ms", "≤ 50 ms", warm <= 50,
               f"{queries} searches"),
    ]
