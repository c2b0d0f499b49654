"""The approach check page: rating, reasons, report contact, and saving only on request."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from exposure_check.core.model import ReportContact
from exposure_check.core.packs import load_core_pack
from exposure_check.ui.approach_view import ApproachView

PACK = load_core_pack()


def test_assess_and_save(qtbot: QtBot) -> None:
    view = ApproachView(PACK, "en")
    qtbot.addWidget(view)
    assert not view.save_button.isEnabled()
    view.flags["flag.asks-colleagues"].setChecked(True)
    view.flags["flag.meet-alone"].setChecked(True)
    view.channel.setCurrentIndex(view.channel.findData("social"))
    with qtbot.waitSignal(view.assessed) as rated:
        view.assess_button.click()
    assert rated.args == ["high"]
    assert view.rating.text() == "High concern"
    assert "Where to report" in view.details.text()
    with qtbot.waitSignal(view.approach_saved) as saved:
        view.save_button.click()
    d = saved.args[0]
    assert d["rating"] == "high" and d["channel"] == "social"
    assert set(d["flags"]) == {"flag.asks-colleagues", "flag.meet-alone"}


def test_zh_uses_pack_contact_and_org_override(qtbot: QtBot) -> None:
    view = ApproachView(PACK, "zh_CN")
    qtbot.addWidget(view)
    view.run_assessment()
    assert "12339" in view.details.text()
    org = ReportContact(name={"en": "Acme Security"}, text={"en": "Call the desk."}, phone="+44 20 7946 0000")
    view2 = ApproachView(PACK, "en", contact=org, can_save=False)
    qtbot.addWidget(view2)
    view2.run_assessment()
    assert "Acme Security" in view2.details.text() and view2.save_button.isHidden()


def test_accessible_names(qtbot: QtBot) -> None:
    view = ApproachView(PACK, "en")
    qtbot.addWidget(view)
    for w in [view.channel, view.assess_button, view.save_button, view.notes, *view.flags.values()]:
        assert w.accessibleName()
