"""Team distribution: find the org overlay pack, check it against a pinned key, merge it. No Qt.

`load_effective_pack()` is what the CLI (`pack export` with no PATH, `selftest`) and the UI call.
When a build pins a public key (`pinned_key.pem` in the bundled resources, in `distribution/`
beside the executable, or in the site config dir) an org pack must carry a good signature by that
key; otherwise it is refused, with a notice naming the file, and the app runs on the core pack
alone. It never mixes an unverified overlay in silently.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from . import paths
from .core.model import Pack
from .core.packs import PackError, load_pack
from .core.signing import SigningError, key_id, public_key_from_pem, verify_pack
from .policy import Policy, Setting, distribution_dirs, effective_settings, load_policy

ORG_PACK_DIR = "org-pack"
PINNED_KEY_FILE = "pinned_key.pem"

NoticeLevel = Literal["info", "warning", "error"]


@dataclass(frozen=True)
class Notice:
    level: NoticeLevel
    message: str  # one plain sentence or two; the UI shows it in a banner, the CLI on stderr
    # What happened, for the UI to word in the user's language (the message is the detail):
    # "policy-invalid", "org-refused" or "org-unsigned".
    code: str = ""
    detail: str = ""  # the file and the problem alone, shown after the UI's own sentence
    count: int = 0  # how many things it is about, for the UI's plural forms


@dataclass(frozen=True)
class EffectivePack:
    pack: Pack
    notices: tuple[Notice, ...] = ()
    policy: Policy = field(default_factory=Policy)
    org_pack_dir: Path | None = None  # the overlay in use, or None (core pack alone)
    refused: Path | None = None  # an overlay that was found but refused
    signed_by: str = ""  # the pinned key ID that verified the overlay, or ""

    def settings(self, user_settings: Mapping[str, object]) -> dict[str, Setting]:
        """Every setting's value and lock state for the UI (e.g. user_settings = ui.prefs.load())."""
        return effective_settings(user_settings, self.policy, self.pack if self.org_pack_dir else None)


def bundled_key_file() -> Path:
    """Where `packaging/build.py --pubkey` puts the pinned key inside the frozen bundle."""
    return paths.resources_dir() / PINNED_KEY_FILE


def pinned_key_files() -> list[Path]:
    """Places a build or an administrator pins the org public key (never the env var location)."""
    cands = [bundled_key_file()]
    cands += [d / PINNED_KEY_FILE for d in distribution_dirs()]
    cands.append(paths.site_config_dir() / PINNED_KEY_FILE)
    return [p for p in cands if p.exists()]


def find_org_pack(policy: Policy) -> Path | None:
    if policy.org_pack is not None:
        return policy.org_pack
    for d in [paths.site_config_dir(), *distribution_dirs()]:
        if (d / ORG_PACK_DIR).exists():
            return d / ORG_PACK_DIR
    return None


def policy_notices(policy: Policy) -> list[Notice]:
    """An invalid policy, as a notice (the app then runs on built-in defaults)."""
    return [Notice("error", policy.error, "policy-invalid", policy.error)] if policy.error else []


def load_effective_pack(policy: Policy | None = None, *, core_dir: Path | None = None) -> EffectivePack:
    """The core pack plus the org overlay when it is allowed; raises PackError only if core is broken."""
    policy = load_policy() if policy is None else policy
    notices = policy_notices(policy)
    core_dir = core_dir or paths.core_pack_dir()
    core = load_pack(core_dir, prevalidated=True)
    org_dir = find_org_pack(policy)
    if org_dir is None:
        return EffectivePack(core, tuple(notices), policy)

    def refuse(why: str) -> EffectivePack:
        notices.append(Notice("error", f"The organisation pack was refused: {why} "
                                       "Running on the core checklist alone.", "org-refused", why))
        return EffectivePack(core, tuple(notices), policy, refused=org_dir)

    if not org_dir.is_dir():
        return refuse(f"{org_dir}: no such pack directory.")
    key_files = pinned_key_files()
    signed_by = ""
    if key_files:
        reasons = []
        for kf in key_files:
            try:
                ok = verify_pack(org_dir, public_key_from_pem(kf.read_bytes(), str(kf)))
            except SigningError as exc:
                reasons.append(str(exc))
                continue
            except OSError as exc:
                reasons.append(f"{kf}: cannot read the pinned key: {exc.strerror or exc}")
                continue
            signed_by = ok.key_id
            break
        if not signed_by:
            return refuse(_first_unique(reasons) + ".")
    else:
        notices.append(Notice("info", f"No signing key is pinned in this build, so the organisation "
                                      f"pack {org_dir} is used without a signature check.",
                                      "org-unsigned", str(org_dir)))
    try:
        pack = load_pack(core_dir, [org_dir], prevalidated=True)
    except PackError as exc:
        first = exc.problems[0] if exc.problems else None
        more = f" (and {len(exc.problems) - 1} more problems)" if len(exc.problems) > 1 else ""
        return refuse(f"{first or org_dir}{more}.")
    return EffectivePack(pack, tuple(notices), policy, org_pack_dir=org_dir, signed_by=signed_by)


def _first_unique(reasons: list[str]) -> str:
    return "; ".join(dict.fromkeys(reasons)) if reasons else "no usable pinned key"


def describe_pinned_keys() -> list[str]:
    """`file: key ID` for each pinned key (selftest prints these)."""
    out = []
    for kf in pinned_key_files():
        try:
            out.append(f"{kf}: {key_id(public_key_from_pem(kf.read_bytes(), str(kf)))}")
        except (SigningError, OSError) as exc:
            out.append(f"{kf}: unusable ({exc})")
    return out
