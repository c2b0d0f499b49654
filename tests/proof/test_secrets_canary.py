"""Canary tests: a secret placed where the app handles it must never show up in logs, on stderr,
in crash reports or dialogs, or in plaintext anywhere on disk.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CANARY = "CANARY-7f3a-Acme-Secret-Lab"


def test_exception_in_a_qt_slot_reaches_the_crash_handler_without_the_canary(tmp_path: Path) -> None:
    """The real path: an exception inside a Qt slot, while the app holds an answer in a local."""
    code = textwrap.dedent(f"""
        import json, sys
        from pathlib import Path
        from PySide6.QtCore import QTimer
        from exposure_check import crash
        from exposure_check.ui.app import make_app
        from exposure_check.ui.main_window import MainWindow
        app = make_app()
        seen = []
        def on_crash(report):
            box = crash.build_dialog(report)
            seen.append([box.windowTitle(), box.text(), box.informativeText(), box.detailedText(),
                         str(report.path)])
        crash.install(on_crash=on_crash, directory=Path({str(tmp_path / "reports")!r}))
        window = MainWindow(locale="en")
        window.show()
        def save_answer():
            answer = {{"affiliation.employer": {CANARY!r}}}
            raise ValueError("could not save " + json.dumps(answer))
        QTimer.singleShot(0, save_answer)
        QTimer.singleShot(300, app.quit)
        app.exec()
        print(json.dumps(seen))
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                            env=env)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert len(seen) == 1, "the slot's exception did not reach the crash handler"
    title, text, info, detail, path = seen[0]
    assert "ValueError" in info + detail and "save_answer" in detail
    report = Path(path).read_text(encoding="utf-8")
    for blob in (title, text, info, detail, report, result.stderr, result.stdout):
        assert CANARY not in blob


def _cli(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "exposure_check", *args], capture_output=True,
                          text=True, timeout=180, env=env, cwd=REPO)


def _subcommands() -> set[str]:
    from exposure_check.cli import build_parser

    return set(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]


def _scan_tree(root: Path, needles: tuple[str, ...] = (CANARY,)) -> tuple[list[str], list[str]]:
    """(files holding a needle in plaintext, files or dirs with loose permissions)."""
    leaks, loose = [], []
    for p in [root, *root.rglob("*")]:
        mode = stat.S_IMODE(p.lstat().st_mode)
        if p.is_dir():
            if mode & 0o077:
                loose.append(f"{p} {oct(mode)}")
        elif p.is_file():
            if mode & 0o077:
                loose.append(f"{p} {oct(mode)}")
            data = p.read_bytes()
            for needle in needles:
                if needle.encode() in data or needle.encode("utf-16-le") in data:
                    leaks.append(f"{p}: {needle}")
    return leaks, loose


def test_passphrase_canary_never_leaves_memory(tmp_path: Path) -> None:
    """Record an audit with the canary as the passphrase; it must appear nowhere on disk or stderr.
    Which item was answered is itself an answer: its ID must not be on disk in plaintext either.
    Every file the app wrote must be 0600 in 0700 dirs."""
    if "audit" not in _subcommands():
        pytest.skip("`audit record` is not built yet (vault/CLI engineers)")
    data = tmp_path / "data"
    env = {**os.environ, "EXPOSURE_CHECK_DATA_DIR": str(data), "EXPOSURE_CHECK_PASSPHRASE": CANARY,
           "QT_QPA_PLATFORM": "offscreen"}
    exported = _cli(["pack", "export", "--json"], env)
    if exported.returncode != 0:
        pytest.skip(f"the core pack does not load right now: {exported.stderr.strip()[:200]}")
    pack = json.loads(exported.stdout)
    item = pack["items"][0]
    answers = {"profile": {}, "answers": {item["id"]: item["options"][0]["id"]}}
    answers_file = tmp_path / "answers.json"
    answers_file.write_text(json.dumps(answers), encoding="utf-8")
    outputs = [_cli(["audit", "record", "--answers", str(answers_file)], env)]
    if outputs[0].returncode != 0:
        assert CANARY not in outputs[0].stderr + outputs[0].stdout
        pytest.skip(f"`audit record` refused the contract input: {outputs[0].stderr.strip()[:200]}")
    outputs.append(_cli(["audit", "list", "--json"], env))
    for out in outputs:
        assert CANARY not in out.stderr + out.stdout
        assert "Traceback" not in out.stderr
    leaks, loose = _scan_tree(data, (CANARY, item["id"]))
    assert leaks == [], f"a secret or an answer is stored in plaintext: {leaks}"
    assert loose == [], "files or dirs open to other users:\n" + "\n".join(loose)


def test_tree_scanner_finds_a_planted_canary(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir(mode=0o755)
    (tmp_path / "d" / "log.txt").write_text(f"x {CANARY} y")
    os.chmod(tmp_path, 0o700)
    leaks, loose = _scan_tree(tmp_path)
    assert leaks and any(" 0o755" in x for x in loose)


def test_gui_audit_leaves_no_declared_facts_in_plaintext(qtbot, tmp_path: Path) -> None:
    """The UI's scripted audit types an employer and a work domain into the profile; after the
    whole flow (and a restart), neither is on disk in plaintext, and every file is private."""
    from ui.uihelpers import FAST_KDF

    from exposure_check.ui.scripted import run_scripted_audit

    data = tmp_path / "vault"
    result = run_scripted_audit(data, create_options=dict(FAST_KDF))
    assert result.questions > 0 and result.answers_after_restart == result.answers
    answered = sorted(result.answers)[:5]
    leaks, loose = _scan_tree(data, ("Example Research Institute", "example.org", *answered))
    assert leaks == [], f"declared facts or answers stored in plaintext: {leaks}"
    assert loose == [], "files or dirs open to other users:\n" + "\n".join(loose)
