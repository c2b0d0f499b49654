"""Detectors: find emails, phones, declared facts, job titles, organisations, clearance words,
places, URLs and handles in a piece of text. Pure functions over strings; no I/O.

Text is first *folded* with a length-preserving table (full-width → ASCII, traditional → simplified
Chinese, accented Latin → base letter), so every span found in the folded text is also the span in
the original text, and matching is width-, script- and accent-insensitive at C speed.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import phonenumbers

from ..model import DeclaredFacts
from . import lexicon as lx

# Kinds a detection can have. "declared.<field>" for the user's own facts.
KIND_EMAIL_WORK = "email.work"
KIND_EMAIL_PERSONAL = "email.personal"
KIND_EMAIL_OTHER = "email.other"
KIND_PHONE = "phone"
KIND_TITLE = "title"
KIND_ORG = "org"
KIND_CLEARANCE = "clearance"
KIND_LOCATION = "location"
KIND_ADDRESS = "address"
KIND_URL = "url"
KIND_HANDLE = "handle"
DECLARED_PREFIX = "declared."

# The detector a kind belongs to, for per-detector evaluation and filtering.
DETECTORS = ("email", "phone", "declared", "title", "org", "clearance", "location", "address",
             "url", "handle")


def detector_of(kind: str) -> str:
    return kind.split(".", 1)[0]


@dataclass(frozen=True)
class Detection:
    kind: str
    start: int
    end: int
    text: str
    confidence: float
    detail: str = ""  # why: the declared fact matched, the email class reason, a phone's E.164


# --- Folding ---------------------------------------------------------------------------------------

def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0xFF01, 0xFF5F):  # full-width ASCII
        table[cp] = chr(cp - 0xFEE0)
    table[0x3000] = " "  # ideographic space
    for cp in range(0x00C0, 0x0250):
        base = unicodedata.normalize("NFKD", chr(cp))
        stripped = "".join(c for c in base if not unicodedata.combining(c))
        if len(stripped) == 1 and stripped.isascii() and stripped != chr(cp):
            table[cp] = stripped
    for trad, simp in lx.TRAD_SIMP.items():
        if trad != simp:
            table[ord(trad)] = simp
    for a, b in (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"'), ("\u00a0", " "),
                 ("\u2013", "-"), ("\u2014", "-"), ("\u00b7", "·")):
        table[ord(a)] = b
    return table


_FOLD = _build_fold_table()
_FOLD_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_FOLD)) + "]")


def fold(text: str) -> str:
    """Width-, script- and accent-fold `text` without changing its length (spans stay valid)."""
    if text.isascii() or _FOLD_RE.search(text) is None:
        return text
    return text.translate(_FOLD)


def fold_key(text: str) -> str:
    """A comparison key: folded, case-folded, with separators removed."""
    return re.sub(r"[\W_]+", "", fold(unicodedata.normalize("NFKC", text)).casefold())


_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RE = re.compile(f"[{_CJK}]")


def has_cjk(text: str) -> bool:
    return not text.isascii() and _CJK_RE.search(text) is not None


# --- Emails ----------------------------------------------------------------------------------------

# Anchored on "@", which the regex engine finds with a fast literal scan; the local part is matched
# backwards from there. This is much cheaper than a pattern that starts with a character class.
_EMAIL_DOMAIN = re.compile(r"@((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24})"
                           r"(?![A-Za-z0-9-])")
_EMAIL_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}\Z")


def _emails(text: str, work_domains: Sequence[str], declared_emails: frozenset[str]) -> list[Detection]:
    out: list[Detection] = []
    if "@" not in text:
        return out
    for m in _EMAIL_DOMAIN.finditer(text):
        at = m.start()
        local = _EMAIL_LOCAL.search(text, max(0, at - 64), at)
        if local is None:
            continue
        start = local.start()
        while start < at and text[start] in ".-'":
            start += 1
        if start == at:
            continue
        address = text[start:m.end()]
        domain = m.group(1).lower()
        if address.lower() in declared_emails or any(domain == d or domain.endswith("." + d)
                                                     for d in work_domains):
            if domain in lx.FREE_MAIL_DOMAINS:
                kind, why = KIND_EMAIL_PERSONAL, "your declared personal address"
            else:
                kind, why = KIND_EMAIL_WORK, "a declared work domain"
        elif domain in lx.FREE_MAIL_DOMAINS:
            kind, why = KIND_EMAIL_PERSONAL, "a free-mail provider"
        else:
            kind, why = KIND_EMAIL_OTHER, "an organisation's domain"
        out.append(Detection(kind, start, m.end(), address, 0.99, why))
    return out


# --- Phones ----------------------------------------------------------------------------------------

# Starts with a digit so the regex engine can skip quickly; a leading "+" or "(" is added back below.
_PHONE_CAND = re.compile(r"\d[\d \u00a0().\-/]{5,22}\d(?![A-Za-z0-9])")
_ALNUM = re.compile(r"[A-Za-z0-9]")
_PHONE_KEYWORD = re.compile(r"(?i)(?:tel|phone|mobile|mob|cell|fax|call|whatsapp|signal|t|m|p|f|"
                            r"o|office|direct|电话|手机|联系|传真|座机|微信|热线|tel\.)\s*[:：.]?\s*\Z")
_DATE_RANGE = re.compile(r"(?:19|20)\d\d(?:[.\-/]\d{1,2}){0,2}\s*[-/]\s*(?:(?:19|20)\d\d|\d{1,2})"
                         r"(?:[.\-/]\d{1,2}){0,2}")
_DATE_LIKE = re.compile(r"(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}:\d\d")
_DIGIT = re.compile(r"\d")


def _phones(text: str, cjk: bool) -> list[Detection]:
    out: list[Detection] = []
    regions: tuple[str, ...] = ("CN", "US", "GB") if cjk else ("US", "GB", "CN")
    for m in _PHONE_CAND.finditer(text):
        start = m.start()
        if start and text[start - 1] == "(":
            start -= 1
        if start and text[start - 1] == "+":
            start -= 1
        if start and _ALNUM.match(text, start - 1):
            continue
        cand = text[start:m.end()]
        if cand.count("(") != cand.count(")") and cand.startswith("("):
            cand, start = cand[1:], start + 1
        digits = len(_DIGIT.findall(cand))
        if digits < 7 or digits > 15:
            continue
        intl = cand.startswith(("+", "00"))
        if not intl and (_DATE_LIKE.search(cand) or _DATE_RANGE.fullmatch(cand)):
            continue  # 2024-03-15 10:00, 2019.07-2021.06
        keyword = _PHONE_KEYWORD.search(text, max(0, start - 16), start) is not None
        if not intl and not keyword and digits < 10:
            continue
        found = _parse_phone(cand, intl, regions)
        if found is None and (intl or keyword):
            # A number with a phone label or a country code that the numbering plan says is not
            # (yet) assigned, such as the UK's 07700 900xxx drama range, still reads as a phone.
            found = _parse_phone(cand, intl, regions, possible=True)
        if found is not None:
            out.append(Detection(KIND_PHONE, start, start + len(cand), cand, 0.97 if keyword or intl
                                 else 0.9, found))
        elif digits > 11 and (intl or keyword):  # maybe two numbers side by side
            for region in regions[:1]:
                for pm in phonenumbers.PhoneNumberMatcher(cand, region):
                    e164 = phonenumbers.format_number(pm.number, phonenumbers.PhoneNumberFormat.E164)
                    out.append(Detection(KIND_PHONE, start + pm.start, start + pm.end, pm.raw_string,
                                         0.9, e164))
    return out


@functools.lru_cache(maxsize=4096)
def _parse_phone(cand: str, intl: bool, regions: tuple[str, ...], possible: bool = False) -> str | None:
    raw = "+" + cand[2:] if cand.startswith("00") else cand
    for region in ((None,) if intl else regions):
        try:
            num = phonenumbers.parse(raw, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(num) or (possible and phonenumbers.is_possible_number(num)):
            return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)
    return None


def phone_key(number: str) -> str | None:
    """E.164 for a declared phone number (tries CN, US, GB when it has no country code)."""
    cand = number.strip()
    return _parse_phone(cand, cand.startswith(("+", "00")), ("CN", "US", "GB"))


# --- Declared facts -----------------------------------------------------------------------------

_DECLARED_FIELDS = ("names", "employers", "titles", "teams", "projects", "handles", "locations",
                    "work_domains")
_SEP = r"(?:[\s\-_.·・/&,'+]{0,3}|\s+and\s+)"
_SMALL_WORDS = {"of", "the", "and", "for", "at", "in"}
_LATIN_WORD = re.compile(r"[A-Za-z0-9]")
_LATIN_EDGE_R = r"(?![A-Za-z0-9])"
_LEGAL_TAIL = (r"(?:[\s,.]{0,2}(?:股份有限公司|有限责任公司|有限公司|集团公司|集团|公司|incorporated|"
               r"corporation|limited|company|inc|ltd|llc|llp|plc|corp|gmbh|pty ltd|pty|ag|sa|ab|bv|nv|"
               r"co)\b\.?)?")


def _strip_legal(name: str) -> str:
    low = name.casefold().rstrip(" .,")
    changed = True
    while changed:
        changed = False
        for suffix in lx.LEGAL_SUFFIXES:
            if low.endswith(suffix) and len(low) - len(suffix) >= 2:
                rest = low[: -len(suffix)]
                if suffix.isascii() and rest[-1:].isalnum():
                    continue  # "Acmeco" does not end in the suffix "co"
                low = rest.rstrip(" .,")
                changed = True
    return low


def _tokens(text: str) -> list[str]:
    """Latin words and single CJK characters."""
    return re.findall(f"[{_CJK}]|[^\\W_{_CJK}]+", text)


def _phrase_pattern(phrase: str) -> str:
    toks = _tokens(phrase)
    parts: list[str] = []
    for i, tok in enumerate(toks):
        piece = re.escape(tok)
        if tok in _SMALL_WORDS and 0 < i < len(toks) - 1:
            piece = f"(?:{piece}{_SEP})?"
        elif tok in lx.TITLE_ABBREVIATIONS:
            piece = f"(?:{piece}|{_phrase_pattern(lx.TITLE_ABBREVIATIONS[tok])})"
        if parts:
            cjk_pair = bool(_CJK_RE.match(toks[i - 1])) and bool(_CJK_RE.match(tok))
            parts.append(r"\s{0,2}" if cjk_pair else _SEP)
        parts.append(piece)
    return "".join(parts)


def _title_variants(title: str) -> list[str]:
    """A title and the same title with known expansions abbreviated ("vice president" → "vp")."""
    out = [title]
    for abbr, full in lx.TITLE_ABBREVIATIONS.items():
        if full in title:
            out.append(title.replace(full, abbr))
    return out


@dataclass(frozen=True)
class _Fact:
    field: str
    value: str  # as the user typed it


class DeclaredMatcher:
    """One compiled pattern for all of the user's declared facts."""

    def __init__(self, facts: DeclaredFacts) -> None:
        self.facts: list[_Fact] = []
        alternatives: list[tuple[int, str]] = []
        abbrevs: list[tuple[re.Pattern[str], int, int, str]] = []
        for field_name in _DECLARED_FIELDS:
            for value in getattr(facts, field_name):
                folded = fold(unicodedata.normalize("NFKC", value)).casefold().strip()
                if field_name == "handles":
                    folded = folded.lstrip("@")
                if field_name == "employers":
                    folded = _strip_legal(folded)
                if len(fold_key(folded)) < 2:
                    continue
                variants = _title_variants(folded) if field_name == "titles" else [folded]
                pats = []
                for v in variants:
                    body = _phrase_pattern(v)
                    if not body:
                        continue
                    left = ""  # checked after matching: a leading look-behind slows the scan
                    right = _LATIN_EDGE_R if v[-1:].isascii() and v[-1:].isalnum() else ""
                    tail = _LEGAL_TAIL if field_name == "employers" else ""
                    at = "@?" if field_name == "handles" else ""
                    pats.append(f"{left}{at}{body}{tail}{right}")
                if not pats:
                    continue
                index = len(self.facts)
                self.facts.append(_Fact(field_name, value))
                alternatives.append((len(folded), "|".join(pats)))
                core = "".join(_tokens(folded))
                if (field_name in ("employers", "teams", "projects") and has_cjk(core)
                        and len(core) >= 4 and core == folded.replace(" ", "")):
                    # Chinese abbreviations keep the characters in order: 上海交通大学 → 上海交大.
                    sub = re.escape(core[0]) + "".join(f"(?:{re.escape(c)})?" for c in core[1:])
                    need = max(2, math.ceil(0.3 * len(core)))
                    abbrevs.append((re.compile(sub), index, need, core))
        self._abbrevs = abbrevs
        self._groups: list[int] = []
        if alternatives:
            parts = []
            for index, (_, pat) in sorted(enumerate(alternatives), key=lambda e: -e[1][0]):
                parts.append(f"({pat})")
                self._groups.append(index)
            self._pattern: re.Pattern[str] | None = re.compile("|".join(parts), re.IGNORECASE)
        else:
            self._pattern = None

    def __bool__(self) -> bool:
        return bool(self.facts)

    def find(self, folded: str, original: str) -> list[Detection]:
        out: list[Detection] = []
        if self._pattern is None:
            return out
        for m in self._pattern.finditer(folded):
            start, end = m.span()
            if start and folded[start].isascii() and folded[start].isalnum() and \
                    _LATIN_WORD.match(folded, start - 1):
                continue
            fact = self.facts[self._groups[(m.lastindex or 1) - 1]]
            out.append(Detection(DECLARED_PREFIX + fact.field.rstrip("s"), start, end,
                                 original[start:end], 0.95, fact.value))
        if self._abbrevs and has_cjk(folded):
            taken = Spans((d.start, d.end) for d in out)
            for pattern, index, need, core in self._abbrevs:
                fact = self.facts[index]
                for m in pattern.finditer(folded):
                    s = m.group(0)
                    if len(s) < need or core.startswith(s) or s == core:
                        continue
                    if taken.overlaps(m.start(), m.end()):
                        continue
                    out.append(Detection(DECLARED_PREFIX + fact.field.rstrip("s"), m.start(), m.end(),
                                         original[m.start():m.end()], 0.6, fact.value))
        return out


