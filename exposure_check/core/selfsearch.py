"""Guided self-search: query plans the user runs in their own browser, and what they found.

The app never runs a search. From the declared facts (names, employers, titles, emails, phones,
handles) and the pack's `search_engines`, `build_plan()` makes an ordered list of groups, one per
fact or pair of facts, each with the exact query text and search address for every engine that
has a template for it. Findings are stored by the caller in the vault as records of kind
`selfsearch` (see `record_finding`, which takes any object with `put_record`/`list_records`), and
turn into suggested audit answers with `suggest_answers()`. No Qt, no network.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import unicodedata
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal, Protocol
from urllib.parse import quote as url_quote

from .model import DeclaredFacts, LocalText, Pack, SearchEngine, tr
from .org import DEFAULT_SETTINGS

RECORD_KIND = "selfsearch"
# The re-check interval when the caller has no setting (org/policy/user "recheck_days").
DEFAULT_RECHECK_DAYS = int(str(DEFAULT_SETTINGS["recheck_days"]))
PAYLOAD_VERSION = 1
FACTS = ("name", "employer", "title", "email", "phone", "handle", "domain")
FOUND_KINDS = ("employer", "title", "email", "phone", "photo", "address")
Result = Literal["nothing", "found"]

# How many variants of one fact, and how many subjects per group, a plan offers: a short list the
# user will actually work through beats an exhaustive one.
MAX_VARIANTS = 4
MAX_SUBJECTS = 4
MAX_PHONE_SUBJECTS = 6

# Groups come in this order (the most revealing combinations first); others follow, sorted.
GROUP_ORDER: tuple[tuple[str, ...], ...] = (
    ("name", "employer"), ("email",), ("phone",), ("name", "title"), ("handle",), ("name",),
    ("domain",),
)

# A finding of this kind bears on items of these categories (the core pack's category IDs).
KIND_CATEGORIES: Mapping[str, tuple[str, ...]] = {
    "employer": ("affiliation",),
    "title": ("position",),
    "email": ("work-contact",),
    "phone": ("personal-contact", "work-contact"),
    "photo": ("photos-location",),
    "address": ("personal-contact", "people-search"),
}

# Characters that open or close a quoted phrase in some engine; inside a fact they would end the
# phrase early, and no engine lets you escape them, so they become spaces.
_QUOTE_CHARS = "\"“”„‟«»「」『』＂"
_QUOTE_TABLE = str.maketrans({c: " " for c in _QUOTE_CHARS})
_PLACEHOLDER = re.compile(r"\{(" + "|".join(FACTS) + r")\}")


# ---------------------------------------------------------------------------------------------
# Names: Chinese names, pinyin and common romanisations.

# Two-character surnames: the given name starts after them.
COMPOUND_SURNAMES = frozenset((
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "夏侯", "令狐", "宇文",
    "长孙", "司徒", "万俟", "端木", "独孤", "南宫", "西门", "澹台", "轩辕", "闻人", "呼延", "申屠",
    "太史", "公冶", "赫连", "钟离", "宗政", "濮阳", "淳于", "单于", "司空", "百里", "东郭",
))

# Surnames read differently from the same character in ordinary words (pypinyin reads words).
SURNAME_PINYIN: Mapping[str, str] = {
    "单": "shan", "曾": "zeng", "解": "xie", "区": "ou", "仇": "qiu", "朴": "piao", "查": "zha",
    "盖": "ge", "乐": "yue", "覃": "qin", "缪": "miao", "种": "chong", "翟": "zhai", "秘": "bi",
    "员": "yun", "重": "chong", "尉": "yu", "召": "shao", "句": "gou", "阚": "kan", "藏": "zang",
    "折": "she", "繁": "po", "薄": "bo", "牟": "mou", "褚": "chu", "黑": "he", "隗": "wei",
    "长孙": "zhangsun", "尉迟": "yuchi", "万俟": "moqi", "澹台": "tantai", "令狐": "linghu",
    "单于": "chanyu", "吕": "lyu", "女": "nyu",
}

# Spellings of common surnames used in Hong Kong, Taiwan, Singapore, older Wade-Giles texts and
# passports; people abroad often appear under these.
SURNAME_ALTERNATES: Mapping[str, tuple[str, ...]] = {
    "张": ("Chang", "Cheung"), "王": ("Wong",), "李": ("Lee",), "刘": ("Lau", "Lew"),
    "陈": ("Chan", "Tan"), "杨": ("Yeung", "Young"), "黄": ("Wong", "Ng"), "赵": ("Chao", "Chiu"),
    "吴": ("Ng", "Woo"), "周": ("Chou", "Chow"), "徐": ("Hsu", "Tsui"), "孙": ("Suen",),
    "马": ("Mah",), "朱": ("Chu",), "胡": ("Woo",), "郭": ("Kuo", "Kwok"), "何": ("Ho",),
    "林": ("Lam", "Lim"), "罗": ("Lo", "Law"), "高": ("Kao", "Ko"), "郑": ("Cheng",),
    "梁": ("Leung",), "谢": ("Hsieh", "Tse"), "宋": ("Sung",), "唐": ("Tong",), "许": ("Hsu", "Hui"),
    "邓": ("Teng", "Tang"), "冯": ("Fung",), "曾": ("Tseng", "Tsang"), "蔡": ("Tsai", "Choi"),
    "叶": ("Yeh", "Yip"), "吕": ("Lu", "Lv"), "苏": ("So",), "潘": ("Poon",), "袁": ("Yuen",),
    "蒋": ("Chiang",), "邱": ("Chiu", "Yau"), "钟": ("Chung",), "欧阳": ("Auyeung",),
    "江": ("Kong",), "余": ("Yu", "Yee"), "曹": ("Tsao", "Cho"), "彭": ("Pang",), "萧": ("Hsiao", "Siu"),
}

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def _syllables(hanzi: str) -> list[str]:
    # Imported lazily: pypinyin loads its dictionaries on first use.
    from pypinyin import Style, lazy_pinyin

    out = []
    for syl in lazy_pinyin(hanzi, style=Style.NORMAL, errors="ignore"):
        # ü after l/n is written "yu" in passports (lyu, nyu); pypinyin writes it as v.
        out.append(syl.replace("v", "yu") if syl[:1] in ("l", "n") else syl.replace("v", "u"))
    return out


def _join_syllables(sylls: Sequence[str]) -> str:
    """Pinyin syllables as one word, with the apostrophe before a, o, e (Xi'an)."""
    word = ""
    for i, syl in enumerate(sylls):
        if i and syl[:1] in "aoe":
            word += "'"
        word += syl
    return word.capitalize()


@dataclass(frozen=True)
class ChineseName:
    surname: str
    given: str
    surname_pinyin: str  # "Zhang"
    given_pinyin: str  # "Xiaoming"
    surname_alternates: tuple[str, ...] = ()


def split_chinese_name(name: str) -> ChineseName | None:
    """A Chinese name (surname first) with its pinyin, or None if `name` is not all Chinese."""
    name = re.sub(r"[\s·•]", "", name)
    if len(name) < 2 or not all(_CJK.fullmatch(ch) for ch in name):
        return None
    surname = name[:2] if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else name[0]
    given = name[len(surname):]
    sur_sylls = [SURNAME_PINYIN[surname]] if surname in SURNAME_PINYIN else _syllables(surname)
    given_sylls = _syllables(given)
    if not sur_sylls or not given_sylls:
        return None
    return ChineseName(surname, given, _join_syllables(sur_sylls), _join_syllables(given_sylls),
                       SURNAME_ALTERNATES.get(surname, ()))


def name_variants(name: str, locale: str) -> list[str]:
    """The ways a name is written online, most likely first for a user of `locale`.

    A Chinese name gives the characters, pinyin in both orders ("Zhang Xiaoming", "Xiaoming
    Zhang") and common other romanisations of the surname ("Xiaoming Cheung"). Other names are
    kept as typed.
    """
    name = _clean(name)
    if not name:
        return []
    cn = split_chinese_name(name)
    if cn is None:
        return [name]
    native = f"{cn.surname_pinyin} {cn.given_pinyin}"
    western = f"{cn.given_pinyin} {cn.surname_pinyin}"
    out = [name, native, western] if locale.startswith("zh") else [western, native, name]
    out += [f"{cn.given_pinyin} {alt}" for alt in cn.surname_alternates]
    return _dedupe(out)


# ---------------------------------------------------------------------------------------------
# Other facts.

_STOPWORDS = frozenset(["of", "the", "and", "for", "&", "in", "at", "de", "du", "la", "le", "des"])


def employer_variants(employer: str) -> list[str]:
    """The employer as declared, split from a bracketed abbreviation, plus its initials.

    "Northwind Research Institute (NRI)" gives the full name and "NRI"; "北方研究所（北研所）"
    gives both; a Latin name of three or more words also gives its initials.
    """
    employer = _clean(employer)
    if not employer:
        return []
    out = []
    m = re.fullmatch(r"(.+?)\s*[(（]\s*([^()（）]+?)\s*[)）]", employer)
    full = m.group(1).strip() if m else employer
    out.append(full)
    if m:
        out.append(m.group(2))
    if not has_cjk(full):
        words = [w for w in re.split(r"[\s\-/,]+", full) if w and w.lower() not in _STOPWORDS]
        if len(words) >= 3 and all(w[:1].isalpha() for w in words):
            out.append("".join(w[0].upper() for w in words))
    return _dedupe(out)


def phone_variants(phone: str, region: str | None) -> list[str]:
    """A phone number the ways it is written online: 13812345678, 138 1234 5678, +86 138 1234 5678.

    Uses `phonenumbers`; `region` (e.g. "CN", "GB") reads numbers typed without +country code. A
    number it cannot read is searched as typed.
    """
    import phonenumbers

    phone = _clean(phone)
    if not phone:
        return []
    try:
        num = phonenumbers.parse(phone, region)
    except phonenumbers.NumberParseException:
        return [phone]
    if not phonenumbers.is_possible_number(num):
        return [phone]
    national = phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.NATIONAL)
    intl = phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    digits = re.sub(r"\D", "", national)
    return _dedupe([digits, national, intl])


