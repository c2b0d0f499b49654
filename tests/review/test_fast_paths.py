"""The reviewer's fast paths give the same answers as the slow, obvious ones."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator

import phonenumbers
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from exposure_check.core.model import DeclaredFacts
from exposure_check.core.review import importers as imp
from exposure_check.core.review.detectors import DeclaredMatcher, Detectors, _lower, fold, is_valid_number


def test_phone_validity_matches_phonenumbers() -> None:
    rng = random.Random(7)
    codes = sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE)
    regions = sorted(phonenumbers.SUPPORTED_REGIONS)
    checked = 0
    for i in range(6000):
        if i % 2:
            region = rng.choice(regions)
            ex = phonenumbers.example_number_for_type(region, rng.choice(
                [phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE]))
            if ex is None:
                continue
            digits = str(ex.country_code) + phonenumbers.national_significant_number(ex)
            digits = digits[:len(digits) - rng.randint(0, 2)] + "".join(
                rng.choice("0123456789") for _ in range(rng.randint(0, 2)))
        else:
            cc = rng.choice(codes) if i % 4 else rng.choice([1, 44, 86, 7, 39, 262, 599, 800, 882])
            digits = str(cc) + "".join(rng.choice("0123456789") for _ in range(rng.randint(4, 13)))
        try:
            num = phonenumbers.parse("+" + digits, None)
        except phonenumbers.NumberParseException:
            continue
        checked += 1
        assert is_valid_number(num) == phonenumbers.is_valid_number(num), digits
    assert checked > 4000


def test_same_phone_however_it_is_written() -> None:
    det = Detectors()
    forms = ["+44 7911 123456", "+447911123456", "+44 (7911) 123-456", "0044 7911 123456"]
    assert {d.detail for f in forms for d in det.detect(f"Tel: {f}") if d.kind == "phone"} == {
        "+447911123456"}


def _csv_text(name: str, data: str) -> list[str]:
    ctx = imp.Context(imp.Limits())
    blocks = iter([data])
    return [c.text for c in imp.import_csv(blocks, name, ctx, None)]


def test_csv_fast_path_builds_the_same_text() -> None:
    data = ('Company Name,Title,Notes\r\nAcme,,"two\nlines"\r\n,Engineer,x\r\n\r\nNorthwind,Lead,""\r\n')
    with_hints = _csv_text("Positions.csv", data)  # per-cell path: columns give hints
    plain = _csv_text("messages.csv", data)  # no hints: the joined fast path
    assert with_hints == plain
    assert plain == ["Company Name | Title | Notes | \nAcme | two\nlines | \nEngineer | x | \n\n"
                     "Northwind | Lead | \n"]


def _csv_reference(data: str, cuts: list[int], limits: imp.Limits) -> tuple[list[tuple[str, int]], list[str]]:
    """import_csv for a file whose columns give no hints, written the plain way: the csv module
    over the lines, row by row (what import_csv did before its _csv_plain path)."""
    import csv

    csv.field_size_limit(limits.csv_field)

    class TooLong(Exception):
        pass

    def lines() -> Iterator[str]:  # the lines of the blocks; raises where a line grows too long
        buf = ""
        for block in _blocks(data, cuts):
            buf += block
            nl = buf.rfind("\n")
            if nl >= 0:
                yield from (line + "\n" for line in buf[:nl].split("\n"))
                buf = buf[nl + 1:]
            if len(buf) > limits.max_line:
                raise TooLong
        if buf:
            yield buf

    out: list[tuple[str, int]] = []
    issues: list[str] = []
    reader = csv.reader(lines())
    parts: list[str] = []
    length, row_no, first_row = 0, 0, 1
    try:
        for row in reader:
            row_no = reader.line_num
            line = " | ".join(cell for cell in row if cell)
            line = line + " | \n" if line else "\n"
            parts.append(line)
            length += len(line)
            if length >= limits.chunk_chars:
                out.append(("".join(parts), first_row))
                parts, length, first_row = [], 0, row_no + 1
    except TooLong:
        issues.append(f"line {row_no + 1} is longer than")
    except csv.Error as exc:
        issues.append(f"row {reader.line_num}: {exc};")
    if parts:
        out.append(("".join(parts), first_row))
    return out, issues


def _blocks(data: str, cuts: list[int]) -> list[str]:
    at = sorted({0, len(data), *(c % (len(data) + 1) for c in cuts)})
    return [data[a:b] for a, b in zip(at, at[1:], strict=False)]


_CSV_CHARS = st.sampled_from(list('ab中 |,,,"""\n\n\r\x1e\x1f\x00'))
_PLAIN_CELL = st.text(st.sampled_from(list("ab中 |-\x00")), max_size=6)
_QUOTED_CELL = st.text(st.sampled_from(list('ab中 ,|\x1e\x1f\r\x00')), min_size=1, max_size=8).map(
    lambda t: f'"{t}"')