# --- Generic titles, organisations, places, clearance: lexicon hits first, then a local look -----
#
# Python's `re` has no fast multi-word search, so one trie-shaped pattern over the lower-cased text
# finds every lexicon word in a single pass; each hit is then widened with a cheap look at its
# neighbouring words. This keeps the reviewer near the speed of a single regex pass.

def _trie_pattern(words: Iterable[str]) -> str:
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


_WEAK_HEADS = {"associate", "fellow", "partner", "owner", "agent", "student", "chair", "doctor",
               "nurse", "writer", "editor", "teacher", "lead", "candidate", "representative",
               "counsel", "clerk", "captain", "operator", "pilot", "secretary", "intern", "curator",
               "founder", "co-founder", "cofounder", "broker", "trader", "planner", "supervisor",
               "instructor", "tutor", "commander", "minister", "producer", "reporter"}
_OF_HEADS = {"head", "vice president", "vice-president", "president", "director", "chief", "dean",
             "professor", "manager", "lecturer"}
_PREFIX_WORDS = {w.lower() for w in lx.EN_TITLE_MODIFIERS + lx.EN_TITLE_FIELDS}
_EN_HEADS = {h.lower() for h in lx.EN_TITLE_HEADS} | _WEAK_HEADS | {"head", "vice president"}
_EN_ACRONYMS = {a.lower() for a in lx.EN_TITLE_ACRONYMS if a not in ("PM", "MD", "GM")}
_EN_SUFFIXES = {s.lower().rstrip(".") for s in lx.EN_ORG_SUFFIXES}
_EN_OF_ORGS = {s.lower() for s in lx.EN_ORG_OF_HEADS}
_EN_KNOWN = {s.lower(): s for s in lx.EN_KNOWN_ORGS}
_EN_CITIES = {c[0].lower() for c in lx.CITIES}
_STREETS = {"street", "st", "road", "rd", "avenue", "ave", "lane", "ln", "boulevard", "blvd", "drive",
            "way", "court", "place", "square", "terrace", "parkway", "highway"}
