"""The built-in pack's content meets the content issue's bar, checked through the real CLI."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from scripthelpers import load_script

REPO = Path(__file__).resolve().parents[2]
CORE = REPO / "resources" / "packs" / "core"
CJK = re.compile(r"[\u4e00-\u9fff]")
SCENARIOS = {"stranger-advice", "colleague-contacts", "event-attendee", "online-identity",
             "online-games", "overseas-contact"}
# IDs from the starter pack: progress and history key on them, so they must never disappear.
STARTER_IDS = {
    "affiliation.linkedin.employer-visible", "position.linkedin.title-detail",
    "colleagues.linkedin.connections-visible", "personal-contact.wechat.add-by-phone",
    "affiliation.wechat.moments-work", "affiliation.weibo.verified-employer",
    "position.maimai.real-name-title", "work-contact.github.commit-email",
    "affiliation.github.profile-company", "events-travel.events.speaker-bio",
    "events-travel.general.announce-trips", "photos-location.events.badge-photos",
    "work-contact.email.signature-detail", "people-search.general.broker-listing",
    "account-safety.general.two-factor", "personal-contact.general.personal-phone-public",
    "output.github.org-membership",
}
# The platforms the content issue names, by pack platform ID.
REQUIRED_PLATFORMS = {
    "chinese": {"wechat", "weibo", "qq", "zhihu", "maimai", "xiaohongshu", "douyin", "bilibili", "cnki",
                "wanfang", "boss-zhipin", "liepin", "51job", "dingtalk", "feishu"},
    "global": {"linkedin", "facebook", "x", "instagram", "tiktok", "github", "gitlab", "stackoverflow",
               "researchgate", "orcid", "google-scholar", "telegram", "whatsapp", "signal", "discord",
               "reddit", "steam", "strava", "google-maps", "gravatar"},
    "general": {"website", "events", "staff-directory", "people-search", "email", "pgp", "dating",
                "online-games"},
}
LIMITS = {"question": 300, "why": 1200, "step": 400, "label": 80}


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "exposure_check", *args], cwd=REPO,
                          capture_output=True, text=True, timeout=120, check=False)


@cache
def export(locale: str) -> dict[str, Any]:
    proc = run_cli("pack", "export", str(CORE), "--json", "--locale", locale)
    assert proc.returncode == 0, proc.stderr
    data: dict[str, Any] = json.loads(proc.stdout)
    return data


def test_strict_validate_passes_via_cli() -> None:
    proc = run_cli("pack", "validate", "--strict", str(CORE))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout == ""
    assert "valid (strict)" in proc.stderr


def test_strict_validate_catches_a_stale_translation(tmp_path: Path) -> None:
    """The lint that guards this pack really fails when the English changes under a translation."""
    import shutil

    copy = tmp_path / "core"
    shutil.copytree(CORE, copy)
    path = copy / "items" / "affiliation.toml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("Fake recruiters and consultants", "Fake head-hunters", 1), "utf-8")
    proc = run_cli("pack", "validate", "--strict", str(copy))
    assert proc.returncode == 1
    assert "affiliation.linkedin.employer-visible: zh_CN translation is outdated" in proc.stdout


def test_export_has_the_platforms_the_issue_asks_for() -> None:
    platforms = export("en")["platforms"]
    assert len(platforms) >= 30
    by_group: dict[str, set[str]] = {}
    for p in platforms:
        by_group.setdefault(p["group"], set()).add(p["id"])
    assert len(by_group["chinese"]) >= 10
    for group, wanted in REQUIRED_PLATFORMS.items():
        assert wanted <= by_group.get(group, set()), wanted - by_group.get(group, set())


def test_every_platform_has_remediation_steps() -> None:
    data = export("en")
    with_steps = {st["platform"] for it in data["items"] for st in it["steps"]}
    assert {p["id"] for p in data["platforms"]} <= with_steps


def test_items_are_complete() -> None:
    items = export("en")["items"]
    assert len(items) >= 90
    assert {it["category"] for it in items} == {c["id"] for c in export("en")["categories"]}
    for it in items:
        assert it["steps"], it["id"]
        assert it["sources"], it["id"]
        assert isinstance(it["effort_minutes"], int) and it["effort_minutes"] > 0, it["id"]
        assert it["cost"] in {"free", "paid", "time"}, it["id"]
        assert it["scenarios"], f"{it['id']} serves no advisory scenario"
        assert it["applies_when"], it["id"]
        for st in it["steps"]:
            assert st["text"], it["id"]
            assert st["source"].startswith("https://"), it["id"]
            assert dt.date.fromisoformat(st["checked"]) <= dt.date.today(), it["id"]
        for src in it["sources"]:
            assert src["url"].startswith("https://") and src["title"], it["id"]


def test_existing_item_ids_are_kept() -> None:
    ids = {it["id"] for it in export("en")["items"]}
    assert ids >= STARTER_IDS, STARTER_IDS - ids


def test_red_flags() -> None:
    flags = export("en")["red_flags"]
    assert len(flags) >= 15
    assert {f["scenario"] for f in flags} == SCENARIOS
    for f in flags:
        assert 1 <= f["weight"] <= 10 and f["advice"] and f["sources"], f["id"]


def test_each_scenario_maps_to_at_least_three_items_or_red_flags() -> None:
    data = export("en")
    assert {s["id"] for s in data["scenarios"]} == SCENARIOS
    for scenario in SCENARIOS:
        n = sum(scenario in it["scenarios"] for it in data["items"])
        n += sum(f["scenario"] == scenario for f in data["red_flags"])
        assert n >= 3, scenario


def test_report_contacts_name_verified_channels() -> None:
    contacts = export("zh_CN")["report_contacts"]
    zh = contacts["zh_CN"]
    assert zh["phone"] == "12339" and "12339" in zh["text"]
    assert "www.12339.gov.cn" in zh["text"] and zh["url"] == "https://www.12339.gov.cn/"
    en = contacts["en"]
    assert "security officer" in en["text"] and en["sources"]


def _zh_locale() -> dict[str, Any]:
    return tomllib.loads((CORE / "locales" / "zh_CN.toml").read_text("utf-8"))


def test_zh_cn_has_no_untranslated_or_outdated_entries() -> None:
    data = export("zh_CN")
    assert data["untranslated"] == {} and data["outdated"] == {}
    tool = load_script("pack_locale")
    assert all(row[3] == "ok" for row in tool.status(CORE, "zh_CN"))


def test_zh_cn_covers_every_string() -> None:
    """Beyond the lint: every step list, option label and name is translated, not left in English."""
    en, zh = export("en"), export("zh_CN")
    loc = _zh_locale()
    for e, z in zip(en["items"], zh["items"], strict=True):
        assert CJK.search(z["question"]) and CJK.search(z["why"]), e["id"]
        steps = loc["items"][e["id"]].get("steps", {})
        assert set(steps) == {s["platform"] for s in e["steps"]}, e["id"]
        for es, zs in zip(e["steps"], z["steps"], strict=True):
            assert len(zs["text"]) == len(es["text"]), (e["id"], es["platform"])
            assert all(CJK.search(line) for line in zs["text"]), (e["id"], es["platform"])
        for eo, zo in zip(e["options"], z["options"], strict=True):
            assert CJK.search(zo["label"]), (e["id"], eo["id"])
    for e, z in zip(en["red_flags"], zh["red_flags"], strict=True):
        assert CJK.search(z["text"]) and CJK.search(z["advice"]), e["id"]
    for key in ("categories", "scenarios"):
        for entry in zh[key]:
            assert CJK.search(entry["name"]), entry["id"]
    for q in zh["profile"]:
        assert CJK.search(q["label"]), q["id"]
        assert all(CJK.search(o["label"]) for o in q["options"]), q["id"]
    for platform in zh["platforms"]:
        assert platform["id"] in loc["platforms"], platform["id"]
    assert CJK.search(zh["name"])


def test_zh_cn_names_platforms_as_users_know_them() -> None:
    names = {p["id"]: p["name"] for p in export("zh_CN")["platforms"]}
    for pid, name in {"wechat": "微信", "weibo": "微博", "zhihu": "知乎", "maimai": "脉脉",
                      "xiaohongshu": "小红书", "douyin": "抖音", "bilibili": "哔哩哔哩", "cnki": "中国知网",
                      "wanfang": "万方数据", "boss-zhipin": "BOSS直聘", "liepin": "猎聘", "51job": "前程无忧",
                      "dingtalk": "钉钉", "feishu": "飞书"}.items():
        assert names[pid] == name
    assert "领英" in names["linkedin"] and "QQ空间" in names["qq"]


def test_zh_cn_text_is_within_the_strict_limits() -> None:
    for it in export("zh_CN")["items"]:
        assert len(it["question"]) <= LIMITS["question"], it["id"]
        assert len(it["why"]) <= LIMITS["why"], it["id"]
        assert all(len(line) <= LIMITS["step"] for st in it["steps"] for line in st["text"]), it["id"]
        assert all(len(o["label"]) <= LIMITS["label"] for o in it["options"]), it["id"]


def test_coverage_doc_matches_the_generator() -> None:
    tool = load_script("content_coverage")
    expected = tool.generate()
    committed = (REPO / "docs" / "content-coverage.md").read_text("utf-8")
    assert committed == expected, "docs/content-coverage.md is stale: run python scripts/content_coverage.py"


def test_coverage_doc_shows_each_scenario_and_the_check_methods() -> None:
    doc = (REPO / "docs" / "content-coverage.md").read_text("utf-8")
    for scenario in SCENARIOS:
        assert f"(`{scenario}`)" in doc
    assert "## How the steps were checked" in doc
    assert "## Platforms by category" in doc


def test_step_checks_name_real_steps() -> None:
    tool = load_script("content_coverage")
    from exposure_check.core.packs import load_pack

    methods = tool.step_methods(load_pack(CORE), tool.load_checks())
    assert set(methods.values()) <= {"official", "third-party", "knowledge"}
    assert sum(m != "knowledge" for m in methods.values()) >= 1


def test_step_checks_reject_an_unknown_step(tmp_path: Path) -> None:
    tool = load_script("content_coverage")
    from exposure_check.core.packs import load_pack

    bad = [{"method": "official", "what": "x", "steps": ["no.such.item:wechat"]}]
    with pytest.raises(ValueError, match="no.such.item:wechat"):
        tool.step_methods(load_pack(CORE), bad)
