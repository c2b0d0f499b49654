"""The history view: fills in from the five audits, draws, diffs any two; no English in zh_CN."""

from __future__ import annotations

import pytest

from exposure_check.ui.history_view import HistoryView


@pytest.fixture()
def view(qtbot, mini_pack, audits):
    v = HistoryView(mini_pack, "en", audits)
    qtbot.addWidget(v)
    v.resize(900, 700)
    v.show()
    qtbot.waitUntil(lambda: not v.is_loading, timeout=5000)
    return v


def test_list_chart_and_default_diff(view) -> None:
    model = view.model
    assert model.rowCount() == 5
    rows = [model.data(model.index(i)) for i in range(5)]
    assert rows == ["2026-05-01 — score 28", "2026-04-01 — score 0", "2026-03-01 — score 74",
                    "2026-02-01 — score 78", "2026-01-01 — score 100"]
    assert [round(p.total, 1) for p in view.chart.points] == [100.0, 78.0, 74.0, 0.0, 28.0]
    assert [s[0] for s in view.chart.series] == ["a", "b"]
    # The default diff: the latest against the one before it (A4 → A5).
    d = view.last_diff
    assert (d.before_id, d.after_id) == ("A4", "A5")
    assert view.diff_summary.text() == "Score 0.0 → 28.0 (+28.0)."
    top = [view.diff_tree.topLevelItem(i).text(0) for i in range(view.diff_tree.topLevelItemCount())]
    assert top == ["Newly exposed (1)", "Changed (1)", "New items (1)"]
    exposed = view.diff_tree.topLevelItem(0).child(0)
    assert [exposed.text(i) for i in range(4)] == ["Question one?", "Hidden", "Contacts", "+12.0"]


def test_any_two_audits_and_reversed_order(view) -> None:
    view.before.setCurrentIndex(view.before.findData("A1"))
    view.after.setCurrentIndex(view.after.findData("A5"))
    assert (view.last_diff.before_id, view.last_diff.after_id) == ("A1", "A5")
    # Picking them the wrong way round still compares earlier → later.
    view.before.setCurrentIndex(view.before.findData("A3"))
    view.after.setCurrentIndex(view.after.findData("A2"))
    assert (view.last_diff.before_id, view.last_diff.after_id) == ("A2", "A3")
    view.after.setCurrentIndex(view.after.findData("A3"))
    assert view.last_diff is None and "two different" in view.diff_summary.text()


def test_activating_a_row_compares_with_the_previous_audit(view) -> None:
    view.list.activated.emit(view.model.index(2))  # A3
    assert (view.last_diff.before_id, view.last_diff.after_id) == ("A2", "A3")


def test_chart_paints_lines(view, tmp_path) -> None:
    shot = tmp_path / "chart.png"
    image = view.chart.grab().toImage()
    view.chart.grab().save(str(shot))
    coloured = sum(1 for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)
                   if image.pixelColor(x, y).saturation() > 100)
    assert coloured > 20  # the category lines are drawn
    assert "latest total score is 28" in view.chart.accessibleDescription()


def test_empty_history(qtbot, mini_pack) -> None:
    v = HistoryView(mini_pack, "en", [])
    qtbot.addWidget(v)
    qtbot.waitUntil(lambda: not v.is_loading, timeout=5000)
    assert v.model.rowCount() == 0 and "No audits yet" in v.summary.text()
    v.chart.grab()  # paints the empty state without error


def test_labels_go_through_tr(qtbot, mini_pack, audits, monkeypatch) -> None:
    """Every visible UI string is translatable: a fake translator marks them all."""
    from PySide6.QtCore import QCoreApplication, QTranslator

    class Marker(QTranslator):
        def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ARG002
            return f"«{source}»" if context in ("HistoryView", "TrendChart",
                                                 "AuditListModel") else None

    marker = Marker()
    QCoreApplication.installTranslator(marker)
    try:
        v = HistoryView(mini_pack, "zh_CN", audits)
        qtbot.addWidget(v)
        qtbot.waitUntil(lambda: not v.is_loading, timeout=5000)
        texts = [v.summary.text(), v.diff_summary.text(), v.model.data(v.model.index(0)),
                 v.list.accessibleName(), v.before.accessibleName()]
        texts += [v.diff_tree.headerItem().text(i) for i in range(4)]
        texts += [v.diff_tree.topLevelItem(i).text(0) for i in range(v.diff_tree.topLevelItemCount())]
        for t in texts:
            assert t.startswith("«"), t
        # Pack text comes from the pack's own zh_CN locale.
        assert v.diff_tree.topLevelItem(0).child(0).text(0) == "问题一？"
    finally:
        QCoreApplication.removeTranslator(marker)


def test_save_reports_and_calendar_from_the_view(view, tmp_path) -> None:
    from datetime import UTC, datetime

    from exposure_check.core.model import ProgressEvent

    view.set_context([ProgressEvent("a.two", "done", datetime(2026, 5, 2, tzinfo=UTC),
                                    note="my private note")], 30)
    now = datetime(2026, 5, 20, 12, 0, tzinfo=UTC)
    assert view.save_report(tmp_path / "full.md", "md", False, now=now)
    full = (tmp_path / "full.md").read_text(encoding="utf-8")
    assert "my private note" in full and "- Interval: 30 days" in full
    assert "Saved the full report" in view.status.text()
    assert view.save_report(tmp_path / "red.html", "html", True, now=now)
    red = (tmp_path / "red.html").read_text(encoding="utf-8")
    assert "my private note" not in red and "(redacted)" in red
    assert view.save_report(tmp_path / "r.pdf", "pdf", True, now=now)
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF-")
    assert not view.save_report(tmp_path / "missing-dir" / "x.md", "md", False, now=now)
    assert "Could not save" in view.status.text()
    assert view.save_calendar(tmp_path / "r.ics", now=now)
    ics = (tmp_path / "r.ics").read_text(encoding="utf-8")
    assert "RRULE:FREQ=DAILY;INTERVAL=30" in ics and "DTSTART;VALUE=DATE:20260531" in ics


def test_make_page_loads_from_the_session(qtbot, mini_pack, audits, tmp_path) -> None:
    from PySide6.QtCore import QObject, Signal

    from exposure_check.storage import keys
    from exposure_check.storage.vault import Vault
    from exposure_check.ui.history_view import make_page

    vault, _ = Vault.create(tmp_path / "v", passphrase="p", use_keyring=False,
                            kdf=keys.KdfParams(iterations=1, memory_kib=64, lanes=1))
    for a in audits:
        vault.record_audit(a, 0.0)
    vault.set_setting("recheck_days", 45)

    class FakeSession(QObject):
        changed = Signal()

    session = FakeSession()
    session.pack, session.vault, session.audits = mini_pack, vault, vault.list_audits()
    key, title, view = make_page(session, "en", None)
    qtbot.addWidget(view)
    assert (key, title) == ("history", "History")
    qtbot.waitUntil(lambda: view.model.rowCount() == 5 and not view.is_loading, timeout=10000)
    assert view.recheck_days == 45
    vault.close()