_CLEARANCE_TRIGGERS = {"clearance", "cleared", "vetted", "vetting", "polygraph", "classified",
                       "ts/sci", "sc/dv", "dv/sc", "top secret", "nato secret"}
_EN_WORDS = (_EN_HEADS | _EN_ACRONYMS | _EN_SUFFIXES | _EN_OF_ORGS | set(_EN_KNOWN) | _EN_CITIES
             | _STREETS | _CLEARANCE_TRIGGERS)
# First word of each lexicon entry → the entries it starts ("vice" → "vice president").
_EN_FIRST: dict[str, list[str]] = {}
for _w in sorted(_EN_WORDS, key=len, reverse=True):
    _EN_FIRST.setdefault(_w.split()[0], []).append(_w)
# Each first word also with the punctuation that commonly touches it ("engineer,", "(ltd)"), so a
# plain set intersection (C speed) finds the words present without stripping every token.
_EN_VARIANTS: dict[str, str] = {}
for _w in _EN_FIRST:
    for _pre in ("", "(", '"', "'", "[", "@", "-"):
        for _post in ("", ",", ".", ";", ":", ")", "!", "?", '"', "'", "|", "),", ").", "]", "/", "-", "s"):
            _EN_VARIANTS.setdefault(_pre + _w + _post, _w)
