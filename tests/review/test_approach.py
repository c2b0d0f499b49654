"""Approach check: rating from red flags, actions, and the report contact (policy override first)."""

from __future__ import annotations

import pytest

from exposure_check.core.approach import assess, questions, report_contact
from exposure_check.core.model import ReportContact
from exposure_check.core.packs import load_core_pack

PACK = load_core_pack()


def test_questions_come_from_the_pack() -> None:
    assert {f.id for f in questions(PACK)} == {f.id for f in PACK.red_flags}


def test_ratings() -> None:
    assert assess(PACK, {}).rating == "low"
    assert assess(PACK, ["flag.private-channel"]).rating == "medium"
    high = assess(PACK, {"flag.asks-colleagues": True, "flag.meet-alone": True,
                         "flag.private-channel": False})
    assert high.rating == "high"
    assert [r.flag_id for r in high.reasons] == ["flag.asks-colleagues", "flag.meet-alone"]
    assert any("Stop all contact" in a for a in high.actions)


def test_locale_and_default_contact() -> None:
    zh = assess(PACK, ["flag.meet-alone"], "zh_CN")
    assert zh.contact is not None and zh.contact.phone == "12339"
    flag = next(f for f in PACK.red_flags if f.id == "flag.meet-alone")
    assert zh.reasons[0].text == flag.text.get("zh_CN", flag.text["en"])
    en = assess(PACK, ["flag.meet-alone"], "en")
    assert en.contact_name == PACK.report_contacts["en"].name["en"]


def test_org_security_contact_overrides_default() -> None:
    org = ReportContact(name={"en": "Acme Security Desk"}, text={"en": "Call us."}, email="sec@acme.example")
    r = assess(PACK, ["flag.asks-colleagues"], "zh_CN", contact=org)
    assert r.contact is org and r.contact_name == "Acme Security Desk"
    assert report_contact(PACK, "en", org) is org
    d = r.to_dict()
    assert d["contact"]["email"] == "sec@acme.example" and d["rating"] == "medium"


def test_unknown_flag_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown red flag"):
        assess(PACK, ["flag.nope"])
