"""Site policy look-up order, precedence, invalid policy; org pack discovery and key pinning."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from exposure_check import policy as pol
from exposure_check.cli import main
from exposure_check.core.packs import load_pack
from exposure_check.core.signing import SIGNATURE_FILE, generate_keypair, load_private_key, sign_pack
from exposure_check.distribution import load_effective_pack


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


# --- look-up order ---------------------------------------------------------------------------


def test_no_policy_anywhere(site: dict[str, Path]) -> None:
    p = pol.load_policy()
    assert p.ok and p.source is None and not p.locked and not p.defaults


def test_lookup_order_site_then_distribution_then_env(site: dict[str, Path], tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    env_file = _write(tmp_path / "env" / "policy.toml", "[locked]\nrecheck_days = 3\n")
    monkeypatch.setenv("EXPOSURE_CHECK_POLICY", str(env_file))
    assert pol.load_policy().location == "env"
    monkeypatch.setenv("EXPOSURE_CHECK_POLICY", str(env_file.parent))  # a folder works too
    assert pol.load_policy().locked == {"recheck_days": 3}
    _write(site["distribution"] / "policy.toml", "[locked]\nrecheck_days = 2\n")
    assert (pol.load_policy().location, pol.load_policy().locked) == ("distribution", {"recheck_days": 2})
    _write(site["site"] / "policy.toml", "[locked]\nrecheck_days = 1\n")
    p = pol.load_policy()
    assert (p.location, p.locked, p.source) == ("site", {"recheck_days": 1}, site["site"] / "policy.toml")


def test_env_policy_that_does_not_exist_is_an_error(site: dict[str, Path], tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXPOSURE_CHECK_POLICY", str(tmp_path / "nope.toml"))
    p = pol.load_policy()
    assert p.error and "nope.toml" in p.error and "built-in defaults apply" in p.error


# --- invalid policy --------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expect"), [
    ("[locked\nrecheck_days = 1", "not valid TOML"),
    ("[locked]\nrecheck_days = \"often\"\n", "recheck_days"),
    ("[locked]\nrecheck_days = true\n", "recheck_days"),
    ("[locked]\nrecheck_days = 9999\n", "between 1 and 730"),
    ("[defaults]\nlanguage = \"fr\"\n", "language"),
    ("[locked]\ncolour = \"red\"\n", "colour"),
    ("[surprise]\nx = 1\n", "surprise"),
    ("[policy]\nversion = 2\n", "version"),
])
def test_invalid_policy_falls_back_to_defaults_with_a_clear_error(
        site: dict[str, Path], text: str, expect: str) -> None:
    path = _write(site["site"] / "policy.toml", text)
    p = pol.load_policy()
    assert not p.ok and p.error is not None
    assert str(path) in p.error and expect in p.error
    assert not p.locked and not p.defaults
    s = pol.effective_setting("recheck_days", {}, p, None)
    assert (s.value, s.locked, s.source) == (90, False, "default")


def test_non_utf8_policy(site: dict[str, Path]) -> None:
    (site["site"] / "policy.toml").write_bytes(b"[locked]\nlanguage = \"\xff\"\n")
    assert "not UTF-8" in (pol.load_policy().error or "")


# --- precedence ------------------------------------------------------------------------------


def test_precedence(core_dir: Path, acme_dir: Path) -> None:
    org = load_pack(core_dir, [acme_dir])  # recheck_days 90 (locked), language zh_CN, use_keyring off
    none = pol.Policy()
    eff = pol.effective_setting
    # built-in default
    assert eff("reminders", {}, none, None) == pol.Setting("reminders", True, False, "default")
    # org pack > default
    assert eff("use_keyring", {}, none, org) == pol.Setting("use_keyring", False, False, "org")
    # policy default > org pack
    site_defaults = pol.Policy(defaults={"use_keyring": True, "language": "en"})
    assert eff("use_keyring", {}, site_defaults, org).source == "policy"
    # user > policy default > org pack
    assert eff("language", {"language": "zh_CN"}, site_defaults, org) == pol.Setting(
        "language", "zh_CN", False, "user")
    # org-locked > user
    assert eff("recheck_days", {"recheck_days": 7}, none, org) == pol.Setting(
        "recheck_days", 90, True, "org-locked")
    # locked policy > org-locked > user
    locked = pol.Policy(locked={"recheck_days": 30, "language": "en"})
    assert eff("recheck_days", {"recheck_days": 7}, locked, org) == pol.Setting(
        "recheck_days", 30, True, "policy-locked")
    assert eff("language", {"language": "zh_CN"}, locked, org).value == "en"
    # an invalid user value is ignored rather than trusted
    assert eff("recheck_days", {"recheck_days": "soon"}, none, None).source == "default"
    everything = pol.effective_settings({}, locked, org)
    assert set(everything) == set(pol.SETTING_TYPES)
    assert [n for n, s in everything.items() if s.locked] == ["language", "recheck_days"]
    with pytest.raises(KeyError):
        eff("colour", {}, none, None)


def test_policy_and_pack_schema_name_the_same_settings(repo_root: Path) -> None:
    schema = json.loads((repo_root / "resources/schema/pack.schema.json").read_text())
    org = schema["$defs"]["org"]["properties"]
    assert set(org["locked"]["items"]["enum"]) == set(pol.SETTING_TYPES)
    in_pack = set(org["settings"]["properties"]) | {"recheck_days", "language"}
    assert in_pack == set(pol.SETTING_TYPES)


# --- org pack discovery and pinning -------------------------------------------------------------


def _install(acme_dir: Path, where: Path) -> Path:
    dst = where / "org-pack"
    shutil.copytree(acme_dir, dst)
    return dst


def _pin(site: dict[str, Path], tmp_path: Path) -> Path:
    priv, pub = generate_keypair(tmp_path / "keys")
    shutil.copy(pub, site["distribution"] / "pinned_key.pem")
    return priv


def test_unpinned_overlay_is_used_and_says_so(site: dict[str, Path], core_dir: Path,
                                              acme_dir: Path) -> None:
    _install(acme_dir, site["distribution"])
    eff = load_effective_pack(core_dir=core_dir)
    assert eff.pack.overlays == ("acme",) and eff.refused is None and eff.signed_by == ""
    assert any("No signing key is pinned" in n.message for n in eff.notices)


def test_pinned_and_signed_overlay_is_used(site: dict[str, Path], core_dir: Path, acme_dir: Path,
                                           tmp_path: Path) -> None:
    priv = _pin(site, tmp_path)
    org = _install(acme_dir, site["distribution"])
    sign_pack(org, load_private_key(priv))
    eff = load_effective_pack(core_dir=core_dir)
    assert eff.pack.overlays == ("acme",) and eff.signed_by and not eff.notices
    assert eff.org_pack_dir == org
    settings = eff.settings({"recheck_days": 7, "language": "en"})
    assert (settings["recheck_days"].value, settings["recheck_days"].locked) == (90, True)
    assert (settings["language"].value, settings["language"].source) == ("en", "user")


@pytest.mark.parametrize("tamper", ["unsigned", "modified", "added", "wrong-key"])
def test_pinned_key_refuses_bad_overlays_and_runs_on_core_alone(
        site: dict[str, Path], core_dir: Path, acme_dir: Path, tmp_path: Path, tamper: str) -> None:
    priv = _pin(site, tmp_path)
    org = _install(acme_dir, site["site"])
    if tamper == "wrong-key":
        other, _ = generate_keypair(tmp_path / "other")
        sign_pack(org, load_private_key(other))
    elif tamper != "unsigned":
        sign_pack(org, load_private_key(priv))
    if tamper == "modified":
        p = org / "pack.toml"
        p.write_text(p.read_text().replace("recheck_days = 90", "recheck_days = 99"))
    if tamper == "added":
        (org / "items" / "more.toml").write_text("")
    eff = load_effective_pack(core_dir=core_dir)
    assert eff.pack.overlays == () and eff.pack.branding is None  # never mixed in
    assert {it.id for it in eff.pack.items} == {"affiliation.employer", "affiliation.title", "contact.phone"}
    assert eff.refused == org
    [notice] = eff.notices
    assert notice.level == "error" and "Running on the core checklist alone" in notice.message
    named = {"unsigned": org / SIGNATURE_FILE, "modified": org / "pack.toml",
             "added": org / "items" / "more.toml", "wrong-key": org / SIGNATURE_FILE}[tamper]
    assert str(named) in notice.message


def test_bundled_pinned_key_counts(site: dict[str, Path], core_dir: Path, acme_dir: Path,
                                   tmp_path: Path) -> None:
    _, pub = generate_keypair(tmp_path / "keys")
    shutil.copy(pub, site["resources"] / "pinned_key.pem")
    _install(acme_dir, site["distribution"])
    assert load_effective_pack(core_dir=core_dir).refused is not None


def test_invalid_overlay_is_refused_not_half_loaded(site: dict[str, Path], core_dir: Path,
                                                    acme_dir: Path) -> None:
    org = _install(acme_dir, site["distribution"])
    (org / "items" / "acme.toml").write_text('[[items]]\nid = "org.acme.x"\n')
    eff = load_effective_pack(core_dir=core_dir)
    assert eff.pack.overlays == () and eff.refused == org
    assert str(org / "items" / "acme.toml") in eff.notices[-1].message


def test_policy_names_the_org_pack_and_its_error_reaches_the_ui(
        site: dict[str, Path], core_dir: Path, acme_dir: Path, tmp_path: Path) -> None:
    shutil.copytree(acme_dir, tmp_path / "packs" / "acme-2026")
    _write(site["site"] / "policy.toml",
           f'[policy]\nversion = 1\norg_pack = "{(tmp_path / "packs" / "acme-2026").as_posix()}"\n'
           "[locked]\nlanguage = \"en\"\n")
    eff = load_effective_pack(core_dir=core_dir)
    assert eff.pack.overlays == ("acme",) and eff.policy.locked == {"language": "en"}
    _write(site["site"] / "policy.toml", "[locked]\nlanguage = 3\n")
    eff = load_effective_pack(core_dir=core_dir)
    assert eff.notices[0].level == "error" and "policy.toml" in eff.notices[0].message


def test_pack_export_default_uses_the_effective_pack(site: dict[str, Path], core_dir: Path,
                                                      acme_dir: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("exposure_check.paths.core_pack_dir", lambda: core_dir)
    _pin(site, tmp_path)
    _install(acme_dir, site["distribution"])  # unsigned while a key is pinned
    assert main(["pack", "export", "--json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["overlays"] == []
    assert "refused" in err and "pack.sig" in err
