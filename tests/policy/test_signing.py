"""Ed25519 pack signing: round trip, and every kind of tampering is refused with the file named."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from exposure_check.cli import main
from exposure_check.core.signing import (
    SIGNATURE_FILE,
    SigningError,
    VerificationError,
    generate_keypair,
    load_private_key,
    load_public_key,
    sign_pack,
    verify_pack,
)


@pytest.fixture()
def keys(tmp_path: Path) -> tuple[Path, Path]:
    return generate_keypair(tmp_path / "keys")


@pytest.fixture()
def signed(acme_dir: Path, keys: tuple[Path, Path]) -> Path:
    sign_pack(acme_dir, load_private_key(keys[0]))
    return acme_dir


def _verify(pack: Path, pub: Path) -> None:
    verify_pack(pack, load_public_key(pub))


def test_keygen_writes_pem_pair(keys: tuple[Path, Path]) -> None:
    priv, pub = keys
    assert "pub" in pub.name and "pub" not in priv.name
    assert priv.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")
    assert pub.read_bytes().startswith(b"-----BEGIN PUBLIC KEY-----")
    if os.name == "posix":
        assert stat.S_IMODE(priv.stat().st_mode) == 0o600
    with pytest.raises(SigningError, match="already exists"):
        generate_keypair(priv.parent)


def test_round_trip(signed: Path, keys: tuple[Path, Path]) -> None:
    ok = verify_pack(signed, load_public_key(keys[1]))
    assert ok.files == 3  # pack.toml, items/acme.toml, branding/logo.svg (not pack.sig)


def test_every_one_byte_change_is_refused(signed: Path, keys: tuple[Path, Path]) -> None:
    files = sorted(p for p in signed.rglob("*") if p.is_file() and p.name != SIGNATURE_FILE)
    for path in files:
        original = path.read_bytes()
        for offset in (0, len(original) // 2, len(original) - 1):
            data = bytearray(original)
            data[offset] ^= 0x01
            path.write_bytes(bytes(data))
            with pytest.raises(VerificationError, match="changed after the pack was signed") as err:
                _verify(signed, keys[1])
            assert str(path) in str(err.value)
        path.write_bytes(original)
    _verify(signed, keys[1])


def test_a_byte_changed_in_the_signature_file_is_refused(signed: Path, keys: tuple[Path, Path]) -> None:
    sig = signed / SIGNATURE_FILE
    text = sig.read_text()
    # Change one digit of a manifest hash so the file still parses: the signature must catch it.
    i = text.index('manifest = """\n') + len('manifest = """\n')
    sig.write_text(text[:i] + ("0" if text[i] != "0" else "1") + text[i + 1:])
    with pytest.raises(VerificationError, match="signature file was altered"):
        _verify(signed, keys[1])


@pytest.mark.parametrize("where", ["extra.toml", "items/extra.toml", "deep/new/dir/x.svg"])
def test_an_added_file_is_refused(signed: Path, keys: tuple[Path, Path], where: str) -> None:
    added = signed / where
    added.parent.mkdir(parents=True, exist_ok=True)
    added.write_text("# harmless looking\n")
    with pytest.raises(VerificationError, match="added after the pack was signed") as err:
        _verify(signed, keys[1])
    assert str(added) in str(err.value)


def test_a_removed_file_is_refused(signed: Path, keys: tuple[Path, Path]) -> None:
    (signed / "branding" / "logo.svg").unlink()
    with pytest.raises(VerificationError, match="removed after the pack was signed"):
        _verify(signed, keys[1])


def test_wrong_key_is_refused(signed: Path, tmp_path: Path) -> None:
    _, other_pub = generate_keypair(tmp_path / "other")
    with pytest.raises(VerificationError, match="signed with a different key"):
        _verify(signed, other_pub)


def test_unsigned_is_refused(acme_dir: Path, keys: tuple[Path, Path]) -> None:
    with pytest.raises(VerificationError, match="not signed") as err:
        _verify(acme_dir, keys[1])
    assert str(acme_dir / SIGNATURE_FILE) in str(err.value)


def test_symlinks_are_refused(acme_dir: Path, keys: tuple[Path, Path], tmp_path: Path) -> None:
    (tmp_path / "outside.toml").write_text("x = 1\n")
    (acme_dir / "items" / "link.toml").symlink_to(tmp_path / "outside.toml")
    with pytest.raises(SigningError, match="symbolic links"):
        sign_pack(acme_dir, load_private_key(keys[0]))


def test_signing_twice_is_stable_and_resigning_after_an_edit_works(signed: Path,
                                                                   keys: tuple[Path, Path]) -> None:
    (signed / "items" / "acme.toml").write_text(
        (signed / "items" / "acme.toml").read_text() + "\n# reviewed 2026-11\n")
    with pytest.raises(VerificationError):
        _verify(signed, keys[1])
    sign_pack(signed, load_private_key(keys[0]))
    _verify(signed, keys[1])


def test_key_type_mixups_are_clear(keys: tuple[Path, Path], tmp_path: Path) -> None:
    priv, pub = keys
    with pytest.raises(SigningError, match="public key; signing needs the private key"):
        load_private_key(pub)
    with pytest.raises(SigningError, match="private key; verification needs the public"):
        load_public_key(priv)
    junk = tmp_path / "junk.pem"
    junk.write_text("hello")
    with pytest.raises(SigningError, match="not a PEM key file"):
        load_public_key(junk)


def test_cli_keygen_sign_verify(tmp_path: Path, acme_dir: Path, core_dir: Path,
                                capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("exposure_check.paths.core_pack_dir", lambda: core_dir)
    assert main(["pack", "keygen", str(tmp_path / "k")]) == 0
    priv, pub = tmp_path / "k" / "org-signing-key.pem", tmp_path / "k" / "org-signing-key.pub.pem"
    assert main(["pack", "sign", str(acme_dir), "--key", str(priv)]) == 0
    assert main(["pack", "verify", str(acme_dir), "--pubkey", str(pub)]) == 0
    assert "good signature" in capsys.readouterr().out
    (acme_dir / "pack.toml").write_text((acme_dir / "pack.toml").read_text() + "\n")
    assert main(["pack", "verify", str(acme_dir), "--pubkey", str(pub)]) == 1
    err = capsys.readouterr().err
    assert "pack.toml: this file was changed after the pack was signed" in err
    assert "Traceback" not in err
    assert main(["pack", "verify", str(acme_dir), "--pubkey", str(priv)]) == 1
    assert main(["pack", "keygen", str(tmp_path / "k")]) == 1  # refuses to overwrite


def test_cli_sign_refuses_an_invalid_pack(tmp_path: Path, acme_dir: Path, core_dir: Path,
                                          capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("exposure_check.paths.core_pack_dir", lambda: core_dir)
    priv, _ = generate_keypair(tmp_path / "k")
    (acme_dir / "items" / "acme.toml").write_text("[[items]]\nid = 3\n")
    assert main(["pack", "sign", str(acme_dir), "--key", str(priv)]) == 1
    assert "not valid on top of the core pack" in capsys.readouterr().err
    assert not (acme_dir / SIGNATURE_FILE).exists()
