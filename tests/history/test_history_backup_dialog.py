"""The backup dialog: export, restore into an empty vault, refuse a wrong passphrase, ask
before replacing a vault that holds data."""

from __future__ import annotations

import pytest
from history_fixtures import make_audits

from exposure_check.storage import backup, keys
from exposure_check.storage.vault import Vault
from exposure_check.ui.backup_dialog import BackupDialog

CHEAP = keys.KdfParams(iterations=1, memory_kib=64, lanes=1)


@pytest.fixture()
def vaults(tmp_path):
    src, _ = Vault.create(tmp_path / "a", passphrase="p", use_keyring=False, kdf=CHEAP)
    for a in make_audits():
        src.record_audit(a, 1.0)
    dst, _ = Vault.create(tmp_path / "b", passphrase="p", use_keyring=False, kdf=CHEAP)
    yield src, dst
    src.close()
    dst.close()


def _wait(qtbot, dialog, button) -> None:
    qtbot.waitUntil(button.isEnabled, timeout=30000)


def test_export_then_restore(qtbot, vaults, tmp_path) -> None:
    src, dst = vaults
    out = BackupDialog(lambda: src)
    qtbot.addWidget(out)
    out.export_pass.setText("bk")
    out.export_repeat.setText("bk")
    target = tmp_path / f"x{backup.SUFFIX}"
    out.export_to(target)
    _wait(qtbot, out, out.export_button)
    assert "5 audits" in out.status.text() and target.exists()
    assert out.export_pass.text() == ""

    into = BackupDialog(lambda: dst)
    qtbot.addWidget(into)
    into.import_pass.setText("wrong")
    into.import_from(target)
    _wait(qtbot, into, into.import_button)
    assert "Wrong backup passphrase" in into.status.text() and dst.list_audits() == []
    into.import_pass.setText("bk")
    with qtbot.waitSignal(into.restored, timeout=30000):
        into.import_from(target)
    assert [a.id for a in dst.list_audits()] == ["A1", "A2", "A3", "A4", "A5"]


@pytest.mark.parametrize("confirm", [False, True])
def test_non_empty_vault_asks_first(qtbot, vaults, tmp_path, monkeypatch, confirm) -> None:
    src, dst = vaults
    target = tmp_path / f"x{backup.SUFFIX}"
    backup.export_backup(src, target, "bk", CHEAP)
    dst.put_record("review", "r", {"x": 1})
    dialog = BackupDialog(lambda: dst)
    qtbot.addWidget(dialog)
    asked = []
    monkeypatch.setattr(dialog, "confirm_replace", lambda: asked.append(1) or confirm)
    got = []
    dialog.replace_requested.connect(got.append)
    dialog.import_pass.setText("bk")
    dialog.import_from(target)
    _wait(qtbot, dialog, dialog.import_button)
    assert asked == [1] and dst.list_audits() == []  # nothing written by the dialog itself
    if confirm:
        assert len(got) == 1 and got[0].counts["audits"] == 5
    else:
        assert got == [] and dialog.status.text() == "Nothing was changed."
