"""`exposure-check review`: human and JSON output, --declared, stdin, and clear errors."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from exposure_check.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["review", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_output_contract(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "bio.txt"
    f.write_text("Staff Engineer at Quillon Labs. t@quillon.io +44 7911 123456\n", encoding="utf-8")
    d = tmp_path / "declared.json"
    d.write_text(json.dumps({"employers": ["Quillon Labs"], "work_domains": ["quillon.io"]}),
                 encoding="utf-8")
    code, out, err = run(capsys, str(f), "--json", "--declared", str(d), "--platform", "linkedin")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["format"] == 1
    assert set(doc) == {"format", "sources", "findings", "counts", "truncated", "suggested_answers",
                        "redacted", "issues"}
    kinds = {x["kind"] for x in doc["findings"]}
    assert {"declared.employer", "title", "email.work", "phone"} <= kinds
    emp = next(x for x in doc["findings"] if x["kind"] == "declared.employer")
    assert emp["suggestions"] == [{"item": "affiliation.linkedin.employer-visible", "answer": "public"}]
    assert doc["redacted"][str(f)].startswith("[job title] at [employer]")
    assert set(doc["findings"][0]) == {"source", "line", "kind", "topic", "text", "confidence", "detail",
                                       "context", "platform", "count", "start", "end", "suggestions"}


def test_human_output_and_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("手机：138 0013 8000".encode())))
    code, out, _ = run(capsys, "-")
    assert code == 0
    assert "<stdin>:1: phone: '138 0013 8000'" in out


@pytest.mark.parametrize("content, message", [
    (None, "no such file (the --declared file)"),
    ("{not json", "not valid JSON"),
    ("[1, 2]", "must be a JSON object"),
    ('{"employers": 3}', "must be a list of strings"),
])
def test_bad_declared_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None,
                           message: str) -> None:
    d = tmp_path / "declared.json"
    if content is not None:
        d.write_text(content, encoding="utf-8")
    f = tmp_path / "x.txt"
    f.write_text("hi", encoding="utf-8")
    code, out, err = run(capsys, str(f), "--declared", str(d))
    assert code == 1 and message in err and str(d) in err
    assert "Traceback" not in err and out == ""


def test_unreadable_input_exit_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, str(tmp_path / "missing.txt"))
    assert code == 1
    assert f"{tmp_path / 'missing.txt'}: no such file" in err


def test_hostile_archive_is_reported_not_raised(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "trunc.zip"
    p.write_bytes(b"PK\x03\x04garbage")
    code, _, err = run(capsys, str(p), "--json")
    assert code == 1 and "not a readable ZIP archive" in err and "Traceback" not in err
