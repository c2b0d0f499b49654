"""Importers: text encodings, CSV, JSON, HTML, DOCX, a LinkedIn export, progress and cancel."""

from __future__ import annotations

import io
import threading
import zipfile
from pathlib import Path

import pytest

from exposure_check.core.model import DeclaredFacts
from exposure_check.core.packs import load_core_pack
from exposure_check.core.review import Cancelled, ReviewInput, review


def _topics(result) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {(f.topic, f.text) for f in result.findings}


def test_csv_with_bom_utf8(tmp_path: Path) -> None:
    p = tmp_path / "a.csv"
    p.write_bytes(b"\xef\xbb\xbfName,Email\nJo,jo@example.org\n")
    r = review([ReviewInput.file(p)])
    assert ("email", "jo@example.org") in _topics(r)
    assert r.sources[0].encoding == "utf-8 (BOM)"
    assert not r.sources[0].lossy


def test_csv_gb18030_fallback(tmp_path: Path) -> None:
    p = tmp_path / "zh.csv"
    p.write_bytes("单位,职务\n华芯微电子有限公司,高级工程师\n".encode("gb18030"))
    r = review([ReviewInput.file(p)])
    assert r.sources[0].encoding == "gb18030"
    assert ("employer", "华芯微电子有限公司") in _topics(r)
    assert ("title", "高级工程师") in _topics(r)


def test_cp1252_fallback_is_flagged(tmp_path: Path) -> None:
    p = tmp_path / "w.txt"
    p.write_bytes("Caf\u00e9 manager \u2013 Soci\u00e9t\u00e9 G\u00e9n\u00e9rale".encode("cp1252")
                  + b"\x81\x8d")
    r = review([ReviewInput.file(p)])
    assert r.sources[0].encoding in ("cp1252", "gb18030")
    assert r.sources[0].lossy or r.sources[0].encoding == "gb18030"


def test_json_walks_strings(tmp_path: Path) -> None:
    p = tmp_path / "profile.json"
    p.write_text('{"profile": {"company": "Quillon", "emails": ["t@quillon.io"], "n": 3}}', encoding="utf-8")
    r = review([ReviewInput.file(p)])
    assert ("employer", "Quillon") in _topics(r)  # from the field name
    assert ("email", "t@quillon.io") in _topics(r)


def test_invalid_json_falls_back_to_text(tmp_path: Path) -> None:
    p = tmp_path / "bad.json"
    p.write_text('{"a": "x@example.org",', encoding="utf-8")
    r = review([ReviewInput.file(p)])
    assert ("email", "x@example.org") in _topics(r)
    assert any("not valid JSON" in i.message for i in r.issues)


def test_html_visible_text_only(tmp_path: Path) -> None:
    p = tmp_path / "about.html"
    p.write_text("<html><head><title>Me</title><script>var e='hidden@example.org'</script></head>"
                 "<body><p>Data Scientist at <b>Rookwood Analytics Ltd</b></p>"
                 "<style>.x{}</style><!-- c@example.org --></body></html>", encoding="utf-8")
    r = review([ReviewInput.file(p)])
    texts = {f.text for f in r.findings}
    assert "Rookwood Analytics Ltd" in texts
    assert "Data Scientist" in texts
    assert "hidden@example.org" not in texts and "c@example.org" not in texts


def _docx(path: Path, body: str, core: str = "") -> Path:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    doc = (f'<?xml version="1.0"?><w:document xmlns:w="{w}"><w:body>'
           + "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in body.split("\n"))
           + "</w:body></w:document>")
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", doc)
        zf.writestr("word/vbaProject.bin", b"MACRO macro@example.org")
        if core:
            zf.writestr("docProps/core.xml", f'<?xml version="1.0"?><cp:coreProperties '
                        f'xmlns:cp="urn:x" xmlns:dc="urn:dc"><dc:creator>{core}</dc:creator>'
                        f"</cp:coreProperties>")
    return path


def test_docx_text_and_properties_no_macros(tmp_path: Path) -> None:
    p = _docx(tmp_path / "cv.docx", "Radar Engineer\nMeridian Defence Systems\nsam@meridian.example",
              core="Sam Cole")
    r = review([ReviewInput.file(p)], DeclaredFacts(names=("Sam Cole",)))
    texts = {f.text for f in r.findings}
    assert {"Radar Engineer", "Meridian Defence Systems", "sam@meridian.example", "Sam Cole"} <= texts
    assert "macro@example.org" not in texts


