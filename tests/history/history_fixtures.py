"""Five synthetic audits over the frozen mini pack, with hand-computed scores.

max points: a.one 3, a.two 0.5, b.three 5, b.four 4 → 12.5 (category a 3.5, b 9).

  A1 2026-01-01 pack 1.1.0 (older): a.old→a.one public, a.two public, b.three public, a.gone
                (retired, dropped) — scored over its answered items only: 8.5/8.5 = 100
  A2 2026-02-01: a.one public, a.two contacts, b.three not-sure, b.four public
                3 + 0.25 + 2.5 + 4 = 9.75/12.5 = 78
  A3 2026-03-01: a.one hidden, a.two contacts, b.three public, b.four public
                0 + 0.25 + 5 + 4 = 9.25/12.5 = 74
  A4 2026-04-01: profile without "speaks" (b.three not asked); a.one hidden, a.two hidden, b.four n/a
                0/3.5 = 0 (category b has nothing left)
  A5 2026-05-01: a.one contacts, a.two hidden, b.three hidden, b.four skipped (0.5)
                1.5 + 0 + 0 + 2 = 3.5/12.5 = 28
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from exposure_check.core.model import Audit, DeclaredFacts, Profile, ProgressEvent

MINI = Path(__file__).parent / "fixtures" / "mini"
FULL = Profile({"platforms": ("p1",), "speaks": True, "sensitivity": "high", "role": "x"})
QUIET = Profile({"platforms": ("p1",), "speaks": False, "sensitivity": "high", "role": "x"})


def at(month: int, day: int = 1) -> datetime:
    return datetime(2026, month, day, 9, 0, tzinfo=UTC)


def make_audits() -> list[Audit]:
    return [
        Audit("A1", at(1), "mini", "1.1.0", FULL,
              {"a.old": "public", "a.two": "public", "b.three": "public", "a.gone": "public"}),
        Audit("A2", at(2), "mini", "1.2.0", FULL,
              {"a.one": "public", "a.two": "contacts", "b.three": "not-sure", "b.four": "public"}),
        Audit("A3", at(3), "mini", "1.2.0", FULL,
              {"a.one": "hidden", "a.two": "contacts", "b.three": "public", "b.four": "public"}),
        Audit("A4", at(4), "mini", "1.2.0", QUIET,
              {"a.one": "hidden", "a.two": "hidden", "b.four": "na"}),
        Audit("A5", at(5), "mini", "1.2.0", FULL,
              {"a.one": "contacts", "a.two": "hidden", "b.three": "hidden"}),
    ]


# Canary strings planted in every private field; none may reach a redacted report.
CANARIES = {
    "answer": "CANARY-ANSWER-7f3a",
    "profile": "CANARY-PROFILE-91bc",
    "declared": "CANARY-DECLARED-52de",
    "email": "canary-mail-83@example.net",
    "note": "CANARY-NOTE-0a61",
}


def canary_audit() -> Audit:
    return Audit("A9", at(6), "mini", "1.2.0",
                 Profile({**FULL.answers, "role": CANARIES["profile"]}),
                 {"a.one": "public", "a.two": CANARIES["answer"], "b.three": "hidden"})


def canary_declared() -> DeclaredFacts:
    return DeclaredFacts(names=(CANARIES["declared"],), emails=(CANARIES["email"],))


def canary_events() -> list[ProgressEvent]:
    return [ProgressEvent("b.three", "done", at(5, 20), note=CANARIES["note"])]
