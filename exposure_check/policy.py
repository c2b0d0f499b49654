"""Site policy: settings an administrator sets or locks for every user of a machine. No Qt here.

Looked up in order, the first `policy.toml` found wins (a user cannot override a machine policy):
  1. platformdirs `site_config_dir` (/etc/xdg/exposure-check, C:\\ProgramData\\exposure-check, …);
  2. a `distribution/` folder beside the executable (the installer fills it, as Firefox does);
  3. the `EXPOSURE_CHECK_POLICY` env var (a policy.toml file, or a folder holding one).
Precedence of a setting (see `effective_setting`):
  locked policy > locked org pack > user settings > policy defaults > org pack > built-in defaults.
An invalid policy gives `Policy.error` (shown by the UI and `selftest`) and built-in defaults.
"""

from __future__ import annotations

import os
import sys
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from . import paths
from .core.model import Pack
from .core.org import DEFAULT_SETTINGS, SETTING_TYPES, check_setting

POLICY_FILE = "policy.toml"
ENV_VAR = "EXPOSURE_CHECK_POLICY"
MAX_POLICY_BYTES = 256 * 1024

SettingSource = Literal["policy-locked", "org-locked", "user", "policy", "org", "default"]


@dataclass(frozen=True)
class Policy:
    source: Path | None = None  # the policy file in force, or None
    location: str = ""  # "site", "distribution" or "env"
    defaults: Mapping[str, object] = field(default_factory=dict)  # the user may change these
    locked: Mapping[str, object] = field(default_factory=dict)  # the user may not
    org_pack: Path | None = None  # an org overlay named by the policy
    error: str | None = None  # why the policy was ignored, for the UI; None when fine

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class Setting:
    name: str
    value: object
    locked: bool
    source: SettingSource


class PolicyError(Exception):
    pass


def distribution_dirs() -> list[Path]:
    """`distribution/` beside the executable (and in a macOS bundle's Resources)."""
    exe = paths.executable_dir()
    out = [exe / "distribution"]
    if sys.platform == "darwin" and exe.name == "MacOS":
        out.append(exe.parent / "Resources" / "distribution")
    return out


def policy_candidates() -> list[tuple[str, Path]]:
    """Where a policy file may be, in look-up order."""
    out = [("site", paths.site_config_dir() / POLICY_FILE)]
    out += [("distribution", d / POLICY_FILE) for d in distribution_dirs()]
    env = os.environ.get(ENV_VAR)
    if env:
        p = Path(env).expanduser()
        out.append(("env", p / POLICY_FILE if p.is_dir() else p))
    return out


def find_policy() -> tuple[str, Path] | None:
    for location, path in policy_candidates():
        if location == "env" or path.exists():
            return location, path
    return None


def load_policy() -> Policy:
    """The policy in force; never raises. An invalid one yields defaults plus `error`."""
    found = find_policy()
    if found is None:
        return Policy()
    location, path = found
    try:
        return parse_policy(path, location)
    except PolicyError as exc:
        return Policy(source=path, location=location,
                      error=f"{exc} The site policy is ignored; built-in defaults apply.")


def parse_policy(path: Path, location: str = "env") -> Policy:
    """Read and check one policy file; raise PolicyError naming the file and the problem."""
    try:
        if not path.is_file():
            raise PolicyError(f"{path}: no such policy file ({ENV_VAR} or the install names it).")
        if path.stat().st_size > MAX_POLICY_BYTES:
            raise PolicyError(f"{path}: the policy file is over {MAX_POLICY_BYTES // 1024} KiB.")
        text = path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise PolicyError(f"{path}: the policy file is not UTF-8 text.") from None
    except OSError as exc:
        raise PolicyError(f"{path}: cannot read the policy file: {exc.strerror or exc}.") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"{path}: not valid TOML: {exc}.") from None
    _schema_check(path, data)
    defaults: dict[str, object] = dict(data.get("defaults", {}))
    locked: dict[str, object] = dict(data.get("locked", {}))
    for section, values in (("defaults", defaults), ("locked", locked)):
        for name, value in values.items():
            err = check_setting(name, value)
            if err:
                raise PolicyError(f"{path}: [{section}] {err}.")
    org_pack = None
    meta = data.get("policy", {})
    if "org_pack" in meta:
        org_pack = (path.parent / meta["org_pack"]).resolve()
    return Policy(source=path, location=location, defaults=defaults, locked=locked, org_pack=org_pack)


_SETTING_SCHEMA = {
    "type": "object", "additionalProperties": False,
    "properties": {name: {"type": "integer" if t is int else {str: "string", bool: "boolean"}[t]}
                   for name, t in SETTING_TYPES.items()},
}
POLICY_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "policy": {
            "type": "object", "additionalProperties": False,
            "properties": {"version": {"const": 1},
                           "org_pack": {"type": "string", "minLength": 1, "maxLength": 1024}},
        },
        "defaults": _SETTING_SCHEMA,
        "locked": _SETTING_SCHEMA,
    },
}


def _schema_check(path: Path, data: Mapping[str, Any]) -> None:
    import jsonschema

    errors = sorted(jsonschema.Draft202012Validator(POLICY_SCHEMA).iter_errors(data),
                    key=lambda e: list(e.absolute_path))
    if errors:
        err = errors[0]
        where = "/".join(str(p) for p in err.absolute_path) or "(top level)"
        raise PolicyError(f"{path}: {where}: {err.message}.")


def effective_setting(name: str, user_settings: Mapping[str, object], policy: Policy,
                      org_pack: Pack | None) -> Setting:
    """The value of setting `name` and whether the user may change it (the UI shows a lock)."""
    if name not in SETTING_TYPES:
        raise KeyError(f"unknown setting {name!r}")
    if name in policy.locked:
        return Setting(name, policy.locked[name], True, "policy-locked")
    org_settings: Mapping[str, object] = org_pack.org_settings if org_pack else {}
    if org_pack is not None and name in org_pack.locked_settings and name in org_settings:
        return Setting(name, org_settings[name], True, "org-locked")
    user_value = user_settings.get(name)
    if user_value is not None and check_setting(name, user_value) is None:
        return Setting(name, user_value, False, "user")
    if name in policy.defaults:
        return Setting(name, policy.defaults[name], False, "policy")
    if name in org_settings:
        return Setting(name, org_settings[name], False, "org")
    return Setting(name, DEFAULT_SETTINGS[name], False, "default")


def effective_settings(user_settings: Mapping[str, object], policy: Policy,
                       org_pack: Pack | None) -> dict[str, Setting]:
    return {name: effective_setting(name, user_settings, policy, org_pack) for name in SETTING_TYPES}
