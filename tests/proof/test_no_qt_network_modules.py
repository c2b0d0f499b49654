"""The app never loads Qt's network or web-engine modules, nor any HTTP client.

Checked twice: at run time (a fresh interpreter runs the real GUI entry through a short flow and
the CLI parser with every subcommand, then lists sys.modules), and in the source (an AST scan of
every import in exposure_check/).
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PKG = REPO / "exposure_check"
FORBIDDEN_QT = ("PySide6.QtNetwork", "PySide6.QtWebEngine", "PySide6.QtWebSockets",
                "PySide6.QtWebChannel", "PySide6.QtWebView", "PySide6.QtHttpServer",
                "PySide6.QtNetworkAuth", "PySide6.QtRemoteObjects")
FORBIDDEN_PY = ("socket", "ssl", "http", "urllib.request", "urllib3", "requests", "httpx", "aiohttp",
                "ftplib", "smtplib", "imaplib", "poplib", "telnetlib", "xmlrpc", "socketserver",
                "webbrowser")

PROBE = f"""
import json, sys
sys.argv = ["exposure-check"]
sys.path.insert(0, {str(Path(__file__).parent)!r})
import gui_flow_driver
code = gui_flow_driver.main()
from exposure_check.cli import build_parser
build_parser()  # imports every subcommand module that exists
print(json.dumps({{"code": code, "modules": sorted(sys.modules)}}))
"""


def test_running_app_loads_no_network_modules() -> None:
    env = os.environ.copy()
    env["QT_QPA_PLATFORM"] = "offscreen"
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                            timeout=120, env=env, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert "FLOW-DONE" in result.stdout
    data = json.loads(result.stdout.strip().splitlines()[-1])
    modules: list[str] = data["modules"]
    assert "PySide6.QtWidgets" in modules and "exposure_check.ui.main_window" in modules
    qt_net = [m for m in modules if any(m.startswith(p) for p in FORBIDDEN_QT)]
    assert qt_net == []
    clients = [m for m in modules if m.split(".")[0] in ("requests", "httpx", "urllib3", "aiohttp")
               or m in ("ftplib", "smtplib", "webbrowser")]
    assert clients == []
    # keyring imports jaraco.context, which imports urllib.request (for a download helper we never
    # call). Loaded is not used: the strace proof shows no inet socket at all. Anything else
    # pulling in an HTTP client is new and must be looked at.
    stdlib_http = {m for m in modules if m in ("urllib.request", "http.client")}
    if stdlib_http:
        assert "jaraco.context" in modules, f"{sorted(stdlib_http)} loaded by something new"


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{a.name}") for a in node.names]
    return found


def test_source_imports_no_network_code() -> None:
    offenders = []
    for path in sorted(PKG.rglob("*.py")):
        for lineno, name in _imports(path):
            if any(name == p or name.startswith(p + ".") for p in FORBIDDEN_PY) or \
                    any(name.startswith(p) for p in FORBIDDEN_QT):
                offenders.append(f"{path.relative_to(REPO)}:{lineno}: {name}")
    assert offenders == [], "\n".join(offenders)


def test_the_scan_would_catch_one(tmp_path: Path) -> None:
    sample = tmp_path / "x.py"
    sample.write_text("from PySide6.QtNetwork import QNetworkAccessManager\nimport urllib.request\n")
    names = [n for _, n in _imports(sample)]
    assert "PySide6.QtNetwork" in names and "urllib.request" in names
