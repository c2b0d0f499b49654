"""A re-check pre-fills the last answers and asks the user to confirm each (issue #6)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from ui.uihelpers import FAST_KDF, MINI_PACK

from exposure_check.core.model import Audit, Profile
from exposure_check.core.packs import load_pack
from exposure_check.storage.vault import Vault
from exposure_check.ui import scripted
from exposure_check.ui.audit_view import AuditView
from exposure_check.ui.main_window import MainWindow
from exposure_check.ui.scripted import make_window, settle, wait_until
from exposure_check.ui.session import Session

PASS = "a long enough passphrase"


def _checked(group) -> str | None:  # type: ignore[no-untyped-def]
    button = group.checkedButton()
    return None if button is None else str(button.property("option_id"))


def test_recheck_prefills_and_each_answer_needs_confirming(qtbot, tmp_path: Path) -> None:
    window: MainWindow = make_window(tmp_path / "vault", "en", dict(FAST_KDF))
    qtbot.addWidget(window)
    scripted.first_run(window, PASS)
    scripted.fill_profile(window)
    scripted.answer_everything(window)
    session = window.session
    last = dict(session.latest.answers)
    applicable = {it.id for it in session.applicable()}
    assert session.unconfirmed == set(last) & applicable

    window.show_page("audit")  # the re-check
    audit: AuditView = window.views["audit"]
    assert audit.index == 0
    page = list(audit.groups)
    assert page and all(_checked(audit.groups[i]) == last[i] for i in page)
    assert set(audit.notes) == set(page)
    note = audit.notes[page[0]]
    assert note.isVisible() and "Your answer last time" in note.text()
    assert audit.progress.value() == 0  # pre-filled is not answered
    assert audit.confirm_all_button.isVisible()

    # Clicking the option that is already chosen confirms it.
    first = audit.groups[page[0]].checkedButton()
    qtbot.mouseClick(first, Qt.MouseButton.LeftButton, pos=QPoint(8, first.height() // 2))
    assert page[0] not in session.unconfirmed and page[0] not in audit.notes
    assert not note.isVisible()
    assert audit.progress.value() == 1
    # So does Space on the chosen option (keyboard only).
    second = audit.groups[page[1]].checkedButton()
    second.setFocus()
    qtbot.keyClick(second, Qt.Key.Key_Space)
    assert page[1] not in session.unconfirmed
    assert audit.progress.value() == 2
    settle()
    draft = Vault.open_locked(session.data_dir).unlock_with_passphrase(PASS).load_draft()
    assert draft == {page[0]: last[page[0]], page[1]: last[page[1]]}

    # The rest of the page at once; other pages stay unconfirmed and count as skipped.
    audit.confirm_all_button.click()
    assert not any(i in session.unconfirmed for i in page)
    assert not audit.confirm_all_button.isVisible()
    while audit.index < len(audit.pages) - 1:
        audit.next_button.click()
    audit.next_button.click()
    wait_until(lambda: len(session.audits) == 2, what="the re-check recorded")
    assert dict(session.latest.answers) == {i: last[i] for i in page}
    # The next re-check starts again from the answers just recorded, all unconfirmed.
    assert session.unconfirmed == set(page)
    settle()


def test_prefill_follows_replaced_ids_and_keeps_confirmations_in_the_draft(
        qtbot, tmp_path: Path) -> None:
    session = Session(tmp_path / "data")
    session.pack = load_pack(MINI_PACK)
    profile = Profile({"platforms": ("p1",), "speaks": True, "sensitivity": "high"})
    old = {"a.old": "public", "a.gone": "hidden", "a.two": "contacts", "b.four": "no-such-option"}
    audit = Audit("a1", datetime(2026, 3, 12, 9, tzinfo=UTC), "mini", "1.1.0", profile, old)

    session._apply_state(((profile, None), None, [audit], audit, [], "passphrase", None))
    # a.old was replaced by a.one; a.gone is retired; b.four's option no longer exists.
    assert session.answers == {"a.one": "public", "a.two": "contacts"}
    assert session.unconfirmed == {"a.one", "a.two"}

    view = AuditView(session, "en")
    qtbot.addWidget(view)
    view.show()
    view.reload()
    assert _checked(view.groups["a.one"]) == "public"
    assert "12 March 2026" in view.notes["a.one"].text()
    assert view.progress.value() == 0

    # After a restart, what the draft holds was confirmed (or changed) in this re-check.
    session._apply_state(((profile, None), {"a.two": "hidden"}, [audit], audit, [], "passphrase",
                          None))
    assert session.answers == {"a.one": "public", "a.two": "hidden"}
    assert session.unconfirmed == {"a.one"}
    view.reload()
    assert "a.two" not in view.notes and _checked(view.groups["a.two"]) == "hidden"
    assert "a.one" in view.notes
