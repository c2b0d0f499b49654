"""`exposure-check selftest`: a fast smoke test of the installed or frozen app (docs/admin-guide.md).

Checks the Qt platform plugin (in a child process: a missing plugin aborts the process), bundled
resources, the core pack, the org pack and site policy, a crypto round trip, and the keyring
backends (frozen apps lose the entry points keyring uses to find them). Exit 0 when all pass.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from .errors import EXIT_INVALID, EXIT_OK

# The OS keyring backend a working build must contain on each platform (its module is imported
# by keyring through entry points, which a frozen bundle keeps only if packaged right).
NATIVE_BACKENDS = {"linux": "SecretService", "win32": "Windows", "darwin": "macOS"}
QT_PROBE_TIMEOUT = 60


@dataclass
class Check:
    name: str
    status: str  # "ok", "warn" or "FAIL"
    detail: str


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("selftest", parents=[common],
                       help="smoke-test this installation: Qt, resources, packs, crypto, keyring")
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    p.add_argument("--qt-probe", action="store_true", help=argparse.SUPPRESS)  # the child process
    p.set_defaults(handler=cmd_selftest)


def cmd_selftest(args: argparse.Namespace) -> int:
    if args.qt_probe:
        return _qt_probe()
    checks: list[Check] = []
    for fn in (_check_qt, _check_resources, _check_packs, _check_crypto, _check_images, _check_keyring):
        try:
            checks.extend(fn())
        except Exception as exc:  # a selftest reports every failure; it never crashes
            checks.append(Check(fn.__name__.removeprefix("_check_"), "FAIL",
                                f"{type(exc).__name__}: {exc}"))
    failed = [c for c in checks if c.status == "FAIL"]
    if args.json:
        json.dump({"ok": not failed, "frozen": bool(getattr(sys, "frozen", False)),
                   "checks": [asdict(c) for c in checks]}, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        from .. import __version__

        print(f"Exposure Check {__version__} selftest "
              f"({'frozen bundle' if getattr(sys, 'frozen', False) else 'Python ' + sys.version.split()[0]}"
              f", {sys.platform})")
        for c in checks:
            print(f"  {c.status:<4} {c.name}: {c.detail}")
        print(f"{len(checks) - len(failed)} of {len(checks)} checks passed"
              + (f"; FAILED: {', '.join(c.name for c in failed)}" if failed else ""))
    return EXIT_INVALID if failed else EXIT_OK


# --- Qt ------------------------------------------------------------------------------------------


def _self_command() -> list[str]:
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "exposure_check"]


def _qt_probe() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import qVersion
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication(sys.argv[:1])
    label = QLabel("Exposure Check")  # a widget paints: fonts and the style work
    label.resize(200, 40)
    if label.grab().isNull():
        print("a widget could not be painted", file=sys.stderr)
        return 1
    svg = "no"
    try:
        from PySide6.QtSvg import QSvgRenderer

        svg = "yes" if QSvgRenderer(b'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>'
                                   ).isValid() else "invalid"
    except ImportError:
        svg = "missing"
    print(json.dumps({"platform": QGuiApplication.platformName(), "qt": qVersion(), "svg": svg}))
    app.quit()
    return 0


def _check_qt() -> list[Check]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    t0 = time.monotonic()
    try:
        proc = subprocess.run([*_self_command(), "selftest", "--qt-probe"], env=env, capture_output=True,
                              text=True, timeout=QT_PROBE_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        return [Check("qt", "FAIL", f"the Qt probe did not finish in {QT_PROBE_TIMEOUT} s")]
    ms = (time.monotonic() - t0) * 1000
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        return [Check("qt", "FAIL", f"Qt platform plugin {env['QT_QPA_PLATFORM']!r} did not load "
                                    f"(exit {proc.returncode}): {tail}")]
    info = json.loads(lines[-1])
    checks = [Check("qt", "ok", f"Qt {info['qt']}, platform plugin {info['platform']!r} loaded "
                                f"and painted a widget ({ms:.0f} ms)")]
    checks.append(Check("qt-svg", "ok" if info["svg"] == "yes" else "FAIL",
                        "SVG rendering (org logos, icons)" if info["svg"] == "yes"
                        else f"QtSvg {info['svg']}"))
    return checks


# --- resources and packs ------------------------------------------------------------------------


def _check_resources() -> list[Check]:
    from .. import paths

    needed = {"core pack": paths.core_pack_dir() / "pack.toml", "pack schema": paths.pack_schema_path()}
    missing = [f"{k} ({v})" for k, v in needed.items() if not v.is_file()]
    if missing:
        return [Check("resources", "FAIL", "missing: " + ", ".join(missing))]
    qm = sorted(p.name for p in paths.translations_dir().glob("*.qm")) if paths.translations_dir().is_dir() \
        else []
    return [Check("resources", "ok", f"{paths.resources_dir()}"
                  + (f"; translations: {', '.join(qm)}" if qm else "; no compiled translations"))]


def _check_packs() -> list[Check]:
    from ..core.packs import PackError, load_pack
    from ..distribution import describe_pinned_keys, load_effective_pack
    from ..paths import core_pack_dir

    try:
        core = load_pack(core_pack_dir())
    except PackError as exc:
        first = exc.problems[0] if exc.problems else exc
        return [Check("core-pack", "FAIL", f"does not load: {first}")]
    checks = [Check("core-pack", "ok", f"{core.id} {core.version}: {len(core.items)} items, "
                                       f"locales {', '.join(core.locales)}")]
    eff = load_effective_pack()
    pol = eff.policy
    if pol.error:
        checks.append(Check("policy", "FAIL", pol.error))
    elif pol.source:
        locked = ", ".join(f"{k}={v}" for k, v in pol.locked.items()) or "none"
        checks.append(Check("policy", "ok", f"{pol.source} ({pol.location}); locked: {locked}"))
    else:
        checks.append(Check("policy", "ok", "no site policy (built-in defaults)"))
    keys = describe_pinned_keys()
    checks.append(Check("pinned-key", "FAIL" if any("unusable" in k for k in keys) else "ok",
                        "; ".join(keys) if keys else "none pinned"))
    if eff.refused is not None:
        checks.append(Check("org-pack", "FAIL", " ".join(n.message for n in eff.notices
                                                          if n.level == "error")))
    elif eff.org_pack_dir is not None:
        how = f"signature by pinned key {eff.signed_by}" if eff.signed_by else "unsigned, no key pinned"
        name = eff.pack.branding.display_name.get("en", "") if eff.pack.branding else ""
        checks.append(Check("org-pack", "ok", f"{eff.org_pack_dir} ({', '.join(eff.pack.overlays)}"
                                              f"{'; ' + name if name else ''}; {how})"))
    else:
        checks.append(Check("org-pack", "ok", "none (core pack only)"))
    return checks


# --- crypto and keyring -------------------------------------------------------------------------


def _check_crypto() -> list[Check]:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    key = AESGCM.generate_key(bit_length=256)
    nonce = os.urandom(12)
    blob = AESGCM(key).encrypt(nonce, b"selftest", b"ad")
    aes_ok = AESGCM(key).decrypt(nonce, blob, b"ad") == b"selftest"
    sk = Ed25519PrivateKey.generate()
    sk.public_key().verify(sk.sign(b"selftest"), b"selftest")  # raises when broken
    kdf = "Argon2id available"
    try:
        from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

        Argon2id(salt=b"0" * 16, length=32, iterations=1, lanes=1, memory_cost=8).derive(b"x")
    except ImportError:
        kdf = "Argon2id missing"
    ok = aes_ok and kdf.endswith("available")
    return [Check("crypto", "ok" if ok else "FAIL", f"AES-256-GCM and Ed25519 round trips; {kdf}")]


def _check_images() -> list[Check]:
    """Pillow reads and re-saves photos for the reviewer: the formats it needs must be in the build."""
    import io

    import PIL
    from PIL import Image

    formats = []
    for fmt in ("JPEG", "PNG", "WEBP", "GIF"):
        buf = io.BytesIO()
        try:
            Image.new("RGB", (8, 8), (200, 30, 30)).save(buf, fmt)
            buf.seek(0)
            with Image.open(buf) as im:
                im.load()
            formats.append(fmt)
        except (OSError, KeyError, ValueError):
            pass
    missing = {"JPEG", "PNG"} - set(formats)
    return [Check("images", "FAIL" if missing else "ok",
                  f"Pillow {PIL.__version__}: {', '.join(formats) or 'no formats'}"
                  + (f"; missing {', '.join(sorted(missing))}" if missing else ""))]


def _check_keyring() -> list[Check]:
    import keyring
    import keyring.backend

    result: dict[str, Any] = {}

    def probe() -> None:
        result["backend"] = keyring.get_keyring()
        keyring.backend.get_all_keyring()  # loads every backend module through its entry point
        result["classes"] = {c.__module__.rsplit(".", 1)[-1] for c in keyring.backend.KeyringBackend._classes}

    err = _with_timeout(probe, 15)
    if err:
        return [Check("keyring", "FAIL", err)]
    b = result["backend"]
    name = f"{type(b).__module__}.{type(b).__name__}"
    try:
        priority = float(b.priority)
    except Exception:
        priority = 0.0
    checks = [Check("keyring", "ok" if priority >= 1 else "warn",
                    f"backend {name}, priority {priority:g}"
                    + ("" if priority >= 1 else " (not a real key store: the vault will need a passphrase)"))]
    native = NATIVE_BACKENDS.get(sys.platform)
    if native:
        present = native in result["classes"]
        checks.append(Check("keyring-backends", "ok" if present else "FAIL",
                            f"{native} backend {'is' if present else 'is NOT'} in this build "
                            f"(found: {', '.join(sorted(result['classes']))})"))
    return checks


def _with_timeout(fn: Callable[[], None], seconds: float) -> str | None:
    """Run `fn` in a thread; a keyring backend can block on an unlock prompt."""
    import threading

    box: list[BaseException] = []

    def run() -> None:
        try:
            fn()
        except BaseException as exc:  # reported, not raised
            box.append(exc)

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(seconds)
    if t.is_alive():
        return f"timed out after {seconds:g} s"
    return f"{type(box[0]).__name__}: {box[0]}" if box else None