_WORD_CHAR = re.compile(r"[a-z0-9]")

_ZH_SUFFIXES = set(lx.ZH_ORG_SUFFIXES)
_ZH_HEADS = set(lx.ZH_TITLE_HEADS)
_ZH_CITIES = {c[1] for c in lx.CITIES}
_ZH_KNOWN = set(lx.ZH_KNOWN_ORGS)
_ZH_CLEAR = set(lx.CLEARANCE_ZH)
_ZH_HIT = re.compile(_trie_pattern(_ZH_SUFFIXES | _ZH_HEADS | _ZH_CITIES | _ZH_KNOWN | _ZH_CLEAR))
_ZH_STOP = set(lx.ZH_ORG_STOP)
_ZH_NOT_ORG = {"内部", "外部", "全部", "局部", "东部", "西部", "南部", "北部", "中部", "头部", "底部", "顶部",
               "场所", "住所", "诊所", "厕所", "处所", "所有", "大部", "干部", "部分", "总部", "法院", "剧院",
               "影院", "结局", "格局", "布局", "大局", "开局", "当局"}

_EN_PREV_WORD = re.compile(r"([A-Za-z][A-Za-z&'.-]*)[ \t]*\Z")
_EN_NEXT_WORDS = re.compile(r"[ \t]+of[ \t]+(?:the[ \t]+)?([A-Za-z&-]+(?:[ \t]+[A-Z][A-Za-z&-]*){0,2})")
_EN_OF_ORG_TAIL = re.compile(r"[ \t]+of[ \t]+(?:the[ \t]+)?[A-Z][\w'.-]*"
                             r"(?:[ \t]+(?:[A-Z][\w'.-]*|of|the|and|&)){0,4}")
