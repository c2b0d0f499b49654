"""PDF reports: page count (pdfinfo) and extracted text (pdftotext), in en and zh_CN."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from datetime import UTC, datetime, timedelta

import pytest
from history_fixtures import at, make_audits

from exposure_check.core.model import Audit
from exposure_check.core.report import build_report

pytestmark = pytest.mark.skipif(not (shutil.which("pdftotext") and shutil.which("pdfinfo")),
                                reason="poppler-utils (pdftotext, pdfinfo) is not installed")
NOW = datetime(2026, 5, 20, 12, 0, tzinfo=UTC)


def _pdf(tmp_path, pack, audits, **kw):
    from exposure_check.ui.pdf import render_pdf

    data = render_pdf(build_report(pack, audits[-1], now=NOW, history=audits, **kw))
    assert data.startswith(b"%PDF-")
    path = tmp_path / "r.pdf"
    path.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    # Noto CJK maps some glyphs to compatibility ideographs (⾃ for 自); NFKC folds them back.
    return pages, unicodedata.normalize("NFKC", text)


def test_pdf_en_full_and_redacted(qapp, tmp_path, mini_pack, audits) -> None:
    pages, text = _pdf(tmp_path, mini_pack, audits, locale="en")
    assert pages == 2
    for needle in ("Exposure Check report", "28.0 / 100", "Category A", "42.9", "Your plan",
                   "Question four?", "Do four.", "2026-01-01"):
        assert needle in text, needle
    pages, text = _pdf(tmp_path, mini_pack, audits, locale="en", redacted=True)
    assert pages == 2  # the history table starts page 2
    assert "(redacted)" in text and "28.0 / 100" in text and "Question four?" not in text


def test_pdf_zh_cn(qapp, tmp_path, mini_pack, audits) -> None:
    from exposure_check.ui.pdf import pick_family

    pages, text = _pdf(tmp_path, mini_pack, audits, locale="zh_CN")
    assert pages == 2
    for needle in ("暴露自查报告", "暴露分数", "类别甲", "你的计划", "问题二?", "做第一步。"):
        assert needle in text, needle
    if pick_family("zh_CN") is None:
        pytest.skip("no CJK font installed: text extracted, glyphs may be boxes")


def test_pdf_grows_with_history(qapp, tmp_path, mini_pack) -> None:
    base = make_audits()
    start = at(1).replace(year=2020)
    many = [Audit(f"H{i}", start + timedelta(days=7 * i), "mini", "1.2.0", base[1].profile,
                  base[1].answers) for i in range(200)]
    pages, text = _pdf(tmp_path, mini_pack, [*many, base[-1]], locale="en", redacted=True)
    assert pages > 3 and text.count("78.0") == 200
