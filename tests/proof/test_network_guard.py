"""The suite's network guard (tests/conftest.py) fires on inet use and lets AF_UNIX (D-Bus) through.

Checked in a fresh interpreter that loads the same conftest, so the deliberate violations here
do not trip this test run's own guard.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

CONFTEST = Path(__file__).resolve().parents[1] / "conftest.py"

PROBE = textwrap.dedent("""
    import importlib.util, json, os, socket, sys, tempfile
    spec = importlib.util.spec_from_file_location("ec_conftest", sys.argv[1])
    guard = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(guard)
    results = {}

    def attempt(name, fn):
        try:
            fn()
            results[name] = "allowed"
        except RuntimeError as exc:
            results[name] = "blocked" if "network access attempted" in str(exc) else "error"
        except OSError:
            results[name] = "allowed"  # reached the OS: the guard did not stop it

    def inet_connect():
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.settimeout(0.2)
            s.connect(("127.0.0.1", 9))

    def inet_connect_ex():
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.connect_ex(("127.0.0.1", 9))

    def inet6_connect():
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as s:
            s.settimeout(0.2)
            s.connect(("::1", 9))

    def inet_bind():
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.bind(("127.0.0.1", 0))

    def udp_sendto():
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.sendto(b"x", ("127.0.0.1", 9))

    def udp_sendmsg():
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.sendmsg([b"x"], [], 0, ("127.0.0.1", 9))

    def unix_socketpair():
        a, b = socket.socketpair(socket.AF_UNIX)
        with a, b:
            a.sendall(b"ping")
            assert b.recv(4) == b"ping"

    def unix_path():
        d = tempfile.mkdtemp()
        path = os.path.join(d, "bus")
        with socket.socket(socket.AF_UNIX) as srv, socket.socket(socket.AF_UNIX) as cli:
            srv.bind(path)
            srv.listen(1)
            cli.connect(path)

    for fn in (inet_connect, inet_connect_ex, inet6_connect, inet_bind, udp_sendto, udp_sendmsg,
               unix_socketpair, unix_path):
        attempt(fn.__name__, fn)
    attempt("getaddrinfo", lambda: socket.getaddrinfo("localhost", 80))
    attempt("gethostbyname", lambda: socket.gethostbyname("localhost"))
    attempt("getnameinfo", lambda: socket.getnameinfo(("127.0.0.1", 80), 0))
    results["_violations"] = len(guard._violations)
    print(json.dumps(results))
""")


def _run_probe() -> dict[str, object]:
    result = subprocess.run([sys.executable, "-c", PROBE, str(CONFTEST)], capture_output=True,
                            text=True, timeout=60, env=os.environ.copy())
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_guard_blocks_inet_and_allows_unix_sockets() -> None:
    results = _run_probe()
    blocked = ["inet_connect", "inet_connect_ex", "inet6_connect", "inet_bind", "udp_sendto",
               "udp_sendmsg", "getaddrinfo", "gethostbyname", "getnameinfo"]
    for name in blocked:
        assert results[name] == "blocked", (name, results)
    for name in ("unix_socketpair", "unix_path"):
        assert results[name] == "allowed", (name, results)
    assert results["_violations"] == len(blocked)


def test_guard_is_active_in_this_run(pytestconfig) -> None:
    """This very process has the hook: the conftest module registered it at import."""
    import socket

    import pytest

    # The suite's top-level conftest, already imported by pytest. Several conftest modules exist,
    # so find it by its file rather than by the ambiguous module name "conftest".
    conftest = next(m for m in pytestconfig.pluginmanager.get_plugins()
                    if getattr(m, "__file__", None) and Path(m.__file__).resolve() == CONFTEST.resolve())

    before = len(conftest._violations)
    with pytest.raises(RuntimeError, match="network access attempted"):
        socket.getaddrinfo("example.invalid", 443)
    assert len(conftest._violations) == before + 1
    del conftest._violations[before:]  # a deliberate violation: don't fail this test for it