_ROMAN_TAIL = re.compile(r"[ \t]+(?:I{1,3}|IV|V|[1-5])\b")
_CAP_WORD = re.compile(r"[A-Z][\w&'.-]*\Z")
_ORG_LINK = {"&", "and", "of", "for", "the"}
_NOT_ORG_WORDS = {"I", "The", "A", "An", "My", "Our", "We", "He", "She", "They", "It", "This", "In",
                  "On", "At", "For", "And", "But", "Before", "After", "Previously", "Currently", "Now",
                  "Hi", "Say", "Follow", "Reach", "Contact", "Mobile", "Office", "Email", "Phone", "Dear",
                  "Best", "Regards", "Thanks", "From", "To", "With", "By", "As", "If", "When", "Then"}
_TITLE_ORG_TAIL = re.compile(r"[ \t]*(?:at|@|with|for|at the)[ \t]+([A-Z][\w&'.-]*(?:[ \t]+(?:&[ \t]+)?"
                             r"[A-Z][\w&'.-]*){0,4})")
_CLEARANCE = re.compile("|".join([rf"\b(?:{p})\b" for p in lx.CLEARANCE_EN]))
_CLEARANCE_CASELESS = re.compile(r"(?i)\b(?:security clearance|developed vetting|polygraph|"
                                 r"classified (?:projects?|programmes?|programs?|work))\b")
_EN_ADDRESS = re.compile(
    r"\b\d{1,5}[ \t]+(?:[A-Z][a-z]+[ \t]+){1,3}(?:Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Lane|Ln\.?|"
    r"Boulevard|Blvd\.?|Drive|Dr\.?|Way|Court|Ct\.?|Place|Pl\.?|Square|Sq\.?|Terrace|Parkway|Highway)"
    r"(?![\w])")
_ZH_ADDRESS_TAIL = re.compile(r"(?:路|街|大道|巷|胡同|道)\s*\d+\s*号")
_ASCII_LOWER = {c: c + 32 for c in range(65, 91)}


def _lower(text: str) -> str:
    low = text.lower()
    return low if len(low) == len(text) else text.translate(_ASCII_LOWER)


def _en_hits(low: str) -> list[tuple[int, int, str]]:
    """Every lexicon entry in the lower-cased text, at word boundaries, in text order.

    str.split and set intersection run at C speed; only the few entries actually present are then
    located with str.find. Much faster than one big alternation in Python's regex engine.
    """
    present = {_EN_VARIANTS[t] for t in set(low.split()) & _EN_VARIANTS.keys()}
    hits: list[tuple[int, int, str]] = []
    n = len(low)
    for first in present:
        for entry in _EN_FIRST[first]:
            i = low.find(entry)
            while i >= 0:
                e = i + len(entry)
                if (i == 0 or not _WORD_CHAR.match(low, i - 1)) and (e >= n or not _WORD_CHAR.match(low, e)):
                    hits.append((i, e, entry))
                i = low.find(entry, i + 1)
    hits.sort(key=lambda h: (h[0], -h[1]))
    out: list[tuple[int, int, str]] = []
    end = -1
    for h in hits:  # the longest entry at a position wins; no overlaps
        if h[0] >= end:
            out.append(h)
            end = h[1]
    return out


