"""Approach check: a short red-flag questionnaire about a contact who approached the user, giving a
low/medium/high rating with reasons, what to do now, and where to report. No Qt."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from .model import Pack, RedFlag, ReportContact, tr

Rating = Literal["low", "medium", "high"]

# The vault record kind of a saved result (`Vault.put_record`; saved only when the user asks).
RECORD_KIND = "approach-check"

# How the contact began; shown as the first question. Not scored: any channel can be used.
CHANNELS: dict[str, dict[str, str]] = {
    "social": {"en": "A social or professional network (LinkedIn, WeChat, Weibo…)",
               "zh_CN": "社交或职业平台（领英、微信、微博等）"},
    "email": {"en": "Email", "zh_CN": "电子邮件"},
    "event": {"en": "At a conference, exhibition or seminar", "zh_CN": "会议、展览或研讨会上"},
    "in-person": {"en": "In person, by chance", "zh_CN": "线下偶遇"},
    "game": {"en": "In an online game or forum", "zh_CN": "网络游戏或论坛"},
    "phone": {"en": "Phone call or text message", "zh_CN": "电话或短信"},
    "other": {"en": "Other", "zh_CN": "其他"},
}

# Thresholds on the sum of the ticked flags' weights (pack weights are 1–5).
MEDIUM_AT = 3
HIGH_AT = 7

_ACTIONS: dict[Rating, dict[str, tuple[str, ...]]] = {
    "low": {
        "en": ("Share nothing about your work, colleagues or projects with this contact.",
               "Keep the messages in case the contact's behaviour changes.",
               "If anything else makes you uneasy, tell your security contact."),
        "zh_CN": ("不要向对方透露工作、同事或项目的任何信息。", "保留聊天记录，以防对方行为发生变化。",
                  "如有其他不安之处，请告知安全负责人。"),
    },
    "medium": {
        "en": ("Stop sharing: do not answer further questions about your work or colleagues.",
               "Keep records: save messages, profile links, names and dates; do not delete anything.",
               "Report the approach to the contact below before replying again."),
        "zh_CN": ("停止透露：不再回答任何关于工作或同事的问题。",
                  "保留记录：保存聊天记录、对方主页链接、姓名和时间，不要删除。",
                  "再次回复前，先向下方渠道报告。"),
    },
    "high": {
        "en": ("Stop all contact now; do not confront the person or say why.",
               "Keep records: save messages, profile links, names and dates; do not delete anything.",
               "Report it today to the contact below, and tell them anything you already shared."),
        "zh_CN": ("立即停止联系，不要质问对方，也不要解释原因。",
                  "保留记录：保存聊天记录、对方主页链接、姓名和时间，不要删除。",
                  "今天就向下方渠道报告，并说明你已透露过的信息。"),
    },
}


@dataclass(frozen=True)
class Reason:
    flag_id: str
    text: str
    advice: str
    weight: int


@dataclass(frozen=True)
class ApproachResult:
    rating: Rating
    score: int
    reasons: tuple[Reason, ...]
    actions: tuple[str, ...]
    contact: ReportContact | None
    contact_name: str
    contact_text: str
    channel: str = ""
    notes: str = ""
    at: datetime = field(default_factory=lambda: datetime.now(UTC))

    def to_dict(self) -> dict[str, Any]:
        """For the vault (only when the user chooses to save) and for reports."""
        c = self.contact
        return {"kind": "approach-check", "at": self.at.isoformat(), "rating": self.rating,
                "score": self.score, "channel": self.channel, "notes": self.notes,
                "flags": [r.flag_id for r in self.reasons],
                "reasons": [{"flag": r.flag_id, "text": r.text, "advice": r.advice, "weight": r.weight}
                            for r in self.reasons],
                "actions": list(self.actions),
                "contact": {"name": self.contact_name, "text": self.contact_text,
                            "email": c.email if c else "", "phone": c.phone if c else "",
                            "url": c.url if c else ""}}


def questions(pack: Pack) -> tuple[RedFlag, ...]:
    """The yes/no red-flag questions, most serious first."""
    return tuple(sorted(pack.red_flags, key=lambda f: (-f.weight, f.id)))


def report_contact(pack: Pack, locale: str, override: ReportContact | None = None) -> ReportContact | None:
    """The org's security contact from policy when set, else the pack's contact for the locale."""
    if override is not None:
        return override
    contacts = pack.report_contacts
    return contacts.get(locale) or contacts.get(locale.split("_")[0]) or contacts.get("en")


def rate(score: int) -> Rating:
    if score >= HIGH_AT:
        return "high"
    if score >= MEDIUM_AT:
        return "medium"
    return "low"


def assess(pack: Pack, flags: Mapping[str, bool] | set[str] | frozenset[str] | list[str], locale: str = "en",
           *, contact: ReportContact | None = None, channel: str = "", notes: str = "") -> ApproachResult:
    """Rate an approach from the red flags the user ticked. Unknown flag IDs raise ValueError."""
    ticked = {k for k, v in flags.items() if v} if isinstance(flags, Mapping) else set(flags)
    known = {f.id: f for f in pack.red_flags}
    unknown = sorted(ticked - known.keys())
    if unknown:
        raise ValueError(f"unknown red flag(s): {', '.join(unknown)}")
    if channel and channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}")
    reasons = tuple(Reason(f.id, tr(f.text, locale), tr(f.advice, locale), f.weight)
                    for f in questions(pack) if f.id in ticked)
    score = sum(r.weight for r in reasons)
    rating = rate(score)
    lang = "zh_CN" if locale.startswith("zh") else "en"
    rc = report_contact(pack, locale, contact)
    return ApproachResult(rating, score, reasons, _ACTIONS[rating][lang], rc,
                          tr(rc.name, locale) if rc else "", tr(rc.text, locale) if rc else "",
                          channel, notes)
