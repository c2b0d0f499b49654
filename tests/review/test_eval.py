"""The labelled evaluation set stays parseable and the detectors keep meeting the issue's quality
targets on it (the figures themselves are reported by bench/bench_review.py)."""

from __future__ import annotations

import pytest

from bench.bench_review import TARGETS
from bench.review_eval import evaluate, load


def test_eval_set_has_both_languages_and_genres() -> None:
    examples = load("dev") + load("heldout")
    assert {e.lang for e in examples} == {"en", "zh"}
    assert {e.genre for e in examples} == {"bio", "resume", "speaker", "signature"}
    for e in examples:
        for _kind, s, end in e.gold:
            assert 0 <= s < end <= len(e.text)


@pytest.mark.parametrize("split", ["dev", "heldout"])
def test_quality_targets(split: str) -> None:
    scores = evaluate(load(split))
    failures = []
    for (det, lang), (p_min, r_min) in TARGETS.items():
        sc = scores[(det, lang)]
        if sc.precision < p_min or sc.recall < r_min:
            failures.append(f"{det} {lang}: P={sc.precision:.2f} R={sc.recall:.2f} misses={sc.misses} "
                            f"false={sc.false}")
    assert not failures, failures
