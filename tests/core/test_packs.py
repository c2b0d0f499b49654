"""Pack loading: locales, fallback, outdated translations, retired IDs, export, and bad input."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from exposure_check.cli import main
from exposure_check.core.model import tr, tr_lines
from exposure_check.core.packs import PackError, load_pack, validate_pack

MINI = Path(__file__).parent / "fixtures" / "mini"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    dst = tmp_path / "mini"
    shutil.copytree(MINI, dst)
    return dst


def test_locale_strings_fallback_and_outdated() -> None:
    pack = load_pack(MINI)
    one, four = pack.item("a.one"), pack.item("b.four")
    assert tr(one.question, "zh_CN") == "问题一？"
    assert tr(four.question, "zh_CN") == "Question four?"  # no translation: falls back to en
    assert tr(one.options[0].label, "zh_CN") == "公开"
    assert tr_lines(one.steps[0].lines, "zh_CN") == ("做第一步。",)
    assert tr(pack.name, "zh_CN") == "迷你清单"
    assert pack.outdated == {"zh_CN": ("b.three",)}
    assert pack.untranslated == {"zh_CN": ("b.four",)}


def test_strict_flags_missing_and_outdated_translations() -> None:
    problems = [str(p) for p in validate_pack(MINI, strict=True)]
    assert any("b.three: zh_CN translation is outdated" in p and 'source = "561cfcb318ba"' in p
               for p in problems), problems
    assert any("b.four: no zh_CN translation" in p for p in problems), problems


def test_retired_ids_map_to_their_replacements() -> None:
    pack = load_pack(MINI)
    assert pack.current_id("a.old") == "a.one"
    assert pack.current_id("a.gone") is None
    assert pack.current_id("a.two") == "a.two"


def test_core_pack_is_valid() -> None:
    assert validate_pack(Path(__file__).resolve().parents[2] / "resources" / "packs" / "core") == []


def test_export_json_via_cli(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pack", "export", str(MINI), "--json", "--locale", "zh_CN"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["id"] == "mini"
    assert [i["id"] for i in data["items"]] == ["a.one", "a.two", "b.three", "b.four"]
    assert data["items"][0]["question"] == "问题一？"
    assert data["items"][0]["options"][0] == {
        "id": "public", "label": "公开", "kind": "exposed", "visibility": 1.0}


def test_export_unknown_locale(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pack", "export", str(MINI), "--json", "--locale", "fr"]) == 1
    assert "unknown locale 'fr'" in capsys.readouterr().err


def test_overlay_adds_disables_and_requires(mini: Path, tmp_path: Path) -> None:
    org = tmp_path / "org"
    (org / "items").mkdir(parents=True)
    (org / "pack.toml").write_text(
        '[pack]\nid = "org.acme"\nversion = "1"\nname = "Acme"\nkind = "overlay"\n'
        'namespace = "org.acme"\n'
        '[overlay]\ndisable = ["a.two"]\nmandatory = ["a.one"]\n', "utf-8")
    (org / "items" / "acme.toml").write_text(
        '[[items]]\nid = "org.acme.vpn"\ncategory = "a"\nseverity = "low"\n'
        'question = "Q?"\nwhy = "W."\noptions = "vis"\n', "utf-8")
    pack = load_pack(mini, [org])
    ids = [i.id for i in pack.items]
    assert "a.two" not in ids and "org.acme.vpn" in ids
    assert pack.item("a.one").mandatory
    assert pack.item("org.acme.vpn").origin == "org.acme"
    assert pack.overlays == ("org.acme",)


def test_overlay_ids_must_be_namespaced(mini: Path, tmp_path: Path) -> None:
    org = tmp_path / "org"
    org.mkdir()
    (org / "pack.toml").write_text(
        '[pack]\nid = "org.acme"\nversion = "1"\nname = "Acme"\nkind = "overlay"\n'
        '[[items]]\nid = "a.one"\ncategory = "a"\nseverity = "low"\n'
        'question = "Q?"\nwhy = "W."\noptions = "vis"\n', "utf-8")
    problems = [str(p) for p in validate_pack(mini, [org])]
    assert any("a.one" in p for p in problems), problems


# --- Bad input: each gets one clear line `file:line: item-id: message` and exit 1. -------------

def _set(mini: Path, name: str, text: str) -> Path:
    path = mini / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def _items_text(mini: Path) -> str:
    return (mini / "items" / "items.toml").read_text("utf-8")


def _validate(capsys: pytest.CaptureFixture[str], *paths: Path) -> tuple[int, str]:
    code = main(["pack", "validate", *map(str, paths)])
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return code, out.out


CASES = {
    "malformed TOML": (
        lambda m: _set(m, "items/items.toml", _items_text(m) + "\n[[items]\nid = 'x'\n"),
        "items.toml:", "malformed TOML"),
    "wrong type": (
        lambda m: _set(m, "items/items.toml", _items_text(m).replace(
            "effort_minutes = 10", 'effort_minutes = "ten"')),
        "items.toml:", "a.one: items/0/effort_minutes: 'ten' is not of type 'integer'"),
    "missing field": (
        lambda m: _set(m, "items/items.toml", _items_text(m).replace('question = "Question two?"\n', "")),
        "items.toml:", "a.two: items/1: 'question' is a required property"),
    "duplicate ID": (
        lambda m: _set(m, "items/items.toml", _items_text(m).replace('id = "a.two"', 'id = "a.one"')),
        "items.toml:15: a.one:", "duplicate item ID 'a.one'"),
    "unknown ID in condition": (
        lambda m: _set(m, "items/items.toml", _items_text(m).replace(
            "applies_when = \"speaks\"", "applies_when = \"travels\"")),
        "items.toml:", "b.three: applies_when: unknown profile question 'travels'"),
    "condition syntax error": (
        lambda m: _set(m, "items/items.toml", _items_text(m).replace(
            "applies_when = \"speaks\"", "applies_when = \"speaks and\"")),
        "items.toml:", "b.three: applies_when: unexpected end of condition"),
    "unknown locale file": (
        lambda m: _set(m, "locales/xx_YY.toml", "[pack]\nname = 'x'\n"),
        "xx_YY.toml:1", "unknown locale 'xx_YY'"),
    "unknown locale listed": (
        lambda m: _set(m, "pack.toml", (m / "pack.toml").read_text("utf-8").replace(
            'locales = ["en", "zh_CN"]', 'locales = ["en", "zh_CN", "fr"]')),
        "pack.toml:", "unknown locale 'fr'"),
    "invalid UTF-8": (
        lambda m: _set(m, "items/items.toml", _items_text(m).encode("utf-8").replace(
            b"Why two.", b"Why \xff\xfe two.")),
        "items.toml:21", "invalid UTF-8 (byte 0xff"),
    "file over 5 MiB": (
        lambda m: _set(m, "items/items.toml", _items_text(m) + "#" * (5 * 1024 * 1024)),
        "items.toml:1", "over the 5 MiB limit"),
    "nesting deeper than 32": (
        lambda m: _set(m, "items/extra.toml", "x = " + "[" * 40 + "1" + "]" * 40 + "\n"),
        "extra.toml:1", "nesting deeper than 32 levels"),
    "very deep nesting": (
        lambda m: _set(m, "items/extra.toml", "x = " + "[" * 5000 + "1" + "]" * 5000 + "\n"),
        "extra.toml:1", "nesting deeper than 32 levels"),
    "string over 10 KiB": (
        lambda m: _set(m, "items/items.toml", _items_text(m).replace("Why two.", "w" * 11000)),
        "items.toml:21", "a string longer than 10 KiB"),
    "NaN": (
        lambda m: _set(m, "items/items.toml",
                       _items_text(m).replace("linkability = 0.5", "linkability = nan")),
        "items.toml:", "a non-finite number (nan)"),
    "huge integer": (
        lambda m: _set(m, "items/items.toml", _items_text(m).replace(
            "effort_minutes = 5", "effort_minutes = 99999999999999999999999")),
        "items.toml:", "an integer too large"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input(case: str, mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mutate, where, message = CASES[case]
    mutate(mini)
    code, out = _validate(capsys, mini)
    assert code == 1
    lines = out.strip().splitlines()
    assert lines, "no problem reported"
    assert any(where in line and message in line for line in lines), out
    with pytest.raises(PackError):
        load_pack(mini)


def test_oversized_file_is_refused_before_parsing(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tomllib

    _set(mini, "items/items.toml", "x = 1\n" + "#" * (6 * 1024 * 1024))
    parsed = []
    real = tomllib.loads
    monkeypatch.setattr(tomllib, "loads", lambda s: parsed.append(len(s)) or real(s))
    problems = validate_pack(mini)
    assert any("over the 5 MiB limit" in str(p) for p in problems)
    assert all(n < 5 * 1024 * 1024 for n in parsed)


def test_missing_pack(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out = _validate(capsys, tmp_path / "nope")
    assert code == 1 and "no such pack" in out


def test_validate_exit_codes_in_a_real_process(mini: Path) -> None:
    ok = subprocess.run([sys.executable, "-m", "exposure_check", "pack", "validate", str(MINI)],
                        capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    _set(mini, "pack.toml", "[pack\n")
    bad = subprocess.run([sys.executable, "-m", "exposure_check", "pack", "validate", str(mini)],
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 1
    assert bad.stdout.startswith(f"{mini / 'pack.toml'}:1: -: malformed TOML")
    assert "Traceback" not in bad.stderr
