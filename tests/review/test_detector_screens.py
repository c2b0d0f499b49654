"""The per-chunk shortcuts in Detectors.detect give exactly what the whole-text passes they replace
give: the fold and CJK screens on the distinct words, the capitalised-entry search through the
words, and the str.rstrip scans that stand in for end-anchored patterns."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exposure_check.core.model import DeclaredFacts
from exposure_check.core.review import detectors as dt
from exposure_check.core.review.detectors import Detection, Detectors

# Characters where case folding, lower-casing and IGNORECASE disagree, and other folding cases.
TRICKY = ["\u017f", "\u212a", "\u0130", "\u0131", "ß", "\u1e9e", "\u212b", "Σ", "ς", "Ｌｔｄ", "ＩＢＭ",
          "ｇｍａｉｌ", "\uff20", "é", "É", "\u00a0", "\u3000", "\u2019", "\u00b7", "國", "華為", "Ǆ", "ǅ"]
PIECES = TRICKY + [
    "Ltd", "LTD", "lTd", "Ltd.", "Robotics", "ROBOTICS", "S.A.", "S.p.A.", "B.V.", "Xi'an", "New York",
    "New  York", "Hong Kong", "Rolls-Royce", "MI5", "Inc", "Co.", "co", "AG", "AB", "Office", "office",
    "University of Leeds", "Acme", "Google", "London", "Senior Engineer", "engineer", "Vice President",
    "Director of Research", "Data Scientist", "Top Secret clearance", "SC cleared", "Street",
    "10 Downing Street",
    "华为", "有限公司", "工程师", "高级工程师", "北京", "研究所", "路8号", "(", ")", "-", ".", "'", "/", ",",
    " ", " ", " ", "\t", "\n", "x", "1", "@", "alex.chen@acme-robotics.co.uk", "a@gmail.com",
    "+44 7911 123456",
    "2024-03-05 10:00:00", "Tel: 020 7946 0018", "https://github.com/alex", "微信号：alex_chen88",
    "@alexchen", "linkedin.com/in/alex",
]


def _tuples(dets: list[Detection]) -> list[tuple[str, int, int, str, float, str]]:
    return [(d.kind, d.start, d.end, d.text, d.confidence, d.detail) for d in dets]


def _reference_detect(det: Detectors, text: str) -> list[Detection]:
    """Detectors.detect as it was before the screens: fold and has_cjk over the whole text, and the
    capitalised entries by the regex pass (plain=False)."""
    folded = dt.fold(text)
    cjk = dt.has_cjk(folded)
    out: list[Detection] = []
    out += dt._emails(folded, det.work_domains, det.declared_emails)
    low = dt._lower(folded)
    words = dt._Words(low)
    for d in dt._phones(folded, cjk, words):
        if d.detail in det.declared_phones:
            d = Detection(d.kind, d.start, d.end, text[d.start:d.end], 0.99, d.detail + " (declared)")
        out.append(d)
    if det.matcher:
        out += det.matcher.find(folded, text, low, words)
    generic = {"title", "org", "location", "address", "clearance"}
    found = dt._en_generic(folded, low, generic, words, False)
    if cjk:
        found += dt._zh_generic(folded, generic)
    out += dt._places_filter(found)
    out += dt._links(folded, low, cjk, words)
    out = dt._prune(out)
    if folded is not text:
        out = [d if text[d.start:d.end] == d.text else Detection(d.kind, d.start, d.end, text[d.start:d.end],
                                                                   d.confidence, d.detail) for d in out]
    out.sort(key=lambda d: (d.start, -d.end, d.kind))
    return out


_DET = Detectors(DeclaredFacts(employers=("Acme Robotics",), names=("Alex Chen",), titles=("VP of Research",),
                               locations=("上海",)))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_detect_equals_whole_text_passes(pieces: list[str]) -> None:
    text = "".join(pieces)
    for variant in (text, text.upper(), text.lower()):
        assert _tuples(_DET.detect(variant)) == _tuples(_reference_detect(_DET, variant))


@pytest.mark.parametrize("ch", TRICKY)
@pytest.mark.parametrize("frame", ["{}", "Acme {} Ltd", "{}Ltd", "Ltd{}", "LONDON{}", "Senior {}Engineer",
                                   "华为{}有限公司", "{} Robotics Ltd and Google"])
def test_tricky_characters(ch: str, frame: str) -> None:
    text = frame.format(ch)
    assert _tuples(_DET.detect(text)) == _tuples(_reference_detect(_DET, text))


def test_fold_screen_sees_every_folded_character() -> None:
    for key in dt._FOLD:
        c = chr(key)
        for text in (c, f"abc {c}def", f"华为{c.upper()} x"):
            if dt.fold(text) == text:
                continue
            words = dt._Words(dt._lower(text))
            assert dt._FOLD_SCREEN.search(words.joined) or any(s in text for s in dt._FOLD_SPACES), repr(c)


def test_folding_and_lower_casing_keep_cjk() -> None:
    cjk = re.compile(f"[{dt._CJK}]")
    for key, value in dt._FOLD.items():
        assert bool(cjk.match(chr(key))) == bool(cjk.search(value))
    for cp in range(0x110000):
        c = chr(cp)
        is_cjk = cjk.match(c) is not None
        low = c.lower()
        assert is_cjk == (cjk.search(low) is not None), hex(cp)
        if is_cjk:
            assert low == c and not c.isspace()


def test_caps_shortcut_conditions() -> None:
    """The characters that IGNORECASE matches to an ASCII letter, or that lower-case to something
    containing one, are ASCII letters themselves or those _en_hits looks for (İ, ı, ſ and K)."""
    any_letter = re.compile("(?i)[a-z]")
    odd = set(dt._CAPS_ODD) | {"\u212a"}
    for cp in range(0x80, 0x110000):
        c = chr(cp)
        if any_letter.fullmatch(c) or any(x.isascii() for x in c.lower()) or len(c.lower()) != 1:
            assert c in odd, hex(cp)
    assert dt._CAPS_BY_WORDS
    assert all(w.isascii() and w[0].isalpha() and w == w.lower() for w in dt._EN_CAPS)
    # the check itself: "Hong Kong" followed by an entry "kong" would defeat the shortcut
    assert dt._caps_nested(["hong kong", "kong"]) and not dt._caps_nested(["s.a", "ag"])


def test_caps_hits_equal_the_regex() -> None:
    text = ("Acme Ltd (Ltd) Ltd.Inc xLtd LtdX S.A. s.a. Xi'an New York New  York new york NEW YORK "
            "Rolls-Royce MI5 MI56 Co. co Office office 华为Google Google华为 @Google Hong Kong-Ltd")
    low = dt._lower(text)
    words = dt._Words(low)
    fast = sorted(dt._caps_hits(text, low, words))
    slow = sorted((m.start(), m.end(), low[m.start():m.end()]) for m in dt._EN_CAPS_RE.finditer(text)
                  if m.start() == 0 or not dt._WORD_CHAR.match(low, m.start() - 1))
    assert fast == slow and len(fast) > 10


_LOCAL_ALPHABET = st.sampled_from(list("aZ09._-+'!#~ \t@(),é华\u212a"))


@settings(max_examples=300, deadline=None)
@given(st.text(_LOCAL_ALPHABET, max_size=90), st.integers(0, 90))
def test_local_start_equals_pattern(text: str, at: int) -> None:
    at = min(at, len(text))
    m = dt._EMAIL_LOCAL.search(text, max(0, at - 64), at)
    assert dt._local_start(text, at) == (m.start() if m else at)


_WORD_ALPHABET = st.sampled_from(list("aZq&'.- \t\n,é华1\u212a\u0131"))


@settings(max_examples=300, deadline=None)
@given(st.text(_WORD_ALPHABET, max_size=70), st.integers(0, 70))
def test_prev_word_equals_pattern(text: str, end: int) -> None:
    end = min(end, len(text))
    m = dt._EN_PREV_WORD.search(text, max(0, end - 40), end)
    assert dt._prev_word(text, end) == ((m.start(1), m.group(1)) if m else None)


_ZH_PIECES = ["工程师", "高级工程师", "有限公司", "华为", "北京", "研究所", "涉密", "号", "路8号", "我们",
              "会议", "abc", "Ltd", " ", " ", "\t", "\n", "\u3000", "\u00a0", ",", "。", "x工程师", "工程师x"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_ZH_PIECES), max_size=60))
def test_zh_hits_through_words_equal_the_regex(pieces: list[str]) -> None:
    text = "".join(pieces)
    low = dt._lower(text)
    assert dt._zh_hits(text, low, dt._Words(low)) == dt._zh_hits(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_ZH_PIECES + ["\n", "\n", "Acme Ltd"]), max_size=60), st.booleans())
def test_zh_hits_line_by_line_equal_the_regex(pieces: list[str], many: bool) -> None:
    """With more words than the word path takes, the regex runs over the lines beyond ASCII."""
    text = "".join(pieces)
    if many:
        text = " ".join(f"{i}有限公司" for i in range(dt._ZH_WORDS_MAX + 1)) + "\n" + text
    low, words = dt._lower_words(text)
    assert dt._zh_hits(text, low, words) == dt._zh_hits(text)


def test_zh_hits_with_many_words_fall_back_to_the_regex() -> None:
    words = [f"{i}有限公司" for i in range(dt._ZH_WORDS_MAX + 3)]
    text = " ".join(words * 2) + " 高级工程师x 工程师"
    low = dt._lower(text)
    hits = dt._zh_hits(text, low, dt._Words(low))
    assert hits == dt._zh_hits(text) and len(hits) > 2 * dt._ZH_WORDS_MAX


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["ltd", "s.a", "new", "xi'an", "rolls-royce", "co", "x", "1", ".", "-", "(",
                                 "华", "office", "google"]), max_size=8))
def test_word_caps_screen_keeps_every_hit(pieces: list[str]) -> None:
    word = "".join(pieces)
    plain = []
    for k in range(len(word)):
        if k and word[k - 1] in dt._LOW_ALNUM:
            continue
        for first in dt._CAPS_BY_FIRST:
            end = k + len(first)
            if word.startswith(first, k) and (end == len(word) or word[end] not in dt._LOW_ALNUM):
                plain.append(first)
    assert sorted(dt._word_caps(word)) == sorted(plain)
