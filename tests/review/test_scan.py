"""The native lexicon scan (scan.py, Hyperscan) finds what the pure-Python path finds, and the
reviewer works the same without it."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exposure_check.core.model import DeclaredFacts
from exposure_check.core.review import detectors as d
from exposure_check.core.review import review_text, scan

pytestmark = pytest.mark.skipif(not d.prepare_scan(), reason="Hyperscan cannot run here")

# Lexicon entries in several cases and with what touches them, the needles of _links, digits,
# Chinese, the characters that keep a text off the native path (K, ı, İ, ſ), a lone surrogate, NUL.
_PIECES = st.sampled_from([
    "Senior Engineer", "engineer", "ENGINEER", "Engineering", "engineer/manager", "(Manager)",
    "#vice president", "Vice-President", "vice  president", "co-founder", "Co", "co", "Office",
    "office", "OFFICE", "OFfice", "Acme Robotics Ltd", "ltd.", "Ltd", "S.A.", "s.a", "MI5", "mi5",
    "MI6", "MI56", "MI0", "University of Leeds", "London", "london", "Hong Kong", "Kong", "Reading",
    "Way", "clearance", "SC cleared", "DV/SC", "top secret", "http://x.org/a", "www.example.com/",
    "WWW.", "t.me/abc", "github.com/a", "@zhang", "a@b.com", "WeChat", "QQ", "wx", "vx", "Signal",
    "bilibili", "微信号：abc_123", "V信", "高级工程师", "有限公司", "北京", "涉密", "2024-03-01 10:00:00",
    "+44 7911 123456", "13800138000", " ", "  ", "\t", "\n", ",", ".", "-", "_", "(", ")", "/", "é",
    "Zoë", "\u212a", "\u0131", "\u0130", "\u017f", "\u3000", "\xa0", "x", "1", "\ud800", "\x00", "ÿ",
])


def _words_pair(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[str, d._Words, d._Words]:
    monkeypatch.setattr(d, "_SCAN_MIN", 0)
    low, native = d._lower_words(text, scan=True)
    low2, pure = d._lower_words(text)
    assert low == low2
    return low, native, pure


@settings(max_examples=500, deadline=None)
@given(st.lists(_PIECES, max_size=40))
def test_scan_finds_what_the_words_find(pieces: list[str]) -> None:
    text = "".join(pieces)
    with pytest.MonkeyPatch.context() as mp:
        low, native, pure = _words_pair(text, mp)
        plain = text.isascii() or "\u212a" not in text
        assert d._en_hits(text, low, native, plain) == d._en_hits(text, low, pure, plain)
        for needle in d._SCAN_NEEDLES + ("@", "微信", "v信", "zzz"):
            assert native.has(needle) == pure.has(needle), needle
        for pattern in (d._FOLD_SCREEN, d._CJK_RE, d._OTHER_DIGIT):
            assert (pattern.search(native.joined) is None) == (pattern.search(pure.joined) is None)
        assert d._uncased(native.joined) == d._uncased(pure.joined)
        facts = DeclaredFacts(employers=("Acme Robotics",), titles=("Senior Engineer",), teams=("北京",))
        detectors = d.Detectors(facts)
        fast = detectors.detect(text)
        mp.setattr(d, "_SCAN_MIN", 1 << 60)
        assert fast == detectors.detect(text)


def test_scan_path_is_taken_only_where_it_can_stand_in() -> None:
    text = "Senior Engineer at Acme Robotics Ltd. 高级工程师\n" * 1000
    assert len(text) >= d._SCAN_MIN
    assert isinstance(d._lower_words(text, scan=True)[1], d._ScanWords)
    assert not isinstance(d._lower_words(text)[1], d._ScanWords)
    assert not isinstance(d._lower_words(text[:100], scan=True)[1], d._ScanWords)  # short: words
    for odd in ("\u212a", "\u0131", "\u017f", "\u0130"):  # off the path, with the same findings
        assert not isinstance(d._lower_words(text + odd, scan=True)[1], d._ScanWords), hex(ord(odd))


def test_en_hits_are_every_entry_between_non_alphanumerics() -> None:
    """What both paths give: each entry wherever it stands between characters that are not letters
    or digits, whatever touches it (the longest at a place; none inside one taken before)."""
    text = ("[[title:Product Manager]] #vice president engineer/manager Co-Founder (CTO) xengineer "
            "engineers Office office Ltd.Inc S.A. MI5 ltd_x 高级Engineer")
    low = d._lower(text)
    entries = sorted(d._EN_ANY_CASE | d._EN_CAPS, key=len, reverse=True)
    every = []
    for entry in entries:
        for m in re.finditer(f"(?<![a-z0-9])(?={re.escape(entry)}(?![a-z0-9]))", low):
            i = m.start()
            if entry in d._EN_CAPS and text[i] != entry[0].upper():
                continue
            every.append((i, i + len(entry), entry))
    want = d._first_longest(every)
    assert [h[2] for h in want][:4] == ["manager", "vice president", "engineer", "manager"]
    assert d._en_hits(text, low, d._Words(low), plain=True) == want
    long_text = (text + "\n") * 200
    assert isinstance(d._lower_words(long_text, scan=True)[1], d._ScanWords)
    assert d._en_hits(long_text, *d._lower_words(long_text, scan=True), plain=True) == \
        d._en_hits(long_text, *d._lower_words(long_text), plain=True)


def test_without_hyperscan_the_review_is_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    text = ("Senior Engineer at Acme Robotics Ltd, +44 7911 123456, alex@acme.example, "
            "https://github.com/alex 微信号：alex_2024 我是华芯微电子有限公司的高级工程师\n") * 600
    facts = DeclaredFacts(employers=("Acme Robotics",))
    native = review_text(text, facts)
    monkeypatch.setattr(scan, "ENABLED", False)
    monkeypatch.setattr(d, "_LEXICON_SCAN", scan.MultiScan(d._SCAN_PATTERNS))  # not compiled yet
    assert not d.prepare_scan()
    assert not isinstance(d._lower_words(text, scan=True)[1], d._ScanWords)
    pure = review_text(text, facts)
    assert [f.to_dict() for f in native.findings] == [f.to_dict() for f in pure.findings]
    assert native.counts == pure.counts and native.findings


def test_multiscan_reports_each_match_end() -> None:
    ms = scan.MultiScan([(rb"ab", 0), (rb"[^a-z]c[^a-z]", scan.CASELESS), (rb"zz", scan.SINGLEMATCH)])
    assert ms.scan(b"ab ab C zz zz") == [(0, 2), (0, 5), (1, 8), (2, 10)]
    assert ms.scan(b"") == []
