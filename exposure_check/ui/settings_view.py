"""Settings and privacy: where the data is, how it is protected, language, theme, network, wipe."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from .. import paths
from . import prefs
from .controls import accessible, plain_label, scrolled_page
from .first_run import MIN_PASSPHRASE, RecoveryKeyDialog
from .lazyview import RefreshWhenShown
from .messages import describe
from .session import Session

if TYPE_CHECKING:
    from ..policy import Setting


class SettingsView(RefreshWhenShown):
    wiped = Signal()
    theme_changed = Signal(str)

    def __init__(self, session: Session, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.lang = locale
        self.recovery_dialog: RecoveryKeyDialog | None = None
        body, layout = scrolled_page(self)
        layout.addWidget(plain_label(self.tr("Settings and privacy"), body, heading=1))

        # Where and how
        data = QGroupBox(self.tr("Your data"), body)
        form = QFormLayout(data)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.location = plain_label(str(session.data_dir or paths.data_dir()), data,
                                    selectable=True)
        self.location.setAccessibleName(self.tr("Data location"))
        self.protection = plain_label("", data)
        self.protection.setAccessibleName(self.tr("Protection"))
        form.addRow(self.tr("Stored in:"), self.location)
        form.addRow(self.tr("Protected by:"), self.protection)
        layout.addWidget(data)

        # Passphrase and recovery key
        keys = QGroupBox(self.tr("Passphrase and recovery key"), body)
        kl = QVBoxLayout(keys)
        kform = QFormLayout()
        self.new_pass = QLineEdit(keys)
        self.new_pass.setEchoMode(QLineEdit.EchoMode.Password)
        accessible(self.new_pass, self.tr("New passphrase"),
                   self.tr("At least {n} characters").format(n=MIN_PASSPHRASE))
        self.new_pass2 = QLineEdit(keys)
        self.new_pass2.setEchoMode(QLineEdit.EchoMode.Password)
        accessible(self.new_pass2, self.tr("Repeat the new passphrase"))
        l1 = QLabel(self.tr("New &passphrase:"), keys)
        l1.setBuddy(self.new_pass)
        l2 = QLabel(self.tr("Re&peat it:"), keys)
        l2.setBuddy(self.new_pass2)
        kform.addRow(l1, self.new_pass)
        kform.addRow(l2, self.new_pass2)
        kl.addLayout(kform)
        row = QHBoxLayout()
        self.change_button = QPushButton(self.tr("&Change passphrase"), keys)
        accessible(self.change_button, self.tr("Change passphrase"),
                   self.tr("Protect the vault with the new passphrase"))
        self.recovery_button = QPushButton(self.tr("Show a &new recovery key…"), keys)
        accessible(self.recovery_button, self.tr("Show a new recovery key"),
                   self.tr("Make a new recovery key; the old one stops working"))
        for b in (self.change_button, self.recovery_button):
            b.setAutoDefault(False)
            row.addWidget(b)
        row.addStretch(1)
        kl.addLayout(row)
        self.key_status = plain_label("", keys)
        kl.addWidget(self.key_status)
        layout.addWidget(keys)

        # Appearance
        look = QGroupBox(self.tr("Language and appearance"), body)
        lf = QFormLayout(look)
        lf.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.language = QComboBox(look)
        self.language.addItem("English", "en")
        self.language.addItem("中文（简体）", "zh_CN")
        self.language.setCurrentIndex(max(0, self.language.findData(locale)))
        accessible(self.language, self.tr("Language"),
                   self.tr("The language of the app. A change takes effect after a restart."))
        self.theme = QComboBox(look)
        self.theme.addItem(self.tr("Follow the system"), "system")
        self.theme.addItem(self.tr("Light"), "light")
        self.theme.addItem(self.tr("Dark"), "dark")
        self.theme.setCurrentIndex(max(0, self.theme.findData(prefs.theme())))
        accessible(self.theme, self.tr("Theme"), self.tr("Light, dark, or as the system is set"))
        ll = QLabel(self.tr("&Language:"), look)
        ll.setBuddy(self.language)
        tl = QLabel(self.tr("T&heme:"), look)
        tl.setBuddy(self.theme)
        lf.addRow(ll, self.language)
        self.language_note = plain_label(self.tr(
            "Changing the language takes effect when you restart Exposure Check."), look)
        lf.addRow(self.language_note)
        lf.addRow(tl, self.theme)
        self.language_lock = plain_label("", look)
        lf.addRow(self.language_lock)
        layout.addWidget(look)

        # Re-checks and reminders
        again = QGroupBox(self.tr("Re-checks and reminders"), body)
        rf = QFormLayout(again)
        rf.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.recheck_days = QSpinBox(again)
        self.recheck_days.setRange(1, 730)
        self.recheck_days.setSuffix(self.tr(" days"))
        self.recheck_days.setKeyboardTracking(False)  # save once the user is done typing
        self.recheck_days.setMaximumWidth(self.recheck_days.fontMetrics().horizontalAdvance(
            "0000 " + self.tr(" days")) + 48)
        accessible(self.recheck_days, self.tr("Re-check every"),
                   self.tr("Days between re-checks; a fix marked done is checked again after "
                           "this long"))
        rl = QLabel(self.tr("&Re-check every:"), again)
        rl.setBuddy(self.recheck_days)
        rf.addRow(rl, self.recheck_days)
        self.recheck_lock = plain_label("", again)
        rf.addRow(self.recheck_lock)
        self.reminders_box = QCheckBox(self.tr("Remind me when a re-check is due"), again)
        accessible(self.reminders_box, self.tr("Remind me when a re-check is due"),
                   self.tr("A banner when Exposure Check starts, and a tray notification if your "
                           "desktop has a tray"))
        rf.addRow(self.reminders_box)
        self.reminders_lock = plain_label("", again)
        rf.addRow(self.reminders_lock)
        self.autostart_box = QCheckBox(self.tr("Check at login, and notify me only when a re-check "
                                               "is due"), again)
        accessible(self.autostart_box, self.tr("Check at login"),
                   self.tr("Adds a small start-at-login entry that runs \"exposure-check remind\""))
        rf.addRow(self.autostart_box)
        self.reminder_status = plain_label("", again)
        rf.addRow(self.reminder_status)
        layout.addWidget(again)

        # Network
        net = QGroupBox(self.tr("Network access: none"), body)
        nl = QVBoxLayout(net)
        nl.addWidget(plain_label(self.tr(
            "Exposure Check never connects to the internet: it has no network code, checks no "
            "updates and sends no statistics. You can verify this yourself. On Linux, run it "
            "with no network at all:"), net))
        cmd1 = plain_label("unshare -rn exposure-check", net, selectable=True)
        nl.addWidget(cmd1)
        nl.addWidget(plain_label(self.tr("or watch every network call it makes (there are none):"),
                                 net))
        cmd2 = plain_label("strace -f -e trace=network exposure-check", net, selectable=True)
        nl.addWidget(cmd2)
        for c in (cmd1, cmd2):
            c.setStyleSheet("font-family: monospace;")
        layout.addWidget(net)

        # Wipe
        wipe = QGroupBox(self.tr("Wipe all data"), body)
        wl = QVBoxLayout(wipe)
        wl.addWidget(plain_label(self.tr(
            "Deletes your profile, every audit, your progress and the vault's keys from this "
            "computer. This cannot be undone."), wipe))
        self.wipe_start = QPushButton(self.tr("&Wipe all data…"), wipe)
        self.wipe_start.setAutoDefault(False)
        accessible(self.wipe_start, self.tr("Wipe all data"),
                   self.tr("First step: asks you to confirm"))
        wl.addWidget(self.wipe_start, 0, Qt.AlignmentFlag.AlignLeft)
        self.wipe_confirm_box = QWidget(wipe)
        cl = QVBoxLayout(self.wipe_confirm_box)
        cl.setContentsMargins(0, 0, 0, 0)
        self.wipe_understood = QCheckBox(self.tr(
            "I understand that all my answers, audits and keys will be deleted"),
            self.wipe_confirm_box)
        accessible(self.wipe_understood, self.tr(
            "I understand that all my answers, audits and keys will be deleted"))
        crow = QHBoxLayout()
        self.wipe_cancel = QPushButton(self.tr("Keep my data"), self.wipe_confirm_box)
        accessible(self.wipe_cancel, self.tr("Keep my data"), self.tr("Cancel the wipe"))
        self.wipe_now = QPushButton(self.tr("Delete everything now"), self.wipe_confirm_box)
        accessible(self.wipe_now, self.tr("Delete everything now"),
                   self.tr("Second step: deletes all data at once"))
        self.wipe_now.setEnabled(False)
        for b in (self.wipe_cancel, self.wipe_now):
            b.setAutoDefault(False)
            b.setDefault(False)
        crow.addWidget(self.wipe_cancel)
        crow.addWidget(self.wipe_now)
        crow.addStretch(1)
        cl.addWidget(self.wipe_understood)
        cl.addLayout(crow)
        self.wipe_confirm_box.setVisible(False)
        wl.addWidget(self.wipe_confirm_box)
        self.wipe_status = plain_label("", wipe)
        wl.addWidget(self.wipe_status)
        layout.addWidget(wipe)
        layout.addStretch(1)

        self.change_button.clicked.connect(self.change_passphrase)
        self.recovery_button.clicked.connect(self.new_recovery_key)
        self.language.currentIndexChanged.connect(self._language)
        self.theme.currentIndexChanged.connect(self._theme)
        self.wipe_start.clicked.connect(self._wipe_step1)
        self.wipe_cancel.clicked.connect(self._wipe_cancel)
        self.wipe_understood.toggled.connect(self.wipe_now.setEnabled)
        self.wipe_now.clicked.connect(self._wipe_step2)
        self.recheck_days.valueChanged.connect(self._recheck_days)
        self.reminders_box.toggled.connect(self._reminders)
        self.autostart_box.toggled.connect(self._autostart)
        self.watch(self.session)  # settings and protection are read again when shown
        self._autostart_state()

    def refresh(self) -> None:
        self._dirty = False
        p = self.session.protection
        if not p:
            text = self.tr("The vault is locked.")
        elif p == "passphrase":
            text = self.tr("your passphrase (encrypted with AES-256-GCM; key derived with "
                           "Argon2id)")
        elif p == "recovery key only":
            text = self.tr("your recovery key only")
        else:
            text = self.tr("the system key store: {backend}").format(backend=p)
        self.protection.setText(text)
        settings = self.session.settings()
        self._show(self.recheck_days, self.recheck_lock, settings["recheck_days"])
        self._show(self.reminders_box, self.reminders_lock, settings["reminders"])
        self._show(self.language, self.language_lock, settings["language"])
        self.autostart_box.setEnabled(bool(settings["reminders"].value))

    def lock_text(self, source: str) -> str:
        if source == "policy-locked":
            return self.tr("Set by your administrator for this computer; it cannot be changed "
                           "here.")
        if source == "org-locked":
            return self.tr("Set by your organisation's checklist; it cannot be changed here.")
        return ""

    def _show(self, control: QWidget, note: QLabel, setting: Setting) -> None:
        """Show a setting's value; a locked one is greyed out and says who set it."""
        value, locked = setting.value, setting.locked
        control.blockSignals(True)
        if isinstance(control, QSpinBox) and isinstance(value, int):
            control.setValue(value)
        elif isinstance(control, QCheckBox):
            control.setChecked(bool(value))
        elif isinstance(control, QComboBox) and locked:
            control.setCurrentIndex(max(0, control.findData(value)))
        control.blockSignals(False)
        control.setEnabled(not locked)
        note.setText(self.lock_text(setting.source))
        note.setVisible(bool(locked))

    def _recheck_days(self, days: int) -> None:
        if self.session.vault is None or days == self.session.recheck_days:
            return

        def failed(exc: BaseException) -> None:
            self.reminder_status.setText(describe(exc))

        self.session.set_recheck_days(days, on_error=failed)
        self.reminder_status.setText(self.tr("Saved: re-check every %n day(s).", "", days))

    def _reminders(self, on: bool) -> None:
        prefs.save(reminders=on)
        self.autostart_box.setEnabled(on)
        if not on and self.autostart_box.isChecked():
            self.autostart_box.setChecked(False)  # no login check without reminders
        self.reminder_status.setText(self.tr("Reminders are on.") if on else
                                     self.tr("Reminders are off."))

    def _autostart_state(self) -> None:
        from ..reminders import autostart_enabled

        self.autostart_box.blockSignals(True)
        try:
            self.autostart_box.setChecked(autostart_enabled())
        except OSError:
            self.autostart_box.setChecked(False)
        self.autostart_box.blockSignals(False)

    def _autostart(self, on: bool) -> None:
        from .. import reminders
        from .workers import run_task

        data_dir = self.session.data_dir

        def job() -> None:
            if on:
                reminders.enable_autostart(reminders.remind_command(data_dir))
            else:
                reminders.disable_autostart()

        def done(_: object) -> None:
            self.reminder_status.setText(
                self.tr("Exposure Check will check at login.") if on else
                self.tr("Exposure Check will not run at login."))

        def failed(exc: BaseException) -> None:
            self._autostart_state()
            self.reminder_status.setText(describe(exc))

        run_task(self, job, on_done=done, on_error=failed)

    def change_passphrase(self) -> None:
        new = self.new_pass.text()
        if new != self.new_pass2.text():
            self.key_status.setText(self.tr("The two passphrases are different. Type them again."))
            return
        if len(new) < MIN_PASSPHRASE:
            self.key_status.setText(self.tr("The passphrase needs at least {n} characters.").format(
                n=MIN_PASSPHRASE))
            return
        self.change_button.setEnabled(False)
        self.key_status.setText(self.tr("Changing the passphrase…"))

        def done(_: object) -> None:
            self.change_button.setEnabled(True)
            self.new_pass.clear()
            self.new_pass2.clear()
            self.key_status.setText(self.tr("The passphrase is changed. Use the new one from now "
                                            "on."))

        def failed(exc: BaseException) -> None:
            self.change_button.setEnabled(True)
            self.key_status.setText(describe(exc))

        self.session.change_passphrase(new, on_done=done, on_error=failed)

    def new_recovery_key(self) -> None:
        self.recovery_button.setEnabled(False)

        def done(key: str) -> None:
            self.recovery_button.setEnabled(True)
            self.key_status.setText(self.tr("A new recovery key was made; the old one no longer "
                                            "works."))
            self.recovery_dialog = RecoveryKeyDialog(key, self)
            self.recovery_dialog.open()

        def failed(exc: BaseException) -> None:
            self.recovery_button.setEnabled(True)
            self.key_status.setText(describe(exc))

        self.session.new_recovery_key(on_done=done, on_error=failed)

    def _language(self) -> None:
        chosen = str(self.language.currentData())
        prefs.save(language=chosen)
        if chosen != self.lang:
            self.language_note.setText(self.tr(
                "Saved. Restart Exposure Check to use the new language."))
        else:
            self.language_note.setText(self.tr(
                "Changing the language takes effect when you restart Exposure Check."))

    def _theme(self) -> None:
        chosen = str(self.theme.currentData())
        prefs.save(theme=chosen)
        self.theme_changed.emit(chosen)

    def _wipe_step1(self) -> None:
        self.wipe_understood.setChecked(False)
        self.wipe_confirm_box.setVisible(True)
        self.wipe_cancel.setFocus()

    def _wipe_cancel(self) -> None:
        self.wipe_confirm_box.setVisible(False)
        self.wipe_start.setFocus()

    def _wipe_step2(self) -> None:
        if not self.wipe_understood.isChecked():
            return
        self.wipe_now.setEnabled(False)
        self.wipe_status.setText(self.tr("Deleting…"))

        def done(_: object) -> None:
            self.wipe_confirm_box.setVisible(False)
            self.wipe_status.setText(self.tr("All data was deleted."))
            self.wiped.emit()

        def failed(exc: BaseException) -> None:
            self.wipe_status.setText(describe(exc))

        self.session.wipe(on_done=done, on_error=failed)
