"""The encrypted backup dialog: export the vault to a file, or restore one into an empty vault.

All file and crypto work (Argon2id takes a moment) runs on the worker thread. Replacing a vault
that already holds data closes and re-creates the vault, which the session owns: the dialog asks
first, then emits `replace_requested(contents)` for the owner to carry out
(`storage.backup.replace_vault`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..storage import backup
from .workers import run_task


class BackupDialog(QDialog):
    restored = Signal()  # the backup went into the (empty) vault: reload everything
    replace_requested = Signal(object)  # BackupContents, after the user confirmed replacing

    def __init__(self, vault: Callable[[], Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        self.setWindowTitle(self.tr("Encrypted backup"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "A backup holds everything in your vault, encrypted with a backup passphrase of its "
            "own. Without that passphrase nobody can open it, not even you."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)

        out = QGroupBox(self.tr("Back up"), self)
        of = QFormLayout(out)
        self.export_pass = self._secret(self.tr("Backup passphrase"))
        self.export_repeat = self._secret(self.tr("Repeat the backup passphrase"))
        of.addRow(self.tr("Backup passphrase"), self.export_pass)
        of.addRow(self.tr("Repeat it"), self.export_repeat)
        self.export_button = QPushButton(self.tr("Save backup…"), out)
        self.export_button.clicked.connect(self._ask_export)
        of.addRow(self.export_button)
        layout.addWidget(out)

        inp = QGroupBox(self.tr("Restore"), self)
        inf = QFormLayout(inp)
        self.import_pass = self._secret(self.tr("Passphrase of the backup to restore"))
        inf.addRow(self.tr("Backup passphrase"), self.import_pass)
        self.import_button = QPushButton(self.tr("Restore a backup…"), inp)
        self.import_button.clicked.connect(self._ask_import)
        inf.addRow(self.import_button)
        layout.addWidget(inp)

        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Backup status"))
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _secret(self, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setAccessibleName(name)
        return edit

    def describe(self, exc: BaseException) -> str:
        """A translated sentence for each way a backup can fail."""
        if isinstance(exc, backup.BackupWrongPassphrase):
            return self.tr("Wrong backup passphrase. Use the passphrase chosen when this backup "
                           "was made (not your vault passphrase). Nothing was changed.")
        if isinstance(exc, backup.BackupNewerVersion):
            return self.tr("This backup was made by a newer version of Exposure Check. Please "
                           "update the app to restore it. Nothing was changed.")
        if isinstance(exc, backup.BackupNotABackup):
            return self.tr("This file is not an Exposure Check backup. Nothing was changed.")
        if isinstance(exc, backup.BackupDamaged):
            return self.tr("This backup file is damaged or was altered. Use another copy. "
                           "Nothing was changed.")
        if isinstance(exc, backup.BackupUnreadable):
            return self.tr("The backup file cannot be read.")
        if isinstance(exc, backup.EmptyPassphrase):
            return self.tr("Choose a backup passphrase.")
        return self.tr("The backup failed: %1").replace("%1", str(exc))

    # --- export ---------------------------------------------------------------------------------

    def _ask_export(self) -> None:
        if not self.export_pass.text():
            self.status.setText(self.tr("Choose a backup passphrase."))
            return
        if self.export_pass.text() != self.export_repeat.text():
            self.status.setText(self.tr("The two passphrases differ."))
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save backup"),
                                              f"exposure-check{backup.SUFFIX}",
                                              self.tr("Exposure Check backup (*%1)")
                                              .replace("%1", backup.SUFFIX))
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> Any:
        passphrase = self.export_pass.text()
        self.export_button.setEnabled(False)
        self.status.setText(self.tr("Encrypting the backup…"))

        def done(contents: backup.BackupContents) -> None:
            self.export_button.setEnabled(True)
            self.export_pass.clear()
            self.export_repeat.clear()
            self.status.setText(self.tr("Saved an encrypted backup of %n audit(s) to %1.", "",
                                        contents.counts["audits"]).replace("%1", str(path)))

        def failed(exc: BaseException) -> None:
            self.export_button.setEnabled(True)
            self.status.setText(self.describe(exc))

        return run_task(self, backup.export_backup, self._vault(), path, passphrase,
                        on_done=done, on_error=failed)

    # --- import ---------------------------------------------------------------------------------

    def _ask_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Restore a backup"), "",
                                              self.tr("Exposure Check backup (*%1);;All files (*)")
                                              .replace("%1", backup.SUFFIX))
        if path:
            self.import_from(Path(path))

    def ask_vault_passphrase(self) -> str | None:
        """The current vault passphrase, which the replaced vault keeps (None: cancelled)."""
        from PySide6.QtWidgets import QInputDialog

        text, ok = QInputDialog.getText(
            self, self.tr("Your vault passphrase"),
            self.tr("Type your vault passphrase. The restored vault keeps it, with new keys."),
            QLineEdit.EchoMode.Password)
        return text if ok and text else None

    def confirm_replace(self) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Replace everything?"),
            self.tr("Your vault already holds answers and audits. Restoring this backup "
                    "replaces all of them, and cannot be undone. Replace?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def import_from(self, path: Path) -> Any:
        passphrase = self.import_pass.text()
        vault = self._vault()
        self.import_button.setEnabled(False)
        self.status.setText(self.tr("Checking the backup…"))

        def read_and_restore() -> tuple[str, backup.BackupContents]:
            contents = backup.read_backup(path, passphrase)  # every check before any write
            if not backup.is_empty(vault):
                return "not-empty", contents
            backup.restore(vault, contents)
            return "restored", contents

        def done(result: tuple[str, backup.BackupContents]) -> None:
            self.import_button.setEnabled(True)
            outcome, contents = result
            if outcome == "restored":
                self.import_pass.clear()
                self.status.setText(self.tr("Restored %n audit(s) from the backup.", "",
                                            contents.counts["audits"]))
                self.restored.emit()
            elif self.confirm_replace():
                self.import_pass.clear()
                self.status.setText(self.tr("Replacing your vault with the backup…"))
                self.replace_requested.emit(contents)
            else:
                self.status.setText(self.tr("Nothing was changed."))

        def failed(exc: BaseException) -> None:
            self.import_button.setEnabled(True)
            self.status.setText(self.describe(exc))

        return run_task(self, read_and_restore, on_done=done, on_error=failed)
