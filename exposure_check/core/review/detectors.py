"""Detectors: find emails, phones, declared facts, job titles, organisations, clearance words,
places, URLs and handles in a piece of text. Pure functions over strings; no I/O.

Text is first *folded* with a length-preserving table (full-width → ASCII, traditional → simplified
Chinese, accented Latin → base letter), so every span found in the folded text is also the span in
the original text, and matching is width-, script- and accent-insensitive at C speed.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import operator
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import phonenumbers

from ..model import DeclaredFacts
from . import lexicon as lx
from .scan import CASELESS, SINGLEMATCH, MultiScan

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
    return kind.partition(".")[0]


class Detection(NamedTuple):
    """One thing found in a text. A named tuple: a review makes one for each match (~90,000 in a
    50 MB export), and a frozen dataclass costs three times as much to make."""

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


# A cheap screen for `fold`, run on _Words(_lower(text)).joined (the text's distinct words) instead of
# the whole text: a folded character c shows up there as c.lower() (or as itself when _lower falls
# back to ASCII-only lowering), unless it is whitespace, which split() drops; those few are looked
# for in the text itself. A hit only sends the text through `fold` (which decides exactly).
_FOLD_CHARS = [chr(c) for c in sorted(_FOLD)]
_FOLD_SPACES = tuple(c for c in _FOLD_CHARS if c.isspace() or c.lower().isspace())
_FOLD_SCREEN = re.compile("[" + "".join(re.escape(c) for c in sorted(
    set(_FOLD_CHARS) | {c.lower() for c in _FOLD_CHARS if len(c.lower()) == 1})) + "]")


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
# The characters of _EMAIL_LOCAL: the local part is the run of them just before "@", found with
# str.rstrip (C speed) instead of trying the pattern at each of 64 positions.
_EMAIL_LOCAL_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+/=?^_`{|}~.-"


def _local_start(text: str, at: int) -> int:
    """_EMAIL_LOCAL.search(text, max(0, at - 64), at).start(), or `at` when it finds nothing."""
    lo = max(0, at - 64)
    return lo + len(text[lo:at].rstrip(_EMAIL_LOCAL_CHARS))


def _emails(text: str, work_domains: Sequence[str], declared_emails: frozenset[str]) -> list[Detection]:
    out: list[Detection] = []
    if "@" not in text:
        return out
    for m in _EMAIL_DOMAIN.finditer(text):
        at = m.start()
        start = _local_start(text, at)
        if start == at:
            continue
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
# The same for text whose only digits are 0-9: a plain range is much cheaper to scan for than \d.
_PHONE_CAND_ASCII = re.compile(r"[0-9][0-9 \u00a0().\-/]{5,22}[0-9](?![A-Za-z0-9])")
_OTHER_DIGIT = re.compile(r"[^\D0-9]")  # a digit but 0-9 (a character set: a fast scan, no look-ahead)
_ALNUM_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
_PHONE_KEYWORD = re.compile(r"(?i)(?:tel|phone|mobile|mob|cell|fax|call|whatsapp|signal|t|m|p|f|"
                            r"o|office|direct|电话|手机|联系|传真|座机|微信|热线|tel\.)\s*[:：.]?\s*\Z")
_DATE_RANGE = re.compile(r"(?:19|20)\d\d(?:[.\-/]\d{1,2}){0,2}\s*[-/]\s*(?:(?:19|20)\d\d|\d{1,2})"
                         r"(?:[.\-/]\d{1,2}){0,2}")
_DATE_LIKE = re.compile(r"(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}:\d\d")
_DIGIT = re.compile(r"\d")
# Candidates already known to be dates (exports repeat the same few on every row). Bounded.
_DATES_SEEN: set[str] = set()
# A candidate right after "(": the candidates' first character (a digit) after one.
_PAREN_DIGIT_ASCII = re.compile(r"\([0-9]")
_PAREN_DIGIT = re.compile(r"\(\d")
# _PHONE_CAND_ASCII over a "skeleton" of the text: one byte per character, each digit 0-9 made "0"
# and every other character that is not Latin-1 made "?" (neither is in any of the pattern's
# classes, nor are the other Latin-1 characters but \u00a0, which is). The pattern then starts
# with a literal "0", which the regex engine finds with a tight loop, instead of testing a class
# at every character of the text (which cost a fifth of the detectors' time on an export); what
# it matches is where _PHONE_CAND_ASCII matches in the text.
_PHONE_CAND_SKELETON = re.compile(rb"0[0 \xa0().\-/]{5,22}0(?![A-Za-z0])")
_SKELETON_DIGITS = bytes.maketrans(b"123456789", b"000000000")
_SPAN = re.Match.span


def _skeleton(text: str, lines: list[str] | None = None) -> bytes:
    """A byte for each character of `text`: itself if Latin-1 (digits 1-9 made "0"), else "?".
    `lines`: text.split("\n"), when at hand: encoding a line that is ASCII (a 1-byte string) is a
    copy, much cheaper than encoding those characters of a text that is not all ASCII (unless the
    lines are so short that a call per line costs more: then the text is encoded whole)."""
    latin = (text.encode("latin-1", "replace") if lines is None or len(lines) * 32 > len(text)
             else b"\n".join([line.encode("latin-1", "replace") for line in lines]))
    return latin.translate(_SKELETON_DIGITS)


def _phone_spans(text: str, pattern: re.Pattern[str], lines: list[str] | None = None,
                 skeleton: bytes | None = None) -> list[tuple[int, int]]:
    """The spans of `pattern.finditer(text)`, through the skeleton for _PHONE_CAND_ASCII (`skeleton`:
    _skeleton(text), when at hand)."""
    if pattern is _PHONE_CAND_ASCII:
        if skeleton is None:
            skeleton = _skeleton(text, lines)
        return list(map(_SPAN, _PHONE_CAND_SKELETON.finditer(skeleton)))
    return list(map(_SPAN, pattern.finditer(text)))


def _phone_candidates(text: str, pattern: re.Pattern[str], paren: re.Pattern[str],
                      lines: list[str] | None = None, skeleton: bytes | None = None
                      ) -> list[tuple[int, int]]:
    """The spans of `pattern.finditer(text)`, or only those of them that _phones does not skip at
    once, when that is cheap to tell: no match has a "(" before it (checked), and every match that
    is not a known date has a "+" before it. The match after a "+" is `pattern.match` there,
    because no match holds a "+" (so none that started earlier runs into it). Set look-ups of the
    matched strings cost much less than a Python loop over every dated row of an export."""
    spans = _phone_spans(text, pattern, lines, skeleton)
    if paren.search(text) is not None:
        return spans
    found = list(map(text.__getitem__, itertools.starmap(slice, spans)))
    unseen = len(found) - sum(map(_DATES_SEEN.__contains__, found))
    after_plus = []
    i = text.find("+")
    while i >= 0:
        m = pattern.match(text, i + 1)
        if m is not None:
            after_plus.append(m.span())
            if m.group() not in _DATES_SEEN:
                unseen -= 1
        i = text.find("+", i + 1)
    # The matches after a "+" are some of `found`: when they are all of its unknown ones, the
    # rest are known dates without "(" or "+" before them, which _phones skips.
    return after_plus if unseen == 0 else spans


def _phones(text: str, cjk: bool, words: _Words | None = None) -> list[Detection]:
    """`words`, when given, is the _Words of the lower-cased text (it holds every digit of it)."""
    out: list[Detection] = []
    regions: tuple[str, ...] = ("CN", "US", "GB") if cjk else ("US", "GB", "CN")
    every = words.joined if words is not None else text
    ascii_digits = every.isascii() or _OTHER_DIGIT.search(every) is None
    pattern, paren = (_PHONE_CAND_ASCII, _PAREN_DIGIT_ASCII) if ascii_digits else (_PHONE_CAND, _PAREN_DIGIT)
    skeleton = words.skeleton() if isinstance(words, _ScanWords) and pattern is _PHONE_CAND_ASCII else None
    for start, end in _phone_candidates(text, pattern, paren, words.raw if words is not None else None,
                                        skeleton):
        # Exports hold a date on every row, so this loop runs for many candidates that are
        # rejected at once: the common case (no "(" or "+" before) takes the shortest path.
        prev = text[start - 1] if start else ""
        if prev == "(" or prev == "+":
            if prev == "(":
                start -= 1
            if start and text[start - 1] == "+":
                start -= 1
            if start and text[start - 1] in _ALNUM_CHARS:
                continue
            cand = text[start:end]
            if cand.startswith("(") and cand.count("(") != cand.count(")"):
                cand, start = cand[1:], start + 1
            intl = cand.startswith(("+", "00"))
        elif prev in _ALNUM_CHARS:
            continue
        else:
            cand = text[start:end]
            if cand in _DATES_SEEN:
                continue
            intl = cand.startswith("00")
        # Cheap rejections first: most candidates in exports are dates and times.
        if not intl and (_DATE_LIKE.search(cand) or _DATE_RANGE.fullmatch(cand)):
            if len(_DATES_SEEN) < 1 << 14:
                _DATES_SEEN.add(cand)
            continue  # 2024-03-15 10:00, 2019.07-2021.06
        digits = _digits(cand)
        if len(digits) < 7 or len(digits) > 15:
            continue
        # A label before the number only matters without a country code (below, it is always
        # "intl or keyword"), so the look for one is skipped for +44 … numbers.
        keyword = intl or _PHONE_KEYWORD.search(text, max(0, start - 16), start) is not None
        if not intl and not keyword and len(digits) < 10:
            continue
        # Validation depends only on the digits and on a leading "+" (or "00"), so it is cached
        # per distinct normalised number, not per way of writing it.
        key = ("+" + digits[2:] if cand.startswith("00") else "+" + digits) if intl else digits
        found = _phone_found(key, intl, regions, intl or keyword)  # lenient: labelled or +cc
        if found is not None:
            out.append(Detection(KIND_PHONE, start, start + len(cand), cand, 0.97 if keyword or intl
                                 else 0.9, found))
        elif len(digits) > 11 and (intl or keyword):  # maybe two numbers side by side
            for region in regions[:1]:
                for pm in phonenumbers.PhoneNumberMatcher(cand, region):
                    e164 = phonenumbers.format_number(pm.number, phonenumbers.PhoneNumberFormat.E164)
                    out.append(Detection(KIND_PHONE, start + pm.start, start + pm.end, pm.raw_string,
                                         0.9, e164))
    return out


_NOT_DIGIT = re.compile(r"\D+")


def _digits(cand: str) -> str:
    return _NOT_DIGIT.sub("", cand)


@functools.lru_cache(maxsize=16384)
def _phone_found(cand: str, intl: bool, regions: tuple[str, ...], lenient: bool) -> str | None:
    """E.164 of the first parse of `cand` (for each region in turn, or as international) that is
    a valid number; else, when `lenient`, of the first that is a possible number (a number with a
    phone label or a country code that the numbering plan says is not yet assigned, such as the
    UK's 07700 900xxx drama range, still reads as a phone). Each parse is done once."""
    raw = "+" + cand[2:] if intl and cand.startswith("00") else cand
    fast = intl and raw[1:].isascii() and raw[1:].isdigit() and raw.startswith("+")
    invalid: list[phonenumbers.PhoneNumber] = []
    for region in ((None,) if intl else regions):
        try:
            num = _parse(raw, region, fast)
        except phonenumbers.NumberParseException:
            continue
        if is_valid_number(num):
            return f"+{num.country_code}{phonenumbers.national_significant_number(num)}"
        invalid.append(num)
    if lenient:
        for num in invalid:
            if phonenumbers.is_possible_number(num):
                return f"+{num.country_code}{phonenumbers.national_significant_number(num)}"
    return None


def _parse(raw: str, region: str | None, fast: bool) -> phonenumbers.PhoneNumber:
    if fast:
        try:
            return _parse_plus_digits(raw[1:])
        except phonenumbers.NumberParseException:
            raise
        except Exception:  # noqa: BLE001 - phonenumbers' internals changed: use the public parser
            pass
    return phonenumbers.parse(raw, region)


_PN_INTERNALS: tuple[Any, Any] | None = None


def _pn_internals() -> tuple[Any, Any]:
    """phonenumbers' modules that _parse_plus_digits uses, imported on first use (once: an import
    statement costs more than the rest of a short function)."""
    global _PN_INTERNALS
    from phonenumbers import phonenumberutil
    from phonenumbers.phonemetadata import PhoneMetadata

    _PN_INTERNALS = (phonenumberutil, PhoneMetadata)
    return _PN_INTERNALS


def _parse_plus_digits(digits: str) -> phonenumbers.PhoneNumber:
    """phonenumbers.parse("+" + digits) for ASCII digits, without the steps that only matter for
    free-form input (extensions, letters, punctuation, IDD prefixes). Same result, same errors;
    tests/review/test_fast_paths.py checks it against phonenumbers.parse."""
    pu, PhoneMetadata = _PN_INTERNALS or _pn_internals()
    err = phonenumbers.NumberParseException
    if len(digits) < 3:  # "+44": not a viable number
        raise err(err.NOT_A_NUMBER, "too short")
    cc, nsn = pu._extract_country_code(digits)
    if cc == 0:
        raise err(err.INVALID_COUNTRY_CODE, "no country code")
    md = PhoneMetadata.metadata_for_region_or_calling_code(cc, pu.region_code_for_country_code(cc))
    if len(nsn) < pu._MIN_LENGTH_FOR_NSN:
        raise err(err.TOO_SHORT_NSN, "too short")
    if md is not None:
        _, potential, _ = pu._maybe_strip_national_prefix_carrier_code(nsn, md)
        if pu._test_number_length(potential, md) not in (pu.ValidationResult.TOO_SHORT,
                                                         pu.ValidationResult.IS_POSSIBLE_LOCAL_ONLY,
                                                         pu.ValidationResult.INVALID_LENGTH):
            nsn = potential
    if len(nsn) < pu._MIN_LENGTH_FOR_NSN:
        raise err(err.TOO_SHORT_NSN, "too short")
    if len(nsn) > pu._MAX_LENGTH_FOR_NSN:
        raise err(err.TOO_LONG, "too long")
    num = phonenumbers.PhoneNumber(country_code=cc)
    pu._set_italian_leading_zeros_for_phone_number(nsn, num)
    num.national_number = int(nsn)
    return num


# --- Phone validity without phonenumbers' per-call overhead -------------------------------------
#
# phonenumbers.is_valid_number() looks up and re-checks the metadata of every region sharing a
# calling code on each call (25 regions for +1), which dominated the reviewer's profile. This is
# the same algorithm (region_code_for_number, then is_valid_number_for_region) over per-region
# tables compiled once; tests/review/test_detectors.py checks it against phonenumbers itself.

_PhoneDesc = tuple[frozenset[int], "re.Pattern[str]"]


def _desc(d: Any) -> _PhoneDesc | None:
    if d is None or not d.national_number_pattern:
        return None
    return frozenset(d.possible_length), re.compile(d.national_number_pattern)


def _desc_matches(nsn: str, desc: _PhoneDesc | None) -> bool:
    if desc is None:
        return False
    lengths, pattern = desc
    if lengths and len(nsn) not in lengths:
        return False
    return pattern.fullmatch(nsn) is not None


@dataclass(frozen=True)
class _RegionTable:
    general: _PhoneDesc | None
    types: tuple[_PhoneDesc, ...]
    leading: re.Pattern[str] | None
    country_code: int | None
    # number length → one alternation of the types allowing that length, compiled on first use
    by_length: dict[int, re.Pattern[str] | None] = field(default_factory=dict)

    def valid(self, nsn: str) -> bool:
        if not _desc_matches(nsn, self.general):
            return False
        n = len(nsn)
        if n not in self.by_length:
            pats = [p.pattern for lengths, p in self.types if not lengths or n in lengths]
            self.by_length[n] = re.compile("|".join(f"(?:{p})" for p in pats)) if pats else None
        pattern = self.by_length[n]
        return pattern is not None and pattern.fullmatch(nsn) is not None


_REGION_TABLES: dict[tuple[int, str], _RegionTable | None] = {}


def _region_table(cc: int, region: str, for_number: bool) -> _RegionTable | None:
    key = (cc if region == phonenumbers.REGION_CODE_FOR_NON_GEO_ENTITY else 0, region)
    if key in _REGION_TABLES:
        return _REGION_TABLES[key]
    from phonenumbers.phonemetadata import PhoneMetadata

    md = (PhoneMetadata.metadata_for_region_or_calling_code(cc, region.upper()) if not for_number
          else PhoneMetadata.metadata_for_region(region.upper(), None))
    table = None
    if md is not None:
        names = ["premium_rate", "toll_free", "shared_cost", "voip", "personal_number", "pager", "uan",
                 "voicemail", "fixed_line"]
        if not md.same_mobile_and_fixed_line_pattern:
            names.append("mobile")
        types = tuple(d for d in (_desc(getattr(md, n)) for n in names) if d is not None)
        cc_valid = (None if region == phonenumbers.REGION_CODE_FOR_NON_GEO_ENTITY
                    else phonenumbers.country_code_for_valid_region(region))
        table = _RegionTable(_desc(md.general_desc), types,
                             re.compile(md.leading_digits) if md.leading_digits is not None else None,
                             cc_valid)
    if not for_number or region != phonenumbers.REGION_CODE_FOR_NON_GEO_ENTITY:
        _REGION_TABLES[key] = table
    return table


def is_valid_number(num: phonenumbers.PhoneNumber) -> bool:
    """phonenumbers.is_valid_number(num), faster."""
    try:
        return _is_valid_number(num)
    except Exception:  # noqa: BLE001 - phonenumbers' metadata changed shape: use it directly
        return bool(phonenumbers.is_valid_number(num))


def _is_valid_number(num: phonenumbers.PhoneNumber) -> bool:
    cc = num.country_code
    regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(cc) if cc is not None else None
    if cc is None or not regions:
        return False
    nsn = phonenumbers.national_significant_number(num)
    region: str | None = None
    checked: _RegionTable | None = None
    if len(regions) == 1:
        region = regions[0]
    else:
        for r in regions:
            t = _region_table(cc, r, True)
            if t is None:
                continue
            if t.leading is not None:
                if t.leading.match(nsn):
                    region = r
                    break
            elif t.valid(nsn):
                region = r
                checked = t
                break
    if region is None:
        return False
    table = _region_table(cc, region, False)
    if table is None:
        return False
    if region != phonenumbers.REGION_CODE_FOR_NON_GEO_ENTITY and cc != table.country_code:
        return False
    return table is checked or table.valid(nsn)  # the same table said so just above


def phone_key(number: str) -> str | None:
    """E.164 for a declared phone number (tries CN, US, GB when it has no country code)."""
    cand = number.strip()
    return _phone_found(cand, cand.startswith(("+", "00")), ("CN", "US", "GB"), False)


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


class _Words:
    """The distinct whitespace-separated words of a lower-cased text, and the same joined by spaces:
    a string many times shorter than a long text that holds a needle without whitespace exactly
    when the text does, so "is this word anywhere?" checks cost little."""

    __slots__ = ("tokens", "joined", "raw")

    def __init__(self, low: str) -> None:
        self.tokens = set(low.split())
        self.joined = " ".join(self.tokens)
        self.raw: list[str] | None = None  # the lines of the text (not lower-cased), when at hand

    @classmethod
    def of_lines(cls, lines: Iterable[str], raw: list[str] | None = None) -> _Words:
        """The _Words of "\n".join(lines): the same words, split line by line, in the same order
        (so the same set, iterated in the same order). `raw`: the lines of the text itself, before
        lower-casing (for _phone_spans)."""
        self = cls.__new__(cls)
        self.tokens = set(itertools.chain.from_iterable(map(str.split, lines)))
        self.joined = " ".join(self.tokens)
        self.raw = raw
        return self

    def has(self, needle: str) -> bool:
        """Whether the lower-cased text holds `needle` (which holds no whitespace)."""
        return needle in self.joined


# Characters already known to pass _uncased's test; a chunk mostly repeats the last one's (CJK
# text has thousands of distinct characters, each checked once instead of once per chunk).
_UNCASED_SEEN: set[str] = set()
# A character set of (a snapshot of) _UNCASED_SEEN's characters, negated: when it finds nothing, every
# character is known to pass, which a regex scan tells much faster than set(s) (a string object for
# each CJK character). Rebuilt once the set path has gone through 256 characters for each of the
# set's since the last build, so that building it (some 15 times as costly per character) costs
# little next to that path (on text with ever new characters, the failed scans cost a few percent).
_UNCASED_OTHER: re.Pattern[str] | None = None
_uncased_debt = 0


def _uncased(s: str) -> bool:
    """No cased character beyond ASCII: there IGNORECASE and str.lower() can disagree (ſ, ς, ı)."""
    global _UNCASED_OTHER, _uncased_debt
    if s.isascii():
        return True
    other = _UNCASED_OTHER
    if other is not None and other.search(s) is None:
        return True
    new = set(s).difference(_UNCASED_SEEN)
    if any(c > "\x7f" and (c.lower() != c or c.upper() != c) for c in new):
        return False
    if len(_UNCASED_SEEN) < 1 << 16:  # bounded: the cache is only a shortcut
        _UNCASED_SEEN.update(new)
        _uncased_debt += len(s)
        if _uncased_debt >= 256 * len(_UNCASED_SEEN):
            _uncased_debt = 0
            known = tuple(_UNCASED_SEEN)  # one step: another thread may add to the set
            _UNCASED_OTHER = re.compile("[^" + "".join(map(re.escape, known)) + "]")
    return True


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
            # The same pattern without IGNORECASE, for lower-cased text: several times faster.
            source = "|".join(parts)
            self._pattern_low: re.Pattern[str] | None = re.compile(source) if _uncased(source) else None
        else:
            self._pattern = self._pattern_low = None

    def __bool__(self) -> bool:
        return bool(self.facts)

    def find(self, folded: str, original: str, low: str | None = None, words: _Words | None = None
             ) -> list[Detection]:
        """`low`, when given, is `folded` lower-cased with the same length (see _lower), and
        `words` its _Words."""
        out: list[Detection] = []
        if self._pattern is None:
            return out
        matches: Iterable[re.Match[str]]
        if (self._pattern_low is not None and low is not None and len(low) == len(folded)
                and (folded.isascii() or _uncased(words.joined if words is not None else low))):
            matches = self._pattern_low.finditer(low)
        else:
            matches = self._pattern.finditer(folded)
        for m in matches:
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
# Entries whose every use needs a capital first letter (organisation words, places, acronyms) are
# found by one pattern over the original text, which the regex engine only tries at capital letters;
# the others (title heads, clearance words) through the lower-cased words present, below.
_EN_ANY_CASE = _EN_HEADS | _CLEARANCE_TRIGGERS
_EN_CAPS = _EN_WORDS - _EN_ANY_CASE


def _caps_pattern(words: Iterable[str]) -> re.Pattern[str]:
    by_first: dict[str, list[str]] = {}
    for w in words:
        by_first.setdefault(w[0], []).append(w[1:])
    alts = []
    for first, rests in sorted(by_first.items()):
        tail = _trie_pattern([r for r in rests if r])
        body = f"(?i:{tail})" if tail else ""
        if tail and "" in rests:
            body = f"(?:{body})?"
        alts.append(re.escape(first.upper()) + body)
    return re.compile("(?:" + "|".join(alts) + ")(?![A-Za-z0-9])")


_EN_CAPS_RE = _caps_pattern(_EN_CAPS)
# First word of each lexicon entry → the entries it starts ("vice" → "vice president").
_EN_FIRST: dict[str, list[str]] = {}
for _w in sorted(_EN_ANY_CASE, key=len, reverse=True):
    _EN_FIRST.setdefault(_w.split()[0], []).append(_w)
# Where a first word stands between characters that are not letters or digits, in the distinct
# words of a text (_Words.joined, far shorter than the text): at every such start (a look-ahead,
# so one starting inside another's match is found too), the longest there.
_EN_FIRST_AT = re.compile(f"(?<![a-z0-9])(?=({_trie_pattern(_EN_FIRST)})(?![a-z0-9]))")
# The first words that begin another up to a character that is not a letter or digit ("co" in
# "co-founder"): where the look-ahead gives the longer, these stand there too.
_EN_FIRST_WITHIN: dict[str, tuple[str, ...]] = {
    b: tuple(a for a in _EN_FIRST if len(a) < len(b) and b.startswith(a)
            and b[len(a)] not in "abcdefghijklmnopqrstuvwxyz0123456789")
    for b in _EN_FIRST}
_WORD_CHAR = re.compile(r"[a-z0-9]")

# The capitalised entries without a regex pass over the whole text: which entries can occur is read
# off the text's distinct words (each word's answer cached), and only those are looked for with
# str.find in the lower-cased text. This gives exactly what _EN_CAPS_RE finds when
#  - the text holds none of the characters that IGNORECASE matches to an ASCII letter without being
#    one when lower-cased (İ, ı, ſ, and K, which also lower-cases to an ASCII letter), so that the
#    pattern's case-insensitive tail matches exactly where the lower-cased text equals the entry;
#  - no entry can start, after a non-alphanumeric character, inside another's match (otherwise the
#    regex's left-to-right scan could skip it); checked here for the lexicon, see _caps_nested.
_CAPS_ODD = ("\u0130", "\u0131", "\u017f")  # looked for in the lower-cased words; K in the text
_LOW_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_CAPS_BY_FIRST: dict[str, list[str]] = {}  # first word → entries, longest first
for _w in sorted(_EN_CAPS, key=len, reverse=True):
    _CAPS_BY_FIRST.setdefault(_w.split(" ")[0], []).append(_w)
_CAPS_LENS = sorted({len(w) for w in _CAPS_BY_FIRST})
_CAPS_INITIALS = frozenset(w[0] for w in _CAPS_BY_FIRST)
# Whether a lower-cased word holds any of those first words at a word start, before a word end.
_CAPS_IN_WORD = re.compile(f"(?<![a-z0-9])(?:{_trie_pattern(_CAPS_BY_FIRST)})(?![a-z0-9])")


def _caps_nested(entries: Iterable[str]) -> bool:
    """Whether some entry could begin a match at a word start inside another entry's match (the
    text there being the same, case aside)."""
    entries = list(entries)
    for e1 in entries:
        for j in range(1, len(e1)):
            if e1[j - 1] in _LOW_ALNUM:
                continue
            rest = e1[j:]
            for e2 in entries:
                # e1's match ends before a character that is not a letter or digit: e2 can only
                # run past it if e2 has one there too
                if rest[:len(e2)] == e2[:len(rest)] and (len(e2) <= len(rest)
                                                         or e2[len(rest)] not in _LOW_ALNUM):
                    return True
    return False


_CAPS_BY_WORDS = not _caps_nested(_EN_CAPS)
# Lower-cased word → the first words of the entries that may match in it, for the words that hold
# some; and the words known to hold none (most words). Bounded: only a shortcut. A chunk's words
# are looked up with set operations, at C speed, instead of one by one; against sets, because a
# set's look-ups in a dict this size cost several times as much.
_WORD_CAPS: dict[str, tuple[str, ...]] = {}
_SOME_CAPS: set[str] = set()  # the keys of _WORD_CAPS
_NO_CAPS: set[str] = set()


def _word_caps(t: str) -> tuple[str, ...]:
    found: list[str] = []
    n = len(t) if _CAPS_IN_WORD.search(t) is not None else 0
    for k in range(n):
        if t[k] not in _CAPS_INITIALS or (k and t[k - 1] in _LOW_ALNUM):
            continue
        for length in _CAPS_LENS:
            end = k + length
            if end > n:
                break
            w = t[k:end]
            if w in _CAPS_BY_FIRST and (end == n or t[end] not in _LOW_ALNUM):
                found.append(w)
    out = tuple(found)
    if not out:
        if len(_NO_CAPS) < 1 << 16:
            _NO_CAPS.add(t)
    elif len(_WORD_CAPS) < 1 << 16:
        _WORD_CAPS[t] = out
        _SOME_CAPS.add(t)  # after the line above: a word in _SOME_CAPS is always in _WORD_CAPS
    return out


def _caps_hits(text: str, low: str, words: _Words) -> list[tuple[int, int, str]]:
    """What _EN_CAPS_RE.finditer(text) gives, with the word-start check of _en_hits, as (start, end,
    lower-cased entry), for text where the conditions above hold."""
    firsts: set[str] = set()
    tokens = words.tokens
    for t in tokens & _SOME_CAPS:
        firsts.update(_WORD_CAPS[t])
    for t in tokens - _NO_CAPS - _SOME_CAPS:  # words not seen before (or beyond the bounds)
        found = _word_caps(t)
        if found:
            firsts.update(found)
    best: dict[int, tuple[int, int, str]] = {}
    n = len(low)
    for first in firsts:
        for entry in _CAPS_BY_FIRST[first]:
            cap = entry[0].upper()
            size = len(entry)
            i = low.find(entry)
            while i >= 0:
                if text[i] != cap:
                    # A common word ("office") is mostly not capitalised: go on from the next
                    # capital instead of from every occurrence in lower case.
                    i = text.find(cap, i + 1)
                    if i >= 0:
                        i = low.find(entry, i)
                    continue
                e = i + size
                if (i == 0 or low[i - 1] not in _LOW_ALNUM) and (e >= n or low[e] not in _LOW_ALNUM):
                    have = best.get(i)
                    if have is None or have[1] < e:
                        best[i] = (i, e, entry)
                i = low.find(entry, i + 1)
    return list(best.values())

_ZH_SUFFIXES = set(lx.ZH_ORG_SUFFIXES)
_ZH_HEADS = set(lx.ZH_TITLE_HEADS)
_ZH_CITIES = {c[1] for c in lx.CITIES}
_ZH_KNOWN = set(lx.ZH_KNOWN_ORGS)
_ZH_CLEAR = set(lx.CLEARANCE_ZH)
_ZH_HIT = re.compile(_trie_pattern(_ZH_SUFFIXES | _ZH_HEADS | _ZH_CITIES | _ZH_KNOWN | _ZH_CLEAR))
# Every entry holds a character beyond ASCII and no line end: _ZH_HIT's matches in a text are its
# matches in the text's lines that are not all ASCII (see _zh_hits).
_ZH_LINES = all(not w.isascii() and "\n" not in w
                for w in _ZH_SUFFIXES | _ZH_HEADS | _ZH_CITIES | _ZH_KNOWN | _ZH_CLEAR)
_ZH_STOP = set(lx.ZH_ORG_STOP)
_ZH_NOT_ORG = {"内部", "外部", "全部", "局部", "东部", "西部", "南部", "北部", "中部", "头部", "底部", "顶部",
               "场所", "住所", "诊所", "厕所", "处所", "所有", "大部", "干部", "部分", "总部", "法院", "剧院",
               "影院", "结局", "格局", "布局", "大局", "开局", "当局"}

_EN_PREV_WORD = re.compile(r"([A-Za-z][A-Za-z&'.-]*)[ \t]*\Z")
_EN_WORD_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz&'.-"


def _prev_word(text: str, end: int) -> tuple[int, str] | None:
    """The word before `end`, as (start, word): what _EN_PREV_WORD.search(text, max(0, end - 40),
    end) finds as group 1, with str.rstrip (C speed) instead of trying the pattern at 40 positions."""
    lo = max(0, end - 40)
    before = text[lo:end].rstrip(" \t")
    word = before[len(before.rstrip(_EN_WORD_CHARS)):].lstrip("&'.-")
    if not word:
        return None
    return lo + len(before) - len(word), word
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


def _lower_words(text: str, scan: bool = False) -> tuple[str, _Words]:
    """_lower(text) and its _Words. A text that is not all ASCII is lower-cased and split line by
    line: most of its lines usually are ASCII, and str.lower and str.split are several times faster
    on those (a line of the text is a 1-byte string). The result is the same: str.lower's only
    context rule (final sigma) never looks past a line end, which is neither cased nor
    case-ignorable, and the lines' words are the text's, in the same order.

    `scan`: _ScanWords instead, for a long text where the native scan can stand in for the words
    (see there)."""
    scan = scan and len(text) >= _SCAN_MIN and _CAPS_BY_WORDS and _LEXICON_SCAN.ready()
    if text.isascii():
        low = text.lower()
        return low, (_ScanWords(text, low, [], None) if scan else _Words(low))
    raw = text.split("\n")
    lines = [line.lower() for line in raw]
    low = "\n".join(lines)
    if len(low) != len(text):
        low = text.translate(_ASCII_LOWER)
        return low, _Words(low)
    if scan and "\u212a" not in text:
        words = _ScanWords(text, low, list(itertools.compress(lines, [not r.isascii() for r in raw])), raw)
        if not any(c in words.joined for c in _CAPS_ODD):
            return low, words
    return low, _Words.of_lines(lines, raw)


def _en_hits(text: str, low: str, words: _Words | None = None, plain: bool = False
             ) -> list[tuple[int, int, str]]:
    """Every lexicon entry in the text between two characters that are not letters or digits,
    whatever else touches it, in text order (the longest entry at a position wins; no overlaps).
    Entries that need a capital are found only where they have one.

    With _ScanWords, from the native scan. Otherwise, for title heads, the first words present are
    read off the distinct words (_EN_FIRST_AT over `joined`, many times shorter than the text), and
    only their entries are then located with str.find. Much faster than one big alternation in
    Python's regex engine, which tries it at every position of the text.

    `plain`: the text holds no K (U+212A), so that with `words` the capitalised entries can be found
    through the words (_caps_hits).
    """
    if isinstance(words, _ScanWords):
        return _first_longest(words.scanned()[0])
    joined = words.joined if words is not None else _Words(low).joined
    present: set[str] = set()
    for m in _EN_FIRST_AT.finditer(joined):
        first = m.group(1)
        present.add(first)
        present.update(_EN_FIRST_WITHIN[first])
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
    if plain and words is not None and _CAPS_BY_WORDS and len(low) == len(text) and \
            not any(c in words.joined for c in _CAPS_ODD):
        hits += _caps_hits(text, low, words)
    else:
        for m in _EN_CAPS_RE.finditer(text):
            i, e = m.span()
            if i == 0 or not _WORD_CHAR.match(low, i - 1):
                hits.append((i, e, low[i:e]))
    return _first_longest(hits)


def _first_longest(hits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The hits in text order, the longest at a position, none overlapping one taken before."""
    hits.sort(key=lambda h: (h[0], -h[1]))
    out: list[tuple[int, int, str]] = []
    end = -1
    for h in hits:
        if h[0] >= end:
            out.append(h)
            end = h[1]
    return out


def _title_from_head(text: str, low: str, s: int, e: int, word: str) -> Detection | None:
    start = s
    n_prefix = 0
    while n_prefix < 4:
        prev = _prev_word(text, start)
        if prev is None or prev[1].lower().rstrip(".") not in _PREFIX_WORDS:
            break
        start = prev[0]
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
        prev = _prev_word(text, pending)
        if prev is None:
            break
        at, w = prev
        if w.lower() in _ORG_LINK and words < 5:
            pending = at
            continue
        if not _CAP_WORD.match(w) or w in _NOT_ORG_WORDS:
            break
        start = pending = at
        words += 1
    if words == 0:
        return None
    if text[e:e + 1] == "." and text[s:e].lower() in ("inc", "ltd", "co", "corp"):
        e += 1
    return Detection(KIND_ORG, start, e, text[start:e], 0.75 if words > 1 else 0.65)


def _en_generic(text: str, low: str, want: set[str], words: _Words | None = None, plain: bool = False
                ) -> list[Detection]:
    out: list[Detection] = []
    titles: list[Detection] = []
    for s, e, word in _en_hits(text, low, words, plain):
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


# Above this many distinct words holding a Chinese lexicon entry, _zh_hits scans the whole text.
_ZH_WORDS_MAX = 16


def _zh_hits(text: str, low: str | None = None, words: _Words | None = None) -> list[tuple[int, int, str]]:
    """_ZH_HIT's matches in `text` as (start, end, entry). With `low` (the text lower-cased, same
    length) and its `words`: the entries never hold whitespace, so they are matched in the distinct
    words, and only the few words with one are then located in the text (str.find), instead of a
    regex pass over all of it (mostly English, in many exports). With the text's lines at hand
    (`words.raw`), only the lines that are not all ASCII are looked at, by str.find or, when more
    words hold an entry than finding them is worth, by the regex: every entry holds a character
    beyond ASCII (_ZH_LINES), and a line that is all ASCII is so lower-cased too."""
    if words is not None and low is not None and len(low) == len(text):
        joined = words.joined
        by_word: dict[str, list[tuple[int, int, str]]] = {}
        for m in _ZH_HIT.finditer(joined):
            s, e = m.span()
            w0 = joined.rfind(" ", 0, s) + 1
            w1 = joined.find(" ", e)
            word = joined[w0:w1 if w1 >= 0 else len(joined)]
            by_word.setdefault(word, []).append((s - w0, e - w0, m.group(0)))
            if len(by_word) > _ZH_WORDS_MAX:
                break
        else:
            hits: list[tuple[int, int, str]] = []
            if not by_word:
                return hits
            # The words are looked for in the lines beyond ASCII only, joined (the positions there
            # mapped back to the text's): a line of the text starts and ends where one of these
            # does, so the whitespace around a word is the same.
            wide = _wide_lines(text, words)
            if wide is None:
                where, starts, origins = low, [0], [0]
            else:
                where = "\n".join([low[lo:hi] for lo, hi in wide])
                origins = [lo for lo, _ in wide]
                starts = list(itertools.accumulate((hi - lo + 1 for lo, hi in wide[:-1]), initial=0))
            n = len(where)
            for word, rel in by_word.items():
                size = len(word)
                i = where.find(word)
                while i >= 0:
                    if (i == 0 or where[i - 1].isspace()) and (i + size == n or where[i + size].isspace()):
                        k = bisect.bisect_right(starts, i) - 1
                        at = origins[k] + i - starts[k]
                        hits += [(at + s, at + e, w) for s, e, w in rel]
                    i = where.find(word, i + size)
            hits.sort()
            return hits
    wide = _wide_lines(text, words)
    if wide is not None:
        return [(m.start(), m.end(), m.group(0)) for lo, hi in wide for m in _ZH_HIT.finditer(text, lo, hi)]
    return [(m.start(), m.end(), m.group(0)) for m in _ZH_HIT.finditer(text)]


def _wide_lines(text: str, words: _Words | None) -> list[tuple[int, int]] | None:
    """The spans of the text's lines that are not all ASCII, when its lines are at hand (and the
    Chinese entries can only be in those: _ZH_LINES); else None."""
    raw = words.raw if words is not None else None
    if raw is None or not _ZH_LINES:
        return None
    sizes = list(map(len, raw))
    after = list(itertools.accumulate(map((1).__add__, sizes)))  # each line's end, plus one
    if after[-1] != len(text) + 1:
        return None
    wide = list(map(operator.not_, map(str.isascii, raw)))
    return [(a - 1 - size, a - 1) for a, size in zip(itertools.compress(after, wide),
                                                     itertools.compress(sizes, wide), strict=True)]


def _zh_generic(text: str, want: set[str], low: str | None = None, words: _Words | None = None
                ) -> list[Detection]:
    out: list[Detection] = []
    hits = _zh_hits(text, low, words)
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
    if "address" in want and "号" in text:  # every address ends in 号: skip the scan without one
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
_HANDLE = re.compile(rf"@((?:[A-Za-z0-9_][\w.-]|[{_CJK}][\w·-])[\w.·-]{{0,28}})")
_HANDLE_NOT_AFTER = re.compile(r"[A-Za-z0-9_.@/]")
_HANDLE_NOT = {"所有人", "全体成员", "全体"}  # group-chat "@everyone"
# Chinese platforms' words for an account, and the platform each names.
_CN_LABELS = {
    "微信": "wechat", "微信号": "wechat", "微信id": "wechat", "v信": "wechat", "vx": "wechat",
    "wechat": "wechat", "wechat id": "wechat", "wx": "wechat", "weixin": "wechat",
    "qq": "qq", "qq号": "qq", "企鹅号": "qq",
    "抖音": "douyin", "抖音号": "douyin", "快手": "kuaishou", "快手号": "kuaishou",
    "小红书": "xiaohongshu", "小红书号": "xiaohongshu", "红书号": "xiaohongshu",
    "微博": "weibo", "新浪微博": "weibo", "知乎": "zhihu", "b站": "bilibili", "哔哩哔哩": "bilibili",
    "bilibili": "bilibili", "公众号": "wechat-official", "视频号": "wechat-channels",
}
_CN_LABEL = "|".join(sorted((re.escape(k) for k in _CN_LABELS), key=len, reverse=True))
# A label, then ":" (or "号 ") and an account ID: 微信号：abc_123, QQ：12345678, 抖音号 dy.abc123.
_MESSENGER = re.compile(rf"(?:({_CN_LABEL})|whatsapp|telegram|signal)[ \t]*(?:[:：]|(?<=号)(?=[ \t]))[ \t]*@?"
                        r"([a-z][a-z0-9_.-]{5,19}|\d{5,12})(?![a-z0-9_])")
# The label just before an @mention names its platform: 抖音@张三, 微博 @某某研究员.
_LABEL_BEFORE = re.compile(rf"({_CN_LABEL})[ \t]*[:：]?[ \t]*\Z")
_MESSENGER_WORDS = ("wechat", "qq", "wx", "whatsapp", "telegram", "signal", "weixin", "vx", "bilibili",
                    "微信", "v信", "企鹅号", "抖音", "快手", "红书", "微博", "知乎", "b站", "哔哩", "公众号",
                    "视频号")
HANDLE_PLATFORMS = tuple(sorted(set(_CN_LABELS.values())))


def _handle_kind(label: str | None) -> str:
    platform = _CN_LABELS.get(label or "")
    return f"{KIND_HANDLE}.{platform}" if platform else KIND_HANDLE


def _links(text: str, low: str, cjk: bool = False, words: _Words | None = None) -> list[Detection]:
    out: list[Detection] = []
    matches: list[re.Match[str]] = []
    has = (words or _Words(low)).has  # cheap "is it anywhere in the text?" checks
    if has("http") or has("www."):
        matches += _URL.finditer(low)
    if has(".com/") or has(".org/") or has("t.me/"):
        matches += _SITE_URL.finditer(low)
    for m in matches:
        url = text[m.start():m.end()].rstrip(".,;:!?")
        if not any(d.start <= m.start() < d.end for d in out):
            out.append(Detection(KIND_URL, m.start(), m.start() + len(url), url, 0.95))
    handles: list[Detection] = []
    if has("@"):
        for m in _HANDLE.finditer(text):
            value = m.group(1).rstrip(".-·")
            s = m.start()
            if s and _HANDLE_NOT_AFTER.match(text, s - 1):
                continue  # part of an email address
            if value in _HANDLE_NOT:
                continue
            label = _LABEL_BEFORE.search(low, max(0, s - 8), s) if s else None
            kind = _handle_kind(label.group(1) if label else None)
            handles.append(Detection(kind, s, s + 1 + len(value), text[s:s + 1 + len(value)], 0.8,
                                     kind.partition(".")[2]))
    if any(map(has, _MESSENGER_WORDS)):
        taken = Spans((d.start, d.end) for d in handles)
        for m in _MESSENGER.finditer(low):
            s, e = m.span(2)
            e = s + len(low[s:e].rstrip(".-"))
            if taken.overlaps(s - 1, e):
                continue  # 微信号：@abc_123 is already an @handle
            kind = _handle_kind(m.group(1))
            handles.append(Detection(kind, s, e, text[s:e], 0.8, kind.partition(".")[2]))
    return out + handles


# --- The lexicon in one native pass ---------------------------------------------------------------
#
# Splitting a long text into its distinct words (_Words) costs a Python string for each word: a
# quarter of the detectors' time on an export. Where Hyperscan is at hand (scan.py), a long text is
# not split: one pass over its _skeleton finds every lexicon entry between two characters that are
# not letters or digits, and whether the ASCII needles of _links are there; the other questions the
# words answered are about characters beyond ASCII, and are asked of the words of the lines that
# hold one. What is found is what the words give (tests/review/test_scan.py).
_SCAN_MIN = 16384  # shorter texts: the words cost little, and a pasted bio never compiles the scan
_NOT_ALNUM = rb"[^A-Za-z0-9]"


def _scan_literal(entry: str, caps: bool) -> bytes:
    """An entry as it stands in a skeleton (digits made "0"): any case (the pattern is compiled
    CASELESS), or for `caps` a capital first letter and the rest in any case."""
    raw = entry.encode("ascii").translate(_SKELETON_DIGITS)
    if not caps:
        return re.escape(raw)
    out = [re.escape(raw[:1].upper())]
    for c in raw[1:]:
        ch = bytes([c])
        out.append(b"[" + ch + ch.upper() + b"]" if ch.isalpha() else re.escape(ch))
    return b"".join(out)


# Entries grouped by kind and length, one pattern per group: a match's end then gives its start
# (the pattern is a fixed length), the text there gives the entry, and few patterns compile fast
# (~0.1 s, against ~0.5 s for one per entry). Two entries of a group never match at the same end.
_SCAN_GROUPS: list[tuple[int, frozenset[str]]] = []
_SCAN_PATTERNS: list[tuple[bytes, int]] = []
for _caps, _entries in ((False, _EN_ANY_CASE), (True, _EN_CAPS)):
    for _size in sorted({len(w) for w in _entries}):
        _group = sorted(w for w in _entries if len(w) == _size)
        _SCAN_GROUPS.append((_size, frozenset(_group)))
        _body = b"|".join(_scan_literal(w, _caps) for w in _group)
        _SCAN_PATTERNS.append((_NOT_ALNUM + b"(?:" + _body + b")" + _NOT_ALNUM, 0 if _caps else CASELESS))
# The ASCII needles _links asks about (_Words.has): only whether each is there. Not "@": a
# one-character literal slows the whole scan threefold, and str.find is as quick for it.
_SCAN_NEEDLES = tuple(w for w in ("http", "www.", ".com/", ".org/", "t.me/") + _MESSENGER_WORDS
                      if w.isascii())
_SCAN_PATTERNS += [(re.escape(w.encode("ascii")), CASELESS | SINGLEMATCH) for w in _SCAN_NEEDLES]
_LEXICON_SCAN = MultiScan(_SCAN_PATTERNS)


def prepare_scan() -> bool:
    """Compile the native scan now (before forking worker processes, which then have it)."""
    return _LEXICON_SCAN.ready()


class _ScanWords(_Words):
    """_Words for the native scan: `tokens` and `joined` are the words of the lines that hold a
    character beyond ASCII (so every such character of the text, which is all that `fold`, `has_cjk`,
    `_uncased`, the digits check of _phones and the Chinese lexicon look for); the lexicon's hits and
    the ASCII needles come from one scan of the text's skeleton, done when first asked for. Only
    for a text without K (U+212A) and without the characters of _CAPS_ODD, whose lower-cased text
    is as long (as for _caps_hits)."""

    __slots__ = ("text", "low", "_skeleton", "_scanned")

    def __init__(self, text: str, low: str, wide: list[str], raw: list[str] | None) -> None:
        self.tokens = set(itertools.chain.from_iterable(map(str.split, wide)))
        self.joined = " ".join(self.tokens)
        self.raw = raw
        self.text = text
        self.low = low
        self._skeleton: bytes | None = None
        self._scanned: tuple[list[tuple[int, int, str]], set[str]] | None = None

    def has(self, needle: str) -> bool:
        if not needle.isascii():
            return needle in self.joined
        if needle in _SCAN_NEEDLES:
            return needle in self.scanned()[1]
        return needle in self.low

    def skeleton(self) -> bytes:
        if self._skeleton is None:
            self._skeleton = _skeleton(self.text, self.raw)
        return self._skeleton

    def scanned(self) -> tuple[list[tuple[int, int, str]], set[str]]:
        """Every lexicon entry in the text between characters that are not letters or digits, as
        (start, end, entry), capitalised entries only with their capital; and the needles there."""
        if self._scanned is None:
            found = _LEXICON_SCAN.scan(b" " + self.skeleton() + b" ")
            assert found is not None  # ready() was checked before these words were made
            hits: list[tuple[int, int, str]] = []
            present: set[str] = set()
            low = self.low
            groups = len(_SCAN_GROUPS)
            for index, end in found:
                if index < groups:
                    size, entries = _SCAN_GROUPS[index]
                    e = end - 2  # the match holds a character on either side; the data one before
                    entry = low[e - size:e]
                    if entry in entries:
                        hits.append((e - size, e, entry))
                else:
                    present.add(_SCAN_NEEDLES[index - groups])
            self._scanned = (hits, present)
        return self._scanned


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
    groups: dict[str, list[tuple[int, int]]] = {}
    kinds = []
    for d in dets:
        kind = d.kind.partition(".")[0]
        kinds.append(kind)
        if kind != "handle" or has_cjk(d.text):  # "@Google" still names an employer
            groups.setdefault(kind, []).append((d.start, d.end))
    # Which containers matter for which detectors; a check is skipped when there are none.
    links = Spans(groups.get("email", []) + groups.get("url", []))
    titles = Spans(groups.get("title", []))
    declared = Spans(groups.get("declared", []))
    handles = Spans(groups.get("handle", []))
    # Which kinds can be dropped, and by what (a container kind with no spans drops nothing).
    within: dict[str, list[Spans]] = {}
    for spans, dropped in ((handles, ("title", "org", "location")),  # a screen name: 微博 @某某研究员
                           (links, ("declared", "handle")),
                           (titles, ("org",)),
                           (declared, ("location",))):  # 上海 inside a declared 上海交大
        if spans:
            for kind in dropped:
                within.setdefault(kind, []).append(spans)
    if not within:
        return dets
    out = []
    for d, kind in zip(dets, kinds, strict=True):
        containers = within.get(kind)
        if containers is None or not any(c.contains(d.start, d.end) for c in containers):
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
        folded = text
        low, words = _lower_words(text, scan=True)
        cjk = False
        if not text.isascii():
            # Whole-text passes are what a chunk costs: `fold` and `has_cjk` look at the distinct
            # words instead (see _FOLD_SCREEN), and the lower-cased text is redone only if folding
            # changed anything.
            if _FOLD_SCREEN.search(words.joined) is not None or any(c in text for c in _FOLD_SPACES):
                folded = fold(text)
                if folded is not text:
                    low, words = _lower_words(folded, scan=True)
            # Folding and lower-casing keep a character CJK or not, and CJK is never whitespace.
            cjk = _CJK_RE.search(words.joined) is not None
        out: list[Detection] = []
        if "email" in want:
            out += _emails(folded, self.work_domains, self.declared_emails)
        if "phone" in want:
            for d in _phones(folded, cjk, words):
                if d.detail in self.declared_phones:
                    d = Detection(d.kind, d.start, d.end, text[d.start:d.end], 0.99, d.detail + " (declared)")
                out.append(d)
        if "declared" in want and self.matcher:
            out += self.matcher.find(folded, text, low, words)
        generic = want & {"title", "org", "location", "address", "clearance"}
        if generic:
            plain = folded.isascii() or "\u212a" not in folded  # see _en_hits
            found = _en_generic(folded, low, generic, words, plain)
            if cjk:
                found += _zh_generic(folded, generic, low, words)
            out += _places_filter(found)
        if want & {"url", "handle"}:
            out += [d for d in _links(folded, low, cjk, words) if detector_of(d.kind) in want]
        out = _prune(out)
        # Spans refer to the original text (folding keeps lengths): report the original characters.
        if folded is not text:
            out = [d if text[d.start:d.end] == d.text else Detection(d.kind, d.start, d.end,
                                                                       text[d.start:d.end], d.confidence,
                                                                       d.detail) for d in out]
        out.sort(key=lambda d: (d.start, -d.end, d.kind))
        return out
