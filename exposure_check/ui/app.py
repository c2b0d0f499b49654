"""Application start-up: one QApplication, translations, then the main window (shown first)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QLocale, QTimer
from PySide6.QtWidgets import QApplication

from .. import APP_ID, APP_NAME, ORG_NAME, __version__


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setDesktopFileName(APP_ID)
    return app


def run_gui(locale: str | None = None) -> int:
    app = make_app()
    from .main_window import MainWindow

    window = MainWindow(locale=locale or QLocale.system().name())
    window.show()
    # Everything slow (pack validation, keyring, KDF) happens after the first paint.
    QTimer.singleShot(0, window.start_loading)
    return app.exec()
