"""Findings: what a detection means for the checklist, with suggested answers, and the redacted
rewrite of a text."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..model import Pack
from .detectors import DECLARED_PREFIX, HANDLE_PLATFORMS, KIND_HANDLE, Detection


@dataclass(frozen=True)
class Suggestion:
    item_id: str
    answer: str  # an option ID of that item


@dataclass
class Finding:
    source: str
    line: int
    kind: str
    text: str
    confidence: float
    detail: str = ""
    context: str = ""
    platform: str | None = None
    count: int = 1  # occurrences of the same text of the same kind in the same source
    suggestions: tuple[Suggestion, ...] = ()
    start: int = -1  # character offsets in the source (plain text and pasted text only)
    end: int = -1

    @property
    def topic(self) -> str:
        """What it reveals, in checklist words: employer, title, work-email, phone, …"""
        return topic_of(self.kind)

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "line": self.line, "kind": self.kind, "topic": self.topic,
                "text": self.text, "confidence": round(self.confidence, 2), "detail": self.detail,
                "context": self.context, "platform": self.platform, "count": self.count,
                "start": self.start, "end": self.end,
                "suggestions": [{"item": s.item_id, "answer": s.answer} for s in self.suggestions]}


_TOPICS = {
    "email.work": "work-email", "email.personal": "personal-email", "email.other": "email",
    "phone": "phone", "title": "title", "org": "employer", "clearance": "clearance",
    "location": "location", "address": "address", "url": "link", "handle": "handle",
    "declared.employer": "employer", "declared.title": "title", "declared.team": "team",
    "declared.project": "project", "declared.name": "name", "declared.handle": "handle",
    "declared.location": "location", "declared.work_domain": "work-email",
    "photo.gps": "photo-location", "photo.device": "photo-device", "photo.time": "photo-time",
    "photo.other": "photo-other",
    # An account on a named platform (微信号：…, 抖音@…) is still a handle; its kind names the platform.
    **{f"{KIND_HANDLE}.{p}": "handle" for p in HANDLE_PLATFORMS},
}


def topic_of(kind: str) -> str:
    return _TOPICS.get(kind, kind)


# (topic, platform) → candidate (item ID, answer). Platform None = found with no platform known.
# Only IDs present in the loaded pack (with that option) are ever suggested, so the table may name
# items a pack does not have yet.
_MAP: dict[tuple[str, str | None], tuple[tuple[str, str], ...]] = {
    ("employer", "linkedin"): (("affiliation.linkedin.employer-visible", "public"),),
    ("employer", "github"): (("affiliation.github.profile-company", "public"),),
    ("employer", "weibo"): (("affiliation.weibo.verified-employer", "public"),),
    ("employer", "wechat"): (("affiliation.wechat.moments-work", "contacts"),),
    ("employer", "events"): (("events-travel.events.speaker-bio", "public"),),
    ("employer", "email"): (("work-contact.email.signature-detail", "often"),),
    ("title", "linkedin"): (("position.linkedin.title-detail", "public"),),
    ("title", "maimai"): (("position.maimai.real-name-title", "public"),),
    ("title", "events"): (("events-travel.events.speaker-bio", "public"),),
    ("title", "email"): (("work-contact.email.signature-detail", "often"),),
    ("team", "linkedin"): (("position.linkedin.title-detail", "public"),),
    ("project", "linkedin"): (("position.linkedin.title-detail", "public"),),
    ("clearance", "linkedin"): (("position.general.clearance-mention", "public"),
                                ("position.linkedin.title-detail", "public")),
    ("clearance", None): (("position.general.clearance-mention", "public"),),
    ("work-email", "github"): (("work-contact.github.commit-email", "public"),),
    ("work-email", "email"): (("work-contact.email.signature-detail", "often"),),
    ("work-email", "linkedin"): (("work-contact.linkedin.email-visible", "contacts"),),
    ("phone", "linkedin"): (("personal-contact.general.personal-phone-public", "public"),),
    ("phone", "weibo"): (("personal-contact.general.personal-phone-public", "public"),),
    ("phone", "events"): (("personal-contact.general.personal-phone-public", "public"),),
    ("phone", "email"): (("work-contact.email.signature-detail", "often"),),
    ("phone", None): (("personal-contact.general.personal-phone-public", "public"),),
    ("photo-location", None): (("photos-location.phone.photo-gps", "public"),),
    ("photo-device", None): (("photos-location.phone.photo-gps", "public"),),
    # Handles: the platform is the one the account is on (handle.wechat), not the file's.
    ("handle", "wechat"): (("personal-contact.wechat.add-by-phone", "one"),),
    ("handle", "qq"): (("personal-contact.qq.find-me", "public"),),
}


def platform_for(kind: str, platform: str | None) -> str | None:
    """The platform a finding's suggestions are looked up for: a handle's own platform when its kind
    names one (handle.wechat), otherwise the platform of the file it was found in."""
    if kind.startswith(KIND_HANDLE + "."):
        return kind.partition(".")[2]
    return platform


def suggestions_for(pack: Pack | None, topic: str, platform: str | None) -> tuple[Suggestion, ...]:
    if pack is None:
        return ()
    items = pack.item_map()
    out: list[Suggestion] = []
    for item_id, answer in _MAP.get((topic, platform), ()) or _MAP.get((topic, None), ()):
        item = items.get(item_id)
        if item is not None and item.option(answer) is not None:
            out.append(Suggestion(item_id, answer))
    return tuple(out)


def merge_suggestions(pack: Pack | None, findings: Iterable[Finding]) -> dict[str, str]:
    """One suggested answer per item: the most exposed one any finding suggests."""
    if pack is None:
        return {}
    items = pack.item_map()
    best: dict[str, str] = {}
    for f in findings:
        for s in f.suggestions:
            item = items[s.item_id]
            opt = item.option(s.answer)
            cur = item.option(best[s.item_id]) if s.item_id in best else None
            if opt is not None and (cur is None or opt.visibility > cur.visibility):
                best[s.item_id] = s.answer
    return dict(sorted(best.items()))


# --- Redaction -------------------------------------------------------------------------------------

_PLACEHOLDERS = {
    "en": {"employer": "[employer]", "title": "[job title]", "team": "[team]", "project": "[project]",
           "work-email": "[work email]", "personal-email": "[email]", "email": "[email]",
           "phone": "[phone]", "clearance": "[clearance]", "location": "[place]",
           "address": "[address]", "link": "[link]", "handle": "[handle]", "name": "[name]"},
    "zh_CN": {"employer": "[单位]", "title": "[职务]", "team": "[部门]", "project": "[项目]",
              "work-email": "[工作邮箱]", "personal-email": "[邮箱]", "email": "[邮箱]", "phone": "[电话]",
              "clearance": "[涉密信息]", "location": "[地点]", "address": "[地址]", "link": "[链接]",
              "handle": "[账号]", "name": "[姓名]"},
}
# When spans overlap, the more specific topic names the placeholder.
_PRIORITY = ("work-email", "personal-email", "email", "phone", "address", "project", "team", "employer",
             "title", "clearance", "name", "handle", "link", "location")


def redact(text: str, detections: Sequence[Detection] | Sequence[Finding], locale: str = "en",
           min_confidence: float = 0.6) -> str:
    """`text` with every detected span replaced by a placeholder such as "[employer]"."""
    holders = _PLACEHOLDERS.get(locale, _PLACEHOLDERS["en"])
    spans: list[tuple[int, int, str]] = []
    for d in detections:
        if d.confidence < min_confidence or d.start < 0:
            continue
        topic = topic_of(d.kind)
        if topic in holders:
            spans.append((d.start, d.end, topic))
    spans.sort()
    merged: list[list[Any]] = []
    for s, e, topic in spans:
        if merged and s < merged[-1][1]:
            last = merged[-1]
            last[1] = max(last[1], e)
            if _PRIORITY.index(topic) < _PRIORITY.index(last[2]):
                last[2] = topic
        else:
            merged.append([s, e, topic])
    out: list[str] = []
    pos = 0
    for s, e, topic in merged:
        out.append(text[pos:s])
        out.append(holders[topic])
        pos = e
    out.append(text[pos:])
    return "".join(out)


def summarize(findings: Sequence[Finding]) -> Mapping[str, int]:
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.topic] = counts.get(f.topic, 0) + f.count
    return dict(sorted(counts.items()))


def is_declared(kind: str) -> bool:
    return kind.startswith(DECLARED_PREFIX)
