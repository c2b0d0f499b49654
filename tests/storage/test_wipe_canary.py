"""Wipe: key slots first (keyring entry, slot rows), then every file. Canary strings planted in
answers are found nowhere afterwards: not in the data dir, the private temp dir or TMPDIR."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from vault_helpers import CHEAP, MemoryKeyring, files_under, grep, make_audit

from exposure_check import paths
from exposure_check.core.model import DeclaredFacts, Profile
from exposure_check.storage import keys
from exposure_check.storage.vault import Vault, wipe

CANARY = "CANARY-b41f0e-LiNa-Acme-Quantum-Lab"


def _plant(data: Path, backend: MemoryKeyring | None) -> Vault:
    vault, _ = Vault.create(data, passphrase=CANARY + "-pass", keyring_backend=backend,
                            use_keyring=backend is not None, kdf=CHEAP)
    vault.save_profile(Profile({"role": CANARY}), DeclaredFacts(names=(CANARY,), employers=(CANARY,)))
    vault.save_draft({"affiliation.linkedin.employer-visible": CANARY})
    vault.record_audit(make_audit({"affiliation.linkedin.employer-visible": CANARY}), 50.0)
    vault.put_record("finding", CANARY, {"snippet": CANARY})
    vault.set_setting("note", CANARY)
    vault.make_backup()
    vault.make_backup()
    return vault


def test_canary_is_never_on_disk_and_wipe_leaves_nothing(tmp_path: Path) -> None:
    kr = MemoryKeyring()
    data = paths.data_dir()
    runtime = paths.runtime_dir()
    runtime.mkdir(parents=True)
    (runtime / "session-x").mkdir()
    (runtime / "session-x" / "preview.html").write_text(f"<p>{CANARY}</p>")  # a stray temp file
    tmpdir = Path(os.environ["TMPDIR"])
    vault = _plant(data, kr)
    vault_id = vault.vault_id
    roots = [data, tmpdir]
    needles = [CANARY.encode(), CANARY.encode("utf-16-le")]
    assert [p for n in needles for p in grep(roots, n)] == []  # encrypted at rest, always
    vault.close()
    (data / "vault.db.damaged-20260101T000000Z").write_bytes((data / "vault.db").read_bytes())
    (data / ".replaced-abc").mkdir()
    (data / ".replaced-abc" / "vault.db").write_bytes((data / "vault.db").read_bytes())
    assert kr.store  # the keyring holds the wrapping key

    result = wipe(keyring_backend=kr)

    assert kr.store == {}, "the keyring entry must be destroyed"
    assert result.keyring_note is None
    assert not data.exists(), files_under(data)
    assert not runtime.exists()
    hits = [p for n in needles for p in grep([data, runtime, tmpdir], n)]
    assert hits == []
    assert files_under(tmpdir) == []
    assert not Vault.exists()
    assert vault_id not in str(kr.store)


def test_wipe_destroys_key_slots_before_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Even if deleting the files fails, the key slots are already gone."""
    from exposure_check.storage import files
    from exposure_check.storage import wipe as wipe_mod

    data = tmp_path / "data"
    kr = MemoryKeyring()
    vault = _plant(data, kr)
    vault.close()
    copy = tmp_path / "copy.db"

    def boom(path: Path) -> None:
        if path.name == "vault.db":
            # Snapshot the file at the moment files start to go.
            copy.write_bytes(path.read_bytes())
        raise OSError("simulated failure while deleting files")

    monkeypatch.setattr(files, "scrub_and_unlink", boom)
    with pytest.raises(OSError):
        wipe_mod.wipe(data, keyring_backend=kr)
    assert kr.store == {}
    conn = sqlite3.connect(copy)
    assert conn.execute("SELECT count(*) FROM key_slots").fetchone()[0] == 0
    conn.close()


def test_wipe_only_removes_our_files(tmp_path: Path) -> None:
    data = tmp_path / "home"  # e.g. a mistaken --data-dir ~
    data.mkdir()
    (data / "thesis.tex").write_text("mine")
    (data / "backups").mkdir()  # a folder of the same name is ours to clear; siblings are not
    vault = _plant(data, None)
    vault.close()
    wipe(data)
    assert (data / "thesis.tex").read_text() == "mine"
    assert not (data / "vault.db").exists() and not (data / "backups").exists()


def test_wipe_with_unreachable_keyring_still_wipes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    vault = _plant(data, MemoryKeyring())
    vault.close()
    import keyring.backends.fail

    result = wipe(data, keyring_backend=keyring.backends.fail.Keyring())
    assert result.keyring_note and "opens nothing" in result.keyring_note
    assert not data.exists()


def test_cli_canary_wipe(tmp_path: Path) -> None:
    """End to end through the CLI: record with a passphrase, wipe --yes, nothing left."""
    data = tmp_path / "data"
    env = {**os.environ, "EXPOSURE_CHECK_DATA_DIR": str(data), "EXPOSURE_CHECK_PASSPHRASE": CANARY}
    answers = tmp_path / "answers.json"
    answers.write_text('{"profile": {"role": "engineer"}, "answers": '
                       '{"affiliation.linkedin.employer-visible": "public"}}')
    run = [sys.executable, "-m", "exposure_check"]
    rec = subprocess.run([*run, "audit", "record", "--answers", str(answers)], env=env,
                         capture_output=True, text=True, timeout=120)
    assert rec.returncode == 0, rec.stderr
    assert CANARY not in rec.stderr + rec.stdout
    assert grep([data], CANARY.encode()) == []
    no = subprocess.run([*run, "wipe"], env=env, capture_output=True, text=True, timeout=60)
    assert no.returncode == 2 and "--yes" in no.stderr and (data / "vault.db").exists()
    yes = subprocess.run([*run, "wipe", "--yes"], env=env, capture_output=True, text=True, timeout=60)
    assert yes.returncode == 0, yes.stderr
    assert not data.exists()
    assert keys.KEYRING_SERVICE  # (no keyring in this run: the fail backend)
