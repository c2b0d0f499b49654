"""One damaged record never locks the user out: it is left out, the window says so, nothing else
is lost. Also: a profile whose ID column was damaged is reported, not taken for "never saved"."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from ui.uihelpers import FAST_KDF

from exposure_check.storage import errors, files
from exposure_check.storage.vault import Vault
from exposure_check.ui import scripted
from exposure_check.ui.app import install_translator
from exposure_check.ui.main_window import MainWindow
from exposure_check.ui.scripted import make_window, settle

PASS = "a damaged vault passphrase"


def damage(data: Path, sql: str) -> None:
    """Change bytes on disk as a failing disk would (the vault's own triggers do not apply)."""
    conn = sqlite3.connect(data / files.DB_NAME, isolation_level=None)
    triggers = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
    for name, _ in triggers:
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute(sql)
    for _, create in triggers:
        conn.execute(create)
    conn.close()


def test_profile_with_a_damaged_id_is_reported(qtbot, tmp_path: Path) -> None:
    keep: list[MainWindow] = []
    data = tmp_path / "vault"
    scripted.run_scripted_audit(data, passphrase=PASS, create_options=dict(FAST_KDF), keep=keep)
    damage(data, "UPDATE records SET ident = 'x' || ident WHERE kind = 'profile'")
    with Vault.open_locked(data).unlock_with_passphrase(PASS) as vault, \
            pytest.raises(errors.VaultDamaged) as exc:
        vault.load_profile()
    assert exc.value.record_kind == "profile"
    for w in keep:
        qtbot.addWidget(w)


def test_unlock_leaves_damaged_records_out_and_says_so(qtbot, tmp_path: Path) -> None:
    assert install_translator(QApplication.instance(), "en")
    keep: list[MainWindow] = []
    data = tmp_path / "vault"
    result = scripted.run_scripted_audit(data, passphrase=PASS, create_options=dict(FAST_KDF),
                                         keep=keep)
    for w in keep:
        qtbot.addWidget(w)
    # One progress event's first byte (which also turns its stored type to text) and the
    # profile's ID column are damaged on disk.
    damage(data, "UPDATE records SET blob = x'00' || substr(blob, 2) WHERE seq = "
                 "(SELECT min(seq) FROM records WHERE kind = 'progress')")
    damage(data, "UPDATE records SET ident = 'x' || ident WHERE kind = 'profile'")
    w = make_window(data, "en", dict(FAST_KDF))
    qtbot.addWidget(w)
    scripted.unlock(w, PASS)  # not refused: the rest of the data opens
    assert len(w.session.audits) == 1
    assert len(w.session.events) == len(result.marked) - 1
    assert w.notice_bar.isVisible()
    text = " ".join(w.notice_bar.lines)
    assert "2 saved records could not be read because the file was damaged" in text
    assert "profile" in text and "progress" in text
    w.close()
    settle()