_ROW = st.lists(st.one_of(_PLAIN_CELL, _QUOTED_CELL), max_size=5).map(",".join)
# Quotes the csv module reads as text or reads on past, and the marks _csv_plain uses: a segment
# with one of them goes to the csv module (a cell after a closing quote joins the quoted cell,
# which _csv_plain does too).
_ODD = st.one_of(st.sampled_from(['"a"b', '"a" ', '"a"b"', 'a"b', '"a"b"c"', ' "a"', '""', '"a""b"', '"a\nb"',
                                  '"a\rb"', "\x1e", "a\x1e", "\x1f", "\r", '"', '"a']),
                 st.text(_CSV_CHARS, max_size=12))


@example(rows=[""], odd=[(0, '\x1e"')], cuts=[], chunk=1, field=15, max_line=8, end="")  # own \x1e, odd "
@settings(max_examples=800, deadline=None)
@given(rows=st.lists(_ROW, max_size=40), odd=st.lists(st.tuples(st.integers(0, 99), _ODD), max_size=2),
       cuts=st.lists(st.integers(0, 2_000), max_size=6), chunk=st.integers(1, 80), field=st.integers(4, 60),
       max_line=st.integers(8, 200), end=st.sampled_from(["", "\n"]))
def test_csv_plain_path_gives_what_the_csv_module_gives(rows: list[str], odd: list[tuple[int, str]],
                                                       cuts: list[int], chunk: int, field: int,
                                                       max_line: int, end: str) -> None:
    for at, cell in odd:  # well-formed rows, but for a cell or two
        if rows:
            i = at % len(rows)
            rows[i] = f"{rows[i]},{cell}" if at % 3 else cell
    data = "\n".join(rows) + end
    limits = imp.Limits(chunk_chars=chunk, csv_field=field, max_line=max_line)
    ctx = imp.Context(limits)
    header = "conversation id,from,content\n"  # the first row is always read by the csv module
    got = [(c.text, c.line) for c in imp.import_csv(iter(_blocks(header + data, cuts)), "messages.csv", ctx,
                                                    None)]
    want, issues = _csv_reference(header + data, cuts, limits)
    assert got == want
    assert len(ctx.issues) == len(issues)
    for issue, start in zip(ctx.issues, issues, strict=True):
        assert issue.message.startswith(start)


@pytest.mark.parametrize("data", ['a,"x\ny"\nb,c\n', 'a,"x\ny",\nb,c\n', 'a,"x\n', 'a,"x"\nb,"y\n',
                                  'a,"",b\n', '"",b\n', 'a,"x""y",b\n', 'a,"x"y,b\n', 'a,x"y",b\n'])
