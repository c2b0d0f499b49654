"""Every path the app uses, in one place, with overrides for tests and portable use."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

from . import APP_ID

_data_dir_override: Path | None = None


def set_data_dir(path: str | os.PathLike[str] | None) -> None:
    """Set by `--data-dir`; wins over the environment and the platform default."""
    global _data_dir_override
    _data_dir_override = Path(path).expanduser().resolve() if path else None


def data_dir() -> Path:
    """The user's private data dir (the vault lives here). Not created here."""
    if _data_dir_override is not None:
        return _data_dir_override
    env = os.environ.get("EXPOSURE_CHECK_DATA_DIR")
    if env:
        return Path(env).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_ID, appauthor=False))


def config_dir() -> Path:
    env = os.environ.get("EXPOSURE_CHECK_CONFIG_DIR")
    if env:
        return Path(env).expanduser().resolve()
    return Path(platformdirs.user_config_dir(APP_ID, appauthor=False))


def runtime_dir() -> Path:
    """Root of the private temp dirs (see tempdir.py). Not created here.

    On Linux without XDG_RUNTIME_DIR, platformdirs falls back to a guessable name in the shared
    /tmp, which another local user could create first; the user's cache dir is used instead.
    """
    env = os.environ.get("EXPOSURE_CHECK_RUNTIME_DIR")
    if env:
        return Path(env).expanduser().resolve()
    if sys.platform.startswith("linux") and not os.environ.get("XDG_RUNTIME_DIR"):
        return Path(platformdirs.user_cache_dir(APP_ID, appauthor=False)) / "run"
    return Path(platformdirs.user_runtime_dir(APP_ID, appauthor=False))


def crash_reports_dir() -> Path:
    """Redacted crash reports (see crash.py) live beside the user's data. Not created here."""
    return data_dir() / "crash-reports"


def autostart_dir(platform: str | None = None) -> Path:
    """Where start-at-login entries go (reminders.py): XDG autostart on Linux, LaunchAgents on
    macOS. Windows uses the registry's Run key instead. Not created here."""
    env = os.environ.get("EXPOSURE_CHECK_AUTOSTART_DIR")
    if env:
        return Path(env).expanduser().resolve()
    platform = platform or sys.platform
    if platform == "darwin":
        return Path.home() / "Library" / "LaunchAgents"
    return Path(platformdirs.user_config_dir()) / "autostart"  # $XDG_CONFIG_HOME/autostart


def site_config_dir() -> Path:
    return Path(platformdirs.site_config_dir(APP_ID, appauthor=False))


def executable_dir() -> Path:
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(sys.argv[0]).resolve().parent if sys.argv and sys.argv[0] else Path.cwd()


def resources_dir() -> Path:
    """Bundled resources: inside a PyInstaller bundle, or the repository's resources/."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    env = os.environ.get("EXPOSURE_CHECK_RESOURCES")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent / "resources"


def core_pack_dir() -> Path:
    return resources_dir() / "packs" / "core"


def pack_schema_path() -> Path:
    return resources_dir() / "schema" / "pack.schema.json"


def translations_dir() -> Path:
    return resources_dir() / "translations"


def icons_dir() -> Path:
    return resources_dir() / "icons"
