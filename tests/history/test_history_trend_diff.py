"""Trend, diff, re-check pre-fill and staleness over the five synthetic audits (see conftest)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from history_fixtures import FULL, at

from exposure_check.core import history
from exposure_check.core.model import Audit, ItemProgress, ProgressEvent, fold_progress


def test_trend_exact_numbers(mini_pack, audits) -> None:
    points = history.trend(mini_pack, reversed(audits))  # order comes from the dates
    assert [p.audit_id for p in points] == ["A1", "A2", "A3", "A4", "A5"]
    assert [p.total for p in points] == pytest.approx([100.0, 78.0, 74.0, 0.0, 28.0])
    assert points[0].categories == pytest.approx({"a": 100.0, "b": 100.0})
    assert points[1].categories == pytest.approx({"a": 100 * 3.25 / 3.5, "b": 100 * 6.5 / 9})
    assert points[2].categories == pytest.approx({"a": 100 * 0.25 / 3.5, "b": 100.0})
    assert points[3].categories == pytest.approx({"a": 0.0})  # nothing in b is scored
    assert points[4].categories == pytest.approx({"a": 100 * 1.5 / 3.5, "b": 100 * 2 / 9})


def _summary(d: history.AuditDiff) -> dict[str, list[tuple[str, str | None, str | None]]]:
    return {kind: [(c.item_id, c.before, c.after) for c in getattr(d, kind)]
            for kind in ("exposed", "fixed", "changed", "new", "removed")}


def test_diff_follows_renamed_ids_and_finds_new_items(mini_pack, audits) -> None:
    d = history.diff(mini_pack, audits[0], audits[1])
    assert _summary(d) == {
        "exposed": [], "fixed": [],
        "changed": [("a.two", "public", "contacts"), ("b.three", "public", "not-sure")],
        "new": [("b.four", None, "public")],  # A1's pack version had no answer for it
        "removed": []}
    assert (d.total_before, d.total_after) == pytest.approx((100.0, 78.0))
    assert d.total_delta == pytest.approx(-22.0)
    # a.old was answered as a.one; unchanged, so not listed; a.gone is retired and ignored.
    assert "a.gone" not in {c.item_id for c in d.changes()}


def test_diff_exposed_and_fixed(mini_pack, audits) -> None:
    d = history.diff(mini_pack, audits[1], audits[2])
    assert _summary(d) == {"exposed": [("b.three", "not-sure", "public")],
                           "fixed": [("a.one", "public", "hidden")],
                           "changed": [], "new": [], "removed": []}
    fixed = d.fixed[0]
    assert (fixed.share_before, fixed.share_after) == pytest.approx((24.0, 0.0))
    assert d.exposed[0].delta == pytest.approx(40.0 - 20.0)


def test_diff_profile_change_removes_and_adds(mini_pack, audits) -> None:
    d = history.diff(mini_pack, audits[2], audits[3])
    assert _summary(d) == {"exposed": [],
                           "fixed": [("a.two", "contacts", "hidden"), ("b.four", "public", "na")],
                           "changed": [], "new": [], "removed": [("b.three", "public", None)]}
    d = history.diff(mini_pack, audits[3], audits[4])
    assert _summary(d) == {"exposed": [("a.one", "hidden", "contacts")], "fixed": [],
                           "changed": [("b.four", "na", None)],
                           "new": [("b.three", None, "hidden")], "removed": []}
    assert (d.total_before, d.total_after) == pytest.approx((0.0, 28.0))


def test_diff_between_any_two(mini_pack, audits) -> None:
    d = history.diff(mini_pack, audits[0], audits[4])
    assert _summary(d) == {"exposed": [],
                           "fixed": [("a.two", "public", "hidden"), ("b.three", "public", "hidden")],
                           "changed": [("a.one", "public", "contacts")],
                           "new": [("b.four", None, None)], "removed": []}
    assert d.categories_before == pytest.approx({"a": 100.0, "b": 100.0})
    assert d.categories_after == pytest.approx({"a": 100 * 1.5 / 3.5, "b": 100 * 2 / 9})


def test_prefill_uses_current_ids_and_valid_options(mini_pack) -> None:
    last = Audit("L", at(1), "mini", "1.1.0", FULL,
                 {"a.old": "public", "a.gone": "public", "a.two": "no-such-option"})
    assert history.prefill(mini_pack, last) == {"a.one": "public"}
    assert history.prefill(mini_pack, None) == {}


def test_answer_under_current_id_wins_over_old_id(mini_pack) -> None:
    assert history.current_answers(mini_pack, {"a.one": "hidden", "a.old": "public"}) == \
        {"a.one": "hidden"}


# --- staleness and due dates with a fake clock --------------------------------------------------

def test_staleness_with_a_fake_clock(mini_pack) -> None:
    done = at(1, 10)
    progress = fold_progress([ProgressEvent("a.old", "done", done),  # renamed: counts as a.one
                              ProgressEvent("a.two", "todo", done),
                              ProgressEvent("a.gone", "done", done)])  # retired: ignored
    assert history.stale_items(mini_pack, progress, done + timedelta(days=90)) == ()
    later = done + timedelta(days=90, seconds=1)
    assert history.stale_items(mini_pack, progress, later) == (
        history.StaleItem("a.one", done, done + timedelta(days=90)),)
    # A shorter interval from policy: stale sooner.
    assert [s.item_id for s in history.stale_items(mini_pack, progress,
                                                   done + timedelta(days=31), 30)] == ["a.one"]
    # Re-verified: a newer "done" event resets the clock.
    progress["a.old"] = ItemProgress("done", later)
    assert history.stale_items(mini_pack, progress, later + timedelta(days=1)) == ()


def test_recheck_status(mini_pack, audits) -> None:
    dates = [a.created for a in audits]
    last = at(5)
    st = history.recheck_status(dates, last + timedelta(days=89))
    assert (st.due, st.last_audit, st.due_at) == (False, last, last + timedelta(days=90))
    assert st.days_overdue(last + timedelta(days=89)) == 0
    st = history.recheck_status(dates, last + timedelta(days=90))
    assert st.due and st.days_overdue(last + timedelta(days=100)) == 10
    assert history.recheck_status(dates, last + timedelta(days=20), recheck_days=14).due
    nothing = history.recheck_status([], last)
    assert nothing.due and nothing.last_audit is None and nothing.due_at is None
    # A stale "done" makes a re-check due even when the last audit is recent.
    progress = {"a.one": ItemProgress("done", last - timedelta(days=200))}
    st = history.recheck_status(dates, last + timedelta(days=1), progress=progress, pack=mini_pack)
    assert st.due and [s.item_id for s in st.stale] == ["a.one"]
    with pytest.raises(ValueError):
        history.recheck_status(dates, last, recheck_days=0)