@pytest.mark.parametrize("chunk", [1, 5, 7, 64])
def test_csv_plain_path_on_quotes_it_leaves_to_the_csv_module(data: str, chunk: int) -> None:
    """A line end inside a quoted cell must not cut a chunk there; "" is an empty cell or a quote."""
    limits = imp.Limits(chunk_chars=chunk)
    ctx = imp.Context(limits)
    header = "h1,h2,h3\n"  # a block of its own: the rest is a segment from a row's start
    got = [(c.text, c.line) for c in imp.import_csv(iter([header, data]), "messages.csv", ctx, None)]
    assert got == _csv_reference(header + data, [len(header)], limits)[0]


def test_csv_plain_path_is_taken_for_an_export(monkeypatch: pytest.MonkeyPatch) -> None:
    """The messages of an export (quoted cells, other scripts, empty cells) take the plain path,
    and come out as the csv module reads them."""
    rows = [f'conv-{i},Person {i % 7},Alex Chen,2024-03-0{i % 9 + 1} 10:00,,"会议 {i}, meeting at 10"'
            for i in range(2000)]
    data = "CONVERSATION ID,FROM,TO,DATE,SUBJECT,CONTENT\n" + "\n".join(rows) + "\n"
    limits = imp.Limits()
    plain = []
    real = imp._csv_plain

    def spy(segment: str) -> str | None:
        text = real(segment)
        plain.append(text is not None)
        return text

    monkeypatch.setattr(imp, "_csv_plain", spy)
    blocks = _blocks(data, [70_000, 140_000])
    got = [(c.text, c.line) for c in imp.import_csv(iter(blocks), "messages.csv", imp.Context(limits), None)]
    assert plain and all(plain)
    assert got == _csv_reference(data, [70_000, 140_000], limits)[0]
    assert "conv-5 | Person 5 | Alex Chen | 2024-03-06 10:00 | 会议 5, meeting at 10 | \n" in got[0][0]


_BYTE_PIECES = ["a", "\n", "\r\n", "中文", "é", "\U0001f600", "\ufeff"]


@settings(max_examples=400, deadline=None)
@given(pieces=st.lists(st.sampled_from(_BYTE_PIECES), max_size=80),
       junk=st.lists(st.binary(max_size=3), max_size=4),
       encoding=st.sampled_from(["utf-8", "gb18030", "cp1252", "utf-16"]), block=st.integers(1, 40))
def test_decode_stream_cut_at_line_ends_gives_the_same_text(pieces: list[str], junk: list[bytes],
                                                             encoding: str, block: int) -> None:
    """Cutting the bytes after a line end (where the encoding allows) changes where blocks end,
    never the text, invalid bytes included."""
    import io

    data = "".join(pieces).encode(encoding, "replace")
    for i, b in enumerate(junk):  # undecodable bytes here and there
        at = (i * 7919) % (len(data) + 1)
        data = data[:at] + b + data[at:]
    info = imp.SourceInfo("x.txt", "text")
    blocks = list(imp.decode_stream(io.BytesIO(data), info, imp.Context(imp.Limits()), block=block))
    enc = imp.sniff_encoding(data[:block])
    assert "".join(blocks) == data.decode(enc, "replace")
    assert info.lossy == ("\ufffd" in data.decode(enc, "replace"))
    if enc in imp._NEWLINE_SAFE:  # every block but the last ends a line, unless it has no line end
        assert all(b.endswith("\n") or "\n" not in b for b in blocks[:-1])


def test_declared_match_in_lower_case_equals_case_insensitive() -> None:
    m = DeclaredMatcher(DeclaredFacts(employers=("Acme Robotics",), titles=("Staff Engineer",),
                                      teams=("雷达 Team",)))
    texts = ["ACME ROBOTICS Ltd, staff  engineer; 雷达 TEAM", "Ωmega ſtaff engineer at acme-robotics",
             "İstanbul office of Acme Robotics"]
    for text in texts:
        folded = fold(text)
        fast = m.find(folded, text, _lower(folded))
        slow = m.find(folded, text)
        assert fast == slow, text
        assert fast


