#!/usr/bin/env python3
"""Open the real window on one page with demo answers, for README screenshots.

    ../shared/tools/screenshot docs/screenshots/plan-en.png --wait 8 -- \
        .venv/bin/python scripts/screenshots.py --page plan --locale en

Uses a throwaway data dir and a passphrase vault (cheap KDF); never touches the user's data.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PAGES = ("welcome", "setup", "profile", "audit", "results", "plan", "settings", "selfsearch",
         "history", "reviewer", "approach")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--page", choices=PAGES, default="welcome")
    ap.add_argument("--locale", choices=("en", "zh_CN"), default="en")
    ap.add_argument("--recheck-due", action="store_true",
                    help="after the audit, move the clock 100 days on to show the re-check banner")
    ap.add_argument("--high-contrast", action="store_true",
                    help="a black-on-white-inverted high-contrast palette")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="ec-shot-"))
    os.environ["EXPOSURE_CHECK_DATA_DIR"] = str(tmp / "data")
    os.environ["EXPOSURE_CHECK_CONFIG_DIR"] = str(tmp / "config")
    os.environ["EXPOSURE_CHECK_RUNTIME_DIR"] = str(tmp / "run")
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

    from exposure_check.storage.keys import KdfParams
    from exposure_check.ui import scripted
    from exposure_check.ui.app import install_translator, make_app

    app = make_app()
    if args.high_contrast:
        from PySide6.QtGui import QColor, QPalette

        pal = QPalette()
        for role, colour in ((QPalette.ColorRole.Window, "#000000"),
                             (QPalette.ColorRole.WindowText, "#ffffff"),
                             (QPalette.ColorRole.Base, "#000000"),
                             (QPalette.ColorRole.Text, "#ffffff"),
                             (QPalette.ColorRole.Button, "#000000"),
                             (QPalette.ColorRole.ButtonText, "#ffff00"),
                             (QPalette.ColorRole.Highlight, "#00ffff"),
                             (QPalette.ColorRole.HighlightedText, "#000000"),
                             (QPalette.ColorRole.Mid, "#808080")):
            pal.setColor(role, QColor(colour))
        app.setPalette(pal)
    install_translator(app, args.locale)
    kdf = {"kdf": KdfParams(iterations=1, memory_kib=8 * 1024, lanes=1)}
    window = scripted.make_window(tmp / "data", args.locale, kdf)
    scale = float(os.environ.get("QT_SCALE_FACTOR", "1") or 1)
    window.resize(int(1180 / scale * 1.5), int(800 / scale * 1.6)) if scale > 1 else \
        window.resize(1180, 800)
    scripted.wait_until(lambda: window.welcome is not None)
    if args.page != "welcome":
        window.welcome.next_button.click()
    if args.page not in ("welcome", "setup"):
        scripted.first_run(window, "demo passphrase for screenshots")
        window.activateWindow()
    if args.page not in ("welcome", "setup", "profile"):
        scripted.fill_profile(window)
    if args.page == "audit":
        view = window.views["audit"]
        first = next(iter(view.groups.values()))
        first.buttons()[0].setChecked(True)
        from exposure_check.ui.controls import Foldout

        foldouts = view.findChildren(Foldout)
        if foldouts:
            foldouts[0].button.setChecked(True)
    if args.page in ("results", "plan", "settings", "selfsearch", "history", "reviewer", "approach"):
        scripted.answer_everything(window)
    if args.page == "plan":
        scripted.mark_two_done(window)
        window.show_page("plan")
    if args.recheck_due:
        from datetime import timedelta

        from exposure_check.ui import main_window

        later = main_window.now() + timedelta(days=100)
        main_window.now = lambda: later  # as at the next launch, 100 days on
        window._recheck_shown = False
        window._check_recheck()
    if args.page in ("settings", "selfsearch", "history", "reviewer", "approach"):
        from PySide6.QtCore import QTimer

        # Optional pages are built one per event-loop turn after entering; show once they exist.
        QTimer.singleShot(1500, lambda: window.show_page(args.page))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
