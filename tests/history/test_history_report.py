"""Reports: JSON against the published schema, Markdown/HTML snapshots, escaping, redaction."""

from __future__ import annotations

import html
import json
import os
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import jsonschema
import pytest
from history_fixtures import CANARIES, at, canary_audit, canary_events

from exposure_check.core import report
from exposure_check.core.model import ProgressEvent

SNAPSHOTS = Path(__file__).parent / "snapshots"
SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "docs" / "report-schema.json")
                    .read_text(encoding="utf-8"))
NOW = datetime(2026, 5, 20, 12, 0, tzinfo=UTC)
EVENTS = [ProgressEvent("a.two", "done", at(5, 2), note="Hid it <b>today</b> | *really*"),
          ProgressEvent("a.one", "accepted", at(5, 3))]


def _report(pack, audits, *, redacted=False, locale="en"):
    return report.build_report(pack, audits[-1], now=NOW, locale=locale, redacted=redacted,
                               progress_events=EVENTS, history=audits, app_version="0.1.0")


def _snapshot(name: str, text: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("UPDATE_SNAPSHOTS") == "1" or not path.exists():
        path.write_text(text, encoding="utf-8")
        if os.environ.get("UPDATE_SNAPSHOTS") != "1":
            pytest.fail(f"snapshot {name} was missing and has been written; check it and re-run")
    assert text == path.read_text(encoding="utf-8"), f"differs from snapshots/{name}"


def test_report_numbers(mini_pack, audits) -> None:
    r = _report(mini_pack, audits)
    # A5 with a.two done (already 0) and a.one accepted (still counts): 3.5/12.5
    assert r.total == pytest.approx(28.0)
    assert [(h.date, round(h.total, 2)) for h in r.history] == [
        (at(1), 100.0), (at(2), 78.0), (at(3), 74.0), (at(4), 0.0), (at(5), 28.0)]
    assert r.answer_counts == {"exposed": 1, "unsure": 0, "safe": 2, "na": 0, "skipped": 1}
    assert r.state_counts == {"todo": 2, "stale": 0, "done": 1, "accepted": 1, "na": 0}
    assert r.next_due == datetime(2026, 7, 30, 9, 0, tzinfo=UTC)
    assert [p.item_id for p in r.plan] == ["b.four", "a.two", "a.one"]


@pytest.mark.parametrize("redacted", [False, True])
@pytest.mark.parametrize("locale", ["en", "zh_CN"])
def test_json_matches_the_published_schema(mini_pack, audits, redacted, locale) -> None:
    data = json.loads(report.to_json(_report(mini_pack, audits, redacted=redacted, locale=locale)))
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.validate(data, SCHEMA, cls=jsonschema.Draft202012Validator)
    assert data["redacted"] is redacted


def test_schema_refuses_private_keys_in_a_redacted_report(mini_pack, audits) -> None:
    full = json.loads(report.to_json(_report(mini_pack, audits)))
    for key in ("answers", "profile", "notes", "plan"):
        bad = {**json.loads(report.to_json(_report(mini_pack, audits, redacted=True))),
               key: full[key]}
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, SCHEMA, cls=jsonschema.Draft202012Validator)


@pytest.mark.parametrize(("name", "fmt", "redacted", "locale"), [
    ("full.en.md", "md", False, "en"), ("redacted.en.md", "md", True, "en"),
    ("full.zh_CN.md", "md", False, "zh_CN"),
    ("full.en.html", "html", False, "en"), ("redacted.en.html", "html", True, "en"),
    ("full.en.json", "json", False, "en"), ("redacted.zh_CN.json", "json", True, "zh_CN")])
def test_snapshots(mini_pack, audits, name, fmt, redacted, locale) -> None:
    _snapshot(name, report.render(_report(mini_pack, audits, redacted=redacted, locale=locale), fmt))


NASTY = '<script>alert("x")</script> & [link](https://evil.example/) | *b* `c` #h \\'


def test_html_escapes_everything_and_is_self_contained(mini_pack, audits) -> None:
    r = _report(mini_pack, audits)
    r = replace(r, pack_name=NASTY, notes=(report.NoteLine("a.one", at(5), NASTY),),
                answers=tuple(replace(a, answer=NASTY) for a in r.answers))
    page = report.to_html(r)
    assert "<script" not in page and "evil.example/)" in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; [link]" in page
    for remote in ("src=", "href=", "<link", "url(", "@import", "http://", "<img", "<iframe"):
        assert remote not in page.lower(), remote
    assert "default-src 'none'" in page


def test_markdown_escapes_syntax(mini_pack, audits) -> None:
    r = _report(mini_pack, audits)
    r = replace(r, answers=tuple(replace(a, answer=NASTY + "\nsecond line") for a in r.answers))
    md = report.to_markdown(r)
    row = next(line for line in md.splitlines() if line.startswith("| a.one") or
               line.startswith("| a\\.one"))
    assert row.count(" | ") == 5  # the pipe in the answer did not add a column
    assert "\\<script\\>" in md and "\\[link\\]\\(https://evil\\.example/\\)" in md
    assert "\\*b\\*" in md and "\\`c\\`" in md and "second line" in row
    assert report.md_escape("a|b") == "a\\|b"


def _forms(text: str) -> set[str]:
    return {text, report.md_escape(text), html.escape(text, quote=True),
            json.dumps(text, ensure_ascii=False)[1:-1]}


@pytest.mark.parametrize("fmt", ["json", "md", "html"])
def test_redacted_reports_carry_no_canary(mini_pack, audits, fmt) -> None:
    audit = canary_audit()
    kwargs = dict(now=NOW, progress_events=canary_events(), history=[*audits, audit])
    full = report.render(report.build_report(mini_pack, audit, **kwargs), fmt)
    # The full report does carry them (so this test would notice a leak) …
    for key in ("answer", "note", "profile"):
        assert any(f in full for f in _forms(CANARIES[key])), key
    # … the redacted one carries none, in either locale.
    for locale in ("en", "zh_CN"):
        red = report.render(report.build_report(mini_pack, audit, locale=locale, redacted=True,
                                                **kwargs), fmt)
        for canary in CANARIES.values():
            assert not any(f in red for f in _forms(canary)), canary
        assert "Question one" not in red  # not even the questions


def test_render_refuses_unknown_format(mini_pack, audits) -> None:
    with pytest.raises(ValueError):
        report.render(_report(mini_pack, audits), "pdf")
