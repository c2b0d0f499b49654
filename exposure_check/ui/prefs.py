"""UI preferences needed before the vault is unlocked (language, theme), in the config dir.

They are not sensitive; everything about the user lives in the encrypted vault instead.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QLocale

from .. import paths

LANGUAGES = ("en", "zh_CN")
THEMES = ("system", "light", "dark")


def _file() -> str:
    return str(paths.config_dir() / "ui.json")


def load() -> dict[str, Any]:
    try:
        with open(_file(), encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save(**changes: Any) -> bool:
    """Merge `changes` into the prefs file atomically (QSaveFile); False if it cannot be written."""
    # Imported here: the prefs are read before the window's first paint, and PySide6 sets each
    # class up on its first use (these two: ~2.5 ms).
    from PySide6.QtCore import QIODevice, QSaveFile

    data = load()
    data.update(changes)
    paths.config_dir().mkdir(parents=True, exist_ok=True)
    out = QSaveFile(_file())
    if not out.open(QIODevice.OpenModeFlag.WriteOnly):
        return False
    out.write(json.dumps(data, indent=2, sort_keys=True).encode("utf-8"))
    return bool(out.commit())


def normalise_language(name: str | None) -> str:
    if name and name.replace("-", "_").lower().startswith("zh"):
        return "zh_CN"
    return "en"


def system_language() -> str:
    return normalise_language(QLocale.system().name())


def language(explicit: str | None = None) -> str:
    """The UI language: an explicit --locale, else the saved choice, else the system locale."""
    if explicit:
        return normalise_language(explicit)
    saved = load().get("language")
    if isinstance(saved, str) and saved in LANGUAGES:
        return saved
    return system_language()


def theme() -> str:
    value = load().get("theme")
    return value if isinstance(value, str) and value in THEMES else "system"
