"""The `[org]` table of an org overlay pack: branding, security contact, interval, language, locks.

The JSON Schema (`$defs/org` in pack.schema.json) checks shapes; this module checks what a schema
cannot (the logo file exists inside the pack, locks name settings the pack sets) and builds model
objects. The setting names and types are shared with site policy (`exposure_check/policy.py`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import SOURCE_LOCALE, SUPPORTED_LOCALES, Branding, LocalText, ReportContact, Source
from .scoring import DEFAULT_RECHECK_DAYS

MAX_LOGO_BYTES = 512 * 1024

# Every setting an org pack or a site policy may set (and lock), with its type and allowed range.
# A site policy uses the same names; the UI shows a lock icon on a locked one.
SETTING_TYPES: dict[str, type] = {
    "language": str,  # the UI language: one of SUPPORTED_LOCALES
    "recheck_days": int,  # days between re-check reminders, 1..730
    "reminders": bool,  # whether re-check reminders are shown at all
    "use_keyring": bool,  # whether the vault key may be kept in the OS keyring
    "selfsearch": bool,  # whether the self-search helper (opens the browser) is offered
}
DEFAULT_SETTINGS: dict[str, object] = {
    "language": SOURCE_LOCALE,
    "recheck_days": DEFAULT_RECHECK_DAYS,  # 90, as the issue and docs/scoring.md say
    "reminders": True,
    "use_keyring": True,
    "selfsearch": True,
}


def check_setting(name: str, value: object) -> str | None:
    """A message when `value` is not valid for setting `name`, else None."""
    kind = SETTING_TYPES.get(name)
    if kind is None:
        return f"unknown setting {name!r}; known settings: {', '.join(SETTING_TYPES)}"
    # bool is a subclass of int: `recheck_days = true` must not pass as 1.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        return f"setting {name!r} must be {'a whole number' if kind is int else kind.__name__}"
    if name == "language" and value not in SUPPORTED_LOCALES:
        return f"setting 'language' must be one of {', '.join(SUPPORTED_LOCALES)}, not {value!r}"
    if name == "recheck_days" and isinstance(value, int) and not 1 <= value <= 730:
        return "setting 'recheck_days' must be between 1 and 730"
    return None


@dataclass
class OrgFields:
    """What an overlay's `[org]` table contributes to the merged Pack."""

    branding: Branding | None = None
    security_contact: ReportContact | None = None
    settings: dict[str, object] = field(default_factory=dict)
    locked: tuple[str, ...] = ()


def _local(value: Any) -> LocalText:
    if isinstance(value, str):
        return {SOURCE_LOCALE: value}
    return {str(k): str(v) for k, v in value.items() if v}


def parse_org(data: Mapping[str, Any], root: Path) -> tuple[OrgFields, list[tuple[str, str]]]:
    """Build OrgFields from a schema-valid `[org]` table; problems are (key, message) pairs."""
    problems: list[tuple[str, str]] = []
    fields = OrgFields()
    b = data.get("branding")
    if isinstance(b, Mapping):
        logo = ""
        if "logo" in b:
            logo_path, err = _logo(root, str(b["logo"]))
            if err:
                problems.append(("logo", err))
            logo = str(logo_path.absolute()) if logo_path else ""
        fields.branding = Branding(display_name=_local(b.get("display_name", {})), logo=logo,
                                   accent_color=str(b.get("accent_color", "")).lower())
    c = data.get("contact")
    if isinstance(c, Mapping):
        if not any(c.get(k) for k in ("email", "phone", "url")):
            problems.append(("contact", "the security contact needs at least an email, phone or url"))
        fields.security_contact = ReportContact(
            name=_local(c["name"]), text=_local(c["text"]), email=str(c.get("email", "")),
            phone=str(c.get("phone", "")), url=str(c.get("url", "")),
            sources=tuple(Source(s["title"], s["url"]) for s in c.get("sources", [])))
    settings: dict[str, object] = dict(data.get("settings", {}))
    if "recheck_days" in data:
        settings["recheck_days"] = data["recheck_days"]
    if "default_language" in data:
        settings["language"] = data["default_language"]
    for name, value in settings.items():
        err = check_setting(name, value)
        if err:
            problems.append((name, err))
    fields.settings = settings
    locked = tuple(data.get("locked", ()))
    for name in locked:
        if name not in SETTING_TYPES:
            problems.append((name, f"locked names an unknown setting {name!r}"))
        elif name not in settings:
            problems.append((name, f"locked setting {name!r} has no value in this pack; "
                                   "set it (recheck_days, default_language or [org.settings])"))
    fields.locked = locked
    return fields, problems


def _logo(root: Path, rel: str) -> tuple[Path | None, str | None]:
    """The logo's absolute path; it must be an SVG file inside the pack directory, not a link."""
    if root.is_file():
        root = root.parent
    candidate = root / rel
    if Path(rel).is_absolute() or ".." in Path(rel).parts:
        return None, f"logo {rel!r} must be a path inside the pack directory"
    if not rel.lower().endswith(".svg"):
        return None, f"logo {rel!r} must be an SVG file"
    try:
        for parent in [candidate, *candidate.relative_to(root).parents]:
            p = root / parent if parent != candidate else candidate
            if p.is_symlink():
                return None, f"logo {rel!r}: symbolic links are not allowed in a pack"
        st = candidate.stat()
    except OSError:
        return None, f"logo file {rel!r} not found in the pack"
    if not candidate.is_file():
        return None, f"logo {rel!r} is not a file"
    if st.st_size > MAX_LOGO_BYTES:
        return None, f"logo {rel!r} is over {MAX_LOGO_BYTES // 1024} KiB"
    head = candidate.read_bytes()[:4096].lower()
    if b"<svg" not in head:
        return None, f"logo {rel!r} is not an SVG image"
    return candidate, None
