"""The core and storage must never load Qt: checked in a fresh interpreter."""

import subprocess
import sys


def test_core_and_storage_import_without_qt() -> None:
    code = (
        "import sys, pkgutil, importlib\n"
        "import exposure_check.core, exposure_check.storage\n"
        "for pkg in (exposure_check.core, exposure_check.storage):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(m.name)\n"
        "import exposure_check.core.packs as p\n"
        "p.load_core_pack()\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
