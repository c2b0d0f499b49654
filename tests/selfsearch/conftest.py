"""Fixtures for the self-search tests: a small pack carrying the real core search.toml."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from exposure_check.core.model import DeclaredFacts, Pack
from exposure_check.core.packs import load_pack
from exposure_check.paths import core_pack_dir

FIXTURE_PACK = Path(__file__).parent / "fixtures" / "pack"


@pytest.fixture
def pack_dir(tmp_path: Path) -> Path:
    dst = tmp_path / "pack"
    shutil.copytree(FIXTURE_PACK, dst)
    shutil.copy(core_pack_dir() / "search.toml", dst / "search.toml")
    return dst


@pytest.fixture
def pack(pack_dir: Path) -> Pack:
    return load_pack(pack_dir)


@pytest.fixture
def facts() -> DeclaredFacts:
    """A researcher with a Chinese name, a bracketed abbreviation and quotes in the title."""
    return DeclaredFacts(
        names=("张伟",),
        employers=("Northwind Research Institute (NRI)", "北方研究所"),
        titles=('Senior "Lead" Engineer',),
        emails=("Wei.Zhang@northwind.example",),
        phones=("138 1234 5678",),
        handles=("@zwei",),
    )