def _title_from_head(text: str, low: str, s: int, e: int, word: str) -> Detection | None:
    start = s
    n_prefix = 0
    while n_prefix < 4:
        m = _EN_PREV_WORD.search(text, max(0, start - 40), start)
        if m is None or m.group(1).lower().rstrip(".") not in _PREFIX_WORDS:
            break
        start = m.start(1)
        n_prefix += 1
    end = e
    if word in _OF_HEADS:
        m = _EN_NEXT_WORDS.match(text, e)
        if m is not None:
            end = m.end()
        elif word in ("head", "vice president", "chief"):
            return None
    if word in _WEAK_HEADS and n_prefix == 0:
        return None
    if end < len(low) and low[end:end + 1] == "s" and not _WORD_CHAR.match(low, end + 1):
        end += 1
    m = _ROMAN_TAIL.match(text, end)
    if m is not None:
        end = m.end()
    return Detection(KIND_TITLE, start, end, text[start:end], 0.8 if n_prefix or word not in _WEAK_HEADS
                     else 0.7)


def _org_from_suffix(text: str, s: int, e: int) -> Detection | None:
    start = s
    words = 0
    pending = s
    while words < 6:
        m = _EN_PREV_WORD.search(text, max(0, pending - 40), pending)
        if m is None:
            break
        w = m.group(1)
        if w.lower() in _ORG_LINK and words < 5:
            pending = m.start(1)
            continue
        if not _CAP_WORD.match(w) or w in _NOT_ORG_WORDS:
            break
        start = pending = m.start(1)
        words += 1
    if words == 0:
        return None
    if text[e:e + 1] == "." and text[s:e].lower() in ("inc", "ltd", "co", "corp"):
        e += 1
    return Detection(KIND_ORG, start, e, text[start:e], 0.75 if words > 1 else 0.65)


def _en_generic(text: str, low: str, want: set[str]) -> list[Detection]:
    out: list[Detection] = []
    titles: list[Detection] = []
    for s, e, word in _en_hits(low):
        if word in _EN_HEADS and "title" in want:
            t = _title_from_head(text, low, s, e, word)
            if t is not None and not (titles and titles[-1].end > t.start):
                titles.append(t)
        if word in _EN_ACRONYMS and text[s:e].isupper() and "title" in want:
            titles.append(Detection(KIND_TITLE, s, e, text[s:e], 0.7))
        if "org" in want:
            if word in _EN_SUFFIXES and text[s:s + 1].isupper():
                o = _org_from_suffix(text, s, e)
                if o is not None:
                    out.append(o)
            if word in _EN_OF_ORGS and text[s:s + 1].isupper():
                tail = _EN_OF_ORG_TAIL.match(text, e)
                if tail is not None:
                    start = s - 4 if low[max(0, s - 4):s] == "the " else s
                    end = tail.end() - (len(tail.group(0)) - len(tail.group(0).rstrip(".")))
                    out.append(Detection(KIND_ORG, start, end, text[start:end], 0.75))
            if word in _EN_KNOWN and text[s:s + 1].isupper():
                out.append(Detection(KIND_ORG, s, e, text[s:e], 0.7))
        if word in _EN_CITIES and "location" in want and text[s:s + 1].isupper():
            out.append(Detection(KIND_LOCATION, s, e, text[s:e], 0.7))
        if word in _STREETS and "address" in want and text[s:s + 1].isupper():
            for a in _EN_ADDRESS.finditer(text, max(0, s - 60), min(len(text), e + 1)):
                out.append(Detection(KIND_ADDRESS, a.start(), a.end(), a.group(0), 0.85))
        if word in _CLEARANCE_TRIGGERS and "clearance" in want:
            ws, we = max(0, s - 40), min(len(text), e + 40)
            for pat in (_CLEARANCE, _CLEARANCE_CASELESS):
                for c in pat.finditer(text, ws, we):
                    out.append(Detection(KIND_CLEARANCE, c.start(), c.end(), c.group(0), 0.85))
    if "org" in want:
        known = Spans((o.start, o.end) for o in out if o.kind == KIND_ORG)
        for t in titles:  # "Senior Engineer at Acme Robotics"
            m = _TITLE_ORG_TAIL.match(text, t.end)
            if m is None or m.group(1).split()[0] in _NOT_ORG_WORDS:
                continue
            if not known.overlaps(m.start(1), m.end(1)):
                out.append(Detection(KIND_ORG, m.start(1), m.end(1), m.group(1), 0.6, "after a job title"))
    return _dedupe(out + titles)


