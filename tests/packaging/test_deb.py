"""The Linux .deb: build it, `dpkg -i` it, run the installed `exposure-check selftest`, `dpkg -r` it.

Marked `packaging`; it runs in `make test` when the suite runs as root with dpkg (as in CI) and is
skipped with the reason otherwise. It takes about a minute, most of it PyInstaller (its work dir is
kept under build/ so later runs reuse the analysis).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
INSTALLED = Path("/opt/exposure-check/exposure-check")

pytestmark = pytest.mark.packaging


def _skip_reason() -> str | None:
    if not sys.platform.startswith("linux"):
        return "the .deb is built and installed on Linux only"
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "installing a .deb needs root (CI runs the suite as root)"
    if not (shutil.which("dpkg") and shutil.which("dpkg-deb")):
        return "dpkg is not installed"
    if importlib_missing("PyInstaller"):
        return "PyInstaller is not installed (pip install -e '.[build]')"
    return None


def importlib_missing(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is None


ORG_PACK = """
[pack]
id = "acme"
version = "1.0.0"
name = "Acme"
kind = "overlay"
namespace = "org.acme"

[org]
recheck_days = 60
locked = ["recheck_days"]

[org.branding]
display_name = "Acme Exposure Check"

[org.contact]
name = "Acme Security"
text = "Report approaches to Acme Security."
email = "security@acme.example"

[[items]]
id = "org.acme.badge"
category = "affiliation"
severity = "high"
question = "Have you posted a photo of your Acme badge?"
why = "A badge photo lets someone forge one."
options = [
  { id = "yes", label = "Yes", kind = "exposed" },
  { id = "no", label = "No", kind = "safe" },
  { id = "unsure", label = "Not sure", kind = "unsure" },
]
"""


def _check_pinning_in_the_installed_app(tmp_path: Path, env: dict[str, str]) -> None:
    """A pinned key in /opt/exposure-check/distribution: signed pack used; tampered pack refused."""
    from exposure_check.core.signing import generate_keypair, load_private_key, sign_pack

    dist = INSTALLED.parent / "distribution"
    org = dist / "org-pack"
    org.mkdir(parents=True)
    (org / "pack.toml").write_text(ORG_PACK, encoding="utf-8")
    priv, pub = generate_keypair(tmp_path / "keys")
    shutil.copyfile(pub, dist / "pinned_key.pem")
    sign_pack(org, load_private_key(priv))

    def selftest() -> dict[str, dict[str, str]]:
        proc = subprocess.run([str(INSTALLED), "selftest", "--json"], capture_output=True, text=True,
                              env=env, timeout=180, check=False)
        return {c["name"]: c for c in json.loads(proc.stdout)["checks"]}

    good = selftest()["org-pack"]
    assert good["status"] == "ok" and "signature by pinned key" in good["detail"], good
    export = subprocess.run([str(INSTALLED), "pack", "export", "--json"], capture_output=True, text=True,
                            env=env, check=True)
    assert json.loads(export.stdout)["overlays"] == ["acme"]
    (org / "pack.toml").write_text(ORG_PACK.replace("recheck_days = 60", "recheck_days = 600"))
    bad = selftest()["org-pack"]
    assert bad["status"] == "FAIL" and str(org / "pack.toml") in bad["detail"], bad
    export = subprocess.run([str(INSTALLED), "pack", "export", "--json"], capture_output=True, text=True,
                            env=env, check=True)
    assert json.loads(export.stdout)["overlays"] == []  # runs on the core pack alone
    assert "refused" in export.stderr and "core checklist alone" in export.stderr


def _dpkg_status(package: str) -> str:
    proc = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True,
                          check=False)
    return proc.stdout.strip() if proc.returncode == 0 else ""


@pytest.mark.skipif(_skip_reason() is not None, reason=_skip_reason() or "")
def test_deb_install_selftest_remove(tmp_path: Path) -> None:
    if "installed" in _dpkg_status("exposure-check"):
        pytest.skip("exposure-check is already installed on this machine; not touching it")
    t0 = time.monotonic()
    dist = tmp_path / "dist"
    work = REPO / "build" / "test-deb"  # reused between runs: PyInstaller caches its analysis here
    build = subprocess.run(
        [sys.executable, str(REPO / "packaging" / "build.py"), "--deb", "--deb-compression", "gzip",
         "--dist", str(dist), "--work", str(work)],
        capture_output=True, text=True, check=False, timeout=900)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    [deb] = dist.glob("exposure-check_*.deb")
    built = time.monotonic()
    info = subprocess.run(["dpkg-deb", "--info", str(deb)], capture_output=True, text=True, check=True).stdout
    assert "Package: exposure-check" in info and "Depends:" in info
    contents = subprocess.run(["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True,
                              check=True).stdout
    for path in ("./usr/share/applications/exposure-check.desktop",
                 "./usr/share/metainfo/io.github.exposure_check.ExposureCheck.metainfo.xml",
                 "./usr/share/icons/hicolor/scalable/apps/exposure-check.svg",
                 "./opt/exposure-check/exposure-check", "./usr/bin/exposure-check ->"):
        assert path in contents, path
    env = {k: v for k, v in os.environ.items() if not k.startswith(("EXPOSURE_CHECK_DATA", "PYTHON"))}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path / "home"),
               EXPOSURE_CHECK_DATA_DIR=str(tmp_path / "data"))
    env.pop("PYTHON_KEYRING_BACKEND", None)  # the installed app picks its keyring itself
    installed = subprocess.run(["dpkg", "-i", str(deb)], capture_output=True, text=True, check=False)
    try:
        assert installed.returncode == 0, installed.stdout + installed.stderr
        assert INSTALLED.is_file()
        proc = subprocess.run(["/usr/bin/exposure-check", "selftest", "--json"], capture_output=True,
                              text=True, env=env, timeout=180, check=False, cwd=tmp_path)
        report = json.loads(proc.stdout)
        checks = {c["name"]: c for c in report["checks"]}
        assert proc.returncode == 0 and report["ok"], json.dumps(report, indent=1) + proc.stderr[-2000:]
        assert report["frozen"] is True
        assert "offscreen" in checks["qt"]["detail"]
        assert checks["keyring-backends"]["status"] == "ok"  # the backends survived freezing
        if os.environ.get("EXPOSURE_CHECK_REAL_SECRET_SERVICE"):
            # Under scripts/run-tests.sh a real Secret Service runs: the bundle must find and use it.
            assert "SecretService" in checks["keyring"]["detail"], checks["keyring"]
            assert checks["keyring"]["status"] == "ok"
        human = subprocess.run(["exposure-check", "selftest"], capture_output=True, text=True, env=env,
                               timeout=180, check=False, cwd=tmp_path)
        assert human.returncode == 0 and "checks passed" in human.stdout
        version = subprocess.run(["exposure-check", "--version"], capture_output=True, text=True,
                                 env=env, check=True)
        assert version.stdout.startswith("exposure-check ")
        _check_pinning_in_the_installed_app(tmp_path, env)
    finally:
        shutil.rmtree(INSTALLED.parent / "distribution", ignore_errors=True)
        removed = subprocess.run(["dpkg", "-r", "exposure-check"], capture_output=True, text=True,
                                 check=False)
    assert removed.returncode == 0, removed.stdout + removed.stderr
    assert not INSTALLED.exists() and not Path("/usr/bin/exposure-check").exists()
    print(f"\n.deb cycle: build {built - t0:.0f} s, install+selftest+remove "
          f"{time.monotonic() - built:.0f} s, .deb {deb.stat().st_size / 2**20:.1f} MiB (gzip -1)")
