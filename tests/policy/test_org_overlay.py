"""Org overlay merge: add, disable, mandatory, weights, branding, contact, settings and locks."""

from __future__ import annotations

from pathlib import Path

import pytest

from exposure_check.core.packs import PackError, load_pack, pack_to_dict


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


def test_overlay_adds_disables_mandates_and_reweights(core_dir: Path, acme_dir: Path) -> None:
    core = load_pack(core_dir)
    merged = load_pack(core_dir, [acme_dir])
    assert {it.id for it in core.items} == {"affiliation.employer", "affiliation.title", "contact.phone"}
    ids = [it.id for it in merged.items]
    assert "org.acme.vpn" in ids and merged.item("org.acme.vpn").origin == "acme"
    assert "affiliation.title" not in ids  # disabled
    assert merged.item("affiliation.employer").mandatory and not core.item("affiliation.employer").mandatory
    assert merged.item("contact.phone").weight == 3.0 and core.item("contact.phone").weight == 1.0
    assert merged.overlays == ("acme",)
    # Progress keyed on a retired overlay ID still finds its item.
    assert merged.current_id("org.acme.old-vpn") == "org.acme.vpn"


def test_branding_contact_and_settings(core_dir: Path, acme_dir: Path) -> None:
    pack = load_pack(core_dir, [acme_dir])
    assert pack.branding is not None
    assert pack.branding.display_name == {"en": "Acme Exposure Check", "zh_CN": "Acme 暴露自查"}
    assert Path(pack.branding.logo) == (acme_dir / "branding" / "logo.svg").absolute()
    assert pack.branding.accent_color == "#0a5cad"
    contact = pack.security_contact
    assert contact is not None and contact.email == "security@acme.example"
    assert contact.phone == "+44 20 7946 0000" and contact.url.startswith("https://intranet.")
    assert contact.text["zh_CN"] == "请向 Acme 安全团队报告。"
    # The org contact replaces the per-locale defaults (e.g. 12339) in the approach check and plan.
    assert pack.report_contacts["zh_CN"] is contact and pack.report_contacts["en"] is contact
    assert dict(pack.org_settings) == {"recheck_days": 90, "language": "zh_CN", "use_keyring": False}
    assert pack.locked_settings == ("recheck_days",)
    exported = pack_to_dict(pack, "en")["org"]
    assert exported["branding"]["display_name"] == "Acme Exposure Check"
    assert exported["security_contact"]["name"] == "Acme Security Team"
    assert exported["locked"] == ["recheck_days"]


def test_core_alone_has_no_org_fields(core_dir: Path) -> None:
    pack = load_pack(core_dir)
    assert pack.branding is None and pack.security_contact is None
    assert pack.locked_settings == () and dict(pack.org_settings) == {}
    assert pack.report_contacts["zh_CN"].phone == "12339"


@pytest.mark.parametrize(("old", "new", "expect"), [
    ('id = "org.acme.vpn"\ncategory', 'id = "vpn"\ncategory', "must start with 'org.acme.'"),
    ('logo = "branding/logo.svg"', 'logo = "../core/pack.svg"', "inside the pack directory"),
    ('logo = "branding/logo.svg"', 'logo = "branding/missing.svg"', "not found"),
    ('accent_color = "#0A5CAD"', 'accent_color = "blue"', "accent_color"),
    ('locked = ["recheck_days"]', 'locked = ["reminders"]', "has no value in this pack"),
    ('locked = ["recheck_days"]', 'locked = ["colour"]', "locked"),
    ("recheck_days = 90", "recheck_days = 0", "recheck_days"),
    ('email = "security@acme.example"', 'email = "not an email"', "email"),
    ('disable = ["affiliation.title"]', 'disable = ["affiliation.nope"]', "unknown item"),
])
def test_bad_overlay_is_refused_with_the_file_named(core_dir: Path, acme_dir: Path, old: str, new: str,
                                                    expect: str) -> None:
    target = acme_dir / ("items/acme.toml" if "category" in old else "pack.toml")
    _edit(target, old, new)
    with pytest.raises(PackError) as err:
        load_pack(core_dir, [acme_dir])
    text = str(err.value)
    assert expect in text
    assert str(acme_dir) in text


def test_contact_needs_a_way_to_reach_it(core_dir: Path, acme_dir: Path) -> None:
    pack_toml = acme_dir / "pack.toml"
    for line in ('email = "security@acme.example"\n', 'phone = "+44 20 7946 0000"\n',
                 'url = "https://intranet.acme.example/report"\n'):
        _edit(pack_toml, line, "")
    with pytest.raises(PackError, match="at least an email, phone or url"):
        load_pack(core_dir, [acme_dir])


def test_core_pack_may_not_carry_org_settings(core_dir: Path) -> None:
    with (core_dir / "pack.toml").open("a", encoding="utf-8") as f:
        f.write("\n[org]\nrecheck_days = 30\n")
    with pytest.raises(PackError, match="only an overlay pack may have"):
        load_pack(core_dir)


def test_logo_symlink_refused(core_dir: Path, acme_dir: Path, tmp_path: Path) -> None:
    outside = tmp_path / "evil.svg"
    outside.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (acme_dir / "branding" / "logo.svg").unlink()
    (acme_dir / "branding" / "logo.svg").symlink_to(outside)
    with pytest.raises(PackError, match="symbolic links"):
        load_pack(core_dir, [acme_dir])
