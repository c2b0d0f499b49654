"""PDF reports: the report's HTML laid out by QTextDocument and printed with QPdfWriter (QtGui).

Chinese needs a font that has the glyphs: a Noto Sans CJK / Source Han / system CJK family is
picked when one is installed, otherwise Qt's own font fallback is left to find one (and the
text may show as boxes if the system has none — the JSON/HTML reports are the fallback).
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QSizeF
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
)

from ..core.report import Report, message, to_html

# Preferred families, best first; the first installed one wins.
CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN",
                "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "WenQuanYi Micro Hei",
                "Noto Serif CJK SC", "SimSun")
LATIN_FAMILIES = ("Noto Sans", "DejaVu Sans", "Liberation Sans", "Arial", "Helvetica")


def ensure_gui_app() -> QGuiApplication:
    """Fonts and QPdfWriter need a QGuiApplication; the CLI has none, so make a headless one."""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        return app
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY")
                                                  or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QGuiApplication(["exposure-check"])


def pick_family(locale: str) -> str | None:
    families = set(QFontDatabase.families())
    if locale.startswith("zh"):
        for name in CJK_FAMILIES:
            if name in families:
                return name
        for name in sorted(families):  # any family that claims simplified Chinese
            if QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(name):
                return name
        return None
    for name in LATIN_FAMILIES:
        if name in families:
            return name
    return None


def render_pdf(report: Report) -> bytes:
    """The report as PDF bytes (A4, 15 mm margins)."""
    ensure_gui_app()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait, QMarginsF(15, 15, 15, 15),
                                     QPageLayout.Unit.Millimeter))
    writer.setResolution(300)
    writer.setTitle(message(report.locale, "title_redacted" if report.redacted else "title"))
    writer.setCreator("Exposure Check")
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)  # lay out in the PDF's DPI, not the screen's
    family = pick_family(report.locale)
    font = QFont(family) if family else QFont()
    font.setPointSizeF(10.0)
    doc.setDefaultFont(font)
    # QTextDocument's CSS has no @font-face; the body's sans-serif would override the default
    # font, so name the chosen family in the style sheet as well.
    html = to_html(report)
    if family:
        html = html.replace("font-family: sans-serif;", f"font-family: '{family}', sans-serif;", 1)
    doc.setHtml(html)
    layout = writer.pageLayout()
    rect = layout.paintRectPixels(writer.resolution())
    doc.setPageSize(QSizeF(rect.width(), rect.height()))
    doc.print_(writer)
    del writer  # finishes the PDF
    buffer.close()
    data: QByteArray = buffer.data()
    return bytes(data.data())

