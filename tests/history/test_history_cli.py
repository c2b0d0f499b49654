"""The report, remind and backup commands, end to end through `exposure_check.cli.main`."""

from __future__ import annotations

import io
import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jsonschema
import pytest
from history_fixtures import CANARIES

from exposure_check import paths
from exposure_check.cli import main
from exposure_check.cli import remind as remind_cli
from exposure_check.core.model import Audit, DeclaredFacts, Profile, ProgressEvent
from exposure_check.core.packs import load_core_pack
from exposure_check.storage import keys
from exposure_check.storage.vault import Vault

VAULT_PASS = "vault passphrase"
BACKUP_PASS = "backup passphrase"
CHEAP = keys.KdfParams(iterations=1, memory_kib=64, lanes=1)
LAST = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "docs" / "report-schema.json")
                    .read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def core_pack():
    return load_core_pack()


@pytest.fixture()
def env(monkeypatch):
    monkeypatch.setenv("EXPOSURE_CHECK_PASSPHRASE", VAULT_PASS)
    monkeypatch.setenv("EXPOSURE_CHECK_BACKUP_PASSPHRASE", BACKUP_PASS)
    paths.set_data_dir(None)
    return monkeypatch


def _make_vault(core_pack, *, canaries: bool = False) -> None:
    vault, _ = Vault.create(passphrase=VAULT_PASS, use_keyring=False, kdf=CHEAP)
    items = core_pack.items
    first, second = items[0], items[1]
    exposed = next(o.id for o in first.options if o.kind == "exposed")
    profile = Profile({"role": CANARIES["profile"]}) if canaries else Profile({})
    vault.save_profile(profile, DeclaredFacts(names=(CANARIES["declared"],),
                                              emails=(CANARIES["email"],)))
    vault.record_audit(Audit("old", LAST - timedelta(days=60), core_pack.id, core_pack.version,
                             profile, {first.id: exposed}), 50.0)
    answers = {first.id: exposed, second.id: CANARIES["answer"] if canaries else exposed}
    vault.record_audit(Audit("new", LAST, core_pack.id, core_pack.version, profile, answers), 40.0)
    vault.append_progress(ProgressEvent(first.id, "done", LAST + timedelta(days=1),
                                        note=CANARIES["note"]))
    vault.close()


def _run(capsys, *argv: str, stdin: str | None = None) -> tuple[int, str, str]:
    if stdin is not None:
        sys.stdin = io.StringIO(stdin)
    try:
        code = main(list(argv))
    finally:
        sys.stdin = sys.__stdin__
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


# --- remind -----------------------------------------------------------------------------------------

def test_remind_check_exit_codes(env, capsys, core_pack) -> None:
    _make_vault(core_pack)
    env.setattr(remind_cli, "_now", lambda: LAST + timedelta(days=30))
    code, out, _ = _run(capsys, "remind", "--check")
    assert code == 1 and out.startswith("No re-check due.")
    env.setattr(remind_cli, "_now", lambda: LAST + timedelta(days=95))
    code, out, _ = _run(capsys, "remind", "--check")
    assert code == 0 and "due 5 days ago" in out
    # A shorter interval from the vault's setting makes it due sooner.
    vault = Vault.open_locked().unlock_with_passphrase(VAULT_PASS)
    vault.set_setting("recheck_days", 14)
    vault.close()
    env.setattr(remind_cli, "_now", lambda: LAST + timedelta(days=20))
    assert _run(capsys, "remind", "--check")[0] == 0
    # Plain `remind` without a display: same codes, no notification attempted.
    assert _run(capsys, "remind")[0] == 0


def test_remind_notifies_only_when_reminders_are_on(env, capsys, core_pack) -> None:
    from exposure_check.ui import notify, prefs

    _make_vault(core_pack)
    env.setattr(remind_cli, "_now", lambda: LAST + timedelta(days=95))
    shown: list[str] = []
    env.setattr(notify, "display_available", lambda: True)
    env.setattr(notify, "show_recheck_notification", lambda text: shown.append(text) or True)
    assert _run(capsys, "remind")[0] == 0
    assert len(shown) == 1 and "due 5 days ago" in shown[0]
    prefs.save(reminders=False)  # Settings ▸ "Remind me when a re-check is due" off
    assert _run(capsys, "remind")[0] == 0  # still due, as schedulers see it
    assert len(shown) == 1  # but no notification