def _zh_generic(text: str, want: set[str]) -> list[Detection]:
    out: list[Detection] = []
    hits = [(m.start(), m.end(), m.group(0)) for m in _ZH_HIT.finditer(text)]
    org_end = -1
    orgs: list[Detection] = []
    for s, e, word in hits:
        if word in _ZH_SUFFIXES or word in _ZH_KNOWN:
            start = s
            floor = max(org_end, s - 14)
            while start > floor and start > 0 and text[start - 1] not in _ZH_STOP and \
                    _CJK_RE.match(text, start - 1):
                start -= 1
            name = text[start:e]
            if word in _ZH_KNOWN and start == s:
                orgs.append(Detection(KIND_ORG, s, e, name, 0.7))
                org_end = e
            elif s - start >= 2 and name[-2:] not in _ZH_NOT_ORG and name not in _ZH_NOT_ORG:
                orgs.append(Detection(KIND_ORG, start, e, name, 0.7))
                org_end = e
    if "org" in want:
        out += orgs
    oi = 0  # orgs and hits are both in text order: sweep instead of searching
    for s, e, word in hits:
        while oi < len(orgs) and orgs[oi].end <= s:
            oi += 1
        if word in _ZH_HEADS and "title" in want:
            start = s
            floor = max(s - 4, orgs[oi - 1].end if oi else 0)
            inside = oi < len(orgs) and orgs[oi].start <= s
            while not inside and start > floor and text[start - 1] not in _ZH_STOP and \
                    _CJK_RE.match(text, start - 1):
                start -= 1
            if e - start >= 2 and not inside:
                out.append(Detection(KIND_TITLE, start, e, text[start:e], 0.8))
        if word in _ZH_CITIES and "location" in want:
            out.append(Detection(KIND_LOCATION, s, e, word, 0.7))
        if word in _ZH_CLEAR and "clearance" in want:
            out.append(Detection(KIND_CLEARANCE, s, e, word, 0.85))
    if "address" in want:
        for m in _ZH_ADDRESS_TAIL.finditer(text):
            start = m.start()
            while start > m.start() - 20 and start > 0 and text[start - 1] not in _ZH_STOP and \
                    _CJK_RE.match(text, start - 1):
                start -= 1
            if m.start() - start >= 2:
                out.append(Detection(KIND_ADDRESS, start, m.end(), text[start:m.end()], 0.85))
    return out


def _dedupe(dets: list[Detection]) -> list[Detection]:
    seen: set[tuple[str, int, int]] = set()
    out = []
    for d in dets:
        key = (d.kind, d.start, d.end)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def _places_filter(dets: list[Detection]) -> list[Detection]:
    """A city inside an organisation or an address is part of it (北京 in 北京理工大学)."""
    busy = Spans((d.start, d.end) for d in dets if d.kind in (KIND_ORG, KIND_ADDRESS))
    return [d for d in dets if d.kind != KIND_LOCATION or not busy.contains(d.start, d.end)]


# --- URLs and handles ------------------------------------------------------------------------------

_URL_TAIL = r"[^\s<>\"'，。、）)\]]+"
_URL = re.compile(rf"(?:https?://|www\.){_URL_TAIL}")
_SITE_URL = re.compile(r"(?<![\w.])(?:linkedin\.com|github\.com|gitlab\.com|twitter\.com|x\.com|weibo\.com|"
                       rf"zhihu\.com|facebook\.com|instagram\.com|t\.me|medium\.com|orcid\.org)/{_URL_TAIL}")
_HANDLE = re.compile(r"@([A-Za-z0-9_][\w.-]{1,29})")
_HANDLE_NOT_AFTER = re.compile(r"[A-Za-z0-9_.@/]")
_MESSENGER = re.compile(r"(?:微信号?|wechat(?: id)?|qq|wx|whatsapp|telegram|signal)[ \t]*[:：][ \t]*"
                        r"([a-z][\w-]{5,19}|\d{5,12})")
_MESSENGER_WORDS = ("微信", "wechat", "qq", "wx", "whatsapp", "telegram", "signal")


