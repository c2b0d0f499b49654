"""Fixtures for org packs, signing and policy: a small core pack, the Acme overlay, isolated sites."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from exposure_check import policy

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture()
def core_dir(tmp_path: Path) -> Path:
    dst = tmp_path / "core"
    shutil.copytree(FIXTURES / "core", dst)
    return dst


@pytest.fixture()
def acme_dir(tmp_path: Path) -> Path:
    dst = tmp_path / "acme"
    shutil.copytree(FIXTURES / "acme", dst)
    return dst


@pytest.fixture()
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """Empty, private stand-ins for the site config dir, distribution/ and bundled resources."""
    dirs = {name: tmp_path / name for name in ("site", "distribution", "resources")}
    for d in dirs.values():
        d.mkdir()
    monkeypatch.setattr("exposure_check.paths.site_config_dir", lambda: dirs["site"])
    monkeypatch.setattr(policy, "distribution_dirs", lambda: [dirs["distribution"]])
    monkeypatch.setattr("exposure_check.distribution.distribution_dirs", lambda: [dirs["distribution"]])
    monkeypatch.setattr("exposure_check.distribution.bundled_key_file",
                        lambda: dirs["resources"] / "pinned_key.pem")
    monkeypatch.delenv("EXPOSURE_CHECK_POLICY", raising=False)
    return dirs