def test_remind_errors_are_not_zero_or_one(env, capsys, core_pack) -> None:
    _make_vault(core_pack)
    env.setenv("EXPOSURE_CHECK_PASSPHRASE", "wrong")
    code, _, err = _run(capsys, "remind", "--check")
    assert code not in (0, 1) and err.startswith("exposure-check: ")


def test_remind_without_a_vault_is_due(env, capsys) -> None:
    code, out, _ = _run(capsys, "remind", "--check")
    assert code == 0 and "not completed an audit" in out


def test_remind_ics(env, capsys, core_pack, tmp_path) -> None:
    _make_vault(core_pack)
    env.setattr(remind_cli, "_now", lambda: LAST + timedelta(days=30))
    target = tmp_path / "recheck.ics"
    assert _run(capsys, "remind", "--ics", str(target), "--locale", "zh_CN")[0] == 0
    text = target.read_bytes().decode("utf-8")
    assert "DTSTART;VALUE=DATE:20260530\r\n" in text and "RRULE:FREQ=DAILY;INTERVAL=90" in text
    assert "暴露自查" in text


def test_remind_autostart(env, capsys, tmp_path) -> None:
    env.setenv("EXPOSURE_CHECK_AUTOSTART_DIR", str(tmp_path / "auto"))
    assert _run(capsys, "remind", "--autostart", "status")[1] == "off\n"
    assert _run(capsys, "remind", "--autostart", "on")[0] == 0
    assert _run(capsys, "remind", "--autostart", "status")[1] == "on\n"
    assert _run(capsys, "remind", "--autostart", "off")[0] == 0
    assert not list((tmp_path / "auto").iterdir())


# --- report -----------------------------------------------------------------------------------------

def test_report_json_full_and_redacted(env, capsys, core_pack, tmp_path) -> None:
    _make_vault(core_pack, canaries=True)
    for redacted in (False, True):
        out = tmp_path / f"r{redacted}.json"
        args = ["report", "--format", "json", "-o", str(out)] + (["--redacted"] if redacted else [])
        assert _run(capsys, *args)[0] == 0
        data = json.loads(out.read_text(encoding="utf-8"))
        jsonschema.validate(data, SCHEMA, cls=jsonschema.Draft202012Validator)
        assert data["redacted"] is redacted
        assert [h["date"][:10] for h in data["history"]] == ["2025-12-31", "2026-03-01"]


@pytest.mark.parametrize("fmt", ["json", "md", "html", "pdf"])
def test_redacted_report_from_the_vault_has_no_canary(env, capsys, core_pack, tmp_path, fmt,
                                                      qapp) -> None:
    _make_vault(core_pack, canaries=True)
    full, red = tmp_path / f"full.{fmt}", tmp_path / f"red.{fmt}"
    assert _run(capsys, "report", "--format", fmt, "-o", str(full))[0] == 0
    assert _run(capsys, "report", "--format", fmt, "--redacted", "-o", str(red))[0] == 0
    full_bytes, red_bytes = full.read_bytes(), red.read_bytes()
    if fmt != "pdf":  # PDF text is compressed; the JSON/MD/HTML checks cover the model
        assert b"CANARY" in full_bytes
    assert b"CANARY" not in red_bytes.upper() and CANARIES["email"].encode() not in red_bytes
    if fmt == "pdf":
        import shutil
        import subprocess

        if shutil.which("pdftotext"):
            text = subprocess.run(["pdftotext", str(red), "-"], capture_output=True, text=True,
                                  check=True).stdout
            assert "CANARY" not in text.upper() and "(redacted)" in text
            full_text = subprocess.run(["pdftotext", str(full), "-"], capture_output=True,
                                       text=True, check=True).stdout
            assert CANARIES["note"] in full_text


def test_report_errors(env, capsys, core_pack, tmp_path) -> None:
    code, _, err = _run(capsys, "report", "--format", "md", "-o", str(tmp_path / "x.md"))
    assert code not in (0, 1) and "vault" in err.lower()
    vault, _ = Vault.create(passphrase=VAULT_PASS, use_keyring=False, kdf=CHEAP)
    vault.close()
    code, _, err = _run(capsys, "report", "--format", "md", "-o", str(tmp_path / "x.md"))
    assert code == 1 and "No audit has been recorded yet" in err
    assert not (tmp_path / "x.md").exists()
    code, _, err = _run(capsys, "report", "--format", "pdf", "-o", "-")
    assert code == 1 and "stdout" in err
    code, _, err = _run(capsys, "report", "--format", "md", "--locale", "fr", "-o", "x")
    assert code == 1 and "unknown locale" in err


