"""A desktop notification for `exposure-check remind`, through the system tray (QtWidgets).

Used at login, so it is tiny: one QApplication, one tray icon, one message, then quit.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSystemTrayIcon

SHOW_MS = 10_000


def display_available() -> bool:
    """Whether a GUI session is there to show anything (Linux needs X11 or Wayland)."""
    if os.environ.get("QT_QPA_PLATFORM", "") in ("offscreen", "minimal"):
        return False
    if sys.platform.startswith("linux") or sys.platform.startswith("freebsd"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def _icon() -> QIcon:
    from .. import paths

    svg = paths.icons_dir() / "exposure-check.svg"
    icon = QIcon(str(svg)) if svg.exists() else QIcon()
    return icon if not icon.isNull() else QIcon.fromTheme("dialog-information")


def show_recheck_notification(message: str, *, timeout_ms: int = SHOW_MS) -> bool:
    """Show "a re-check is due" with `message`; False when no tray can show it."""
    from .app import make_app

    app = make_app()
    title = QCoreApplication.translate("Notify", "Exposure Check: time to re-check")
    if not (QSystemTrayIcon.isSystemTrayAvailable() and QSystemTrayIcon.supportsMessages()):
        return False
    tray = QSystemTrayIcon(_icon())
    tray.setToolTip(title)
    tray.show()
    tray.messageClicked.connect(app.quit)
    tray.showMessage(title, message, QSystemTrayIcon.MessageIcon.Information, timeout_ms)
    QTimer.singleShot(timeout_ms + 500, app.quit)
    app.exec()
    tray.hide()
    return True
