"""policy.py and distribution.py must never load Qt (the CLI and selftest use them headless)."""

import subprocess
import sys


def test_policy_and_distribution_import_without_qt() -> None:
    code = (
        "import sys\n"
        "import exposure_check.policy, exposure_check.distribution, exposure_check.core.signing\n"
        "exposure_check.policy.load_policy()\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