def handle_variants(handle: str) -> list[str]:
    handle = _clean(handle).lstrip("@")
    return [handle] if handle else []


def _clean(text: str) -> str:
    """One line of text with the characters that would break a quoted phrase removed."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTE_TABLE)
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(text.split())


def _dedupe(values: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for v in values:
        key = v.casefold()
        if v and key not in seen:
            seen.add(key)
            out.append(v)
    return out


def fact_variants(facts: DeclaredFacts, locale: str, region: str | None) -> dict[str, list[str]]:
    """Every searchable variant of each kind of fact, most useful first."""
    names = _dedupe(v for n in facts.names for v in name_variants(n, locale))
    employers = _dedupe(v for e in facts.employers for v in employer_variants(e))
    titles = _dedupe(_clean(t) for t in facts.titles)
    emails = _dedupe(_clean(e).lower() for e in facts.emails if "@" in e)
    phones = _interleave([phone_variants(p, region) for p in facts.phones])
    handles = _dedupe(v for h in facts.handles for v in handle_variants(h))
    domains = _dedupe(_clean(d).lower().lstrip("@") for d in facts.work_domains)
    return {"name": names, "employer": employers[:MAX_VARIANTS], "title": titles[:MAX_VARIANTS],
            "email": emails[:MAX_VARIANTS], "phone": phones[:MAX_PHONE_SUBJECTS],
            "handle": handles[:MAX_VARIANTS], "domain": domains[:MAX_VARIANTS]}


def _interleave(lists: Sequence[Sequence[str]]) -> list[str]:
    out: list[str] = []
    for i in range(max((len(x) for x in lists), default=0)):
        out.extend(x[i] for x in lists if i < len(x))
    return _dedupe(out)


def default_region(locale: str) -> str | None:
    """The phone region assumed for numbers typed without +country code."""
    return "CN" if locale.startswith("zh") else None


# ---------------------------------------------------------------------------------------------
# Queries.


def phrase(value: str, quoted: bool) -> str:
    """A fact as it goes into a query: an exact phrase "…" where the engine understands one."""
    value = _clean(value)
    return f'"{value}"' if quoted and value else value


def render(template: str, values: Mapping[str, str], quoted: bool) -> str:
    """Fill a template's {fact} placeholders; operators around them are kept as written."""
    return _PLACEHOLDER.sub(lambda m: phrase(values[m.group(1)], quoted), template).strip()


