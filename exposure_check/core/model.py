"""The domain objects: packs and their items, profiles, audits, progress. Frozen and Qt-free."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

SOURCE_LOCALE = "en"
SUPPORTED_LOCALES = ("en", "zh_CN")

# A string in several locales: {"en": "...", "zh_CN": "..."}; "en" is always present.
LocalText = Mapping[str, str]
LocalLines = Mapping[str, tuple[str, ...]]

OptionKind = Literal["exposed", "safe", "unsure", "na"]
ProgressState = Literal["todo", "done", "na", "accepted"]
PROGRESS_STATES: tuple[ProgressState, ...] = ("todo", "done", "na", "accepted")
ProfileValue = bool | str | tuple[str, ...] | None


def tr(text: LocalText, locale: str) -> str:
    """The text in `locale`, falling back to the source locale."""
    value = text.get(locale)
    if value:
        return value
    return text.get(SOURCE_LOCALE, "")


def tr_lines(lines: LocalLines, locale: str) -> tuple[str, ...]:
    value = lines.get(locale)
    if value:
        return value
    return lines.get(SOURCE_LOCALE, ())


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class Option:
    id: str
    label: LocalText
    visibility: float
    kind: OptionKind


@dataclass(frozen=True)
class Step:
    """Click-by-click remediation on one platform, with when and where the path was checked."""

    platform: str
    lines: LocalLines
    checked: str = ""
    source: str = ""


@dataclass(frozen=True)
class Item:
    id: str
    category: str
    platforms: tuple[str, ...]
    severity: str
    question: LocalText
    why: LocalText
    applies_when: str
    options: tuple[Option, ...]
    steps: tuple[Step, ...]
    effort_minutes: int
    cost: str
    sources: tuple[Source, ...]
    linkability: float = 1.0
    weight: float = 1.0
    mandatory: bool = False
    scenarios: tuple[str, ...] = ()
    origin: str = "core"

    def option(self, option_id: str) -> Option | None:
        for opt in self.options:
            if opt.id == option_id:
                return opt
        return None

    @property
    def unsure_option(self) -> Option:
        for opt in self.options:
            if opt.kind == "unsure":
                return opt
        raise LookupError(f"{self.id} has no 'unsure' option")


@dataclass(frozen=True)
class Category:
    id: str
    name: LocalText
    description: LocalText


@dataclass(frozen=True)
class Platform:
    id: str
    name: LocalText
    group: str  # "global", "chinese" or "general"
    icon: str = ""
    url: str = ""


@dataclass(frozen=True)
class ProfileOption:
    id: str
    label: LocalText


@dataclass(frozen=True)
class ProfileQuestion:
    """One question of the profile step. Kinds: bool, choice (ordered options), multi, platforms."""

    id: str
    kind: Literal["bool", "choice", "multi", "platforms"]
    label: LocalText
    help: LocalText
    options: tuple[ProfileOption, ...] = ()

    def rank(self, option_id: str) -> int:
        for i, opt in enumerate(self.options):
            if opt.id == option_id:
                return i
        return -1


@dataclass(frozen=True)
class Scenario:
    """An approach pattern from counter-intelligence advisories that items and red flags serve."""

    id: str
    name: LocalText


@dataclass(frozen=True)
class RedFlag:
    id: str
    scenario: str
    text: LocalText
    advice: LocalText
    weight: int
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class ReportContact:
    """Where to report a suspicious approach: the org's security contact or a locale default."""

    name: LocalText
    text: LocalText
    email: str = ""
    phone: str = ""
    url: str = ""
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Branding:
    """An org overlay's look: the name shown in the title bar, a logo SVG inside the pack, a colour."""

    display_name: LocalText
    logo: str = ""  # absolute path of an SVG file inside the (signed) pack directory, or ""
    accent_color: str = ""  # "#rrggbb", or "" for the default


@dataclass(frozen=True)
class SearchEngine:
    """A search the user runs in their own browser (self-search). See docs/selfsearch.md.

    `url` holds `{q}` where the URL-encoded query goes (or none: a page to open, e.g. image
    search). Each template names the facts it needs as `{name}`, `{employer}`, `{title}`,
    `{email}`, `{phone}`, `{handle}` or `{domain}`; `kind` is engine, platform, people-search or
    image.
    """

    id: str
    name: LocalText
    kind: Literal["engine", "platform", "people-search", "image"]
    url: str
    templates: tuple[str, ...] = ()
    quote: bool = True  # wrap each fact in "…" (the engine understands exact phrases)
    platform: str = ""  # the pack platform this searches, so findings map to its items
    prefer_locales: tuple[str, ...] = ()  # listed first for users of these locales
    note: LocalText = field(default_factory=dict)
    # "cjk": only for names/employers written in Chinese; "latin": only for ones that are not
    script: Literal["any", "cjk", "latin"] = "any"
    origin: str = "core"