def _links(text: str, low: str) -> list[Detection]:
    out: list[Detection] = []
    matches: list[re.Match[str]] = []
    if "http" in low or "www." in low:
        matches += _URL.finditer(low)
    if ".com/" in low or ".org/" in low or "t.me/" in low:
        matches += _SITE_URL.finditer(low)
    for m in matches:
        url = text[m.start():m.end()].rstrip(".,;:!?")
        if not any(d.start <= m.start() < d.end for d in out):
            out.append(Detection(KIND_URL, m.start(), m.start() + len(url), url, 0.95))
    if "@" in text:
        for m in _HANDLE.finditer(text):
            value = m.group(1).rstrip(".-")
            s = m.start()
            if s and _HANDLE_NOT_AFTER.match(text, s - 1):
                continue  # part of an email address
            out.append(Detection(KIND_HANDLE, s, s + 1 + len(value), text[s:s + 1 + len(value)], 0.8))
    if any(w in low for w in _MESSENGER_WORDS):
        for m in _MESSENGER.finditer(low):
            s, e = m.span(1)
            out.append(Detection(KIND_HANDLE, s, e, text[s:e], 0.8))
    return out


class Spans:
    """Fast "is this span inside / overlapping any of these spans" over sorted intervals."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        items = sorted(spans)
        self._starts = [a for a, _ in items]
        self._max_end: list[int] = []
        top = -1
        for _, b in items:
            top = max(top, b)
            self._max_end.append(top)

    def __bool__(self) -> bool:
        return bool(self._starts)

    def contains(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._starts, start)
        return i > 0 and self._max_end[i - 1] >= end

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self._starts, end)
        return i > 0 and self._max_end[i - 1] > start


def _prune(dets: list[Detection]) -> list[Detection]:
    """Drop detections that only repeat a larger one: a declared work domain inside an email, an
    organisation word inside a job title ("Principal *Systems* Engineer")."""
    links = Spans((d.start, d.end) for d in dets if detector_of(d.kind) in ("email", "url"))
    titles = Spans((d.start, d.end) for d in dets if d.kind == KIND_TITLE)
    declared = Spans((d.start, d.end) for d in dets if detector_of(d.kind) == "declared")
    out = []
    for d in dets:
        kind = detector_of(d.kind)
        if kind in ("declared", "handle") and links.contains(d.start, d.end):
            continue
        if kind == "org" and titles.contains(d.start, d.end):
            continue
        if kind == "location" and declared.contains(d.start, d.end):
            continue  # 上海 inside a declared 上海交大
        out.append(d)
    return out


# --- All together --------------------------------------------------------------------------------

class Detectors:
    """All detectors, compiled once for a set of declared facts."""

    def __init__(self, declared: DeclaredFacts | None = None) -> None:
        self.declared = declared or DeclaredFacts()
        self.work_domains = tuple(d.lower().lstrip("@").strip() for d in self.declared.work_domains)
        self.declared_emails = frozenset(e.lower() for e in self.declared.emails)
        self.declared_phones = frozenset(k for k in (phone_key(p) for p in self.declared.phones) if k)
        self.matcher = DeclaredMatcher(self.declared)

    def detect(self, text: str, only: Iterable[str] | None = None) -> list[Detection]:
        """Every detection in `text`, sorted by position. `only` limits the detectors run."""
        want = set(only) if only is not None else set(DETECTORS)
        folded = fold(text)
        cjk = has_cjk(folded)
        out: list[Detection] = []
        if "email" in want:
            out += _emails(folded, self.work_domains, self.declared_emails)
        if "phone" in want:
            for d in _phones(folded, cjk):
                if d.detail in self.declared_phones:
                    d = Detection(d.kind, d.start, d.end, text[d.start:d.end], 0.99, d.detail + " (declared)")
                out.append(d)
        if "declared" in want and self.matcher:
            out += self.matcher.find(folded, text)
        low = _lower(folded)
        generic = want & {"title", "org", "location", "address", "clearance"}
        if generic:
            found = _en_generic(folded, low, generic)
            if cjk:
                found += _zh_generic(folded, generic)
            out += _places_filter(found)
        if want & {"url", "handle"}:
            out += [d for d in _links(folded, low) if detector_of(d.kind) in want]
        out = _prune(out)
        # Spans refer to the original text (folding keeps lengths): report the original characters.
        out = [d if text[d.start:d.end] == d.text else Detection(d.kind, d.start, d.end, text[d.start:d.end],
                                                                   d.confidence, d.detail) for d in out]
        out.sort(key=lambda d: (d.start, -d.end, d.kind))
        return out
