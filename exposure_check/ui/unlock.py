"""Unlock on later runs: the key store automatically, else the passphrase or the recovery key."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .controls import accessible, plain_label
from .messages import describe
from .session import Session
from .workers import Task


class UnlockPage(QWidget):
    unlocked = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.task: Task | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(plain_label(self.tr("Unlock your vault"), self, heading=1))
        self.status = plain_label("", self)
        self.status.setAccessibleName(self.tr("Unlock status"))
        layout.addWidget(self.status)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(8)
        accessible(self.busy, self.tr("Working"), self.tr("Unlocking, please wait"))
        self.busy.setVisible(False)
        layout.addWidget(self.busy)
        self.field_label = QLabel(self.tr("&Passphrase:"), self)
        self.secret = QLineEdit(self)
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.field_label.setBuddy(self.secret)
        layout.addWidget(self.field_label)
        layout.addWidget(self.secret)
        self.use_recovery = QCheckBox(self.tr("Use my &recovery key instead"), self)
        accessible(self.use_recovery, self.tr("Use my recovery key instead"),
                   self.tr("Type the recovery key you saved or printed"))
        layout.addWidget(self.use_recovery)
        self.error = plain_label("", self)
        self.error.setAccessibleName(self.tr("Problem"))
        self.error.setVisible(False)
        layout.addWidget(self.error)
        row = QHBoxLayout()
        self.retry_keyring = QPushButton(self.tr("Try the &key store again"), self)
        accessible(self.retry_keyring, self.tr("Try the key store again"),
                   self.tr("Unlock with the key kept in the system key store"))
        self.cancel_button = QPushButton(self.tr("C&ancel"), self)
        accessible(self.cancel_button, self.tr("Cancel"), self.tr("Stop waiting for the key store"))
        self.unlock_button = QPushButton(self.tr("&Unlock"), self)
        self.unlock_button.setDefault(True)
        accessible(self.unlock_button, self.tr("Unlock"), self.tr("Open the vault"))
        row.addWidget(self.retry_keyring)
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.unlock_button)
        layout.addLayout(row)
        layout.addStretch(1)
        self.use_recovery.toggled.connect(self._mode)
        self.unlock_button.clicked.connect(self.unlock_with_secret)
        self.secret.returnPressed.connect(self.unlock_with_secret)
        self.retry_keyring.clicked.connect(self.unlock_with_keyring)
        self.cancel_button.clicked.connect(self.cancel)
        self._mode()
        self._busy(False)

    def _mode(self) -> None:
        if self.use_recovery.isChecked():
            self.field_label.setText(self.tr("&Recovery key:"))
            accessible(self.secret, self.tr("Recovery key"),
                       self.tr("The recovery key you saved or printed when you set up the app"))
            self.secret.setEchoMode(QLineEdit.EchoMode.Normal)
        else:
            self.field_label.setText(self.tr("&Passphrase:"))
            accessible(self.secret, self.tr("Passphrase"), self.tr("Your vault passphrase"))
            self.secret.setEchoMode(QLineEdit.EchoMode.Password)

    def start(self) -> None:
        """Try the key store first when the vault has a key slot there; else ask at once."""
        locked = self.session.locked
        has_keyring = bool(getattr(locked, "keyring_backend_recorded", None))
        self.retry_keyring.setVisible(has_keyring)
        self.use_recovery.setVisible(bool(getattr(locked, "has_recovery", True)))
        if has_keyring:
            self.unlock_with_keyring()
        else:
            self.status.setText(self.tr("Type your passphrase to open your answers."))
            self.secret.setFocus()

    def _busy(self, on: bool) -> None:
        self.busy.setVisible(on)
        self.cancel_button.setVisible(on)
        self.unlock_button.setEnabled(not on)
        self.secret.setEnabled(not on)
        if not on:
            self.task = None

    def unlock_with_keyring(self) -> None:
        backend = getattr(self.session.locked, "keyring_backend_recorded", "") or ""
        self.status.setText(self.tr("Asking the system key store ({backend})…").format(
            backend=backend))
        self.error.setVisible(False)
        self._busy(True)
        self.task = self.session.unlock("keyring", on_done=self._done, on_error=self._failed)

    def unlock_with_secret(self) -> None:
        if self.task is not None:
            return
        secret = self.secret.text()
        if not secret:
            self._failed_text(self.tr("Type your passphrase or recovery key first."))
            return
        method = "recovery" if self.use_recovery.isChecked() else "passphrase"
        self.status.setText(self.tr("Unlocking… this takes a moment."))
        self.error.setVisible(False)
        self._busy(True)
        self.task = self.session.unlock(method, secret, on_done=self._done, on_error=self._failed)

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
        self._busy(False)
        self.status.setText(self.tr("Cancelled. Type your passphrase or recovery key instead."))
        self.secret.setFocus()

    def _done(self, _vault: object) -> None:
        self._busy(False)
        self.secret.clear()
        self.unlocked.emit()

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        self._failed_text(describe(exc))

    def _failed_text(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(True)
        self.status.setText(self.tr("Type your passphrase or recovery key to open your answers."))
        self.secret.setFocus()
        self.secret.selectAll()
