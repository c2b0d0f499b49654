"""Crash handling: a redacted report on disk and a dialog, never the user's answers.

`install()` replaces `sys.excepthook` and `threading.excepthook` (PySide6 reports exceptions
raised in slots through `sys.excepthook` too). A report holds the exception *type*, where it
happened (file, line, function, the source line) and versions. It never holds the exception
message, local variables or arguments: any of those can carry an answer, an employer's name or a
passphrase. No Qt at import: `show_dialog` imports it lazily, for the UI to pass as `on_crash`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any, NamedTuple

from . import __version__, paths

KEEP_REPORTS = 10
_MAX_CHAIN = 5


# NamedTuples, not dataclasses, and `platform` imported when a report is written: the handler
# is installed before the window's first paint, so its imports count in start-up time.
class Frame(NamedTuple):
    file: str
    line: int
    function: str
    code: str


class CrashReport(NamedTuple):
    exc_type: str
    frames: tuple[Frame, ...]
    causes: tuple[tuple[str, tuple[Frame, ...]], ...] = ()
    thread: str = ""
    when: str = ""  # UTC, "%Y-%m-%d %H:%M:%S UTC"; build_report sets it
    path: Path | None = None

    @property
    def where(self) -> str:
        if not self.frames:
            return "?"
        f = self.frames[-1]
        return f"{f.file}:{f.line} in {f.function}"

    def text(self) -> str:
        import platform

        lines = [
            f"Exposure Check {__version__} crash report ({self.when})",
            f"Python {platform.python_version()}, {platform.system()} {platform.release()}",
            f"Thread: {self.thread or 'main'}",
            "The exception message and all variable values are left out on purpose:",
            "they can contain your answers.",
            "",
        ]
        for exc_type, frames in reversed(self.causes):
            lines += _render(exc_type, frames)
            lines += ["", "During handling of the above, another exception occurred:", ""]
        lines += _render(self.exc_type, self.frames)
        return "\n".join(lines) + "\n"


def _render(exc_type: str, frames: tuple[Frame, ...]) -> list[str]:
    out = ["Traceback (most recent call last):"]
    for f in frames:
        out.append(f'  File "{f.file}", line {f.line}, in {f.function}')
        if f.code:
            out.append(f"    {f.code}")
    out.append(f"{exc_type} (message withheld)")
    return out


def _short_path(filename: str) -> str:
    """Paths relative to the package or site-packages; the home dir (a user name) becomes ~."""
    norm = filename.replace("\\", "/")
    for marker in ("/exposure_check/", "/site-packages/", "/lib/python"):
        idx = norm.rfind(marker)
        if idx >= 0:
            return norm[idx + 1:]
    home = str(Path.home()).replace("\\", "/")
    if home and home != "/" and norm.startswith(home):
        return "~" + norm[len(home):]
    return os.path.basename(norm)


def _frames(tb: TracebackType | None) -> tuple[Frame, ...]:
    # lookup_lines=True reads source lines from the file; capture_locals stays False: no values.
    summary = traceback.StackSummary.extract(traceback.walk_tb(tb), capture_locals=False)
    return tuple(Frame(_short_path(fs.filename), fs.lineno or 0, fs.name, (fs.line or "").strip())
                 for fs in summary)


def _type_name(exc_type: type[BaseException]) -> str:
    mod = exc_type.__module__
    return exc_type.__qualname__ if mod in ("builtins", "__main__") else f"{mod}.{exc_type.__qualname__}"


def build_report(exc_type: type[BaseException], exc: BaseException | None,
                 tb: TracebackType | None, thread: str = "") -> CrashReport:
    causes: list[tuple[str, tuple[Frame, ...]]] = []
    seen = {id(exc)}
    link = (exc.__cause__ or exc.__context__) if exc is not None else None
    while link is not None and id(link) not in seen and len(causes) < _MAX_CHAIN:
        seen.add(id(link))
        causes.append((_type_name(type(link)), _frames(link.__traceback__)))
        link = link.__cause__ or link.__context__
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    return CrashReport(_type_name(exc_type), _frames(tb), tuple(causes), thread, when)


def write_report(report: CrashReport, directory: Path | None = None) -> CrashReport:
    """Write the report (0600, in a 0700 dir), keep the newest KEEP_REPORTS; return it with its path."""
    directory = directory or paths.crash_reports_dir()
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S-%f")
    path = directory / f"crash-{stamp}-{os.getpid()}.txt"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(report.text())
    old = sorted(directory.glob("crash-*.txt"))[:-KEEP_REPORTS]
    for stale in old:
        stale.unlink(missing_ok=True)
    return CrashReport(report.exc_type, report.frames, report.causes, report.thread, report.when, path)


OnCrash = Callable[[CrashReport], object]
_installed: dict[str, Any] = {}
_in_handler = threading.local()


def handle(exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None,
           thread: str = "") -> CrashReport | None:
    """What the hooks do: report to disk and stderr (redacted), then the UI callback."""
    if issubclass(exc_type, KeyboardInterrupt | SystemExit):
        return None
    if getattr(_in_handler, "active", False):  # a crash while reporting a crash: stay quiet
        return None
    _in_handler.active = True
    try:
        report = build_report(exc_type, exc, tb, thread)
        with contextlib.suppress(OSError):  # a full or read-only disk must not hide the dialog
            report = write_report(report, _installed.get("directory"))
        sys.stderr.write(report.text())
        if report.path is not None:
            sys.stderr.write(f"Crash report saved to {report.path}\n")
        callback: OnCrash | None = _installed.get("on_crash")
        if callback is not None:
            try:
                callback(report)
            except Exception as cb_exc:  # the dialog itself failed; the report is on disk
                sys.stderr.write(f"crash dialog failed: {type(cb_exc).__name__}\n")
        return report
    finally:
        _in_handler.active = False


def _sys_hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    handle(exc_type, exc, tb)


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread is not None else "?"
    handle(args.exc_type, args.exc_value, args.exc_traceback, thread=name)


def install(on_crash: OnCrash | None = None, directory: Path | None = None) -> None:
    """Route uncaught exceptions (main thread, threads, Qt slots) to `handle`."""
    if "sys" not in _installed:
        _installed["sys"] = sys.excepthook
        _installed["thread"] = threading.excepthook
    _installed["on_crash"] = on_crash
    _installed["directory"] = directory
    sys.excepthook = _sys_hook
    threading.excepthook = _thread_hook


def uninstall() -> None:
    if "sys" in _installed:
        sys.excepthook = _installed.pop("sys")
        threading.excepthook = _installed.pop("thread")
    _installed.clear()


# --- The dialog (Qt imported only when a crash is shown). ---------------------------------------


def build_dialog(report: CrashReport, parent: Any = None) -> Any:
    """A QMessageBox saying what happened and where the redacted report is. No answers in it."""
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QMessageBox

    def tr(text: str) -> str:
        return QCoreApplication.translate("CrashDialog", text)

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setWindowTitle(tr("Exposure Check hit a problem"))
    box.setText(tr("Something went wrong inside Exposure Check. Your saved data is not affected; "
                   "anything not yet saved may be lost."))
    where = report.path if report.path is not None else tr("(could not be saved)")
    box.setInformativeText(
        tr("A crash report was saved to:\n{path}\nIt names the problem ({kind}) and where in the "
           "program it happened. It does not contain your answers, and nothing is sent anywhere. "
           "You can share it with your IT contact if you wish.").format(path=where, kind=report.exc_type))
    box.setDetailedText(report.text())
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.setAccessibleName(tr("Crash report"))
    return box


def _exec_dialog(report: CrashReport) -> None:
    from PySide6.QtWidgets import QApplication

    build_dialog(report, QApplication.activeWindow()).exec()


def _gui_relay() -> Any:
    """A QObject in the GUI thread whose slot shows the dialog (worker threads emit to it)."""
    if "relay" not in _qt:
        from PySide6.QtCore import QObject, Signal, Slot
        from PySide6.QtWidgets import QApplication

        class _Relay(QObject):
            show = Signal(object)

            @Slot(object)
            def on_show(self, report: CrashReport) -> None:
                _exec_dialog(report)

        relay = _Relay()
        relay.moveToThread(QApplication.instance().thread())  # type: ignore[union-attr]
        relay.show.connect(relay.on_show)  # receiver in the GUI thread: a queued call
        _qt["relay"] = relay
    return _qt["relay"]


_qt: dict[str, Any] = {}


def show_dialog(report: CrashReport) -> None:
    """`on_crash` for the GUI: a modal dialog in the GUI thread, when a QApplication exists.

    A crash in a worker thread is handed to the GUI thread (widgets live only there)."""
    from PySide6.QtCore import QThread
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return
    if QThread.currentThread() == app.thread():
        _exec_dialog(report)
    else:
        _gui_relay().show.emit(report)
