"""The re-check banner: hidden when nothing is due, a plain message when something is."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from exposure_check.core.history import recheck_status
from exposure_check.core.model import ItemProgress
from exposure_check.ui.recheck_banner import RecheckBanner

LAST = datetime(2026, 3, 1, tzinfo=UTC)


def test_banner_shows_only_when_due(qtbot) -> None:
    banner = RecheckBanner()
    qtbot.addWidget(banner)
    banner.set_status(recheck_status([LAST], LAST + timedelta(days=10)), LAST + timedelta(days=10))
    assert banner.isHidden()
    now = LAST + timedelta(days=100)
    banner.set_status(recheck_status([LAST], now), now)
    assert not banner.isHidden()
    assert banner.text.text() == "Time to re-check: your last audit was 100 days ago."
    stale = {"x": ItemProgress("done", LAST - timedelta(days=200))}
    now = LAST + timedelta(days=5)
    banner.set_status(recheck_status([LAST], now, progress=stale), now)
    assert banner.text.text() == "1 fix you marked done needs checking again."
    with qtbot.waitSignal(banner.start_requested):
        banner.start.click()
    with qtbot.waitSignal(banner.dismissed):
        banner.later.click()
    assert banner.isHidden()


def test_banner_without_any_audit(qtbot) -> None:
    banner = RecheckBanner()
    qtbot.addWidget(banner)
    banner.set_status(recheck_status([], LAST), LAST)
    assert "not completed an audit" in banner.text.text()
    assert banner.start.text() == "Start your first audit"
