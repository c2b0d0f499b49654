"""The login-time path stays light: reminders, backup and the remind/report/backup commands
import no Qt until a notification or a PDF is really needed."""

from __future__ import annotations

import subprocess
import sys


def test_remind_path_imports_no_qt() -> None:
    code = (
        "import sys\n"
        "import exposure_check.reminders, exposure_check.storage.backup\n"
        "import exposure_check.core.history, exposure_check.core.report, exposure_check.core.ics\n"
        "import exposure_check.cli.remind, exposure_check.cli.report, exposure_check.cli.backup\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_notification_needs_a_display(qapp, monkeypatch) -> None:
    from exposure_check.ui import notify

    # Offscreen (the test platform) is no display; a Linux session without DISPLAY is none either.
    assert not notify.display_available()
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    if sys.platform.startswith("linux"):
        assert not notify.display_available()
        monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
        assert notify.display_available()
    # No system tray under offscreen: nothing is shown, and it says so.
    assert notify.show_recheck_notification("due", timeout_ms=10) is False
