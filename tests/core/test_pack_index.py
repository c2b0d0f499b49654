"""The core pack's index of files validated at build time (core.prevalidated.json).

A file whose bytes match the index is taken from it: no TOML parse, no schema check. Anything
else (a changed file, another schema, a broken index, an overlay, `pack validate`) goes through
the full parse and check.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
from scripthelpers import load_script

from exposure_check.core import packs
from exposure_check.core.packs import PackError, load_pack, pack_to_dict, prevalidated_path

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "resources" / "packs" / "core"
EXAMPLE_ORG = ROOT / "docs" / "examples" / "org-pack"


@pytest.fixture
def core_copy(tmp_path: Path) -> Path:
    dst = tmp_path / "core"
    shutil.copytree(CORE, dst)
    shutil.copy(prevalidated_path(CORE), prevalidated_path(dst))
    return dst


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Counts TOML parses and schema checks actually run."""
    calls = {"toml": 0, "schema": 0}
    real_loads, real_validator = tomllib.loads, packs._validator

    def loads(text: str) -> dict[str, Any]:
        calls["toml"] += 1
        return real_loads(text)

    def validator(definition: str | None) -> Any:
        calls["schema"] += 1
        return real_validator(definition)

    monkeypatch.setattr(packs.tomllib, "loads", loads)
    monkeypatch.setattr(packs, "_validator", validator)
    return calls


def test_the_shipped_index_is_current() -> None:
    assert prevalidated_path(CORE).read_text("utf-8") == load_script("build_pack_index").render(CORE), \
        "resources/packs/core.prevalidated.json is stale: run scripts/build_pack_index.py"


def test_check_mode_fails_on_a_stale_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mod = load_script("build_pack_index")
    core = tmp_path / "core"
    shutil.copytree(CORE, core)
    monkeypatch.setattr(mod, "CORE", core)
    monkeypatch.setattr(mod, "ROOT", tmp_path)
    assert mod.main(["--check"]) == 1  # no index yet
    assert mod.main([]) == 0
    assert mod.main(["--check"]) == 0
    pack_toml = core / "pack.toml"
    pack_toml.write_text(pack_toml.read_text("utf-8") + "\n# edited\n", "utf-8")
    assert mod.main(["--check"]) == 1


def test_core_from_the_index_equals_the_full_load(counted: dict[str, int]) -> None:
    full = load_pack(CORE)
    assert counted["toml"] == 13 and counted["schema"] > 0
    counted.update(toml=0, schema=0)
    indexed = load_pack(CORE, prevalidated=True)
    assert counted == {"toml": 0, "schema": 0}  # every file came from the index
    assert pack_to_dict(indexed) == pack_to_dict(full)
    assert pack_to_dict(indexed, "zh_CN") == pack_to_dict(full, "zh_CN")
    assert repr(indexed) == repr(full)


def test_a_changed_file_is_parsed_and_checked_in_full(core_copy: Path,
                                                      counted: dict[str, int]) -> None:
    items = core_copy / "items" / "affiliation.toml"
    text = items.read_text("utf-8").replace("effort_minutes = 10", 'effort_minutes = "heavy"', 1)
    items.write_text(text, "utf-8")
    with pytest.raises(PackError) as caught:
        load_pack(core_copy, prevalidated=True)
    assert counted["toml"] == 1  # only the changed file
    assert any(p.file == str(items) and "heavy" in p.message for p in caught.value.problems), \
        caught.value.problems


@pytest.mark.parametrize("index", [
    b"{not json", b"[]", b'{"format": 1}', b'{"format": 99, "schema": "x", "files": {}}',
    json.dumps({"format": 1, "schema": "0" * 64, "files": {}}).encode(),  # another schema
])
def test_an_index_that_does_not_apply_means_a_full_load(core_copy: Path, index: bytes,
                                                        counted: dict[str, int]) -> None:
    prevalidated_path(core_copy).write_bytes(index)
    pack = load_pack(core_copy, prevalidated=True)
    assert counted["toml"] == 13
    assert pack_to_dict(pack) == pack_to_dict(load_pack(CORE))


def _tampered(pack_dir: Path, rel: str) -> None:
    """An index whose entry for `rel` has the right hash but other data."""
    index_file = prevalidated_path(pack_dir)
    index = json.loads(index_file.read_text("utf-8")) if index_file.exists() else {
        "format": packs.PREVALIDATED_FORMAT, "schema": packs._schema_digest(), "files": {}}
    data = tomllib.loads((pack_dir / rel).read_text("utf-8"))
    data["pack"]["name"] = "FROM THE INDEX"
    index["files"][rel] = {"sha256": hashlib.sha256((pack_dir / rel).read_bytes()).hexdigest(),
                           "data": data}
    index_file.write_text(json.dumps(index), "utf-8")


def test_the_index_is_used_only_when_asked(core_copy: Path) -> None:
    _tampered(core_copy, "pack.toml")
    assert load_pack(core_copy, prevalidated=True).name["en"] == "FROM THE INDEX"  # shows it is read
    assert load_pack(core_copy).name["en"] != "FROM THE INDEX"  # `pack validate`, tools, tests
    assert packs.validate_pack(core_copy) == []


def test_an_overlay_never_uses_an_index(tmp_path: Path, counted: dict[str, int]) -> None:
    org = tmp_path / "org-pack"
    shutil.copytree(EXAMPLE_ORG, org)
    _tampered(org, "pack.toml")
    pack = load_pack(CORE, [org], prevalidated=True)
    assert "FROM THE INDEX" not in json.dumps(pack_to_dict(pack))
    assert counted["toml"] >= 1  # the overlay was parsed
