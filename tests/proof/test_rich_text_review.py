"""Security review: pack and policy text is never rendered as rich text, and nothing remote loads.

Two checks. A static scan of exposure_check/ui for the APIs that render HTML/Markdown or follow
links; each use must be justified (an inline `# rich-text-ok: why` comment, or the allowlist
below). And a runtime check: a hostile pack whose texts carry HTML is shown in the main window,
and every widget displaying that text must show it literally (plain text).
"""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
UI = REPO / "exposure_check" / "ui"
RISKY = re.compile(r"setHtml|insertHtml|toHtml\(\)|RichText|MarkdownText|setMarkdown|insertMarkdown|"
                   r"setOpenExternalLinks\(\s*True|setSource\(|loadResource|QWebEngine|QNetwork")
# (file relative to the repo, a snippet of the line): why it is safe.
ALLOWED = {
    ("exposure_check/ui/main_window.py", "setTextFormat(Qt.TextFormat.RichText)"):
        "the title label shows only the constant app name, never pack or policy text",
    ("exposure_check/ui/pdf.py", "doc.setHtml(html)"):
        "the PDF lays out core.report.to_html(), which escapes every pack and answer string and "
        "is self-contained (tests/history/test_history_report.py checks both); QTextDocument "
        "fetches nothing over the network",
}
MARK = "ZZMARK"
PAYLOAD = f"{MARK}<img src='https://evil.example/x.png'><a href='https://evil.example'>go</a>ZZEND"


def _risky_lines() -> list[tuple[str, int, str]]:
    found = []
    for path in sorted(UI.rglob("*.py")):
        rel = path.relative_to(REPO).as_posix()
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if RISKY.search(code):
                found.append((rel, lineno, line))
    return found


def test_every_rich_text_use_in_the_ui_is_justified() -> None:
    unjustified = []
    for rel, lineno, line in _risky_lines():
        if "rich-text-ok:" in line:
            continue
        if any(rel == f and snippet in line for (f, snippet) in ALLOWED):
            continue
        unjustified.append(f"{rel}:{lineno}: {line.strip()}")
    assert not unjustified, ("rich text / remote resource APIs without a `# rich-text-ok: why` "
                             "comment:\n" + "\n".join(unjustified))


# Reviewed hand-offs of a web address to the user's own browser: (file, function): why it is fine.
ALLOWED_OPEN = {
    ("selfsearch_view.py", "open_current"):
        "self-search: the user presses 'Open in browser' for a query they can read first; a "
        "first-time notice per site says who receives it; an org policy can turn it off. The app "
        "itself opens no connection (the strace proof covers the app, not the browser).",
}


def test_ui_never_opens_remote_urls() -> None:
    """openUrl/webbrowser may only open local files (a saved report), never an http(s) URL,
    except in the reviewed, user-initiated hand-offs listed in ALLOWED_OPEN."""
    offenders = []
    for path in sorted(UI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for func in ast.walk(tree):
            if isinstance(func, ast.FunctionDef) and (path.name, func.name) in ALLOWED_OPEN:
                func.body = []  # reviewed: skip its body
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
                if any(n.split(".")[0] == "webbrowser" for n in names):
                    offenders.append(f"{path.name}:{node.lineno}: imports webbrowser")
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "openUrl"):
                arg = ast.unparse(node.args[0]) if node.args else ""
                if "fromLocalFile" not in arg:
                    offenders.append(f"{path.name}:{node.lineno}: openUrl({arg})")
    assert not offenders, "\n".join(offenders)


def test_scanner_catches_a_rich_text_use(tmp_path: Path) -> None:
    """The pattern is not vacuous: the calls we worry about match it."""
    for line in ("label.setTextFormat(Qt.TextFormat.RichText)", "view.setHtml(item.why)",
                 "doc.setMarkdown(text)", "lbl.setOpenExternalLinks(True)"):
        assert RISKY.search(line), line
    assert not RISKY.search("label.setTextFormat(Qt.TextFormat.PlainText)")


@pytest.fixture
def hostile_pack(tmp_path: Path):
    """The built-in pack with HTML (a remote image and a link) put in front of every text."""
    core = tmp_path / "core"
    shutil.copytree(REPO / "resources" / "packs" / "core", core)
    for toml in core.rglob("*.toml"):
        text = toml.read_text(encoding="utf-8")
        text = re.sub(r'^((?:name|question|why|text|label|title)\s*=\s*")',
                      lambda m: m.group(1) + PAYLOAD.replace('"', "'"), text, flags=re.M)
        toml.write_text(text, encoding="utf-8")
    from exposure_check.core.packs import PackError, load_pack

    try:
        return load_pack(core)  # valid: only its text is hostile
    except PackError as exc:
        pytest.skip(f"the built-in pack does not load right now: {str(exc)[:200]}")


def _shown_texts(root) -> list[tuple[str, str, bool]]:
    """(widget class, text, rendered literally) for every widget showing the marker."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import Qt as GuiQt
    from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

    out = []
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        if isinstance(w, QLabel) and MARK in w.text():
            fmt = w.textFormat()
            literal = fmt == Qt.TextFormat.PlainText or (
                fmt == Qt.TextFormat.AutoText and not GuiQt.mightBeRichText(w.text()))
            out.append((type(w).__name__, w.text(), literal))
        elif isinstance(w, QTextEdit) and MARK in w.toPlainText():
            out.append((type(w).__name__, w.toPlainText(), "<img" in w.toPlainText()))
        elif isinstance(w, QAbstractButton | QLineEdit | QPlainTextEdit):
            text = w.toPlainText() if isinstance(w, QPlainTextEdit) else w.text()
            if MARK in text:
                out.append((type(w).__name__, text, True))  # these never render markup
    return out


def test_hostile_pack_text_is_shown_literally(qtbot, tmp_path: Path, hostile_pack) -> None:
    """Through the real flow (first run, profile, every question, results, plan), every widget
    showing pack text shows the markup literally."""
    from ui.uihelpers import FAST_KDF

    from exposure_check.ui import scripted
    from exposure_check.ui.main_window import MainWindow
    from exposure_check.ui.session import Session

    session = Session(tmp_path / "vault", create_options=dict(FAST_KDF),
                      pack_loader=lambda: hostile_pack)
    window = MainWindow(locale="en", session=session)
    qtbot.addWidget(window)
    window.show()
    window.start_loading()
    shown: list[tuple[str, str, bool]] = []
    scripted.first_run(window, "hostile pack passphrase")
    shown += _shown_texts(window)  # the profile page: platform and question labels
    scripted.fill_profile(window)
    shown += _shown_texts(window)  # the audit page: questions, why, options
    scripted.answer_everything(window)
    shown += _shown_texts(window)  # results
    window.show_page("plan")
    shown += _shown_texts(window)
    scripted.settle()
    assert len(shown) > 10, "the window shows too little pack text for this check to mean much"
    rendered = sorted({f"{cls}: {text[:70]}" for cls, text, literal in shown if not literal})
    assert not rendered, "pack text rendered as rich text:\n" + "\n".join(rendered)
