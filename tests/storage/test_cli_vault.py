"""`audit record`, `audit list`, `wipe` and CLI unlocking (keyring, --passphrase-stdin, env)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from vault_helpers import CHEAP, MemoryKeyring

from exposure_check import paths
from exposure_check.cli import main
from exposure_check.cli.errors import EXIT_INVALID, EXIT_LOCKED, EXIT_NEWER, EXIT_STORAGE
from exposure_check.core.packs import load_core_pack
from exposure_check.core.scoring import score
from exposure_check.storage.vault import Vault

ITEM = "affiliation.linkedin.employer-visible"


@pytest.fixture(autouse=True)
def _reset_data_dir() -> None:
    paths.set_data_dir(None)


def _write(tmp_path: Path, doc: object, name: str = "answers.json") -> Path:
    p = tmp_path / name
    p.write_text(json.dumps(doc) if not isinstance(doc, str) else doc, encoding="utf-8")
    return p


def _record(tmp_path: Path, doc: object, *extra: str) -> int:
    return main(["audit", "record", "--answers", str(_write(tmp_path, doc)), *extra])


def test_record_creates_a_passphrase_vault_and_lists(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXPOSURE_CHECK_PASSPHRASE", "hunter2 but longer")
    pack = load_core_pack()
    opt = pack.item(ITEM).options[0].id
    doc = {"profile": {"role": "engineer", "platforms": ["linkedin"], "travels": True},
           "answers": {ITEM: opt}}
    assert _record(tmp_path, doc) == 0
    out = capsys.readouterr()
    audit_id = out.out.strip()
    assert len(audit_id) == 32
    assert "recovery key" in out.err and "shown only this once" in out.err
    assert main(["audit", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [a["id"] for a in listed] == [audit_id]
    expected = score(pack, Vault.open_locked().unlock_with_passphrase("hunter2 but longer")
                     .load_audit(audit_id).profile, {ITEM: opt}).total
    assert listed[0]["score"] == round(expected, 2)
    assert listed[0]["pack_id"] == pack.id and listed[0]["pack_version"] == pack.version
    assert listed[0]["created"].endswith("+00:00")
    # The second record unlocks the existing vault: no new recovery key.
    assert _record(tmp_path, doc, "--json") == 0
    out = capsys.readouterr()
    assert "recovery key" not in out.err
    assert json.loads(out.out)["id"] != audit_id
    assert main(["audit", "list"]) == 0
    assert capsys.readouterr().out.count("score") == 2


def test_passphrase_stdin_and_wrong_passphrase(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    doc = {"profile": {}, "answers": {}}
    monkeypatch.setattr("sys.stdin", io.StringIO("from stdin\n"))
    assert _record(tmp_path, doc, "--passphrase-stdin") == 0
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin", io.StringIO("wrong\n"))
    assert main(["audit", "list", "--passphrase-stdin"]) == EXIT_LOCKED
    err = capsys.readouterr().err
    assert "does not unlock" in err and "Traceback" not in err
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["audit", "list", "--passphrase-stdin"]) == EXIT_LOCKED
    assert "held no passphrase" in capsys.readouterr().err
    assert main(["audit", "list"]) == EXIT_LOCKED  # no keyring slot and no passphrase
    assert "EXPOSURE_CHECK_PASSPHRASE" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("from stdin\n"))
    assert main(["audit", "list", "--passphrase-stdin"]) == 0


def test_no_keyring_and_no_passphrase_writes_nothing(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert _record(tmp_path, {"profile": {}, "answers": {}}) == EXIT_LOCKED
    err = capsys.readouterr().err
    assert "passphrase is required" in err and "--passphrase-stdin" in err
    assert not Vault.exists()
    assert main(["audit", "list"]) == EXIT_STORAGE
    assert "no vault" in capsys.readouterr().err


def test_record_with_a_keyring(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                               monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring

    kr = MemoryKeyring()
    monkeypatch.setattr(keyring, "get_keyring", lambda: kr)
    assert _record(tmp_path, {"profile": {}, "answers": {}}) == 0
    assert "MemoryKeyring" in capsys.readouterr().err
    assert main(["audit", "list", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1
    kr.store.clear()
    assert main(["audit", "list"]) == EXIT_LOCKED
    assert "no longer in the system key store" in capsys.readouterr().err


def test_recovery_key_stdin(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                            monkeypatch: pytest.MonkeyPatch) -> None:
    vault, recovery = Vault.create(passphrase="pw", use_keyring=False, kdf=CHEAP)
    vault.close()
    monkeypatch.setattr("sys.stdin", io.StringIO(recovery.lower() + "\n"))
    assert main(["audit", "list", "--recovery-key-stdin", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


BAD_INPUTS = [
    ("{not json", "not valid JSON (line 1"),
    ([1, 2], "expected an object"),
    ({"answers": {"no.such.item": "x"}}, "unknown item ID 'no.such.item'"),
    ({"answers": {ITEM: "no-such-option"}}, "unknown option 'no-such-option'"),
    ({"answers": {ITEM: 3}}, "unknown option 3"),
    ({"profile": {"colour": "red"}, "answers": {}}, "unknown profile question 'colour'"),
    ({"profile": {"role": "astronaut"}, "answers": {}}, "profile 'role' must be one of"),
    ({"profile": {"travels": "yes"}, "answers": {}}, "must be true or false"),
    ({"profile": {"platforms": ["myspace-2"]}, "answers": {}}, "unknown ID(s): myspace-2"),
    ({"profile": {}, "answers": []}, '"answers" must be an object'),
    ({"profile": {}, "answers": {}, "extra": 1}, "unexpected key(s) extra"),
]


@pytest.mark.parametrize(("doc", "message"), BAD_INPUTS)
def test_bad_answers_file_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch, doc: object,
                                         message: str) -> None:
    monkeypatch.setenv("EXPOSURE_CHECK_PASSPHRASE", "pw")
    path = _write(tmp_path, doc)
    assert main(["audit", "record", "--answers", str(path)]) == EXIT_INVALID
    err = capsys.readouterr().err
    assert message in err, err
    assert str(path) in err and "Nothing was recorded" in err and "Traceback" not in err
    assert not paths.data_dir().exists()


def test_bad_answers_file_with_an_existing_vault_adds_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXPOSURE_CHECK_PASSPHRASE", "pw")
    assert _record(tmp_path, {"profile": {}, "answers": {}}) == 0
    assert _record(tmp_path, {"answers": {ITEM: "nope"}}) == EXIT_INVALID
    capsys.readouterr()
    assert main(["audit", "list", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1


def test_missing_answers_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "record", "--answers", str(tmp_path / "nope.json")]) == EXIT_INVALID
    err = capsys.readouterr().err
    assert "nope.json" in err and "cannot read" in err


def test_newer_and_damaged_vault_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    monkeypatch.setenv("EXPOSURE_CHECK_PASSPHRASE", "pw")
    Vault.create(passphrase="pw", use_keyring=False, kdf=CHEAP)[0].close()
    db = paths.data_dir() / "vault.db"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 7")
    conn.close()
    assert main(["audit", "list"]) == EXIT_NEWER
    assert "newer version of Exposure Check" in capsys.readouterr().err
    db.write_bytes(b"garbage" * 1000)
    assert main(["audit", "list"]) == EXIT_STORAGE
    err = capsys.readouterr().err
    assert "damaged" in err and "moved aside" in err


def test_data_dir_flag(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXPOSURE_CHECK_PASSPHRASE", "pw")
    other = tmp_path / "elsewhere"
    path = _write(tmp_path, {"profile": {}, "answers": {}})
    assert main(["audit", "record", "--data-dir", str(other), "--answers", str(path)]) == 0
    assert (other / "vault.db").exists()
    assert main(["wipe", "--yes", "--data-dir", str(other)]) == 0
    assert not other.exists()


def test_answers_from_stdin(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXPOSURE_CHECK_PASSPHRASE", "pw")
    monkeypatch.setattr("sys.stdin", io.StringIO('{"profile": {}, "answers": {}}'))
    assert main(["audit", "record", "--answers", "-"]) == 0
    assert main(["audit", "record", "--answers", "-", "--passphrase-stdin"]) == 2
    assert "cannot both read stdin" in capsys.readouterr().err