def search_url(engine: SearchEngine, query: str) -> str:
    """The address that runs `query` on `engine` (every character URL-encoded)."""
    if "{q}" not in engine.url:
        return engine.url
    return engine.url.replace("{q}", url_quote(query, safe=""))


def template_facts(template: str) -> tuple[str, ...]:
    """The facts a template needs, in canonical order (name before employer …)."""
    found = set(_PLACEHOLDER.findall(template))
    return tuple(f for f in FACTS if f in found)


@dataclass(frozen=True)
class Query:
    key: str  # stable across runs: findings are matched on it
    engine_id: str
    engine_name: LocalText
    kind: str
    platform: str
    text: str  # what the user copies; empty for image searches
    url: str
    note: LocalText = field(default_factory=dict)

    @property
    def site(self) -> str:
        """The host the browser will send the query to, for the "first time" notice."""
        m = re.match(r"https://([^/?#]+)", self.url)
        return m.group(1) if m else self.url


@dataclass(frozen=True)
class QueryGroup:
    facts: tuple[str, ...]  # ("name", "employer"); ("photo",) for image searches
    values: Mapping[str, str]  # the fact variants this group searches for
    queries: tuple[Query, ...]

    @property
    def label(self) -> str:
        return " + ".join(self.values[f] for f in self.facts) if self.values else ""


