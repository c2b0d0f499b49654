#!/usr/bin/env python3
"""Build Exposure Check for distribution: a PyInstaller onedir, optionally branded with an org pack
and a pinned signing key, and on Linux a .deb. See packaging/README.md and docs/admin-guide.md.

    python packaging/build.py [--org-pack DIR] [--pubkey PUB] [--deb] [--dist DIR]

The org pack and the pinned key go into `distribution/` beside the executable, where the app
looks for them. With --pubkey the org pack must already carry a good signature by that key.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from exposure_check import APP_ID, __version__  # noqa: E402

SPEC = ROOT / "packaging" / "pyinstaller" / "exposure-check.spec"
LINUX = ROOT / "packaging" / "linux"
ICON_SVG = ROOT / "packaging" / "icons" / "exposure-check.svg"
METAINFO_ID = "io.github.exposure_check.ExposureCheck"  # AppStream wants reverse DNS
DEB_DEPENDS = ("libc6, libfontconfig1, libfreetype6, libxkbcommon0, libegl1, libdbus-1-3, "
               "libglib2.0-0t64 | libglib2.0-0, libx11-6, libx11-xcb1, libxcb1")
DEB_RECOMMENDS = "gnome-keyring | kwalletmanager, libxcb-cursor0, libxkbcommon-x11-0, libxcb-icccm4, " \
                 "libxcb-keysyms1, libxcb-shape0, libxcb-render-util0, libxcb-image0"


class BuildError(Exception):
    pass


def log(msg: str) -> None:
    print(f"build: {msg}", flush=True)


def check_org_pack(org_pack: Path, pubkey: Path | None) -> str:
    """Refuse to ship a pack that the app would refuse; return a version suffix for package names."""
    from exposure_check.core.packs import PackError, load_pack
    from exposure_check.core.signing import SigningError, load_public_key, verify_pack
    from exposure_check.paths import core_pack_dir

    try:
        pack = load_pack(core_pack_dir(), [org_pack])
    except PackError as exc:
        raise BuildError(f"the org pack {org_pack} does not load on top of the core pack:\n{exc}") from None
    if pubkey is not None:
        try:
            ok = verify_pack(org_pack, load_public_key(pubkey))
        except SigningError as exc:
            raise BuildError(f"{exc}\n(sign it with `exposure-check pack sign {org_pack} --key KEY`)") \
                from None
        log(f"org pack {pack.overlays[-1]}: good signature by {ok.key_id} over {ok.files} files")
    else:
        log(f"org pack {pack.overlays[-1]}: no --pubkey, so the build does not pin a key")
    meta = __import__("tomllib").loads((org_pack / "pack.toml").read_text("utf-8"))["pack"]
    return f"+{meta['id']}{meta['version']}".replace("_", ".").replace("-", ".")


def make_icons(out: Path) -> None:
    """Render the SVG icon to PNGs (Qt, offscreen) and pack them as .ico (Windows) and .icns (macOS)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(ICON_SVG))
    if not renderer.isValid():
        raise BuildError(f"{ICON_SVG}: not a valid SVG")
    out.mkdir(parents=True, exist_ok=True)
    image = QImage(1024, 1024, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    buf.close()
    import io

    big = Image.open(io.BytesIO(bytes(data.data()))).convert("RGBA")
    big.save(out / "exposure-check.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    big.save(out / "exposure-check.icns")
    big.resize((256, 256), Image.Resampling.LANCZOS).save(out / "exposure-check-256.png")
    del _app


def freeze(work: Path, out: Path) -> Path:
    """Run PyInstaller on the spec; return the onedir."""
    if sys.platform in ("win32", "darwin"):
        make_icons(work / "icons")
    env = dict(os.environ, EXPOSURE_CHECK_VERSION=__version__, EXPOSURE_CHECK_ICON_DIR=str(work / "icons"))
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
           "--distpath", str(out), "--workpath", str(work / "pyinstaller"), str(SPEC)]
    log("running PyInstaller…")
    t0 = time.monotonic()
    subprocess.run(cmd, check=True, env=env, cwd=ROOT)
    log(f"PyInstaller done in {time.monotonic() - t0:.0f} s")
    onedir = out / APP_ID
    if not onedir.is_dir():
        raise BuildError(f"PyInstaller did not produce {onedir}")
    return onedir


def stage_distribution(onedir: Path, org_pack: Path | None, pubkey: Path | None) -> None:
    dist = onedir / "distribution"
    if dist.exists():
        shutil.rmtree(dist)
    if org_pack is None and pubkey is None:
        return
    dist.mkdir()
    if org_pack is not None:
        # symlinks=False would follow links; the pack was verified to contain none.
        shutil.copytree(org_pack, dist / "org-pack", symlinks=True)
    if pubkey is not None:
        shutil.copyfile(pubkey, dist / "pinned_key.pem")
    log(f"staged {dist}")


def _dir_size(path: Path) -> int:
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def build_deb(onedir: Path, out: Path, work: Path, version_suffix: str, compression: str) -> Path:
    if not shutil.which("dpkg-deb"):
        raise BuildError("dpkg-deb is not installed (apt-get install dpkg-dev), so no .deb can be built")
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                          check=True).stdout.strip()
    version = __version__ + version_suffix
    tree = work / "deb"
    if tree.exists():
        shutil.rmtree(tree)
    prefix = tree / "opt" / APP_ID
    shutil.copytree(onedir, prefix, symlinks=True)
    (tree / "usr" / "bin").mkdir(parents=True)
    (tree / "usr" / "bin" / APP_ID).symlink_to(f"/opt/{APP_ID}/{APP_ID}")
    metainfo = f"{METAINFO_ID}.metainfo.xml"
    for src, rel in ((LINUX / f"{APP_ID}.desktop", f"usr/share/applications/{APP_ID}.desktop"),
                     (LINUX / metainfo, f"usr/share/metainfo/{metainfo}"),
                     (ICON_SVG, f"usr/share/icons/hicolor/scalable/apps/{APP_ID}.svg")):
        dst = tree / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)
    for p in tree.rglob("*"):
        if not p.is_symlink():
            p.chmod(0o755 if p.is_dir() or os.access(p, os.X_OK) else 0o644)
    debian = tree / "DEBIAN"
    debian.mkdir()
    installed_kib = _dir_size(tree) // 1024
    (debian / "control").write_text(
        f"Package: {APP_ID}\n"
        f"Version: {version}\n"
        f"Architecture: {arch}\n"
        "Maintainer: Exposure Check maintainers <exposure-check@users.noreply.github.com>\n"
        f"Installed-Size: {installed_kib}\n"
        f"Depends: {DEB_DEPENDS}\n"
        f"Recommends: {DEB_RECOMMENDS}\n"
        "Section: utils\n"
        "Priority: optional\n"
        "Homepage: https://github.com/exposure-check/exposure-check\n"
        "Description: private, offline self-audit of what you reveal online about your work\n"
        " Exposure Check walks you through what your profiles, posts and photos reveal about\n"
        " your work, scores the exposure and gives a ranked plan to reduce it. It has no\n"
        " network access and keeps answers in an encrypted vault.\n", encoding="utf-8")
    # The org pack and pinned key are the admin's: keep local edits from being overwritten silently.
    conffiles = sorted("/" + p.relative_to(tree).as_posix() for p in (prefix / "distribution").rglob("*")
                       if p.is_file()) if (prefix / "distribution").is_dir() else []
    if conffiles:
        (debian / "conffiles").write_text("\n".join(conffiles) + "\n")
    out.mkdir(parents=True, exist_ok=True)
    deb = out / f"{APP_ID}_{version}_{arch}.deb"
    level = {"xz": "6", "gzip": "1", "zstd": "3", "none": "0"}[compression]
    log(f"building {deb.name} ({compression})…")
    subprocess.run(["dpkg-deb", "--root-owner-group", f"-Z{compression}", f"-z{level}", "--build",
                    str(tree), str(deb)], check=True, stdout=subprocess.DEVNULL)
    shutil.rmtree(tree)
    return deb


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--org-pack", type=Path, metavar="DIR", help="org overlay pack to ship")
    ap.add_argument("--pubkey", type=Path, metavar="PUB", help="org public key to pin in the build")
    ap.add_argument("--deb", action="store_true", help="also build a Linux .deb (needs dpkg-deb)")
    ap.add_argument("--deb-compression", choices=("xz", "gzip", "zstd", "none"), default="xz",
                    help="compression of the .deb (default xz; gzip is fastest for CI)")
    ap.add_argument("--dist", type=Path, default=ROOT / "dist", metavar="DIR",
                    help="output directory (default: dist/)")
    ap.add_argument("--work", type=Path, default=ROOT / "build", metavar="DIR",
                    help="PyInstaller work directory, reused between builds (default: build/)")
    ap.add_argument("--onedir", type=Path, metavar="DIR",
                    help="package this existing onedir instead of running PyInstaller")
    args = ap.parse_args(argv)
    try:
        if args.deb and not sys.platform.startswith("linux"):
            raise BuildError("--deb builds on Linux only")
        for opt, p in (("--org-pack", args.org_pack), ("--pubkey", args.pubkey)):
            if p is not None and not p.exists():
                raise BuildError(f"{opt} {p}: no such file or directory")
        suffix = check_org_pack(args.org_pack.resolve(), args.pubkey) if args.org_pack else ""
        dist = args.dist.resolve()
        onedir = args.onedir.resolve() if args.onedir else freeze(args.work.resolve(), dist)
        stage_distribution(onedir, args.org_pack, args.pubkey)
        app = dist / "Exposure Check.app"
        if sys.platform == "darwin" and app.is_dir():
            # The .app was assembled by PyInstaller; brand it too (its Resources, see policy.py).
            stage_distribution(app / "Contents" / "Resources", args.org_pack, args.pubkey)
        log(f"onedir: {onedir} ({_dir_size(onedir) / 2**20:.1f} MiB)")
        if args.deb:
            deb = build_deb(onedir, dist, args.work.resolve(), suffix, args.deb_compression)
            log(f"deb: {deb} ({deb.stat().st_size / 2**20:.1f} MiB)")
    except BuildError as exc:
        print(f"build: error: {exc}", file=sys.stderr)
        return 1
    except subprocess.CalledProcessError as exc:
        print(f"build: error: {exc.cmd[0]} failed with exit code {exc.returncode}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