def test_report_to_stdout_in_chinese(env, capsys, core_pack) -> None:
    _make_vault(core_pack)
    code, out, _ = _run(capsys, "report", "--format", "md", "--redacted", "--locale", "zh_CN",
                        "-o", "-")
    assert code == 0 and out.startswith("# 暴露自查报告（已脱敏）")


# --- backup -----------------------------------------------------------------------------------------

def test_backup_round_trip_and_replace(env, capsys, core_pack, tmp_path) -> None:
    _make_vault(core_pack)
    target = tmp_path / "b.ecbackup"
    code, _, err = _run(capsys, "backup", "export", str(target))
    assert code == 0 and "2 audit(s)" in err
    # Into a fresh data dir: a vault is created (passphrase from the env) and filled.
    env.setenv("EXPOSURE_CHECK_DATA_DIR", str(tmp_path / "other"))
    code, _, err = _run(capsys, "backup", "import", str(target))
    assert code == 0 and "Created a vault and restored" in err
    vault = Vault.open_locked().unlock_with_passphrase(VAULT_PASS)
    assert [a.id for a in vault.list_audits()] == ["old", "new"]
    vault.close()
    # Again: the vault is not empty now, so it asks for --replace and changes nothing.
    code, _, err = _run(capsys, "backup", "import", str(target))
    assert code == 1 and "--replace" in err
    code, _, err = _run(capsys, "backup", "import", str(target), "--replace")
    assert code == 0 and "new recovery key" in err
    vault = Vault.open_locked().unlock_with_passphrase(VAULT_PASS)
    assert [a.id for a in vault.list_audits()] == ["old", "new"]
    vault.close()


def test_backup_passphrases_from_stdin(env, capsys, core_pack, tmp_path) -> None:
    _make_vault(core_pack)
    env.delenv("EXPOSURE_CHECK_PASSPHRASE")
    env.delenv("EXPOSURE_CHECK_BACKUP_PASSPHRASE")
    target = tmp_path / "b.ecbackup"
    code, _, _ = _run(capsys, "backup", "export", str(target), "--passphrase-stdin",
                      "--vault-passphrase-stdin", stdin=f"{BACKUP_PASS}\n{VAULT_PASS}\n")
    assert code == 0
    code, _, err = _run(capsys, "backup", "import", str(target), "--passphrase-stdin",
                        stdin="not it\n")
    assert code == 3 and "wrong backup passphrase" in err


def test_backup_bad_files(env, capsys, core_pack, tmp_path) -> None:
    _make_vault(core_pack)
    target = tmp_path / "b.ecbackup"
    assert _run(capsys, "backup", "export", str(target))[0] == 0
    data = target.read_bytes()
    cases = {"truncated": (data[: len(data) // 2], 1, "damaged"),
             "tampered": (data[:-5] + bytes([data[-5] ^ 0x40]) + data[-4:], 1, "damaged"),
             "newer": (data[:8] + b"\x00\x09" + data[10:], 5, "newer version"),
             "other": (b"PK\x03\x04 a zip file", 1, "not an Exposure Check backup")}
    for name, (blob, want, words) in cases.items():
        bad = tmp_path / f"{name}.ecbackup"
        bad.write_bytes(blob)
        code, _, err = _run(capsys, "backup", "import", str(bad), "--replace")
        assert (code, words in err, str(bad) in err) == (want, True, True), (name, err)
    vault = Vault.open_locked().unlock_with_passphrase(VAULT_PASS)
    assert [a.id for a in vault.list_audits()] == ["old", "new"]  # nothing changed
    vault.close()
    code, _, err = _run(capsys, "backup", "import", str(tmp_path / "missing"))
    assert code == 1 and "no such file" in err


def test_remind_check_never_says_not_due_on_a_broken_install(env, capsys, monkeypatch) -> None:
    from exposure_check.cli import audit as audit_cli
    from exposure_check.cli.errors import CliError

    def broken():
        raise CliError("The built-in question pack does not load (x); reinstall Exposure Check.", 1)

    monkeypatch.setattr(audit_cli, "load_pack_for_cli", broken)
    code, _, err = _run(capsys, "remind", "--check")
    assert code not in (0, 1) and "reinstall" in err