@dataclass(frozen=True)
class Plan:
    locale: str
    groups: tuple[QueryGroup, ...]

    def queries(self) -> list[Query]:
        return [q for g in self.groups for q in g.queries]

    def query(self, key: str) -> Query | None:
        for q in self.queries():
            if q.key == key:
                return q
        return None


def query_key(engine_id: str, text: str) -> str:
    return hashlib.sha256(f"{engine_id}\0{text}".encode()).hexdigest()[:20]


def ordered_engines(engines: Iterable[SearchEngine], locale: str) -> list[SearchEngine]:
    """Engines preferred for `locale` first, otherwise in pack order."""
    listed = list(engines)
    return sorted(listed, key=lambda e: (0 if locale in e.prefer_locales else 1, listed.index(e)))


def _subjects(fact_set: tuple[str, ...], variants: Mapping[str, list[str]]) -> list[dict[str, str]]:
    """Value combinations for a group, at most MAX_SUBJECTS (MAX_PHONE_SUBJECTS for phones).

    Pairs are kept within one script (a Chinese name with a Chinese employer name), and the best
    pair of each script comes before the second-best of any, starting with the script of the
    first (locale-preferred) variant.
    """
    pools = [variants.get(f, [])[:MAX_VARIANTS] for f in fact_set]
    if not all(pools):
        return []
    if len(fact_set) == 1:
        cap = MAX_PHONE_SUBJECTS if fact_set == ("phone",) else MAX_SUBJECTS
        return [{fact_set[0]: v} for v in variants[fact_set[0]][:cap]]
    by_script: dict[bool, list[tuple[int, dict[str, str]]]] = {}
    for combo in itertools.product(*(list(enumerate(p)) for p in pools)):
        values = [v for _, v in combo]
        scripts = {has_cjk(v) for v in values}
        if len(scripts) == 1:
            by_script.setdefault(scripts.pop(), []).append(
                (sum(i for i, _ in combo), dict(zip(fact_set, values, strict=True))))
    first = has_cjk(pools[0][0])
    lists = [sorted(by_script.get(script, []), key=lambda c: c[0]) for script in (first, not first)]
    merged = _interleave_any(lists)
    return merged[:MAX_SUBJECTS]


def _interleave_any(lists: Sequence[Sequence[tuple[int, dict[str, str]]]]) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for i in range(max((len(x) for x in lists), default=0)):
        out.extend(x[i][1] for x in lists if i < len(x))
    return out


def _script_ok(engine: SearchEngine, subject: Mapping[str, str]) -> bool:
    """Whether `engine` suits the script of the subject's name and employer."""
    if engine.script == "any":
        return True
    written = [v for f, v in subject.items() if f in ("name", "employer", "title")]
    if not written:
        return True
    cjk = any(has_cjk(v) for v in written)
    return cjk if engine.script == "cjk" else not cjk


def _group_rank(fact_set: tuple[str, ...]) -> tuple[int, tuple[str, ...]]:
    try:
        return GROUP_ORDER.index(fact_set), ()
    except ValueError:
        return len(GROUP_ORDER), fact_set


