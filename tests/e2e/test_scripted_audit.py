"""The scripted end-to-end audit against the REAL vault (passphrase, cheap KDF for speed)."""

from __future__ import annotations

from pathlib import Path

from ui.uihelpers import FAST_KDF

from exposure_check.core import scoring
from exposure_check.core.packs import load_core_pack
from exposure_check.storage.vault import Vault
from exposure_check.ui.scripted import run_scripted_audit


def test_scripted_audit_survives_a_restart(qtbot, tmp_path: Path) -> None:
    data = tmp_path / "vault"
    windows: list = []
    result = run_scripted_audit(data, create_options=dict(FAST_KDF), keep=windows)
    for w in windows:
        qtbot.addWidget(w)
    pack = load_core_pack()
    profile_answers = result.profile_after_restart
    from exposure_check.core.model import Profile

    applicable = {it.id for it in scoring.applicable_items(pack, Profile(profile_answers))}
    # Every applicable question was answered, and the recorded audit holds all of them.
    assert result.questions == len(applicable) > 10
    assert set(result.answers) == applicable
    # Marking two items done lowered the score, and the restart kept answers and progress.
    assert result.score_after_marks < result.score_recorded
    assert result.answers_after_restart == result.answers
    assert result.score_after_restart == result.score_after_marks
    assert set(result.profile_after_restart["platforms"]) >= {"linkedin", "wechat"}
    # The vault on disk is real and encrypted: no answer text appears in the file.
    assert Vault.exists(data)
    raw = b"".join(p.read_bytes() for p in data.rglob("*") if p.is_file())
    assert b"Example Research Institute" not in raw
    assert b"example.org" not in raw
