"""E2E set-up: Qt's raster helper threads starve on this shared 2-core machine during thousands
of synchronous repaints from key events, so paint on the GUI thread alone in these tests."""

import os

os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")

import exposure_check.ui  # noqa: E402,F401  (the PySide6/3.11 None-refcount guard)
