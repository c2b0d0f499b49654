"""First run: welcome and language, vault set-up, and the recovery key shown once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QIODevice, QSaveFile, Qt, Signal
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from . import prefs
from .controls import accessible, plain_label
from .messages import describe
from .session import Session

MIN_PASSPHRASE = 8


class WelcomePage(QWidget):
    """Three sentences on what the app does, and the language choice."""

    continued = Signal()

    def __init__(self, ui_language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui_language = ui_language
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(plain_label(self.tr("Welcome to Exposure Check"), self, heading=1))
        self.intro = plain_label(self.tr(
            "Exposure Check walks you through what you reveal online about your work, one "
            "platform at a time. At the end you get a score and a short plan of what to fix "
            "first. Everything stays on this computer: nothing you enter is ever sent anywhere."),
            self)
        layout.addWidget(self.intro)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.language = QComboBox(self)
        self.language.addItem("English", "en")
        self.language.addItem("中文（简体）", "zh_CN")
        self.language.setCurrentIndex(max(0, self.language.findData(ui_language)))
        accessible(self.language, self.tr("Language"),
                   self.tr("The language of the app. A change takes effect after a restart."))
        language_label = QLabel(self.tr("&Language:"), self)
        language_label.setBuddy(self.language)
        form.addRow(language_label, self.language)
        layout.addLayout(form)
        self.restart_note = plain_label("", self)
        layout.addWidget(self.restart_note)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.next_button = QPushButton(self.tr("&Continue"), self)
        self.next_button.setDefault(True)
        accessible(self.next_button, self.tr("Continue"), self.tr("Go on to protecting your answers"))
        row.addWidget(self.next_button)
        layout.addLayout(row)
        self.language.currentIndexChanged.connect(self._language_changed)
        self.next_button.clicked.connect(self.continued.emit)

    def _language_changed(self) -> None:
        chosen = str(self.language.currentData())
        prefs.save(language=chosen)
        if chosen != self.ui_language:
            self.restart_note.setText(self.tr(
                "The new language is saved. It takes effect when you restart Exposure Check."))
        else:
            self.restart_note.setText("")


class VaultSetupPage(QWidget):
    """Choose how the vault key is protected: the system key store, a passphrase, or both."""

    created = Signal(str)  # the recovery key

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.keyring_works = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(plain_label(self.tr("Protect your answers"), self, heading=1))
        self.explain = plain_label(self.tr(
            "Your answers are kept in an encrypted vault on this computer. Choose how its key "
            "is protected."), self)
        layout.addWidget(self.explain)
        self.use_keyring = QRadioButton(self.tr("Keep the key in the system key store"), self)
        self.use_passphrase = QRadioButton(self.tr("Protect the key with a passphrase only"), self)
        accessible(self.use_keyring, self.tr("Keep the key in the system key store"),
                   self.tr("The app unlocks automatically when you are logged in"))
        accessible(self.use_passphrase, self.tr("Protect the key with a passphrase only"),
                   self.tr("You type the passphrase each time the app starts"))
        layout.addWidget(self.use_keyring)
        layout.addWidget(self.use_passphrase)
        self.keyring_note = plain_label("", self)
        layout.addWidget(self.keyring_note)
        form = QFormLayout()
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        accessible(self.passphrase, self.tr("Passphrase"),
                   self.tr("At least {n} characters").format(n=MIN_PASSPHRASE))
        self.confirm = QLineEdit(self)
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        accessible(self.confirm, self.tr("Repeat the passphrase"),
                   self.tr("Type the same passphrase again"))
        p_label = QLabel(self.tr("&Passphrase:"), self)
        p_label.setBuddy(self.passphrase)
        c_label = QLabel(self.tr("&Repeat it:"), self)
        c_label.setBuddy(self.confirm)
        form.addRow(p_label, self.passphrase)
        form.addRow(c_label, self.confirm)
        layout.addLayout(form)
        self.passphrase_note = plain_label("", self)
        layout.addWidget(self.passphrase_note)
        self.error = plain_label("", self)
        self.error.setAccessibleName(self.tr("Problem"))
        self.error.setStyleSheet("color: palette(highlighted-text); background: palette(highlight);"
                                 " padding: 4px;")
        self.error.setVisible(False)
        layout.addWidget(self.error)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.create_button = QPushButton(self.tr("&Create the vault"), self)
        self.create_button.setDefault(True)
        accessible(self.create_button, self.tr("Create the vault"),
                   self.tr("Create the encrypted vault and show the recovery key"))
        row.addWidget(self.create_button)
        layout.addLayout(row)
        self.use_keyring.toggled.connect(self._update)
        self.create_button.clicked.connect(self.create_vault)
        self.passphrase.returnPressed.connect(self.confirm.setFocus)
        self.confirm.returnPressed.connect(self.create_vault)
        self.set_keyring_available(False, "")

    def set_keyring_available(self, works: bool, backend: str, allowed: bool = True) -> None:
        """Offer the system key store when it works and the organisation allows it."""
        works = works and allowed
        self.keyring_works = works
        self.use_keyring.setVisible(works)
        self.use_passphrase.setVisible(works)
        if not allowed:
            self.keyring_note.setText(self.tr(
                "Your organisation requires a passphrase: the vault key is not kept in the system "
                "key store on this computer. Your answers are never stored unencrypted."))
        elif works:
            self.use_keyring.setChecked(True)
            self.keyring_note.setText(self.tr(
                "Key store found: {backend}. You may also set a passphrase, so you can still "
                "unlock if the key store changes.").format(backend=backend))
        else:
            self.keyring_note.setText(self.tr(
                "No system key store was found on this computer, so a passphrase is required. "
                "Your answers are never stored unencrypted."))
        self._update()

    def _update(self) -> None:
        if self.keyring_works and self.use_keyring.isChecked():
            self.passphrase_note.setText(self.tr("A passphrase is optional here."))
        else:
            self.passphrase_note.setText(self.tr(
                "Choose a passphrase of at least {n} characters. If you forget it, only the "
                "recovery key can open the vault.").format(n=MIN_PASSPHRASE))

    def _fail(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(True)
        self.create_button.setEnabled(True)

    def create_vault(self) -> None:
        use_keyring = self.keyring_works and self.use_keyring.isChecked()
        phrase = self.passphrase.text()
        if phrase != self.confirm.text():
            self._fail(self.tr("The two passphrases are different. Type them again."))
            self.confirm.clear()
            self.confirm.setFocus()
            return
        if not use_keyring and len(phrase) < MIN_PASSPHRASE:
            self._fail(self.tr("The passphrase needs at least {n} characters.").format(
                n=MIN_PASSPHRASE))
            self.passphrase.setFocus()
            return
        if phrase and len(phrase) < MIN_PASSPHRASE:
            self._fail(self.tr("The passphrase needs at least {n} characters.").format(
                n=MIN_PASSPHRASE))
            return
        self.error.setVisible(False)
        self.create_button.setEnabled(False)
        self.create_button.setText(self.tr("Creating the vault…"))
        self.session.create_vault(phrase or None, use_keyring, on_done=self._created,
                                  on_error=lambda exc: self._fail(describe(exc)))

    def _created(self, recovery_key: str) -> None:
        self.passphrase.clear()
        self.confirm.clear()
        self.create_button.setText(self.tr("&Create the vault"))
        self.created.emit(recovery_key)


class RecoveryKeyDialog(QDialog):
    """Shows a recovery key exactly once, with Save… and Print…, until the user confirms."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setWindowTitle(self.tr("Your recovery key"))
        self.setModal(True)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(self.tr("Your recovery key"), self, heading=2))
        layout.addWidget(plain_label(self.tr(
            "If you forget your passphrase or the key store changes, this key is the only way "
            "to open your vault. It is shown only now. Save it or print it, and keep it "
            "somewhere safe, away from this computer."), self))
        self.key_field = QLineEdit(key, self)
        self.key_field.setReadOnly(True)
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.key_field.setFont(mono)
        self.key_field.setMinimumWidth(self.key_field.fontMetrics().horizontalAdvance(key) + 24)
        accessible(self.key_field, self.tr("Recovery key"), key)
        layout.addWidget(self.key_field)
        row = QHBoxLayout()
        self.save_button = QPushButton(self.tr("&Save…"), self)
        self.print_button = QPushButton(self.tr("&Print…"), self)
        accessible(self.save_button, self.tr("Save the recovery key"),
                   self.tr("Save the recovery key to a file you choose"))
        accessible(self.print_button, self.tr("Print the recovery key"),
                   self.tr("Print the recovery key on paper"))
        row.addWidget(self.save_button)
        row.addWidget(self.print_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.status = plain_label("", self)
        layout.addWidget(self.status)
        self.confirmed = QCheckBox(self.tr("I have saved or printed my recovery key"), self)
        accessible(self.confirmed, self.tr("I have saved or printed my recovery key"))
        layout.addWidget(self.confirmed)
        self.done_button = QPushButton(self.tr("C&ontinue"), self)
        self.done_button.setEnabled(False)
        self.done_button.setAutoDefault(False)
        accessible(self.done_button, self.tr("Continue"), self.tr("Close this window"))
        layout.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignRight)
        self.confirmed.toggled.connect(self.done_button.setEnabled)
        self.done_button.clicked.connect(self.accept)
        self.save_button.clicked.connect(self._ask_save)
        self.print_button.clicked.connect(self._ask_print)

    def text(self) -> str:
        return self.tr("Exposure Check recovery key\n\n{key}\n\nKeep this somewhere safe. It "
                       "opens your vault if you forget your passphrase.\n").format(key=self.key)

    def save_to(self, path: Path) -> bool:
        out = QSaveFile(str(path))
        if not out.open(QIODevice.OpenModeFlag.WriteOnly):
            self.status.setText(self.tr("Could not save to {path}: {error}").format(
                path=path, error=out.errorString()))
            return False
        out.write(self.text().encode("utf-8"))
        if not out.commit():
            self.status.setText(self.tr("Could not save to {path}: {error}").format(
                path=path, error=out.errorString()))
            return False
        self.status.setText(self.tr("Saved to {path}.").format(path=path))
        return True

    def _ask_save(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save the recovery key"),
                                              str(Path.home() / "exposure-check-recovery-key.txt"),
                                              self.tr("Text files (*.txt)"))
        if name:
            self.save_to(Path(name))

    def print_to(self, printer: object) -> None:
        doc = QTextDocument()
        doc.setPlainText(self.text())
        doc.print_(printer)  # type: ignore[arg-type]
        self.status.setText(self.tr("Sent to the printer."))

    def _ask_print(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)
