"""`exposure-check selftest` from the source tree (the frozen one is tested in test_deb.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def _selftest(tmp_path: Path, **extra: str) -> tuple[int, dict[str, dict[str, str]], str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_DIRS=str(tmp_path / "xdg"))
    env.update(extra)
    proc = subprocess.run([sys.executable, "-m", "exposure_check", "selftest", "--json"], env=env,
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    report = json.loads(proc.stdout)
    return proc.returncode, {c["name"]: c for c in report["checks"]}, proc.stderr


def test_selftest_checks_everything(tmp_path: Path) -> None:
    _, checks, err = _selftest(tmp_path)
    assert "Traceback" not in err
    for name in ("qt", "qt-svg", "resources", "crypto", "images", "keyring-backends", "policy"):
        assert checks[name]["status"] == "ok", checks[name]
    assert "offscreen" in checks["qt"]["detail"]
    assert "SecretService" in checks["keyring-backends"]["detail"]
    # conftest forces the fail backend: reported honestly as a warning, not hidden and not fatal.
    assert checks["keyring"]["status"] == "warn" and "fail.Keyring" in checks["keyring"]["detail"]


def test_selftest_fails_on_an_invalid_policy(tmp_path: Path) -> None:
    bad = tmp_path / "policy.toml"
    bad.write_text("[locked]\nrecheck_days = 0\n")
    rc, checks, _ = _selftest(tmp_path, EXPOSURE_CHECK_POLICY=str(bad))
    assert rc == 1
    assert checks["policy"]["status"] == "FAIL" and str(bad) in checks["policy"]["detail"]


def test_selftest_reports_a_broken_qt_platform(tmp_path: Path) -> None:
    rc, checks, _ = _selftest(tmp_path, QT_QPA_PLATFORM="no-such-platform")
    assert rc == 1 and checks["qt"]["status"] == "FAIL"
    assert "no-such-platform" in checks["qt"]["detail"]