def _linkedin(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("Profile.csv", "First Name,Last Name,Headline,Geo Location\n"
                                   "Alex,Chen,Builder of things,London\n")
        zf.writestr("Positions.csv", "Company Name,Title,Started On\nAcme,Staff Engineer,2020\n")
        zf.writestr("Email Addresses.csv", "Email Address,Confirmed\nalex@acme.example,Yes\n")
        zf.writestr("PhoneNumbers.csv", "Extension,Number,Type\n,+44 7911 123456,Mobile\n")
        zf.writestr("Connections.csv", "First Name,Company\nBo,Other Corp\n")
    return path


def test_linkedin_export_maps_to_pack_items(tmp_path: Path) -> None:
    pack = load_core_pack()
    r = review([ReviewInput.file(_linkedin(tmp_path / "Basic_LinkedInDataExport.zip"))],
               DeclaredFacts(work_domains=("acme.example",)), pack=pack)
    assert r.sources[0].platform == "linkedin"
    acme = [f for f in r.findings if f.text == "Acme"]
    assert acme and acme[0].topic == "employer" and acme[0].detail == "column 'company name'"
    assert r.suggested_answers["affiliation.linkedin.employer-visible"] == "public"
    assert r.suggested_answers["position.linkedin.title-detail"] == "public"
    assert r.suggested_answers["personal-contact.general.personal-phone-public"] == "public"
    ids = pack.item_map()
    for item_id, answer in r.suggested_answers.items():
        assert ids[item_id].option(answer) is not None
    # a connection's employer is about someone else: not a finding about the user
    assert not [f for f in r.findings if f.text == "Other Corp" and f.kind == "org" and "column" in f.detail]


def test_pasted_text_gets_redacted_rewrite_and_offsets() -> None:
    text = "Hi, I'm a Product Manager @ Sable Quantum.\nMail me: a@sablequantum.com"
    r = review([ReviewInput.pasted(text)], DeclaredFacts(employers=("Sable Quantum",)))
    assert r.redacted["pasted text"] == "Hi, I'm a [job title] @ [employer].\nMail me: [email]"
    for f in r.findings:
        assert text[f.start:f.end] == f.text
        assert f.line == text.count("\n", 0, f.start) + 1


def test_progress_and_cancel(tmp_path: Path) -> None:
    p = tmp_path / "big.txt"
    p.write_text("Engineer at Acme Ltd. " * 200_000, encoding="utf-8")
    seen: list[tuple[int, int]] = []
    review([ReviewInput.file(p)], progress=lambda d, t: seen.append((d, t)))
    assert seen[-1][0] == seen[-1][1] == p.stat().st_size
    assert all(a[0] <= b[0] for a, b in zip(seen, seen[1:], strict=False))
    cancel = threading.Event()

    def stop_midway(done: int, total: int) -> None:
        if done > total // 4:
            cancel.set()

    with pytest.raises(Cancelled):
        review([ReviewInput.file(p)], progress=stop_midway, cancel=cancel)


def test_missing_file_and_folder_are_errors(tmp_path: Path) -> None:
    r = review([ReviewInput.file(tmp_path / "nope.txt"), ReviewInput.file(tmp_path)])
    assert r.failed
    assert [i.message for i in r.issues] == ["no such file", "is a folder; give the files inside it"]


def test_stdin_bytes() -> None:
    r = review([ReviewInput("<stdin>", data="电话：138 0013 8000".encode())])
    assert [f.topic for f in r.findings] == ["phone"]


def test_findings_are_deduplicated_with_counts() -> None:
    r = review([ReviewInput.pasted("x@example.org " * 50)])
    assert len(r.findings) == 1 and r.findings[0].count == 50
    assert r.counts == {"email": 50}


def test_findings_cap(tmp_path: Path) -> None:
    data = io.StringIO()
    for i in range(300):
        data.write(f"user{i}@example.org\n")
    r = review([ReviewInput.pasted(data.getvalue())], max_findings=100)
    assert len(r.findings) == 100 and r.truncated and r.counts["email"] == 300
