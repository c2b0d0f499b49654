"""Chinese account handles: 微信号：…, QQ：…, 抖音@…, 微博 @…; the platform is part of the kind
(handle.wechat) so the finding suggests that platform's checklist item, and the topic stays
"handle"."""

from __future__ import annotations

import pytest

from exposure_check.core.packs import load_core_pack
from exposure_check.core.review import review_text
from exposure_check.core.review.detectors import HANDLE_PLATFORMS, Detectors, detector_of
from exposure_check.core.review.findings import _MAP, redact, topic_of

PACK = load_core_pack()


def handles(text: str) -> list[tuple[str, str]]:
    return [(d.kind, d.text) for d in Detectors().detect(text) if detector_of(d.kind) == "handle"]


@pytest.mark.parametrize("text, kind, value", [
    ("微信号：abc_123", "handle.wechat", "abc_123"),
    ("加我微信: wx_zhang2024 备注来意", "handle.wechat", "wx_zhang2024"),
    ("ＶＸ：lee_radar88", "handle.wechat", "lee_radar88"),
    ("QQ：12345678", "handle.qq", "12345678"),
    ("企鹅号 987654321", "handle.qq", "987654321"),
    ("抖音@张三", "handle.douyin", "@张三"),
    ("抖音号: dy.abc123.", "handle.douyin", "dy.abc123"),
    ("微博 @某某研究员", "handle.weibo", "@某某研究员"),
    ("微博：@飞行的老李 欢迎关注", "handle.weibo", "@飞行的老李"),
    ("知乎 @李四，欢迎交流", "handle.zhihu", "@李四"),
    ("小红书号：95566123", "handle.xiaohongshu", "95566123"),
    ("B站@UP主小王", "handle.bilibili", "@UP主小王"),
    ("微信：@abc_123", "handle.wechat", "@abc_123"),
    ("转发给 @王工程师 看看", "handle", "@王工程师"),
])
def test_chinese_handles(text: str, kind: str, value: str) -> None:
    assert handles(text) == [(kind, value)]


@pytest.mark.parametrize("text", [
    "@所有人 下午三点开会",  # group-chat "@everyone"
    "邮箱 wang.li@163.com",  # an email address, not a handle
    "我的微信 支付宝都可以",  # a platform named, no account
    "微博：欢迎关注",  # no ID and no @
    "QQ群：123456789",  # a group number, not the user's account
    "微信：12",  # too short for an ID
    "会议时间 10:00:00 2024",
    "回复@我",  # one character: too short for a name
])
def test_not_chinese_handles(text: str) -> None:
    assert handles(text) == []


def test_a_screen_name_is_not_also_a_job_title() -> None:
    kinds = {d.kind for d in Detectors().detect("微博 @某某研究员")}
    assert kinds == {"handle.weibo"}


def test_every_platform_handle_kind_is_a_handle_topic_and_redacted() -> None:
    for platform in HANDLE_PLATFORMS:
        assert topic_of(f"handle.{platform}") == "handle"
    text = "微信号：abc_123，抖音@张三"
    dets = Detectors().detect(text)
    assert redact(text, dets, "zh_CN") == "微信号：[账号]，抖音[账号]"


def test_wechat_and_qq_ids_suggest_their_platform_items() -> None:
    assert ("handle", "wechat") in _MAP and ("handle", "qq") in _MAP
    r = review_text("微信号：abc_123 QQ：12345678 抖音@张三", pack=PACK)
    by_kind = {f.kind: f for f in r.findings}
    assert [(s.item_id, s.answer) for s in by_kind["handle.wechat"].suggestions] == [
        ("personal-contact.wechat.add-by-phone", "one")]
    assert [(s.item_id, s.answer) for s in by_kind["handle.qq"].suggestions] == [
        ("personal-contact.qq.find-me", "public")]
    assert by_kind["handle.douyin"].suggestions == ()
    assert r.suggested_answers == {"personal-contact.qq.find-me": "public",
                                   "personal-contact.wechat.add-by-phone": "one"}
    assert r.counts["handle"] == 3


def test_an_at_mention_of_a_company_still_names_the_employer() -> None:
    kinds = {(d.kind, d.text) for d in Detectors().detect("Senior Engineer @Google")}
    assert ("org", "Google") in kinds and ("handle", "@Google") in kinds