def build_plan(pack: Pack, facts: DeclaredFacts, locale: str = "en",
               region: str | None = None) -> Plan:
    """The self-search plan for these facts: groups of queries, most revealing first.

    `region` is the phone region for numbers typed without a country code (default: from
    `locale`). Pure and deterministic: the same inputs give the same plan.
    """
    variants = fact_variants(facts, locale, region if region is not None else default_region(locale))
    engines = ordered_engines(pack.search_engines, locale)
    templates: dict[tuple[str, ...], list[tuple[SearchEngine, str]]] = {}
    for engine in engines:
        for template in engine.templates:
            templates.setdefault(template_facts(template), []).append((engine, template))
    groups = []
    for fact_set in sorted(templates, key=_group_rank):
        for subject in _subjects(fact_set, variants):
            queries = []
            seen: set[str] = set()
            for engine, template in templates[fact_set]:
                if not _script_ok(engine, subject):
                    continue
                text = render(template, subject, engine.quote)
                key = query_key(engine.id, text)
                if key in seen:
                    continue
                seen.add(key)
                queries.append(Query(key, engine.id, engine.name, engine.kind, engine.platform, text,
                                     search_url(engine, text), engine.note))
            if queries:
                groups.append(QueryGroup(fact_set, subject, tuple(queries)))
    image = [Query(query_key(e.id, ""), e.id, e.name, e.kind, e.platform, "", e.url, e.note)
             for e in engines if e.kind == "image"]
    if image:
        groups.append(QueryGroup(("photo",), {}, tuple(image)))
    return Plan(locale, tuple(groups))


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """The plan as plain data (the CLI's --json output)."""
    return {
        "locale": plan.locale,
        "groups": [{
            "facts": list(g.facts), "values": dict(g.values),
            "queries": [{"key": q.key, "engine": q.engine_id,
                         "engine_name": tr(q.engine_name, plan.locale), "kind": q.kind,
                         "platform": q.platform, "query": q.text, "url": q.url,
                         "note": tr(q.note, plan.locale) if q.note else ""} for q in g.queries],
        } for g in plan.groups],
    }


# ---------------------------------------------------------------------------------------------
# Findings: what the user found, stored in the vault as records of kind "selfsearch".


class RecordStore(Protocol):
    """The part of the vault self-search needs (storage.vault.Vault satisfies it)."""

    def put_record(self, kind: str, record_id: str, payload: dict[str, Any]) -> None: ...

    def list_records(self, kind: str) -> list[tuple[str, dict[str, Any]]]: ...


@dataclass(frozen=True)
class Finding:
    query_key: str
    engine_id: str
    query: str
    result: Result
    searched_at: datetime
    kinds: tuple[str, ...] = ()
    platform: str = ""  # where it was found; defaults to the search's platform
    note: str = ""  # private; stays in the vault

    def __post_init__(self) -> None:
        if self.result not in ("nothing", "found"):
            raise ValueError(f"result must be 'nothing' or 'found', not {self.result!r}")
        bad = [k for k in self.kinds if k not in FOUND_KINDS]
        if bad:
            raise ValueError(f"unknown kind of finding: {', '.join(bad)}")
        if self.result == "nothing" and self.kinds:
            raise ValueError("'nothing found' cannot list what was found")
        if self.searched_at.tzinfo is None:
            raise ValueError("searched_at needs a time zone")

    def to_payload(self) -> dict[str, Any]:
        return {"v": PAYLOAD_VERSION, "query_key": self.query_key, "engine": self.engine_id,
                "query": self.query, "result": self.result, "kinds": list(self.kinds),
                "platform": self.platform, "note": self.note,
                "searched_at": self.searched_at.isoformat()}

    @classmethod
    def from_payload(cls, data: Mapping[str, Any]) -> Finding:
        at = datetime.fromisoformat(str(data["searched_at"]))
        return cls(str(data["query_key"]), str(data.get("engine", "")), str(data.get("query", "")),
                   data["result"], at if at.tzinfo else at.replace(tzinfo=UTC),
                   tuple(str(k) for k in data.get("kinds", [])), str(data.get("platform", "")),
                   str(data.get("note", "")))


