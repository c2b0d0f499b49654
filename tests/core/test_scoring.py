"""Scoring and plan: exact numbers for the hand-made mini pack (worked out in docs/scoring.md).

max points: a.one 3×1×1 = 3; a.two 1×1×0.5 = 0.5; b.three 5×1×1 = 5; b.four 2×2×1 = 4 → 12.5
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from exposure_check.core.model import ItemProgress, Profile, ProgressEvent, fold_progress
from exposure_check.core.packs import load_pack
from exposure_check.core.plan import rank
from exposure_check.core.scoring import applicable_items, score

MINI = Path(__file__).parent / "fixtures" / "mini"
NOW = datetime(2026, 11, 27, 12, 0)
PROFILE = Profile({"platforms": ("p1",), "speaks": True, "sensitivity": "high", "role": "x"})
ANSWERS = {"a.one": "public", "a.two": "contacts", "b.three": "not-sure", "b.four": "hidden"}


@pytest.fixture(scope="module")
def pack():
    return load_pack(MINI)


def test_all_items_apply_to_the_full_profile(pack) -> None:
    assert [i.id for i in applicable_items(pack, PROFILE)] == ["a.one", "a.two", "b.three", "b.four"]


def test_prepare_compiles_every_condition_ahead() -> None:
    from exposure_check.core import scoring

    fresh = load_pack(MINI)  # a pack no test has scored yet
    scoring.prepare(fresh)
    misses = scoring._condition.cache_info().misses
    applicable_items(fresh, PROFILE)
    score(fresh, PROFILE, ANSWERS)
    assert scoring._condition.cache_info().misses == misses  # nothing left to compile


def test_conditions_select_items(pack) -> None:
    lean = Profile({"platforms": (), "speaks": False, "sensitivity": "low"})
    assert [i.id for i in applicable_items(pack, lean)] == ["a.one"]


def test_total_categories_and_contributions(pack) -> None:
    s = score(pack, PROFILE, ANSWERS)
    # points: 3×1 + 0.5×0.5 + 5×0.5 + 4×0 = 5.75 of 12.5
    assert s.total == pytest.approx(46.0)
    assert s.categories["a"].score == pytest.approx(100 * 3.25 / 3.5)
    assert s.categories["b"].score == pytest.approx(100 * 2.5 / 9)
    shares = {c.item_id: c.share for c in s.contributions}
    assert shares == pytest.approx({"a.one": 24.0, "a.two": 2.0, "b.three": 20.0, "b.four": 0.0})
    assert sum(shares.values()) == pytest.approx(s.total)
    assert (s.answered, s.unsure, s.skipped, s.not_applicable) == (4, 1, 0, 0)


def test_skipped_counts_like_not_sure(pack) -> None:
    answers = {k: v for k, v in ANSWERS.items() if k != "b.three"}
    s = score(pack, PROFILE, answers)
    assert s.total == pytest.approx(46.0)
    assert s.skipped == 1
    assert s.contribution("b.three").option_id is None


def test_not_applicable_is_left_out(pack) -> None:
    s = score(pack, PROFILE, {**ANSWERS, "b.four": "na"})
    assert s.total == pytest.approx(100 * 5.75 / 8.5)
    assert s.not_applicable == 1
    assert s.contribution("b.four") is None


def test_extremes(pack) -> None:
    assert score(pack, PROFILE, dict.fromkeys(ANSWERS, "public")).total == 100.0
    assert score(pack, PROFILE, dict.fromkeys(ANSWERS, "hidden")).total == 0.0
    assert score(pack, PROFILE, dict.fromkeys(ANSWERS, "na")).total == 0.0


def test_same_inputs_same_score(pack) -> None:
    assert score(pack, PROFILE, ANSWERS) == score(pack, PROFILE, dict(reversed(ANSWERS.items())))


def test_org_weights_change_the_score() -> None:
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        overlay = Path(tmp) / "org"
        overlay.mkdir()
        (overlay / "pack.toml").write_text(
            '[pack]\nid = "org.acme"\nversion = "1"\nname = "Acme"\nkind = "overlay"\n'
            'namespace = "org.acme"\n[overlay]\nweights = { "a.one" = 3.0 }\n', "utf-8")
        shutil.copytree(MINI, Path(tmp) / "mini")
        pack = load_pack(Path(tmp) / "mini", [overlay])
    s = score(pack, PROFILE, ANSWERS)
    # a.one max becomes 9: points 9 + 0.25 + 2.5 + 0 = 11.75 of 18.5
    assert s.total == pytest.approx(100 * 11.75 / 18.5)


def test_plan_ranks_mandatory_first_then_per_minute(pack) -> None:
    plan = rank(pack, PROFILE, ANSWERS)
    assert [e.item_id for e in plan.todo] == ["b.three", "a.one", "a.two"]
    assert plan.first is not None and plan.first.item_id == "b.three"
    by_id = {e.item_id: e for e in plan.todo}
    assert by_id["a.one"].reduction == pytest.approx(24.0)
    assert by_id["a.one"].per_minute == pytest.approx(2.4)
    assert by_id["a.two"].per_minute == pytest.approx(0.4)
    assert by_id["b.three"].per_minute == pytest.approx(20.0 / 30)
    # steps: only the platforms this person uses
    assert [s.platform for s in by_id["b.three"].steps] == ["p1"]


def test_marking_done_updates_score_and_plan(pack) -> None:
    events = [ProgressEvent("a.one", "done", NOW - timedelta(days=1))]
    progress = fold_progress(events)
    plan = rank(pack, PROFILE, ANSWERS, progress, now=NOW)
    assert plan.score.total == pytest.approx(22.0)  # 2.75 of 12.5
    assert [e.item_id for e in plan.done] == ["a.one"]
    assert plan.done[0].reduction == pytest.approx(24.0)
    assert [e.item_id for e in plan.todo] == ["b.three", "a.two"]


def test_done_goes_stale_after_the_recheck_interval(pack) -> None:
    progress = {"a.one": ItemProgress("done", NOW - timedelta(days=91))}
    s = score(pack, PROFILE, ANSWERS, progress, now=NOW, recheck_days=90)
    assert s.total == pytest.approx(46.0)
    assert s.contribution("a.one").state == "stale"
    plan = rank(pack, PROFILE, ANSWERS, progress, now=NOW, recheck_days=90)
    assert "a.one" in [e.item_id for e in plan.todo]
    fresh = score(pack, PROFILE, ANSWERS, progress, now=NOW, recheck_days=120)
    assert fresh.total == pytest.approx(22.0)


def test_accepted_and_na_states(pack) -> None:
    progress = {"a.one": ItemProgress("accepted", NOW), "b.four": ItemProgress("na", NOW)}
    plan = rank(pack, PROFILE, ANSWERS, progress, now=NOW)
    assert plan.score.total == pytest.approx(100 * 5.75 / 8.5)
    assert [e.item_id for e in plan.accepted] == ["a.one"]
    assert [e.item_id for e in plan.not_applicable] == ["b.four"]
    assert "a.one" not in [e.item_id for e in plan.todo]


def test_later_progress_events_win() -> None:
    events = [ProgressEvent("x", "done", NOW), ProgressEvent("x", "todo", NOW + timedelta(hours=1))]
    assert fold_progress(events)["x"].state == "todo"
