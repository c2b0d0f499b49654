"""The UI side of team distribution: the effective pack, its notices, branding and locked settings.

The main window loads `distribution.load_effective_pack()` (policy + org overlay) on a worker; a
refused overlay or a bad policy is said in a banner, an org pack's name/logo/colour show, and a
setting locked by policy or by the org pack is greyed out in Settings with who set it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtGui import QPalette
from ui.uihelpers import FAST_KDF, REPO

from exposure_check import policy
from exposure_check.ui import prefs, scripted
from exposure_check.ui.main_window import MainWindow
from exposure_check.ui.scripted import make_window, settle, wait_until

FIXTURES = REPO / "tests" / "policy" / "fixtures"
PASS = "an organisation passphrase"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private site config dir (where an installer puts policy.toml and org-pack/), the small
    core pack of the policy tests, and no pinned key."""
    site = tmp_path / "site"
    site.mkdir()
    core = tmp_path / "core"
    shutil.copytree(FIXTURES / "core", core)
    monkeypatch.setattr("exposure_check.paths.site_config_dir", lambda: site)
    monkeypatch.setattr("exposure_check.paths.core_pack_dir", lambda: core)
    monkeypatch.setattr(policy, "distribution_dirs", lambda: [tmp_path / "no-distribution"])
    monkeypatch.setattr("exposure_check.distribution.distribution_dirs",
                        lambda: [tmp_path / "no-distribution"])
    monkeypatch.setattr("exposure_check.distribution.bundled_key_file",
                        lambda: tmp_path / "no-key.pem")
    monkeypatch.delenv("EXPOSURE_CHECK_POLICY", raising=False)
    return site


def open_window(qtbot, tmp_path: Path) -> MainWindow:
    w = make_window(tmp_path / "vault", "en", dict(FAST_KDF))
    qtbot.addWidget(w)
    wait_until(lambda: w.welcome is not None, what="the welcome page")
    return w


def test_a_broken_org_pack_is_refused_in_a_banner_and_the_core_pack_runs(
        qtbot, tmp_path: Path, site: Path) -> None:
    org = site / "org-pack"
    org.mkdir()
    (org / "pack.toml").write_text("[pack\nid = 'broken'\n", encoding="utf-8")
    w = open_window(qtbot, tmp_path)
    assert w.notice_bar.isVisible()
    text = " ".join(w.notice_bar.lines)
    assert "refused" in text and "built-in checklist alone" in text
    assert str(org / "pack.toml") in text  # names the file
    assert w.session.pack is not None and w.session.pack.id == "core" and not w.session.pack.overlays
    assert w.windowTitle() == "Exposure Check"  # no branding from a refused pack
    w.notice_bar.close_button.click()
    assert not w.notice_bar.isVisible()
    settle()


def test_an_invalid_policy_is_shown_and_defaults_apply(qtbot, tmp_path: Path, site: Path) -> None:
    (site / "policy.toml").write_text("[locked]\nrecheck_days = 'often'\n", encoding="utf-8")
    w = open_window(qtbot, tmp_path)
    text = " ".join(w.notice_bar.lines)
    assert "could not be read" in text and "policy.toml" in text
    assert w.session.settings()["recheck_days"].source == "default"
    settle()


def test_branding_locks_and_required_passphrase_from_org_pack_and_policy(
        qtbot, tmp_path: Path, site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))  # autostart entries go here
    shutil.copytree(FIXTURES / "acme", site / "org-pack")
    (site / "policy.toml").write_text("[locked]\nreminders = false\n", encoding="utf-8")
    w = open_window(qtbot, tmp_path)
    # An unsigned overlay on a build with no pinned key: used, and the banner says so.
    assert "without a signature check" in " ".join(w.notice_bar.lines)
    assert "Acme Exposure Check" in w.windowTitle()
    assert not w.brand.isHidden() and w.brand_name.text() == "Acme Exposure Check"
    assert not w.brand_logo.pixmap().isNull()
    assert w.palette().color(QPalette.ColorRole.Highlight).name() == "#0a5cad"
    # The org pack sets use_keyring = false: the key-store choice is not offered.
    w.welcome.next_button.click()
    wait_until(lambda: "organisation requires a passphrase" in w.setup.keyring_note.text())
    assert not w.setup.use_keyring.isVisible()
    w.setup.passphrase.setText(PASS)
    w.setup.confirm.setText(PASS)
    w.setup.create_button.click()
    wait_until(lambda: w.recovery_dialog is not None and w.recovery_dialog.isVisible())
    w.recovery_dialog.confirmed.setChecked(True)
    w.recovery_dialog.done_button.click()
    wait_until(lambda: w.current_page() == "profile")
    assert w.session.protection == "passphrase"

    w.show_page("settings")
    view = w.views["settings"]
    # recheck_days is locked by the org pack, reminders by the site policy.
    assert w.session.recheck_days == 90
    assert view.recheck_days.value() == 90 and not view.recheck_days.isEnabled()
    assert "organisation's checklist" in view.recheck_lock.text() and view.recheck_lock.isVisible()
    assert not view.reminders_box.isChecked() and not view.reminders_box.isEnabled()
    assert "administrator" in view.reminders_lock.text()
    assert not view.autostart_box.isEnabled()
    # The language is not locked: the control stays usable and no lock note shows.
    assert view.language.isEnabled() and not view.language_lock.isVisible()
    settle()


