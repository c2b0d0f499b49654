"""Query plans: name variants (pinyin), facts, exact queries in en and zh_CN, escaping, pack data."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote

import pytest

from exposure_check.core.model import DeclaredFacts, Pack
from exposure_check.core.packs import PackError, load_pack, pack_to_dict, validate_pack
from exposure_check.core.selfsearch import (
    build_plan,
    employer_variants,
    name_variants,
    phone_variants,
    phrase,
    plan_to_dict,
)
from exposure_check.paths import core_pack_dir

PEOPLE_SITES = ("(site:spokeo.com OR site:whitepages.com OR site:fastpeoplesearch.com "
                "OR site:truepeoplesearch.com OR site:192.com)")


def group(plan_groups: object, label: str) -> list[tuple[str, str]]:
    for g in plan_groups:  # type: ignore[attr-defined]
        if g.label == label:
            return [(q.engine_id, q.text) for q in g.queries]
    raise AssertionError(f"no group {label!r}")


# --- names --------------------------------------------------------------------------------------


def test_chinese_name_gets_pinyin_in_both_orders_and_romanisations() -> None:
    assert name_variants("张伟", "en") == ["Wei Zhang", "Zhang Wei", "张伟", "Wei Chang", "Wei Cheung"]
    assert name_variants("张伟", "zh_CN") == ["张伟", "Zhang Wei", "Wei Zhang", "Wei Chang", "Wei Cheung"]
    # a two-syllable given name is written as one word
    assert name_variants("王小明", "zh_CN")[:3] == ["王小明", "Wang Xiaoming", "Xiaoming Wang"]


def test_surnames_that_read_differently_compound_surnames_and_apostrophes() -> None:
    assert name_variants("单雄信", "zh_CN")[1] == "Shan Xiongxin"  # not "Dan"
    assert name_variants("曾国藩", "zh_CN")[1] == "Zeng Guofan"  # not "Ceng"
    assert name_variants("欧阳娜娜", "zh_CN")[1:3] == ["Ouyang Nana", "Nana Ouyang"]
    # ü after l is "yu" as in passports; a syllable starting with a vowel takes an apostrophe
    assert name_variants("吕西安", "zh_CN") == ["吕西安", "Lyu Xi'an", "Xi'an Lyu", "Xi'an Lu", "Xi'an Lv"]


def test_latin_names_are_kept_as_typed_without_quote_marks() -> None:
    assert name_variants('Zoë "Zed"  O\'Brien', "en") == ["Zoë Zed O'Brien"]
    assert name_variants("  ", "en") == []


def test_employer_abbreviations() -> None:
    assert employer_variants("Northwind Research Institute (NRI)") == ["Northwind Research Institute", "NRI"]
    assert employer_variants("北方研究所（北研所）") == ["北方研究所", "北研所"]
    assert employer_variants("Institute of Advanced Materials Science") == [
        "Institute of Advanced Materials Science", "IAMS"]
    assert employer_variants("AT&T Labs") == ["AT&T Labs"]


def test_phone_formats() -> None:
    assert phone_variants("138 1234 5678", "CN") == ["13812345678", "138 1234 5678", "+86 138 1234 5678"]
    assert phone_variants("+44 20 7946 0018", None) == ["02079460018", "020 7946 0018", "+44 20 7946 0018"]
    # no country code and no region: searched as typed
    assert phone_variants("138 1234 5678", None) == ["138 1234 5678"]
    assert phone_variants("call me", "CN") == ["call me"]


def test_phrase_removes_quote_marks_that_would_end_the_phrase() -> None:
    assert phrase('Senior "Lead" Engineer', True) == '"Senior Lead Engineer"'
    assert phrase("“Big” Co", True) == '"Big Co"'
    assert phrase("-site:evil.example", True) == '"-site:evil.example"'
    assert phrase('a "b"', False) == "a b"


# --- whole plans ----------------------------------------------------------------------------------


def test_plan_en_exact_queries(pack: Pack, facts: DeclaredFacts) -> None:
    plan = build_plan(pack, facts, "en")
    labels = [g.label for g in plan.groups]
    assert labels[:4] == ["Wei Zhang + Northwind Research Institute", "张伟 + 北方研究所",
                          "Wei Zhang + NRI", "Zhang Wei + Northwind Research Institute"]
    assert group(plan.groups, "Wei Zhang + Northwind Research Institute") == [
        ("google", '"Wei Zhang" "Northwind Research Institute"'),
        ("linkedin", '"Wei Zhang" "Northwind Research Institute"'),
        ("linkedin-google", 'site:linkedin.com/in "Wei Zhang" "Northwind Research Institute"'),
        ("google-scholar", 'author:"Wei Zhang" "Northwind Research Institute"'),
        ("baidu", '"Wei Zhang" "Northwind Research Institute"'),
        ("bing", '"Wei Zhang" "Northwind Research Institute"'),
    ]
    assert group(plan.groups, "张伟 + 北方研究所") == [
        ("google", '"张伟" "北方研究所"'),
        ("baidu", '"张伟" "北方研究所"'),
        ("sogou-wechat", '"张伟" "北方研究所"'),
        ("bing", '"张伟" "北方研究所"'),
        ("weibo-posts", "张伟 北方研究所"),
        ("zhihu", "张伟 北方研究所"),
        ("maimai-baidu", 'site:maimai.cn "张伟" "北方研究所"'),
        ("cnki-baidu", 'site:cnki.net "张伟" "北方研究所"'),
        ("tianyancha-baidu", 'site:tianyancha.com "张伟" "北方研究所"'),
        ("qcc-baidu", 'site:qcc.com "张伟" "北方研究所"'),
    ]
    assert group(plan.groups, "wei.zhang@northwind.example") == [
        ("google", 'intext:"wei.zhang@northwind.example"'),
        ("baidu", '"wei.zhang@northwind.example"'),
        ("bing", '"wei.zhang@northwind.example"'),
        ("duckduckgo", '"wei.zhang@northwind.example"'),
        ("github-commits", "author-email:wei.zhang@northwind.example"),
    ]
    # no region in en: the phone is searched as typed
    assert group(plan.groups, "138 1234 5678") == [
        ("google", '"138 1234 5678"'),
        ("people-search-google", f'"138 1234 5678" {PEOPLE_SITES}'),
        ("baidu", '"138 1234 5678"'),
        ("sogou-wechat", '"138 1234 5678"'),
        ("bing", '"138 1234 5678"'),
    ]
    # the title's quote marks are gone, not escaped into a broken phrase
    assert group(plan.groups, "Wei Zhang + Senior Lead Engineer") == [
        ("google", '"Wei Zhang" "Senior Lead Engineer"'),
        ("baidu", '"Wei Zhang" "Senior Lead Engineer"'),
    ]
    assert group(plan.groups, "zwei") == [
        ("google", 'inurl:"zwei"'), ("baidu", 'inurl:"zwei"'), ("duckduckgo", 'inurl:"zwei"'),
        ("weibo", "zwei"), ("zhihu", "zwei"), ("github-users", '"zwei"')]
    assert group(plan.groups, "Wei Zhang") == [
        ("people-search-google", f'"Wei Zhang" {PEOPLE_SITES}'), ("weibo", "Wei Zhang"),
        ("github-users", '"Wei Zhang"')]
    photo = plan.groups[-1]
    assert photo.facts == ("photo",)
    assert [(q.engine_id, q.url) for q in photo.queries] == [
        ("google-lens", "https://lens.google.com/"), ("bing-visual", "https://www.bing.com/visualsearch"),
        ("baidu-image", "https://image.baidu.com/"), ("tineye", "https://tineye.com/")]


def test_plan_zh_cn_exact_queries(pack: Pack, facts: DeclaredFacts) -> None:
    plan = build_plan(pack, facts, "zh_CN")
    labels = [g.label for g in plan.groups]
    assert labels[:4] == ["张伟 + 北方研究所", "Zhang Wei + Northwind Research Institute",
                          "Zhang Wei + NRI", "Wei Zhang + Northwind Research Institute"]
    assert group(plan.groups, "张伟 + 北方研究所") == [
        ("baidu", '"张伟" "北方研究所"'),
        ("sogou-wechat", '"张伟" "北方研究所"'),
        ("weibo-posts", "张伟 北方研究所"),
        ("zhihu", "张伟 北方研究所"),
        ("maimai-baidu", 'site:maimai.cn "张伟" "北方研究所"'),
        ("cnki-baidu", 'site:cnki.net "张伟" "北方研究所"'),
        ("tianyancha-baidu", 'site:tianyancha.com "张伟" "北方研究所"'),
        ("qcc-baidu", 'site:qcc.com "张伟" "北方研究所"'),
        ("google", '"张伟" "北方研究所"'),
        ("bing", '"张伟" "北方研究所"'),
    ]
    # zh_CN reads numbers without +86 as Chinese numbers: three ways of writing it
    phones = [g.label for g in plan.groups if g.facts == ("phone",)]
    assert phones == ["13812345678", "138 1234 5678", "+86 138 1234 5678"]
    assert group(plan.groups, "+86 138 1234 5678")[0] == ("baidu", '"+86 138 1234 5678"')
    baidu = next(q for q in plan.groups[0].queries if q.engine_id == "baidu")
    assert baidu.url == ("https://www.baidu.com/s?wd=%22%E5%BC%A0%E4%BC%9F%22%20"
                         "%22%E5%8C%97%E6%96%B9%E7%A0%94%E7%A9%B6%E6%89%80%22")
    assert [g.label for g in plan.groups if g.facts == ("name",)] == [
        "张伟", "Zhang Wei", "Wei Zhang", "Wei Chang"]
    assert plan.groups[-1].queries[0].engine_id == "baidu-image"


def test_urls_encode_every_special_character(pack: Pack) -> None:
    facts = DeclaredFacts(names=("Anne-Marie O'Neil",), employers=('AT&T Labs #1+ "West"',))
    plan = build_plan(pack, facts, "en")
    google = plan.groups[0].queries[0]
    assert google.text == '"Anne-Marie O\'Neil" "AT&T Labs #1+ West"'
    assert google.url == ("https://www.google.com/search?q=%22Anne-Marie%20O%27Neil%22%20"
                          "%22AT%26T%20Labs%20%231%2B%20West%22")
    for q in plan.queries():
        if q.text:
            assert unquote(q.url.split("=", 1)[1].split("&type=")[0]) == q.text
            assert not set(q.url) & set(' "#<>{}|\\^`'), q.url


def test_plan_is_deterministic_and_short(pack: Pack, facts: DeclaredFacts) -> None:
    a, b = build_plan(pack, facts, "en"), build_plan(pack, facts, "en")
    assert plan_to_dict(a) == plan_to_dict(b)
    assert len({q.key for q in a.queries()}) == len(a.queries())
    assert max(len(g.queries) for g in a.groups) <= 12
    assert sum(1 for g in a.groups if g.facts == ("name", "employer")) == 4
    json.dumps(plan_to_dict(a), ensure_ascii=False)  # plain data


def test_no_facts_gives_only_photo_advice(pack: Pack) -> None:
    plan = build_plan(pack, DeclaredFacts(), "en")
    assert [g.facts for g in plan.groups] == [("photo",)]


# --- pack data ------------------------------------------------------------------------------------


def test_core_search_data_is_valid() -> None:
    problems = [p for p in validate_pack(core_pack_dir()) if "search" in p.file or "search" in p.message]
    assert problems == []


def _overlay(tmp_path: Path, body: str) -> Path:
    ov = tmp_path / "org"
    ov.mkdir()
    (ov / "pack.toml").write_text(
        '[pack]\nid = "acme"\nversion = "1.0"\nname = "Acme"\nkind = "overlay"\n' + body, "utf-8")
    return ov


def test_org_overlay_adds_and_removes_searches(pack_dir: Path, tmp_path: Path) -> None:
    ov = _overlay(tmp_path, '''
[overlay]
disable_search_engines = ["bing"]

[[search_engines]]
id = "acme.intranet-leaks"
name = "Acme leak monitor"
kind = "engine"
url = "https://leaks.acme.example/search?q={q}"
templates = ["{email}"]
''')
    pack = load_pack(pack_dir, [ov])
    ids = [e.id for e in pack.search_engines]
    assert "bing" not in ids and ids[-1] == "acme.intranet-leaks"
    assert pack.search_engines[-1].origin == "acme"
    plan = build_plan(pack, DeclaredFacts(emails=("a@b.example",)), "en")
    assert plan.groups[0].queries[-1].url == "https://leaks.acme.example/search?q=%22a%40b.example%22"
    assert pack_to_dict(pack)["search_engines"][-1]["id"] == "acme.intranet-leaks"


@pytest.mark.parametrize(("body", "message"), [
    ('[[search_engines]]\nid = "acme.x"\nname = "X"\nkind = "engine"\nurl = "https://x.example/?q={q}"\n'
     'templates = ["{nmae} {employer}"]\n', "does not match"),
    ('[[search_engines]]\nid = "acme.x"\nname = "X"\nkind = "engine"\nurl = "http://x.example/?q={q}"\n'
     'templates = ["{name}"]\n', "does not match"),
    ('[[search_engines]]\nid = "acme.x"\nname = "X"\nkind = "engine"\nurl = "https://x.example/"\n'
     'templates = ["{name}"]\n', "needs {q}"),
    ('[[search_engines]]\nid = "acme.x"\nname = "X"\nkind = "platform"\nplatform = "myspace"\n'
     'url = "https://x.example/?q={q}"\ntemplates = ["{name}"]\n', "unknown platform"),
    ('[[search_engines]]\nid = "altavista"\nname = "X"\nkind = "engine"\nurl = "https://x.example/?q={q}"\n'
     'templates = ["{name}"]\n', "overlay IDs must start with"),
    ('[overlay]\ndisable_search_engines = ["altavista"]\n', "unknown search"),
])
def test_bad_search_data_is_reported_not_raised(pack_dir: Path, tmp_path: Path, body: str,
                                                message: str) -> None:
    ov = _overlay(tmp_path, body)
    with pytest.raises(PackError) as exc:
        load_pack(pack_dir, [ov])
    assert any(message in p.message for p in exc.value.problems), exc.value.problems
    assert all(p.file.endswith("pack.toml") for p in exc.value.problems)


def test_search_toml_broken_file_names_the_file(pack_dir: Path) -> None:
    (pack_dir / "search.toml").write_text('[[search_engines]]\nid = "x"\nkind = "engine\n', "utf-8")
    problems = validate_pack(pack_dir)
    assert problems and problems[0].file.endswith("search.toml")
    assert "malformed TOML" in problems[0].message
