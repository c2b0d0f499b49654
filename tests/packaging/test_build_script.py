"""packaging/build.py without PyInstaller: it refuses packs the app would refuse, and brands builds."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from exposure_check.core.signing import generate_keypair, load_private_key, sign_pack

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "policy" / "fixtures"


@pytest.fixture()
def build(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("ec_build", REPO / "packaging" / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    core = tmp_path / "core"
    shutil.copytree(FIXTURES / "core", core)
    monkeypatch.setattr("exposure_check.paths.core_pack_dir", lambda: core)
    return module


@pytest.fixture()
def fake_onedir(tmp_path: Path) -> Path:
    onedir = tmp_path / "onedir" / "exposure-check"
    (onedir / "_internal").mkdir(parents=True)
    exe = onedir / "exposure-check"
    exe.write_text("#!/bin/sh\necho fake\n")
    exe.chmod(0o755)
    return onedir


@pytest.fixture()
def signed_acme(tmp_path: Path) -> tuple[Path, Path]:
    acme = tmp_path / "acme"
    shutil.copytree(FIXTURES / "acme", acme)
    priv, pub = generate_keypair(tmp_path / "keys")
    sign_pack(acme, load_private_key(priv))
    return acme, pub


def test_refuses_unsigned_pack_when_pinning(build, fake_onedir: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                            capsys: pytest.CaptureFixture[str]) -> None:
    acme = tmp_path / "unsigned"
    shutil.copytree(FIXTURES / "acme", acme)
    _, pub = generate_keypair(tmp_path / "k2")
    rc = build.main(["--onedir", str(fake_onedir), "--org-pack", str(acme), "--pubkey", str(pub)])
    assert rc == 1
    err = capsys.readouterr().err
    assert "pack.sig" in err and "not signed" in err and "pack sign" in err
    assert not (fake_onedir / "distribution").exists()


def test_refuses_invalid_pack(build, fake_onedir: Path, signed_acme: tuple[Path, Path],  # type: ignore[no-untyped-def]
                              capsys: pytest.CaptureFixture[str]) -> None:
    acme, _ = signed_acme
    (acme / "items" / "acme.toml").write_text('[[items]]\nid = "vpn"\n')
    assert build.main(["--onedir", str(fake_onedir), "--org-pack", str(acme)]) == 1
    assert "does not load on top of the core pack" in capsys.readouterr().err


@pytest.mark.skipif(not shutil.which("dpkg-deb") or not sys.platform.startswith("linux"),
                    reason="dpkg-deb is needed to build a .deb")
def test_branded_deb_layout(build, fake_onedir: Path, signed_acme: tuple[Path, Path],  # type: ignore[no-untyped-def]
                            tmp_path: Path) -> None:
    acme, pub = signed_acme
    dist = tmp_path / "dist"
    rc = build.main(["--onedir", str(fake_onedir), "--org-pack", str(acme), "--pubkey", str(pub), "--deb",
                     "--deb-compression", "none", "--dist", str(dist), "--work", str(tmp_path / "work")])
    assert rc == 0
    assert (fake_onedir / "distribution" / "org-pack" / "pack.sig").is_file()
    assert (fake_onedir / "distribution" / "pinned_key.pem").read_bytes() == pub.read_bytes()
    [deb] = dist.glob("*.deb")
    assert deb.name.startswith("exposure-check_0.1.0+acme2.0.0_")
    listing = subprocess.run(["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True,
                             check=True).stdout
    assert "./opt/exposure-check/distribution/org-pack/pack.sig" in listing
    assert "./opt/exposure-check/distribution/pinned_key.pem" in listing
    assert "./usr/share/metainfo/io.github.exposure_check.ExposureCheck.metainfo.xml" in listing
    assert "./usr/share/applications/exposure-check.desktop" in listing
    assert "./usr/bin/exposure-check -> /opt/exposure-check/exposure-check" in listing
    conffiles = subprocess.run(["dpkg-deb", "--info", str(deb), "conffiles"], capture_output=True,
                               text=True, check=True).stdout
    assert "/opt/exposure-check/distribution/pinned_key.pem" in conffiles
