"""Fixtures for the history tests; the data and its hand-computed numbers are in history_fixtures."""

from __future__ import annotations

import pytest
from history_fixtures import MINI, make_audits

from exposure_check.core.model import Audit, Pack
from exposure_check.core.packs import load_pack


@pytest.fixture(scope="session")
def mini_pack() -> Pack:
    return load_pack(MINI)


@pytest.fixture()
def audits() -> list[Audit]:
    return make_audits()
