"""Bundle size: our PyInstaller onedir against a bare PySide6 onedir built by the same PyInstaller
in the same run (goal ≤ 1.0×), plus the compressed .deb. Needs PyInstaller; takes 2–4 minutes.

The bare baseline is `from PySide6.QtWidgets import QApplication` frozen with PyInstaller's
defaults. A second baseline, the same script with symbols stripped, shows how much of our margin
is trimming (Qt plugins, translations, GTK theme, unused Pillow codecs) rather than stripping.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .common import Result

ROOT = Path(__file__).resolve().parent.parent
BARE_SCRIPT = "import sys\nfrom PySide6.QtWidgets import QApplication\napp = QApplication(sys.argv)\n"


def _size(path: Path) -> int:
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def _bare(tmp: Path, strip: bool) -> int:
    name = "bare-stripped" if strip else "bare"
    script = tmp / f"{name}.py"
    script.write_text(BARE_SCRIPT)
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--onedir", "--log-level", "ERROR",
           "--distpath", str(tmp / "dist"), "--workpath", str(tmp / "work"), "--specpath", str(tmp),
           str(script)]
    if strip:
        cmd.insert(-1, "--strip")
    subprocess.run(cmd, check=True, cwd=tmp)
    return _size(tmp / "dist" / name)


def run(quick: bool) -> list[Result]:
    if shutil.which("pyinstaller") is None and not (Path(sys.executable).parent / "pyinstaller").exists():
        return [Result("onedir size", 0, None, "MiB", "≤ 1.0×", False, "PyInstaller not installed")]
    mib = 2**20
    with tempfile.TemporaryDirectory(prefix="ec-bench-bundle-") as t:
        tmp = Path(t)
        bare = _bare(tmp, strip=False)
        bare_stripped = _bare(tmp, strip=True) if sys.platform.startswith("linux") else bare
        t0 = time.monotonic()
        build = [sys.executable, str(ROOT / "packaging" / "build.py"), "--dist", str(tmp / "ours"),
                 "--work", str(tmp / "ours-work")]
        deb_ok = sys.platform.startswith("linux") and shutil.which("dpkg-deb") is not None
        if deb_ok:
            build += ["--deb", "--deb-compression", "gzip" if quick else "xz"]
        subprocess.run(build, check=True, stdout=subprocess.DEVNULL)
        seconds = time.monotonic() - t0
        ours = _size(tmp / "ours" / "exposure-check")
        results = [
            Result("onedir size vs bare PySide6 onedir", ours / mib, bare / mib, "MiB", "≤ 1.0×",
                   ours <= bare, f"same PyInstaller, same run; build {seconds:.0f} s"),
            Result("onedir size vs bare PySide6 onedir, both stripped", ours / mib, bare_stripped / mib,
                   "MiB", "info", True, "shows the effect of trimming alone"),
        ]
        if deb_ok:
            [deb] = (tmp / "ours").glob("*.deb")
            comp = "gzip -1 (quick)" if quick else "xz -6"
            results.append(Result(f".deb size ({comp})", deb.stat().st_size / mib, None, "MiB", "report",
                                  True, "core pack only, as `make package` builds it"))
    return results
