"""Application start-up: one QApplication, translations, then the main window (shown first).

Benchmark hook: with EXPOSURE_CHECK_BENCH_EXIT_AT_IDLE=1 the app prints
`EXPOSURE_CHECK_FIRST_IDLE <seconds since process start>` after the first paint and the first
idle turn of the event loop, then quits.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QObject, QTimer, QTranslator
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from .. import APP_ID, APP_NAME, ORG_NAME, __version__, paths
from . import prefs

_translators: list[QTranslator] = []


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    # Qt's raster engine hands each large fill (a page background, a gradient) to a thread pool
    # and waits for it. On a busy machine (two cores, a KDF or a review running) the GUI thread
    # then waits for a pool thread to be scheduled: painting on the GUI thread alone is quicker.
    # Qt reads it once, when it first wants the pool.
    os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")
    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication(argv if argv is not None else sys.argv[:1])
    # Workers run Python too (vault, imports): let the GUI thread take the GIL back sooner than
    # the default 5 ms, so a busy worker cannot hold up painting and input.
    sys.setswitchinterval(0.001)
    app.setDesktopFileName(APP_ID)
    return app


def install_translator(app: QCoreApplication, locale: str) -> bool:
    """Load our .qm (and Qt's own, for standard dialogs) for zh_CN; English loads only its
    plural forms ("1 day", "2 days"), from exposure_check_en.qm."""
    for old in _translators:
        app.removeTranslator(old)
    _translators.clear()
    locale = "zh_CN" if locale == "zh_CN" else "en"
    ours = QTranslator(app)
    ok = ours.load(str(paths.translations_dir() / f"exposure_check_{locale}.qm"))
    if ok:
        app.installTranslator(ours)
        _translators.append(ours)
    if locale == "en":
        return ok
    qt = QTranslator(app)
    if qt.load(f"qtbase_{locale}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _translators.append(qt)
    return ok


def apply_theme(name: str) -> None:
    hints = QGuiApplication.styleHints()
    if name == "system":  # the default: no `Qt` enums before the first paint (start-up time)
        hints.unsetColorScheme()
        return
    from PySide6.QtCore import Qt

    hints.setColorScheme({"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}.get(
        name, Qt.ColorScheme.Unknown))


class _FirstPaint(QObject):
    """Runs `then` in the first idle turn after the window's first paint."""

    def __init__(self, then: Callable[[], None]) -> None:
        super().__init__()
        self.then = then
        self.fired = False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Paint and not self.fired:
            QTimer.singleShot(0, self.fire)
        return False

    def fire(self) -> None:
        if not self.fired:
            self.fired = True
            self.then()


def run_gui(locale: str | None = None) -> int:
    start = time.perf_counter()
    from .. import crash, tempdir

    # A crash leaves a redacted report (no answers, no messages) and a plain dialog; temp files go
    # to a private 0700 folder removed on exit (and at the next start if we were killed).
    crash.install(on_crash=crash.show_dialog)
    tempdir.install()
    app = make_app()
    app.aboutToQuit.connect(tempdir.cleanup)
    ui_locale = prefs.language(locale)
    install_translator(app, ui_locale)
    apply_theme(prefs.theme())
    from .main_window import MainWindow

    window = MainWindow(locale=ui_locale, follow_policy_language=locale is None)
    bench = os.environ.get("EXPOSURE_CHECK_BENCH_EXIT_AT_IDLE") == "1"
    if bench:
        def after_paint() -> None:
            print(f"EXPOSURE_CHECK_FIRST_IDLE {time.perf_counter() - start:.4f}", flush=True)
            QCoreApplication.quit()
    else:
        # Everything slow (pack validation, keyring, KDF) starts once the window is on screen,
        # so no worker thread competes with the first paint.
        after_paint = window.start_loading
    probe = _FirstPaint(after_paint)
    if not bench:  # a window that is never painted (started minimised, say) still loads
        QTimer.singleShot(1000, probe.fire)
    window.installEventFilter(probe)
    window.show()
    return app.exec()
