"""Shared test helpers for the UI tests: a cheap-KDF real vault, a small pack, visible texts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTableWidget,
    QTreeWidget,
    QWidget,
)

from exposure_check.storage.keys import KdfParams

# Cheap Argon2id for tests only; the shipped cost is keys.DEFAULT_KDF.
FAST_KDF = {"kdf": KdfParams(iterations=1, memory_kib=8 * 1024, lanes=1)}
REPO = Path(__file__).resolve().parents[2]
MINI_PACK = REPO / "tests" / "core" / "fixtures" / "mini"

INTERACTIVE = (QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QListWidget, QTreeWidget,
               QTableWidget)


def interactive_widgets(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget)
            if isinstance(w, INTERACTIVE) and w.isVisibleTo(root)
            and type(w).__name__ not in ("QScrollBar",) and w.objectName() != "qt_scrollarea_viewport"
            and not w.objectName().startswith("qt_")
            and not isinstance(w.parent(), QLineEdit | QComboBox)]  # Qt's own inner buttons


def unnamed_controls(root: QWidget) -> list[str]:
    """Interactive controls without an accessible name and description (Qt's own parts aside)."""
    bad = []
    for w in interactive_widgets(root):
        if not w.accessibleName() or not w.accessibleDescription():
            text = getattr(w, "text", lambda: "")()
            bad.append(f"{type(w).__name__}({text!r})")
    return bad


def visible_texts(root: QWidget) -> list[str]:
    out: list[str] = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisible():
            continue
        if isinstance(w, QLabel | QAbstractButton):
            out.append(w.text())
        elif isinstance(w, QGroupBox):
            out.append(w.title())
        elif isinstance(w, QComboBox):
            out.append(w.currentText())
        elif isinstance(w, QLineEdit):
            out.append(w.placeholderText())
        elif isinstance(w, QListWidget):
            out.extend(w.item(i).text() for i in range(w.count()))
        elif isinstance(w, QTreeWidget):
            for i in range(w.topLevelItemCount()):
                out.append(w.topLevelItem(i).text(0))
        elif isinstance(w, QTableWidget):
            out.extend(w.horizontalHeaderItem(i).text() for i in range(w.columnCount()))
    return [t for t in out if t]


def session_kwargs(data_dir: Path) -> dict[str, Any]:
    return {"create_options": dict(FAST_KDF)}
