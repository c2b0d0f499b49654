"""Saving an approach check: Session.save_approach writes an encrypted record through the vault on
the worker; it is in a full backup, gone after wipe, and never in a report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from exposure_check.cli.report import build_from_vault
from exposure_check.core.approach import RECORD_KIND
from exposure_check.core.model import Audit, Profile
from exposure_check.core.packs import load_core_pack
from exposure_check.core.report import render
from exposure_check.storage import backup
from exposure_check.storage.keys import KdfParams
from exposure_check.storage.vault import Vault, wipe
from exposure_check.ui.approach_view import ApproachView, make_page
from exposure_check.ui.session import Session

PACK = load_core_pack()
PASS = "correct horse battery staple"
CHEAP = KdfParams(iterations=1, memory_kib=8 * 1024, lanes=1)
NOTE = "Recruiter 'Lena' met at the expo asked about the radar project"


def _session(qtbot: QtBot, data: Path) -> Session:
    session = Session(data, create_options={"kdf": CHEAP})
    session.pack = PACK
    done: list[Any] = []
    failed: list[BaseException] = []
    session.create_vault(PASS, False, on_done=done.append, on_error=failed.append)
    qtbot.waitUntil(lambda: bool(done or failed), timeout=20000)
    assert not failed, failed
    return session


def _fill_and_save(qtbot: QtBot, view: ApproachView) -> None:
    view.channel.setCurrentIndex(view.channel.findData("event"))
    view.flags["flag.asks-colleagues"].setChecked(True)
    view.flags["flag.meet-alone"].setChecked(True)
    view.notes.setPlainText(NOTE)
    view.assess_button.click()
    assert view.save_button.isVisible() and view.save_button.isEnabled()
    view.save_button.click()
    assert not view.save_button.isEnabled()
    qtbot.waitUntil(lambda: view.save_status.text() != "", timeout=20000)


def _shown_page(qtbot: QtBot, session: Session) -> ApproachView:
    page = make_page(session, "en")
    assert page is not None
    view = page[2]
    assert isinstance(view, ApproachView)
    qtbot.addWidget(view)
    view.show()
    return view


def test_save_button_stores_the_result_in_the_vault(qtbot: QtBot, tmp_path: Path) -> None:
    data = tmp_path / "data"
    session = _session(qtbot, data)
    view = _shown_page(qtbot, session)
    _fill_and_save(qtbot, view)
    assert view.save_status.text() == "Saved in your encrypted vault."
    session.close()

    # Reopen the vault: the record is there, and only as ciphertext on disk.
    vault = Vault.open_locked(data).unlock_with_passphrase(PASS)
    try:
        records = vault.list_records(RECORD_KIND)
        assert len(records) == 1
        saved = records[0][1]
        assert saved["kind"] == "approach-check" and saved["rating"] == "high"
        assert saved["channel"] == "event" and saved["notes"] == NOTE
        assert set(saved["flags"]) == {"flag.asks-colleagues", "flag.meet-alone"}
        assert RECORD_KIND in vault.record_kinds()

        # In a full encrypted backup, and back after a restore into a fresh vault.
        out = tmp_path / "backup.ecbackup"
        backup.export_backup(vault, out, "backup pass phrase", CHEAP)
        assert NOTE.encode() not in out.read_bytes()
        contents = backup.read_backup(out, "backup pass phrase")
        assert [p["notes"] for _, p in contents.records[RECORD_KIND]] == [NOTE]
        other, _ = Vault.create(tmp_path / "other", passphrase=PASS, use_keyring=False, kdf=CHEAP)
        try:
            backup.restore(other, contents)
            assert other.list_records(RECORD_KIND) == records
        finally:
            other.close()

        # Never in a report, full or redacted.
        profile = Profile({"platforms": ("linkedin",), "sensitivity": "high"})
        vault.record_audit(Audit("a1", dt.datetime.now(dt.UTC), PACK.id, PACK.version, profile, {}), 10.0)
        for redacted in (True, False):
            report = build_from_vault(vault, redacted=redacted, locale="en")
            for fmt in ("json", "md", "html"):
                text = render(report, fmt)
                assert NOTE not in text and "Lena" not in text and "approach-check" not in text
    finally:
        vault.close()
    for path in data.iterdir():
        if path.is_file():
            assert NOTE.encode() not in path.read_bytes(), path

    # Wipe removes it with everything else.
    wipe(data)
    assert not Vault.exists(data)


def test_failed_save_says_so_and_allows_a_retry(qtbot: QtBot, tmp_path: Path) -> None:
    session = _session(qtbot, tmp_path / "data")
    view = _shown_page(qtbot, session)
    session.vault.close()  # the vault went away under the page
    _fill_and_save(qtbot, view)
    assert view.save_status.text().startswith("The result could not be saved")
    assert view.save_button.isEnabled()


def test_no_save_button_without_a_session_that_can_save(qtbot: QtBot) -> None:
    class NoSave:
        pack = PACK
        security_contact = None

    page = make_page(NoSave(), "en")
    assert page is not None
    view = page[2]
    assert isinstance(view, ApproachView)
    qtbot.addWidget(view)
    assert view.save_button.isHidden()