@dataclass(frozen=True, eq=False)  # identity equality: packs are cached by object
class Pack:
    id: str
    version: str
    name: LocalText
    locales: tuple[str, ...]
    categories: tuple[Category, ...]
    platforms: tuple[Platform, ...]
    profile: tuple[ProfileQuestion, ...]
    items: tuple[Item, ...]
    scenarios: tuple[Scenario, ...] = ()
    red_flags: tuple[RedFlag, ...] = ()
    report_contacts: Mapping[str, ReportContact] = field(default_factory=dict)
    # old item ID -> new item ID (or "" when retired with no replacement)
    replaced: Mapping[str, str] = field(default_factory=dict)
    # locale -> IDs whose translation is older than the source text
    outdated: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # locale -> IDs with no translation (they fall back to the source locale)
    untranslated: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    overlays: tuple[str, ...] = ()
    search_engines: tuple[SearchEngine, ...] = ()
    # Set by an org overlay's [org] table (docs/admin-guide.md); None/empty without one.
    branding: Branding | None = None
    security_contact: ReportContact | None = None  # also fills report_contacts for every locale
    org_settings: Mapping[str, object] = field(default_factory=dict)  # e.g. recheck_days, language
    locked_settings: tuple[str, ...] = ()  # org_settings names the user cannot change

    def item(self, item_id: str) -> Item:
        for it in self.items:
            if it.id == item_id:
                return it
        raise KeyError(item_id)

    def item_map(self) -> dict[str, Item]:
        return {it.id: it for it in self.items}

    def platform(self, platform_id: str) -> Platform:
        for p in self.platforms:
            if p.id == platform_id:
                return p
        raise KeyError(platform_id)

    def category(self, category_id: str) -> Category:
        for c in self.categories:
            if c.id == category_id:
                return c
        raise KeyError(category_id)

    def question(self, question_id: str) -> ProfileQuestion:
        for q in self.profile:
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    def current_id(self, item_id: str) -> str | None:
        """Follow `replaces`/`retired` so progress keyed on an old ID finds its item today."""
        seen: set[str] = set()
        while item_id in self.replaced and item_id not in seen:
            seen.add(item_id)
            item_id = self.replaced[item_id]
            if not item_id:
                return None
        return item_id


@dataclass(frozen=True)
class Profile:
    """The user's answers to the pack's profile questions (role, sensitivity, platforms, …)."""

    answers: Mapping[str, ProfileValue] = field(default_factory=dict)

    def get(self, key: str) -> ProfileValue:
        return self.answers.get(key)

    @property
    def platforms(self) -> tuple[str, ...]:
        value = self.answers.get("platforms")
        return tuple(value) if isinstance(value, tuple | list) else ()


@dataclass(frozen=True)
class DeclaredFacts:
    """What the user tells us about themselves so the reviewer and self-search can look for it.

    Sensitive: stored only inside the encrypted vault.
    """

    names: tuple[str, ...] = ()
    employers: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    teams: tuple[str, ...] = ()
    projects: tuple[str, ...] = ()
    work_domains: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    handles: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, list[str]]:
        return {k: list(getattr(self, k)) for k in self.__dataclass_fields__}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> DeclaredFacts:
        kwargs: dict[str, tuple[str, ...]] = {}
        for key in cls.__dataclass_fields__:
            raw = data.get(key, ())
            if isinstance(raw, str):
                raw = (raw,)
            if not isinstance(raw, list | tuple):
                raise ValueError(f"declared fact {key!r} must be a list of strings")
            kwargs[key] = tuple(str(v).strip() for v in raw if str(v).strip())
        return cls(**kwargs)


@dataclass(frozen=True)
class Audit:
    """A completed (or in-progress) audit. Completed audits are immutable snapshots."""

    id: str
    created: datetime
    pack_id: str
    pack_version: str
    profile: Profile
    answers: Mapping[str, str]  # item ID -> option ID; unanswered items are "skipped"


@dataclass(frozen=True)
class ProgressEvent:
    item_id: str
    state: ProgressState
    at: datetime
    note: str = ""


@dataclass(frozen=True)
class ItemProgress:
    state: ProgressState
    at: datetime


def fold_progress(events: list[ProgressEvent] | tuple[ProgressEvent, ...]) -> dict[str, ItemProgress]:
    """Latest state per item from an append-only event log (later events win)."""
    out: dict[str, ItemProgress] = {}
    for ev in sorted(events, key=lambda e: e.at):
        out[ev.item_id] = ItemProgress(ev.state, ev.at)
    return out
