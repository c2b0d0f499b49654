"""scripts/pack_locale.py: hashes, status, skeletons and stamping, on a copy of the core pack."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path
from types import ModuleType

import pytest
from scripthelpers import load_script

from exposure_check.core.packs import source_hash, validate_pack

REPO = Path(__file__).resolve().parents[2]
CORE = REPO / "resources" / "packs" / "core"
ITEM = "affiliation.linkedin.employer-visible"


def tool() -> ModuleType:
    return load_script("pack_locale")


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    copy = tmp_path / "core"
    shutil.copytree(CORE, copy)
    return copy


def _change_english(pack: Path) -> None:
    path = pack / "items" / "affiliation.toml"
    path.write_text(path.read_text("utf-8").replace("Fake recruiters and consultants",
                                                    "Fake head-hunters", 1), "utf-8")


def test_status_reports_the_loader_hash(pack: Path) -> None:
    rows = {r[1]: r for r in tool().status(pack, "zh_CN")}
    entry = next(it for it in tomllib.loads((pack / "items" / "affiliation.toml").read_text("utf-8"))
                 ["items"] if it["id"] == ITEM)
    assert rows[ITEM][2] == source_hash(entry)
    assert rows[ITEM][3] == "ok"


def test_changed_english_shows_outdated_then_stamp_fixes_it(pack: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    t = tool()
    _change_english(pack)
    assert {r[1]: r[3] for r in t.status(pack, "zh_CN")}[ITEM] == "outdated"
    assert t.main([str(pack)]) == 1
    assert any(ITEM in str(p) and "outdated" in p.message for p in validate_pack(pack, strict=True))
    assert t.main([str(pack), "--stamp", ITEM]) == 0
    assert "stamped 1 entry" in capsys.readouterr().out
    assert validate_pack(pack, strict=True) == []
    # every other entry kept its hash
    assert all(r[3] == "ok" for r in t.status(pack, "zh_CN"))


def test_stamp_unknown_id_fails(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (pack / "locales" / "zh_CN.toml").read_text("utf-8")
    assert tool().main([str(pack), "--stamp", "no.such.item"]) == 1
    assert "not found" in capsys.readouterr().err
    assert (pack / "locales" / "zh_CN.toml").read_text("utf-8") == before


def test_skeleton_lists_missing_entries_with_the_current_hash(pack: Path) -> None:
    t = tool()
    path = pack / "locales" / "zh_CN.toml"
    text = path.read_text("utf-8")
    start = text.index('[red_flags."flag.keep-secret"]')
    end = text.index("[red_flags.", start + 1)
    path.write_text(text[:start] + text[end:], "utf-8")
    out = t.skeleton(pack, "zh_CN")
    want = next(r[2] for r in t.status(pack, "zh_CN") if r[1] == "flag.keep-secret")
    assert '[red_flags."flag.keep-secret"]' in out and f'source = "{want}"' in out
    assert "# text: They asked you to keep" in out
    assert ITEM not in out  # up-to-date entries are not repeated


def test_not_a_pack(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert tool().main([str(tmp_path)]) == 1
    assert "not a pack directory" in capsys.readouterr().err
