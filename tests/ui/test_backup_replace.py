"""Restoring a backup over a vault that holds data, from the History page of the real window."""

from __future__ import annotations

from pathlib import Path

import pytest
from ui.uihelpers import FAST_KDF

from exposure_check.storage import backup
from exposure_check.storage.keys import KdfParams
from exposure_check.storage.vault import Vault
from exposure_check.ui import scripted
from exposure_check.ui.main_window import MainWindow
from exposure_check.ui.scripted import make_window, settle, wait_until

PASS = "the vault passphrase"
CHEAP = KdfParams(iterations=1, memory_kib=8 * 1024, lanes=1)


def history_window(qtbot, data: Path) -> MainWindow:
    w = make_window(data, "en", dict(FAST_KDF))
    qtbot.addWidget(w)
    scripted.unlock(w, PASS)
    wait_until(lambda: "history" in w.pages, what="the history page")
    w.show_page("history")
    return w


@pytest.mark.parametrize("typed", [PASS, "not the passphrase"])
def test_replace_from_the_history_page(qtbot, tmp_path: Path, monkeypatch, typed: str) -> None:
    keep: list[MainWindow] = []
    a, b = tmp_path / "a", tmp_path / "b"
    scripted.run_scripted_audit(a, passphrase=PASS, create_options=dict(FAST_KDF), keep=keep)
    scripted.run_scripted_audit(b, passphrase=PASS, create_options=dict(FAST_KDF), keep=keep)
    for w in keep:
        qtbot.addWidget(w)
    file = tmp_path / f"a{backup.SUFFIX}"
    with Vault.open_locked(a).unlock_with_passphrase(PASS) as va:
        backup.export_backup(va, file, "backup pass", CHEAP)
        a_audits = [s.id for s in va.list_audits()]
    with Vault.open_locked(b).unlock_with_passphrase(PASS) as vb:
        b_audits = [s.id for s in vb.list_audits()]
    assert a_audits != b_audits

    w = history_window(qtbot, b)
    view = w.view("history")
    view._open_backup()
    dialog = view.backup_dialog
    monkeypatch.setattr(dialog, "confirm_replace", lambda: True)
    monkeypatch.setattr(dialog, "ask_vault_passphrase", lambda: typed)
    dialog.import_pass.setText("backup pass")
    dialog.import_from(file)
    settle()
    wait_until(lambda: dialog.import_button.isEnabled())
    settle()
    if typed == PASS:
        assert "new keys" in dialog.status.text()
        assert view.recovery_dialog is not None and view.recovery_dialog.isVisible()
        assert [s.id for s in w.session.audits] == a_audits
        new_key = view.recovery_dialog.key
    else:
        assert "was not changed" in dialog.status.text()
        assert [s.id for s in w.session.audits] == b_audits
    # The session's vault is open and usable either way.
    assert w.session.vault.list_audits()
    w.close()
    settle()
    with Vault.open_locked(b).unlock_with_passphrase(PASS) as vb:
        assert [s.id for s in vb.list_audits()] == (a_audits if typed == PASS else b_audits)
    if typed == PASS:
        Vault.open_locked(b).unlock_with_recovery_key(new_key).close()
