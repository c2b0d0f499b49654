"""The crash handler: a redacted report (no messages, no values), 0600 on disk, and a plain dialog."""

from __future__ import annotations

import stat
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from exposure_check import crash, paths

CANARY = "CANARY-answer-Acme-Secret-Lab-7731"


def _raise_with_canary() -> None:
    employer = CANARY  # a local value holding an "answer"
    answers = {"affiliation.linkedin.employer-visible": employer}
    raise ValueError(f"bad answer {answers[next(iter(answers))]}")


def _caught() -> tuple[type[BaseException], BaseException, object]:
    try:
        try:
            _raise_with_canary()
        except ValueError as inner:
            raise KeyError(CANARY) from inner
    except KeyError as exc:
        return type(exc), exc, exc.__traceback__
    raise AssertionError("unreachable")


@pytest.fixture
def installed(tmp_path: Path):
    seen: list[crash.CrashReport] = []
    crash.install(on_crash=seen.append, directory=tmp_path / "reports")
    yield seen, tmp_path / "reports"
    crash.uninstall()


def test_report_names_type_and_place_but_no_message_or_values(installed, capsys) -> None:
    seen, directory = installed
    exc_type, exc, tb = _caught()
    sys.excepthook(exc_type, exc, tb)  # type: ignore[arg-type]
    assert len(seen) == 1
    report = seen[0]
    text = report.text()
    assert report.exc_type == "KeyError"
    assert "ValueError" in text  # the cause chain is kept, as types
    assert "_raise_with_canary" in text and "test_crash_handler.py" in text
    assert "message withheld" in text
    files = list(directory.iterdir())
    assert len(files) == 1 and files[0] == report.path
    on_disk = files[0].read_text(encoding="utf-8")
    captured = capsys.readouterr()
    for blob in (text, on_disk, captured.out, captured.err):
        assert CANARY not in blob
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700


def test_source_lines_with_fstrings_show_code_not_values(installed) -> None:
    seen, _ = installed
    exc_type, exc, tb = _caught()
    crash.handle(exc_type, exc, tb)  # type: ignore[arg-type]
    text = seen[0].text()
    assert 'raise ValueError(f"bad answer {answers[next(iter(answers))]}")' in text
    assert CANARY not in text


def test_thread_exceptions_are_reported(installed) -> None:
    seen, _ = installed

    def worker() -> None:
        _raise_with_canary()

    t = threading.Thread(target=worker, name="pack-loader")
    t.start()
    t.join()
    assert [r.thread for r in seen] == ["pack-loader"]
    assert CANARY not in seen[0].text()


def test_old_reports_are_pruned(tmp_path: Path) -> None:
    exc_type, exc, tb = _caught()
    for _ in range(crash.KEEP_REPORTS + 4):
        crash.write_report(crash.build_report(exc_type, exc, tb), tmp_path)  # type: ignore[arg-type]
    assert len(list(tmp_path.glob("crash-*.txt"))) == crash.KEEP_REPORTS


def test_callback_failure_and_unwritable_dir_do_not_escape(tmp_path: Path, capsys) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")

    def broken(_report: crash.CrashReport) -> None:
        raise RuntimeError(CANARY)

    crash.install(on_crash=broken, directory=blocker / "reports")
    try:
        exc_type, exc, tb = _caught()
        report = crash.handle(exc_type, exc, tb)  # type: ignore[arg-type]
    finally:
        crash.uninstall()
    assert report is not None and report.path is None
    err = capsys.readouterr().err
    assert "crash dialog failed: RuntimeError" in err and CANARY not in err


def test_default_directory_follows_the_data_dir() -> None:
    exc_type, exc, tb = _caught()
    report = crash.write_report(crash.build_report(exc_type, exc, tb))  # type: ignore[arg-type]
    assert report.path is not None and report.path.parent == paths.crash_reports_dir()
    assert paths.crash_reports_dir().is_relative_to(paths.data_dir())


def test_dialog_is_plain_text_without_answers(qtbot) -> None:
    from PySide6.QtCore import Qt

    exc_type, exc, tb = _caught()
    report = crash.build_report(exc_type, exc, tb)  # type: ignore[arg-type]
    box = crash.build_dialog(report)
    qtbot.addWidget(box)
    assert box.textFormat() == Qt.TextFormat.PlainText
    shown = "\n".join([box.windowTitle(), box.text(), box.informativeText(), box.detailedText()])
    assert "KeyError" in shown and CANARY not in shown
    assert "does not contain your answers" in shown


def test_crash_module_imports_no_qt_and_real_crash_exits_nonzero(tmp_path: Path) -> None:
    """An uncaught exception in a fresh interpreter: report written, no canary, no Qt loaded."""
    code = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from exposure_check import crash
        crash.install(directory=Path({str(tmp_path)!r}))
        assert not [m for m in sys.modules if m.startswith("PySide6")]
        secret = {CANARY!r}
        raise RuntimeError("failed for " + secret)
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "RuntimeError (message withheld)" in result.stderr
    assert CANARY not in result.stderr + result.stdout
    (report,) = tmp_path.glob("crash-*.txt")
    assert CANARY not in report.read_text(encoding="utf-8")


def test_worker_thread_crash_shows_the_dialog_in_the_gui_thread(qtbot, tmp_path: Path,
                                                                  monkeypatch) -> None:
    from PySide6.QtCore import QThread
    from PySide6.QtWidgets import QApplication

    shown: list[tuple[str, bool]] = []

    def fake_exec(report: crash.CrashReport) -> None:  # exec() would block the test
        shown.append((report.exc_type, QThread.currentThread() == QApplication.instance().thread()))

    monkeypatch.setattr(crash, "_exec_dialog", fake_exec)
    crash.install(on_crash=crash.show_dialog, directory=tmp_path)
    try:
        t = threading.Thread(target=_raise_with_canary, name="vault-writer")
        t.start()
        t.join()
        qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    finally:
        crash.uninstall()
    assert shown == [("ValueError", True)]
