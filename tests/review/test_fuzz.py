"""Hypothesis fuzzing: no input makes an importer or detector raise, and spans always point at
the text they report."""

from __future__ import annotations

import io
import warnings
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exposure_check.core.model import DeclaredFacts
from exposure_check.core.review import Limits, ReviewInput, review
from exposure_check.core.review.detectors import Detectors
from exposure_check.core.review.safezip import ZipLimits

SMALL = Limits(zip=ZipLimits(max_entries=50, max_total=4 << 20, max_entry=1 << 20), chunk_chars=512,
               max_line=4096, csv_field=1024)
NAMES = st.sampled_from(["a.txt", "a.csv", "a.json", "a.html", "a.docx", "a.zip", "a.jpg", "a.png",
                         "a.heic", "noext"])
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)
DECLARED = DeclaredFacts(names=("Li Wei",), employers=("华芯微电子有限公司", "Acme Ltd"),
                         titles=("VP of Research",), projects=("Kestrel",), work_domains=("acme.com",),
                         phones=("+86 138 0013 8000",), handles=("@lw",), locations=("成都",))


def _check(result) -> None:  # type: ignore[no-untyped-def]
    for f in result.findings:
        assert f.text
        assert 0 <= f.confidence <= 1
    for i in result.issues:
        assert i.source and i.message


@SETTINGS
@given(name=NAMES, data=st.binary(max_size=3000))
def test_any_bytes_under_any_name(name: str, data: bytes) -> None:
    _check(review([ReviewInput(name, data=data)], DECLARED, limits=SMALL))


@SETTINGS
@given(prefix=st.sampled_from([b"PK\x03\x04", b"\xff\xd8\xff\xe0", b"\x89PNG\r\n\x1a\n", b"\xef\xbb\xbf",
                               b"\x00\x00\x00\x18ftypheic", b"{", b"<html>", b"\"a\",\"b\"\n"]),
       data=st.binary(max_size=2000), name=NAMES)
def test_magic_prefixes(prefix: bytes, data: bytes, name: str) -> None:
    _check(review([ReviewInput(name, data=prefix + data)], DECLARED, limits=SMALL))


@st.composite
def zips(draw: st.DrawFn) -> bytes:
    buf = io.BytesIO()
    with warnings.catch_warnings(), \
            zipfile.ZipFile(buf, "w", draw(st.sampled_from([zipfile.ZIP_STORED,
                                                            zipfile.ZIP_DEFLATED]))) as zf:
        warnings.simplefilter("ignore", UserWarning)  # duplicate names are part of the fuzz
        for _ in range(draw(st.integers(0, 5))):
            name = draw(st.sampled_from(["Profile.csv", "Positions.csv", "x.json", "d.docx", "n.txt",
                                         "../up.txt", "/abs.txt", "C:\\w.txt", "dir/", "p.html"]))
            zf.writestr(name, draw(st.binary(max_size=500)))
    raw = bytearray(buf.getvalue())
    for _ in range(draw(st.integers(0, 4))):  # flip some bytes: damaged headers and data
        if raw:
            raw[draw(st.integers(0, len(raw) - 1))] = draw(st.integers(0, 255))
    if draw(st.booleans()) and raw:
        raw = raw[: draw(st.integers(0, len(raw)))]
    return bytes(raw)


@SETTINGS
@given(data=zips())
def test_mangled_archives(data: bytes) -> None:
    _check(review([ReviewInput("export.zip", data=data)], DECLARED, limits=SMALL))


@SETTINGS
@given(text=TEXT)
def test_detector_spans_are_exact(text: str) -> None:
    for d in Detectors(DECLARED).detect(text):
        assert 0 <= d.start < d.end <= len(text)
        assert text[d.start:d.end] == d.text


@SETTINGS
@given(rows=st.lists(st.lists(TEXT, max_size=4), max_size=8))
def test_csv_roundtrip_never_raises(rows: list[list[str]]) -> None:
    import csv

    out = io.StringIO()
    csv.writer(out).writerows([["Company Name", "Title", "Email", "Number"], *rows])
    _check(review([ReviewInput("Positions.csv", data=out.getvalue().encode("utf-8"))], DECLARED,
                  limits=SMALL))
