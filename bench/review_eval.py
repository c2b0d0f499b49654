"""Precision and recall of the reviewer's detectors on the labelled set in tests/review/eval/.

Gold spans are written inline: `[[title,declared:Senior Engineer]]`. A detection counts as correct
when it overlaps a gold span of the same detector (relaxed match, the usual choice for span labels
whose exact edges are a matter of taste).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from exposure_check.core.model import DeclaredFacts
from exposure_check.core.review.detectors import Detectors, detector_of

EVAL_DIR = Path(__file__).resolve().parent.parent / "tests" / "review" / "eval"
_MARK = re.compile(r"\[\[([a-z,]+):(.*?)\]\]", re.S)
KINDS = ("email", "phone", "declared", "title", "org", "clearance", "location", "address", "url", "handle")


@dataclass
class Example:
    id: str
    lang: str
    genre: str
    text: str
    gold: list[tuple[str, int, int]]
    declared: DeclaredFacts


def parse(line: str) -> Example:
    raw = json.loads(line)
    text_parts: list[str] = []
    gold: list[tuple[str, int, int]] = []
    pos = 0
    length = 0
    for m in _MARK.finditer(raw["text"]):
        before = raw["text"][pos:m.start()]
        text_parts.append(before)
        length += len(before)
        span = m.group(2)
        for kind in m.group(1).split(","):
            gold.append((kind, length, length + len(span)))
        text_parts.append(span)
        length += len(span)
        pos = m.end()
    text_parts.append(raw["text"][pos:])
    return Example(raw["id"], raw["lang"], raw["genre"], "".join(text_parts), gold,
                   DeclaredFacts.from_dict(raw.get("declared", {})))


def load(split: str) -> list[Example]:
    path = EVAL_DIR / f"{split}.jsonl"
    return [parse(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@dataclass
class Score:
    tp_pred: int = 0
    n_pred: int = 0
    tp_gold: int = 0
    n_gold: int = 0
    misses: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp_pred / self.n_pred if self.n_pred else 1.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.n_gold if self.n_gold else 1.0


def evaluate(examples: list[Example]) -> dict[tuple[str, str], Score]:
    """(detector, lang) → Score."""
    scores: dict[tuple[str, str], Score] = {}
    for ex in examples:
        dets = Detectors(ex.declared).detect(ex.text)
        for kind in KINDS:
            sc = scores.setdefault((kind, ex.lang), Score())
            golds = [(s, e) for k, s, e in ex.gold if k == kind]
            preds = [(d.start, d.end) for d in dets if detector_of(d.kind) == kind]
            sc.n_gold += len(golds)
            sc.n_pred += len(preds)
            for s, e in golds:
                if any(ps < e and s < pe for ps, pe in preds):
                    sc.tp_gold += 1
                else:
                    sc.misses.append(f"{ex.id}: {ex.text[s:e]!r}")
            for ps, pe in preds:
                if any(ps < e and s < pe for s, e in golds):
                    sc.tp_pred += 1
                else:
                    sc.false.append(f"{ex.id}: {ex.text[ps:pe]!r}")
    return scores


def main() -> None:
    import sys

    for split in sys.argv[1:] or ["dev"]:
        scores = evaluate(load(split))
        for (kind, lang), sc in sorted(scores.items()):
            if not sc.n_gold and not sc.n_pred:
                continue
            print(f"{split} {kind:10} {lang}: P={sc.precision:.2f} ({sc.tp_pred}/{sc.n_pred}) "
                  f"R={sc.recall:.2f} ({sc.tp_gold}/{sc.n_gold})")
            for m in sc.misses:
                print("    miss", m)
            for f in sc.false:
                print("    false", f)


if __name__ == "__main__":
    main()