def test_plus_digits_parse_matches_phonenumbers() -> None:
    from exposure_check.core.review.detectors import _parse_plus_digits

    rng = random.Random(11)
    codes = sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE)
    regions = sorted(phonenumbers.SUPPORTED_REGIONS)
    samples = ["", "1", "44", "440", "0044", "999123456", "1" * 20, "39" + "0" * 9, "390612345678",
               "4407911123456", "86013800138000", "7" + "0" * 12]
    for i in range(6000):
        if i % 3 == 0:
            ex = phonenumbers.example_number_for_type(rng.choice(regions),
                                                      phonenumbers.PhoneNumberType.MOBILE)
            if ex is not None:
                nsn = phonenumbers.national_significant_number(ex)
                samples.append(str(ex.country_code) + rng.choice(["", "0", "00"]) + nsn)
        else:
            samples.append(str(rng.choice(codes)) + "".join(rng.choice("0123456789")
                                                             for _ in range(rng.randint(0, 16))))
    for digits in samples:
        try:
            want: object = phonenumbers.parse("+" + digits, None)
        except phonenumbers.NumberParseException:
            want = None  # which error does not matter: the reviewer only needs "not a number"
        try:
            got: object = _parse_plus_digits(digits)
        except phonenumbers.NumberParseException:
            got = None
        assert got == want, digits


# --- Phone candidates: the short path for candidates with nothing before them -------------------

def _phones_reference(text: str, cjk: bool) -> list[tuple[int, int, str, str]]:
    """The candidate loop of detectors._phones written the plain way (every candidate takes the
    same steps), for comparison with its fast path."""
    from exposure_check.core.review import detectors as d

    out = []
    regions = ("CN", "US", "GB") if cjk else ("US", "GB", "CN")
    for m in d._PHONE_CAND.finditer(text):
        start = m.start()
        if start and text[start - 1] == "(":
            start -= 1
        if start and text[start - 1] == "+":
            start -= 1
        if start and re.match(r"[A-Za-z0-9]", text[start - 1]):
            continue
        cand = text[start:m.end()]
        if cand.startswith("(") and cand.count("(") != cand.count(")"):
            cand, start = cand[1:], start + 1
        intl = cand.startswith(("+", "00"))
        if not intl and (d._DATE_LIKE.search(cand) or d._DATE_RANGE.fullmatch(cand)):
            continue
        digits = re.sub(r"\D+", "", cand)
        if len(digits) < 7 or len(digits) > 15:
            continue
        keyword = d._PHONE_KEYWORD.search(text, max(0, start - 16), start) is not None
        if not intl and not keyword and len(digits) < 10:
            continue
        key = ("+" + digits[2:] if cand.startswith("00") else "+" + digits) if intl else digits
        found = _parse_phone_reference(key, intl, regions)
        if found is None and (intl or keyword):
            found = _parse_phone_reference(key, intl, regions, possible=True)
        if found is not None:
            out.append((start, start + len(cand), cand, found))
        elif len(digits) > 11 and (intl or keyword):
            for pm in phonenumbers.PhoneNumberMatcher(cand, regions[0]):
                e164 = phonenumbers.format_number(pm.number, phonenumbers.PhoneNumberFormat.E164)
                out.append((start + pm.start, start + pm.end, pm.raw_string, e164))
    return out


_PHONE_PIECES = st.sampled_from(["+44 7911 123456", "(020) 7946 0958", "+1 (415) 555-2671",
                                 "0044 20 7946 0958", "138 0013 8000", "2024-03-15 10:00", "2019.07-2021.06",
                                 "Tel: ", "电话：",
                                 "x", "a1", "(", "+", "+(", ")", " ", "-", "/", ".", "\n", "00", "7", "12345",
                                 "٣٤٥", "call ", "mob."])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PHONE_PIECES, max_size=12), st.booleans())
def test_phone_fast_path_matches_reference(pieces: list[str], cjk: bool) -> None:
    from exposure_check.core.review.detectors import _phones

    text = "".join(pieces)
    got = [(p.start, p.end, p.text, p.detail) for p in _phones(text, cjk)]
    assert got == _phones_reference(text, cjk)


