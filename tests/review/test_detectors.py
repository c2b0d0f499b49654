"""Detectors: each kind on typical English and Chinese text, and the folding that makes declared
facts case-, width-, script- and accent-insensitive."""

from __future__ import annotations

import pytest

from exposure_check.core.model import DeclaredFacts
from exposure_check.core.review.detectors import Detectors, detector_of, fold
from exposure_check.core.review.findings import redact


def kinds(text: str, declared: DeclaredFacts | None = None) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for d in Detectors(declared).detect(text):
        out.setdefault(d.kind, []).append(d.text)
    return out


def test_fold_keeps_length_and_folds() -> None:
    s = "ＡＣＭＥ　中國華為 Café"
    f = fold(s)
    assert len(f) == len(s)
    assert f == "ACME 中国华为 Cafe"


def test_email_classification() -> None:
    k = kinds("Work: j.doe@acme.co.uk, home: jd1984@gmail.com, other: x@partner.org, 邮箱：wang@163.com",
              DeclaredFacts(work_domains=("acme.co.uk",)))
    assert k["email.work"] == ["j.doe@acme.co.uk"]
    assert k["email.personal"] == ["jd1984@gmail.com", "wang@163.com"]
    assert k["email.other"] == ["x@partner.org"]


@pytest.mark.parametrize("text, e164", [
    ("手机：138 0013 8000", "+8613800138000"),
    ("电话 +86 10 6283 5521", "+861062835521"),
    ("call (650) 253-0000", "+16502530000"),
    ("Tel: +44 20 7946 0958", "+442079460958"),
    ("M: 07911 123456", "+447911123456"),
    ("联系电话：13705318899", "+8613705318899"),
])
def test_phones(text: str, e164: str) -> None:
    found = [d for d in Detectors().detect(text) if d.kind == "phone"]
    assert [d.detail for d in found] == [e164]


@pytest.mark.parametrize("text", ["2015.07-2018.06 工作", "from 2019-2021 at", "order 12345678",
                                  "2024-03-15 10:00:00 UTC", "ISBN 978-3-16-148410-0"])
def test_not_phones(text: str) -> None:
    assert not [d for d in Detectors().detect(text) if d.kind == "phone"]


def test_declared_phone_is_recognised() -> None:
    dets = Detectors(DeclaredFacts(phones=("+86 138 0013 8000",))).detect("手机 13800138000")
    assert [d.detail for d in dets if d.kind == "phone"] == ["+8613800138000 (declared)"]


@pytest.mark.parametrize("fact, text", [
    ("Acme Robotics Ltd", "I work at ACME ROBOTICS."),  # case, legal suffix dropped
    ("Acme Robotics", "at ＡＣＭＥ Ｒｏｂｏｔｉｃｓ Inc."),  # full width
    ("中国航天科工集团", "现任中國航天科工集團总体部"),  # traditional script
    ("Société Générale", "joined Societe Generale in 2020"),  # accents
    ("Carrow & Finch LLP", "Carrow and Finch"),  # separators
    ("上海交通大学", "上海交大博士在读"),  # Chinese abbreviation
])
def test_declared_employer_variants(fact: str, text: str) -> None:
    dets = Detectors(DeclaredFacts(employers=(fact,))).detect(text)
    assert any(d.kind == "declared.employer" and d.detail == fact for d in dets), dets


def test_declared_title_abbreviation_and_project() -> None:
    dec = DeclaredFacts(titles=("Vice President of Research",), projects=("Kestrel",))
    dets = Detectors(dec).detect("She is VP Research; the KESTREL programme is hers.")
    found = {d.kind: d.text for d in dets if detector_of(d.kind) == "declared"}
    assert found == {"declared.title": "VP Research", "declared.project": "KESTREL"}


def test_declared_does_not_match_inside_words() -> None:
    dets = Detectors(DeclaredFacts(projects=("Kite",))).detect("kitesurfing every weekend")
    assert not [d for d in dets if detector_of(d.kind) == "declared"]


def test_generic_titles_and_orgs_english() -> None:
    k = kinds("Senior Software Engineer at Northwind Avionics Ltd. PhD, University of Edinburgh.")
    assert "Senior Software Engineer" in k["title"]
    assert "Northwind Avionics Ltd." in k["org"]
    assert "University of Edinburgh" in k["org"]


def test_generic_titles_and_orgs_chinese() -> None:
    k = kinds("我是华芯微电子有限公司的高级工程师，毕业于西安电子科技大学。")
    assert k["org"] == ["华芯微电子有限公司", "西安电子科技大学"]
    assert k["title"] == ["高级工程师"]


def test_clearance_places_links() -> None:
    k = kinds("Holds active SC clearance. Based in London. 涉密岗位。 https://example.org/me @jdoe_sec "
              "45 Fleet Street")
    assert k["clearance"] == ["active SC clearance", "涉密"]
    assert "London" in k["location"]
    assert k["url"] == ["https://example.org/me"]
    assert k["handle"] == ["@jdoe_sec"]
    assert k["address"] == ["45 Fleet Street"]


def test_city_inside_organisation_is_not_a_location() -> None:
    k = kinds("曾任北京理工大学讲师")
    assert "location" not in k
    assert k["org"] == ["北京理工大学"]


def test_spans_match_original_text() -> None:
    text = "ＡＣＭＥ Ｌｔｄ 高級工程師 mail: ａｂ@ｅｘａｍｐｌｅ.com"
    for d in Detectors(DeclaredFacts(employers=("Acme",))).detect(text):
        assert text[d.start:d.end] == d.text


def test_redaction() -> None:
    text = "Senior Engineer at Acme Robotics Ltd, call +44 7911 123456, j@acme.com"
    dets = Detectors(DeclaredFacts(employers=("Acme Robotics",), work_domains=("acme.com",))).detect(text)
    assert redact(text, dets) == "[job title] at [employer], call [phone], [work email]"
    assert redact(text, dets, "zh_CN").startswith("[职务] at [单位]")
