"""No network, proven below Python: the GUI and the CLI run in an empty network namespace under
`strace -f -e trace=network`, and the log shows no AF_INET/AF_INET6 connect, send or bind.

Qt's C++ code (and any C library) bypasses the Python audit hook, which is why this check exists.
A negative control (a deliberate inet connect under the same wrapper) proves the parser sees one.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).with_name("gui_flow_driver.py")
INET_SYSCALLS = re.compile(
    r"^\s*(?:\[pid\s+)?\d*\]?\s*(connect|sendto|sendmsg|sendmmsg|bind)\(.*sa_family=AF_INET6?\b")
INET_SOCKET = re.compile(r"\bsocket\(AF_INET6?\b")

pytestmark = pytest.mark.slow


def _netns_prefix() -> list[str]:
    if shutil.which("strace") is None or shutil.which("unshare") is None:
        pytest.skip("needs strace and unshare (make test installs strace)")
    prefix = ["unshare", "-n"] if os.geteuid() == 0 else ["unshare", "-rn"]
    probe = subprocess.run([*prefix, "true"], capture_output=True, text=True, timeout=30)
    if probe.returncode != 0:
        pytest.skip(f"cannot create a network namespace here: {probe.stderr.strip()}")
    return prefix


def _traced(cmd: list[str], log: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    prefix = _netns_prefix()
    return subprocess.run([*prefix, "strace", "-f", "-q", "-e", "trace=network", "-o", str(log),
                           "--", *cmd], capture_output=True, text=True, timeout=180, env=env,
                          cwd=REPO)


def inet_lines(log_text: str) -> tuple[list[str], list[str]]:
    """(inet connect/send/bind calls, inet socket() creations) in an strace log."""
    lines = log_text.splitlines()
    calls = [ln for ln in lines if INET_SYSCALLS.search(ln)]
    sockets = [ln for ln in lines if INET_SOCKET.search(ln)]
    return calls, sockets


@pytest.fixture
def env() -> dict[str, str]:
    e = os.environ.copy()
    e["QT_QPA_PLATFORM"] = "offscreen"
    e.pop("http_proxy", None)
    e.pop("https_proxy", None)
    return e


def test_negative_control_an_inet_connect_is_seen(tmp_path: Path, env: dict[str, str]) -> None:
    log = tmp_path / "control.log"
    code = ("import socket\ns = socket.socket()\ntry:\n    s.connect(('192.0.2.1', 443))\n"
            "except OSError as e:\n    print('refused', e.errno)\n")
    result = _traced([sys.executable, "-c", code], log, env)
    assert "refused" in result.stdout  # the empty namespace has no route anywhere
    calls, sockets = inet_lines(log.read_text())
    assert len(calls) == 1 and "192.0.2.1" in calls[0]
    assert len(sockets) == 1


def test_gui_flow_makes_no_inet_connections(tmp_path: Path, env: dict[str, str]) -> None:
    log = tmp_path / "gui.log"
    result = _traced([sys.executable, str(DRIVER)], log, env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "FLOW-DONE" in result.stdout, result.stdout + result.stderr
    text = log.read_text()
    calls, sockets = inet_lines(text)
    assert calls == [], "\n".join(calls)
    assert sockets == [], "\n".join(sockets)
    assert "+++ exited with 0 +++" in text  # strace really followed the process


def test_scripted_audit_makes_no_inet_connections(tmp_path: Path, env: dict[str, str]) -> None:
    """The whole audit (vault with the real KDF, profile, every question, results, plan, restart,
    unlock) in the empty namespace."""
    log = tmp_path / "scripted.log"
    result = _traced([sys.executable, str(DRIVER), "--scripted", str(tmp_path / "vault")], log, env)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert "FLOW-DONE" in result.stdout and "scripted" in result.stdout
    calls, sockets = inet_lines(log.read_text())
    assert calls == [], "\n".join(calls)
    assert sockets == [], "\n".join(sockets)


@pytest.mark.parametrize("args", [
    ["--version"],
    ["pack", "validate", "resources/packs/core"],
    ["pack", "export", "--json"],
    ["selftest"],
])
def test_cli_commands_make_no_inet_connections(tmp_path: Path, env: dict[str, str],
                                               args: list[str]) -> None:
    from exposure_check.cli import build_parser

    known = set(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    if args[0] != "--version" and args[0] not in known:
        pytest.skip(f"`{args[0]}` is not built yet")
    log = tmp_path / "cli.log"
    result = _traced([sys.executable, "-m", "exposure_check", *args], log, env)
    assert "Traceback" not in result.stderr, result.stderr
    calls, sockets = inet_lines(log.read_text())
    assert calls == [], "\n".join(calls)
    assert sockets == [], "\n".join(sockets)