def new_finding(query: Query, result: Result, kinds: Iterable[str] = (), note: str = "",
                platform: str | None = None, at: datetime | None = None) -> Finding:
    wanted = list(dict.fromkeys(kinds))
    ordered = [k for k in FOUND_KINDS if k in wanted] + [k for k in wanted if k not in FOUND_KINDS]
    return Finding(query.key, query.engine_id, query.text, result, at or datetime.now(UTC),
                   tuple(ordered),
                   query.platform if platform is None else platform, note.strip())


def record_finding(store: RecordStore, finding: Finding) -> str:
    """Store a finding (each one is kept, dated); returns its record ID (random, no personal data)."""
    record_id = uuid.uuid4().hex
    store.put_record(RECORD_KIND, record_id, finding.to_payload())
    return record_id


def load_findings(store: RecordStore) -> list[Finding]:
    """Every stored finding, oldest first. A malformed record is skipped, not fatal."""
    out = []
    for _rid, payload in store.list_records(RECORD_KIND):
        try:
            out.append(Finding.from_payload(payload))
        except (KeyError, TypeError, ValueError):
            continue
    return sorted(out, key=lambda f: f.searched_at)


def latest_findings(findings: Iterable[Finding]) -> dict[str, Finding]:
    """The most recent finding per query key."""
    out: dict[str, Finding] = {}
    for f in sorted(findings, key=lambda f: f.searched_at):
        out[f.query_key] = f
    return out


@dataclass(frozen=True)
class QueryStatus:
    last: Finding | None
    days_ago: int | None
    due: bool


def query_status(query: Query, latest: Mapping[str, Finding], now: datetime,
                 recheck_days: int = DEFAULT_RECHECK_DAYS) -> QueryStatus:
    """Never searched, or searched N days ago; due again once `recheck_days` have passed."""
    last = latest.get(query.key)
    if last is None:
        return QueryStatus(None, None, True)
    days = max(0, (now - last.searched_at).days)
    return QueryStatus(last, days, days >= recheck_days)


def due_queries(plan: Plan, findings: Iterable[Finding], now: datetime,
                recheck_days: int = DEFAULT_RECHECK_DAYS) -> list[tuple[Query, QueryStatus]]:
    """Queries to offer at a re-check: those never run and those last run too long ago."""
    latest = latest_findings(findings)
    out = []
    for q in plan.queries():
        st = query_status(q, latest, now, recheck_days)
        if st.due:
            out.append((q, st))
    return out


@dataclass(frozen=True)
class Suggestion:
    item_id: str
    option_id: str
    kinds: tuple[str, ...]
    query_keys: tuple[str, ...]


def suggest_answers(pack: Pack, findings: Iterable[Finding],
                    applicable: Iterable[str] | None = None) -> list[Suggestion]:
    """Audit answers the latest findings point to; the user confirms them before they count.

    A finding of kind K found on platform P suggests the most exposed option for each pack item
    in K's categories that covers P (items with no platform when P is empty; every item of P's own
    category, e.g. people-search). Only IDs in `pack` (and in `applicable`, if given) appear.
    """
    allowed = set(applicable) if applicable is not None else None
    hits: dict[str, tuple[set[str], list[str]]] = {}
    for f in latest_findings(findings).values():
        if f.result != "found":
            continue
        for item in pack.items:
            if allowed is not None and item.id not in allowed:
                continue
            on_platform = (f.platform in item.platforms) if f.platform else not item.platforms
            if not on_platform:
                continue
            kinds = {k for k in f.kinds
                     if item.category in KIND_CATEGORIES.get(k, ()) or item.category == f.platform}
            if kinds:
                entry = hits.setdefault(item.id, (set(), []))
                entry[0].update(kinds)
                entry[1].append(f.query_key)
    out = []
    for item in pack.items:
        if item.id not in hits:
            continue
        exposed = [o for o in item.options if o.kind == "exposed"]
        if not exposed:
            continue
        best = max(exposed, key=lambda o: o.visibility)
        kinds, keys = hits[item.id]
        out.append(Suggestion(item.id, best.id, tuple(k for k in FOUND_KINDS if k in kinds),
                              tuple(dict.fromkeys(keys))))
    return out


def describe_age(days: int | None) -> str:
    """Plain English for the CLI; the UI translates its own."""
    if days is None:
        return "never searched"
    if days == 0:
        return "searched today"
    return f"last searched {days} day{'s' if days != 1 else ''} ago"

