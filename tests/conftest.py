"""Test set-up shared by the whole suite: offscreen Qt, a network guard, private data dirs."""

from __future__ import annotations

import os
import socket
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

# Before any Qt import: never open a real window in tests, never touch the developer's keychain.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
os.environ.pop("EXPOSURE_CHECK_POLICY", None)
os.environ.pop("EXPOSURE_CHECK_PASSPHRASE", None)

import pytest  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

# --- No network, proven: any inet socket use during a test is a failure. -----------------------
_violations: list[str] = []
_NET_EVENTS = {"socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr",
               "socket.gethostbyname_ex", "socket.sendto", "socket.connect", "socket.bind",
               "socket.sendmsg", "socket.getnameinfo"}


def _network_audit_hook(event: str, args: tuple[object, ...]) -> None:
    if event not in _NET_EVENTS:
        return
    if event in ("socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg"):
        sock = args[0]
        if isinstance(sock, socket.socket) and sock.family == socket.AF_UNIX:
            return  # D-Bus and other local IPC
    msg = f"network access attempted: {event} {args[1:]!r}"
    _violations.append(msg)
    raise RuntimeError(msg)


sys.addaudithook(_network_audit_hook)


@pytest.fixture(autouse=True)
def _no_network() -> Iterator[None]:
    before = len(_violations)
    yield
    new = _violations[before:]
    assert not new, "; ".join(new)


@pytest.fixture(autouse=True)
def _private_dirs(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every test gets its own data and config dir, so nothing touches the real user's files."""
    base = tmp_path_factory.mktemp("ec-home")
    monkeypatch.setenv("EXPOSURE_CHECK_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("EXPOSURE_CHECK_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("EXPOSURE_CHECK_RUNTIME_DIR", str(base / "run"))
    monkeypatch.setenv("TMPDIR", str(base / "tmp"))
    (base / "tmp").mkdir()
    tempfile.tempdir = None  # re-read TMPDIR


@pytest.fixture(autouse=True)
def _english_translator(request: pytest.FixtureRequest) -> None:
    """Qt tests see the English the app shows: it loads exposure_check_en.qm for plural forms
    ("1 day", "2 days"), as `ui.app.run_gui` does. Tests that switch to zh_CN switch back."""
    if "qtbot" not in request.fixturenames and "qapp" not in request.fixturenames:
        return
    from exposure_check.ui import app as ui_app

    qapp = request.getfixturevalue("qapp")
    if not ui_app._translators:
        ui_app.install_translator(qapp, "en")


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO
