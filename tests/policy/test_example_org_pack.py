"""The example org pack in docs/examples stays valid over the real core pack, in both languages."""

from __future__ import annotations

from pathlib import Path

from exposure_check.core.model import tr
from exposure_check.core.packs import load_pack

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs" / "examples" / "org-pack"


def test_example_org_pack_loads_over_the_core_pack() -> None:
    pack = load_pack(ROOT / "resources" / "packs" / "core", [EXAMPLE])
    ours = pack.item_map()["org.example.internal-tools"]
    assert tr(ours.question, "zh_CN").startswith("你是否发布过")
    assert pack.branding is not None and Path(pack.branding.logo).is_file()
    assert pack.security_contact is not None and pack.security_contact.email == "security@example.org"
    assert pack.org_settings["recheck_days"] == 60 and pack.locked_settings == ("recheck_days",)