def test_uncased_cache_gives_the_plain_answer() -> None:
    from exposure_check.core.review import detectors as d

    def plain(s: str) -> bool:
        return not any(c > "\x7f" and (c.lower() != c or c.upper() != c) for c in s)

    rng = random.Random(3)
    alphabet = "abcXYZ 123我们项目ſςıİÉé中文Ωω\u3000"
    for _ in range(2000):  # the same characters again and again: the cache must not change answers
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert d._uncased(s) == plain(s), s


def test_phone_candidates_short_path_when_all_else_are_known_dates(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows of an export: known dates everywhere, numbers after "+" here and there. The short path
    (only the matches after a "+") must give what the full loop gives, and must not be taken when
    some other match needs a look."""
    from exposure_check.core.review import detectors as d

    monkeypatch.setattr(d, "_DATES_SEEN", set())  # a cache filled by other tests has no room left
    rows = [f"c{i},2024-03-{i % 28 + 1:02d} 10:00:00 UTC,hello" for i in range(60)]
    d._phones("\n".join(rows), False)  # the dates become known
    cases = {
        "+44 7911 123456 here": True,
        "+2024-03-05 10:00:00 a dated row after a plus": True,
        "a+44 7911 123456, ++44 7911 123457 +": True,
        "+(44) 7911 123458": False,  # a "(" before a digit: the full loop
        "+44 7911 123456 and again 44 7911 123456 without the plus": False,
        "call 020 7946 0958 now": False,
        "(020) 7946 0958": False,
        "no plus at all": True,
    }
    for extra, short in cases.items():
        text = "\n".join(rows[:30] + [extra] + rows[30:])
        got = d._phone_candidates(text, d._PHONE_CAND_ASCII, d._PAREN_DIGIT_ASCII)
        every = [m.span() for m in d._PHONE_CAND_ASCII.finditer(text)]
        after_plus = [m.span() for m in (d._PHONE_CAND_ASCII.match(text, i + 1)
                                         for i in range(len(text)) if text[i] == "+") if m is not None]
        assert got == (after_plus if short else every), extra
        assert (got != every) == short, extra
        assert [(p.start, p.end, p.text, p.detail) for p in d._phones(text, False)] == \
            _phones_reference(text, False), extra


def _parse_phone_reference(cand: str, intl: bool, regions: tuple[str, ...], possible: bool = False
                           ) -> str | None:
    """The engine's phone lookup before it parsed each candidate once for both passes."""
    from exposure_check.core.review import detectors as d

    raw = "+" + cand[2:] if intl and cand.startswith("00") else cand
    fast = intl and raw[1:].isascii() and raw[1:].isdigit() and raw.startswith("+")
    for region in ((None,) if intl else regions):
        try:
            num = d._parse(raw, region, fast)
        except phonenumbers.NumberParseException:
            continue
        if is_valid_number(num) or (possible and phonenumbers.is_possible_number(num)):
            return f"+{num.country_code}{phonenumbers.national_significant_number(num)}"
    return None

def test_phone_found_is_the_strict_then_lenient_parse() -> None:
    from exposure_check.core.review import detectors as d

    rng = random.Random(11)
    keys: list[tuple[str, bool]] = []
    for _ in range(3000):
        n = rng.randint(5, 16)
        digits = "".join(rng.choice("0123456789") for _ in range(n))
        prefix = rng.choice(["44", "447", "4479", "1", "86", "861", "33", "49", "7", "0", ""])
        keys.append(("+" + prefix + digits, True))
        keys.append((prefix + digits, False))
        keys.append(("00" + prefix + digits, True))
    keys += [("+447911123456", True), ("+447700900123", True), ("07700900123", False), ("13800138000", False)]
    for key, intl in keys:
        for regions in (("US", "GB", "CN"), ("CN", "US", "GB")):
            for lenient in (False, True):
                want = _parse_phone_reference(key, intl, regions)
                if want is None and lenient:
                    want = _parse_phone_reference(key, intl, regions, possible=True)
                assert d._phone_found(key, intl, regions, lenient) == want, (key, intl, regions, lenient)


_CAPS_PIECES = st.sampled_from(["Office", "office", "OFFICE", "Oxford", "oxford", "University", "university",
                                "UNIVERSITY of Leeds", "Leeds", "Ltd", "ltd.", "LTD", "Systems", "systems",
                                "Acme Robotics Ltd", "Street", "street", "Way", "way", "Reading", "NASA",
                                " ", "  ", "\n", ",", ".", "-", "(", ")", "o", "O", "x", "1", "高级", "é"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_CAPS_PIECES, max_size=30))
def test_capitalised_entries_through_words_match_the_regex(pieces: list[str]) -> None:
    from exposure_check.core.review import detectors as d

    text = "".join(pieces)
    low, words = d._lower_words(text)
    assert d._en_hits(text, low, words, plain=True) == d._en_hits(text, low)


def test_other_digit_is_any_digit_but_ascii() -> None:
    from exposure_check.core.review.detectors import _OTHER_DIGIT

    every = "".join(chr(i) for i in range(0x110000))
    assert _OTHER_DIGIT.findall(every) == re.findall(r"(?![0-9])\d", every)


# Characters for the phone skeleton: digits, the pattern's separators (with the no-break space, the
# one beyond ASCII), letters on either side, Latin-1 letters and symbols, full-width and Arabic-Indic
# digits, CJK, K (which IGNORECASE would read as k; the pattern has no IGNORECASE), a lone surrogate.
_SKELETON_PIECES = st.sampled_from(["0", "1", "5", "9", "44", "7911", "123456", " ", "\u00a0", "(", ")", ".",
                                    "-", "/", "+", "a", "Z", "x1", "é", "ß", "ÿ", "\u00b2", "\u00bd",
                                    "\uff11", "\u0663", "电话", "\u212a", "\ud800", "\n", "\t", ":",
                                    "2024-03-08 10:00:00", "(020) 7946 0958"])


@settings(max_examples=500, deadline=None)
@given(st.lists(_SKELETON_PIECES, max_size=30))
def test_phone_skeleton_matches_where_the_pattern_matches(pieces: list[str]) -> None:
    from exposure_check.core.review import detectors as d

    text = "".join(pieces)
    want = [m.span() for m in d._PHONE_CAND_ASCII.finditer(text)]
    assert d._phone_spans(text, d._PHONE_CAND_ASCII) == want
    assert d._phone_spans(text, d._PHONE_CAND_ASCII, text.split("\n")) == want  # line by line
    long_lines = "\n".join(line * 40 for line in text.split("\n"))  # long enough to go line by line
    assert d._phone_spans(long_lines, d._PHONE_CAND_ASCII, long_lines.split("\n")) == \
        [m.span() for m in d._PHONE_CAND_ASCII.finditer(long_lines)]
    low, words = d._lower_words(text)
    assert words.raw is None or "\n".join(words.raw) == text
    assert d._phone_spans(text, d._PHONE_CAND) == [m.span() for m in d._PHONE_CAND.finditer(text)]


def test_phone_skeleton_on_every_character() -> None:
    """Each character, after and between digit runs that make a candidate, as the pattern sees it."""
    from exposure_check.core.review import detectors as d

    for template in ("123 4567{}", "{}1234567", "123{}4567 89", "12345{}67", "1234567{}8"):
        for block in range(0, 0x110000, 4096):
            text = "\n".join(template.format(chr(cp)) for cp in range(block, block + 4096))
            want = [m.span() for m in d._PHONE_CAND_ASCII.finditer(text)]
            assert d._phone_spans(text, d._PHONE_CAND_ASCII) == want, (template, hex(block))