def test_recheck_interval_and_reminders_are_user_settings(qtbot, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("EXPOSURE_CHECK_POLICY", raising=False)
    w = make_window(tmp_path / "vault", "en", dict(FAST_KDF))
    qtbot.addWidget(w)
    scripted.first_run(w, PASS)
    w.show_page("settings")
    view = w.views["settings"]
    assert view.recheck_days.isEnabled() and view.recheck_days.value() == 90
    view.recheck_days.setValue(30)
    settle()
    assert w.session.recheck_days == 30
    assert w.session.vault.get_setting("recheck_days") == 30  # kept in the encrypted vault
    view.autostart_box.setChecked(True)
    settle()
    entry = tmp_path / "xdg" / "autostart"
    assert any(entry.glob("*.desktop")), "no autostart entry was written"
    assert "remind" in next(entry.glob("*.desktop")).read_text()
    view.reminders_box.setChecked(False)  # no login check without reminders
    settle()
    assert prefs.load()["reminders"] is False
    assert not view.autostart_box.isChecked() and not any(entry.glob("*.desktop"))
    settle()


def test_recheck_banner_on_launch_when_due(qtbot, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import timedelta

    from PySide6.QtWidgets import QApplication

    from exposure_check.ui import main_window
    from exposure_check.ui.app import install_translator

    assert install_translator(QApplication.instance(), "en")  # English plural forms
    monkeypatch.delenv("EXPOSURE_CHECK_POLICY", raising=False)
    data = tmp_path / "vault"
    keep: list[MainWindow] = []
    scripted.run_scripted_audit(data, passphrase=PASS, create_options=dict(FAST_KDF), keep=keep)
    for old in keep:
        qtbot.addWidget(old)

    def relaunch() -> MainWindow:
        window = make_window(data, "en", dict(FAST_KDF))
        qtbot.addWidget(window)
        scripted.unlock(window, PASS)
        return window

    # Not due yet: no banner.
    w = relaunch()
    assert w.recheck_banner.isHidden()
    w.close()
    settle()
    # 100 days on (the interval is 90): the banner says why, and starts the re-check.
    later = main_window.now() + timedelta(days=100)
    monkeypatch.setattr(main_window, "now", lambda: later)
    w = relaunch()
    assert w.recheck_banner.isVisible()
    text = w.recheck_banner.text.text()
    assert "100 days ago" in text and "2 fixes you marked done need checking again" in text
    assert "(s)" not in text
    w.recheck_banner.start.click()
    assert w.current_page() == "audit" and w.recheck_banner.isHidden()
    # "Later" hides it for this launch only; turned off in settings, it never shows.
    w.close()
    settle()
    prefs.save(reminders=False)
    w = relaunch()
    assert w.recheck_banner.isHidden()
    w.close()
    settle()


def test_a_locked_language_applies_before_the_first_page(qtbot, tmp_path: Path, site: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from exposure_check.ui.app import install_translator
    from exposure_check.ui.session import Session

    (site / "policy.toml").write_text('[locked]\nlanguage = "zh_CN"\n', encoding="utf-8")
    prefs.save(language="en")  # the user's own choice loses to a locked policy
    try:
        w = MainWindow(locale="en", session=Session(tmp_path / "vault", create_options=dict(FAST_KDF)),
                       follow_policy_language=True)
        qtbot.addWidget(w)
        w.show()
        w.start_loading()
        wait_until(lambda: w.welcome is not None, what="the welcome page")
        assert w.ui_locale == "zh_CN"
        assert w.welcome.next_button.text() == "继续(&C)"  # the welcome page speaks Chinese
        assert w.session.settings()["language"].locked
        settle()
    finally:
        install_translator(QApplication.instance(), "en")


def test_tray_notification_when_the_desktop_has_a_tray(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QSystemTrayIcon

    w = MainWindow(locale="en")
    qtbot.addWidget(w)
    w._build_app_page()  # what start_loading does first (the banner and sidebar)
    w._notify("no tray here")  # offscreen has no tray: nothing is created
    assert w.tray is None
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    monkeypatch.setattr(QSystemTrayIcon, "supportsMessages", staticmethod(lambda: True))
    monkeypatch.setattr(QSystemTrayIcon, "show", lambda self: None)
    monkeypatch.setattr(QSystemTrayIcon, "showMessage",
                        lambda self, title, text, *a: shown.append((title, text)))
    w._notify("Time to re-check: your last audit was 100 days ago.")
    assert w.tray is not None and shown == [("Time to re-check",
                                             "Time to re-check: your last audit was 100 days ago.")]
    w._recheck_dismissed()


def test_org_security_contact_in_the_plan(qtbot, tmp_path: Path, site: Path) -> None:
    shutil.copytree(FIXTURES / "acme", site / "org-pack")
    w = open_window(qtbot, tmp_path)
    from exposure_check.ui.plan_view import PlanView

    view = PlanView(w.session, "en")
    qtbot.addWidget(view)
    assert "Acme Security Team" in view.contact.text()
    assert "security@acme.example" in view.contact.text() and "+44 20 7946 0000" in view.contact.text()
    assert "Report any approach to the Acme Security Team." in view.contact.text()
    assert not view.contact.isHidden()
    settle()
