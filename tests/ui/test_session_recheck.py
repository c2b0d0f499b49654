"""The session's score and plan use the vault's re-check interval, not only the built-in 90 days."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from exposure_check.core.model import Audit, Profile, ProgressEvent
from exposure_check.core.packs import load_pack
from exposure_check.ui.session import Session

MINI = Path(__file__).resolve().parents[1] / "core" / "fixtures" / "mini"


def test_user_recheck_interval_makes_old_done_items_stale(qtbot, tmp_path: Path) -> None:
    session = Session(tmp_path / "data")
    session.pack = load_pack(MINI)
    profile = Profile({"platforms": ("p1",), "speaks": True, "sensitivity": "high"})
    answers = {"a.one": "public", "a.two": "contacts", "b.three": "not-sure", "b.four": "hidden"}
    audit = Audit("a1", datetime.now(UTC) - timedelta(days=60), "mini", "1.2.0", profile, answers)
    done = [ProgressEvent("a.one", "done", datetime.now(UTC) - timedelta(days=40))]

    session._apply_state(((profile, None), None, [], audit, done, "passphrase", None))
    assert session.recheck_days == 90
    assert session.plan().done[0].item_id == "a.one"  # 40 days old: still credited

    session._apply_state(((profile, None), None, [], audit, done, "passphrase", 30))
    assert session.recheck_days == 30
    plan = session.plan()
    assert "a.one" in [e.item_id for e in plan.todo]  # older than 30 days: stale, back in the plan
    assert session.current_score().contribution("a.one").state == "stale"
