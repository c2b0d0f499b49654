"""Findings are gathered per chunk (`engine.chunk_findings`, in worker processes for large inputs)
and merged in order: the review must be exactly what collecting every detection one by one gives,
in one process or with workers, on an export with CSV edge cases."""

from __future__ import annotations

import random
import zipfile
from dataclasses import asdict
from pathlib import Path

import pytest

from exposure_check.core.model import DeclaredFacts
from exposure_check.core.packs import load_core_pack
from exposure_check.core.review import ReviewInput, engine, review
from exposure_check.core.review import importers as imp
from exposure_check.core.review.detectors import Detectors
from exposure_check.core.review.findings import Finding, merge_suggestions

DECLARED = DeclaredFacts(employers=("Acme Robotics", "华芯微电子有限公司"), titles=("Senior Engineer",),
                         work_domains=("acme-robotics.co.uk",), phones=("+44 7911 123456",),
                         names=("Alex Chen",))


def _edge_export(path: Path) -> None:
    """About 1 MB: hinted columns with quoted newlines and a BOM, GB18030 and cp1252 files, a field
    over the csv limit, plain text, JSON and HTML entries."""
    rng = random.Random(11)
    rows = ["Company Name,Title,Location,Notes"]
    for _ in range(3000):
        note = rng.choice(["plain", '"quoted, with comma"', '"multi\nline\nnote Engineer at Acme Ltd"',
                           '"say ""hi"" to bob@example.com"', f"+44 7911 {rng.randint(0, 999999):06d}",
                           "Director of Research", "", "高级工程师 北京", "Alex Chen, London"])
        rows.append(f"{rng.choice(['Acme Robotics Ltd', 'Northwind Systems', '华芯微电子有限公司'])},"
                    f"{rng.choice(['Senior Engineer', 'Product Manager', ''])},London,{note}")
    positions = ("\ufeff" + "\r\n".join(rows) + "\r\n").encode("utf-8")
    msgs = ["CONVERSATION ID,FROM,CONTENT"]
    for i in range(3000):
        pick = rng.choice(["Call +44 7911 123456", "电话 13800138000", "x@gmail.com hi",
                           "line1\nline2 Senior Engineer at Acme Robotics", "2024-03-15 10:00 会议",
                           "(020) 7946 0958 ext", "@zhang_san88 微信号：zhang_san88"])
        msgs.append(f'c{i},P{i % 7},"{pick} {i}"')
    gb18030 = ("\n".join(msgs) + "\n").encode("gb18030")
    cp1252 = ("Name,Notes\n" + "\n".join(f"Zoë {i},café Director at Acme Robotics Ltd — {i}"
                                         for i in range(3000)) + "\n").encode("cp1252")
    over_limit = b'a,b\n1,Engineer at Acme Ltd\n2,"' + b"x" * (200 * 1024) + b'"\n3,after\n'
    text = ("Senior Engineer at Acme Robotics. Call +44 7911 123456 or alex@acme-robotics.co.uk\n"
            "我是华芯微电子有限公司的高级工程师，微信号：zhang_san88。\n") * 200
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("Positions.csv", positions)
        zf.writestr("messages.csv", gb18030)
        zf.writestr("Profile.csv", cp1252)
        zf.writestr("big.csv", over_limit)
        zf.writestr("notes.txt", text)
        zf.writestr("data.json", '{"company": "Acme Robotics Ltd", "phone": "+44 7911 123456"}')
        zf.writestr("page.html", "<p>Engineer at Northwind Systems, +1 415 555 0132</p>" * 800)


@pytest.fixture(scope="module")
def edge(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("edge") / "export.zip"
    _edge_export(path)
    return path


def _reference(path: Path, max_findings: int) -> dict[str, object]:
    """The review of one archive the plain way: every detection of every chunk made a Finding
    and counted on its own (no per-chunk gathering)."""
    pack = load_core_pack()
    detectors = Detectors(DECLARED)
    ctx = imp.Context(imp.Limits())
    collector = engine._Collector(pack, max_findings)
    with open(path, "rb") as fh:
        for chunk in imp.import_source(fh, str(path), path.stat().st_size, ctx, "linkedin"):
            found = detectors.detect(chunk.text)
            dets = engine._for_display(engine._with_hints(chunk.text, chunk.hints, found))
            line, pos = chunk.line, 0
            for d in sorted(dets, key=lambda d: d.start):
                line += chunk.text.count("\n", pos, d.start)
                pos = d.start
                f = Finding(chunk.source, line, d.kind, d.text, d.confidence, d.detail, "",
                            chunk.platform or "linkedin")
                if collector.add(f):
                    f.context = engine._context(chunk.text, d.start, d.end)
    findings = list(collector.findings.values())
    return {"findings": [asdict(f) for f in findings], "counts": dict(sorted(collector.counts.items())),
            "issues": [asdict(i) for i in ctx.issues], "truncated": collector.truncated,
            "suggested": merge_suggestions(pack, findings)}


def _plain(result: engine.ReviewResult) -> dict[str, object]:
    return {"findings": [asdict(f) for f in result.findings], "counts": result.counts,
            "issues": [asdict(i) for i in result.issues], "truncated": result.truncated,
            "suggested": result.suggested_answers}


@pytest.mark.parametrize("max_findings", [5000, 40])
def test_gathered_findings_are_the_findings_one_by_one(edge: Path, max_findings: int) -> None:
    want = _reference(edge, max_findings)
    assert want["findings"] and want["issues"]
    assert want["truncated"] == (max_findings == 40)
    pack = load_core_pack()
    for workers in ((0, 1, 2) if max_findings > 40 else (0, 1)):
        got = review([ReviewInput.file(edge)], DECLARED, pack=pack, platform="linkedin",
                     max_findings=max_findings, workers=workers)
        assert _plain(got) == want, workers
        assert not got.redacted  # an archive's entries get no redacted rewrite


def test_plain_text_spans_and_redaction_are_the_same_with_workers(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text(("Senior Engineer at Acme Robotics. Call +44 7911 123456 or alex@acme-robotics.co.uk\n"
                     "我是华芯微电子有限公司的高级工程师，微信号：zhang_san88。\n") * 2500, encoding="utf-8")
    one = review([ReviewInput.file(path)], DECLARED, workers=0)
    two = review([ReviewInput.file(path)], DECLARED, workers=1)
    assert one.redacted[str(path)] == two.redacted[str(path)] and "[employer]" in one.redacted[str(path)]
    assert [asdict(f) for f in one.findings] == [asdict(f) for f in two.findings]
    assert all(f.start >= 0 and path.read_text(encoding="utf-8")[f.start:f.end] == f.text
               for f in one.findings)
