"""A test per view, against the real core pack and a real (cheap-KDF) passphrase vault."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from ui.uihelpers import FAST_KDF, REPO, unnamed_controls, visible_texts

from exposure_check.storage.vault import Vault
from exposure_check.ui import idle, prefs, scripted
from exposure_check.ui.first_run import RecoveryKeyDialog
from exposure_check.ui.main_window import MainWindow
from exposure_check.ui.results_view import FITTED_COLUMNS, ScoreBar
from exposure_check.ui.scripted import make_window, settle, wait_until

PASS = "a long enough passphrase"


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:
    w = make_window(tmp_path / "vault", "en", dict(FAST_KDF))
    qtbot.addWidget(w)
    yield w
    settle()


def through_first_run(w: MainWindow) -> None:
    scripted.first_run(w, PASS)


def test_a_broken_checklist_is_said_on_the_loading_page(qtbot, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The loading page is built before Qt's rich-text setting is touched; the error must still
    show as plain text (a path or a pack string is never read as HTML)."""
    resources = tmp_path / "resources"
    shutil.copytree(REPO / "resources", resources)
    broken = resources / "packs" / "core" / "pack.toml"
    broken.write_text("<b>not toml\n", encoding="utf-8")
    monkeypatch.setenv("EXPOSURE_CHECK_RESOURCES", str(resources))
    w = MainWindow(locale="en")
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.ready, timeout=15000) as blocker:
        w.start_loading()
    try:
        assert blocker.args == ["error"]
        text = w.loading_text.text()
        assert text.startswith("Exposure Check could not start:") and "pack.toml" in text
        assert w.loading_text.textFormat() == Qt.TextFormat.PlainText
    finally:  # the icon cache now points into tmp_path: later windows must find the real icons
        from exposure_check.ui import controls

        controls.icon.cache_clear()
        controls._icons_dir.cache_clear()


def test_window_shows_before_the_pack_loads(qtbot) -> None:
    w = MainWindow(locale="en")
    qtbot.addWidget(w)
    w.show()
    assert w.pack is None and w.isVisible()  # nothing slow happened yet
    w.start_loading()
    qtbot.waitUntil(lambda: w.welcome is not None, timeout=15000)
    assert w.pack is not None


def test_welcome_and_vault_setup_require_a_confirmed_passphrase(window: MainWindow, qtbot) -> None:
    wait_until(lambda: window.welcome is not None)
    assert not unnamed_controls(window.welcome)
    texts = " ".join(visible_texts(window.welcome))
    assert "nothing you enter is ever sent anywhere" in texts
    window.welcome.language.setCurrentIndex(1)
    assert prefs.load()["language"] == "zh_CN"
    assert "restart" in window.welcome.restart_note.text()
    window.welcome.next_button.click()
    setup = window.setup
    # The test keyring is the "fail" backend: no key store, so a passphrase is required.
    assert not setup.use_keyring.isVisible()
    assert "passphrase is required" in setup.keyring_note.text()
    setup.passphrase.setText("short")
    setup.confirm.setText("short")
    setup.create_button.click()
    assert "at least 8" in setup.error.text()
    setup.passphrase.setText(PASS)
    setup.confirm.setText(PASS + "x")
    setup.create_button.click()
    assert "different" in setup.error.text()
    assert not Vault.exists(window.session.data_dir)  # nothing partial written
    assert not unnamed_controls(setup)


def test_recovery_key_dialog_saves_and_prints(qtbot, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    dialog = RecoveryKeyDialog("ABCD-EFGH-IJKL")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.done_button.isEnabled()  # must confirm first
    assert dialog.save_to(tmp_path / "key.txt")
    assert "ABCD-EFGH-IJKL" in (tmp_path / "key.txt").read_text(encoding="utf-8")
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "key.pdf"))
    dialog.print_to(printer)
    assert (tmp_path / "key.pdf").stat().st_size > 500
    dialog.confirmed.setChecked(True)
    assert dialog.done_button.isEnabled()
    assert not unnamed_controls(dialog)


def test_profile_is_generated_from_the_pack(window: MainWindow) -> None:
    through_first_run(window)
    view = window.views["profile"]
    pack = window.session.pack
    assert set(view.inputs) == {q.id for q in pack.profile}
    picker = view.inputs["platforms"]
    assert len(picker.items) == len(pack.platforms)
    assert picker.tree.topLevelItemCount() == 3  # global, chinese, general
    assert not picker.items["linkedin"].icon(0).isNull()
    picker.search.setText("wech")
    hidden = [pid for pid, it in picker.items.items() if it.isHidden()]
    assert "wechat" not in hidden and "linkedin" in hidden
    assert "encrypted" in " ".join(visible_texts(view))
    assert not unnamed_controls(view)
    scripted.fill_profile(window)
    settle()
    profile, declared = Vault.open_locked(window.session.data_dir)  \
        .unlock_with_passphrase(PASS).load_profile()
    assert "linkedin" in profile.platforms
    assert declared.employers == ("Example Research Institute",)


def test_audit_pages_autosave_and_explain(window: MainWindow) -> None:
    through_first_run(window)
    scripted.fill_profile(window)
    view = window.views["audit"]
    applicable = window.session.applicable()
    assert sum(len(p.items) for p in view.pages) == len(applicable)
    assert all(len({(it.platforms[:1] or (it.category,))[0] for it in p.items}) == 1
               for p in view.pages)
    texts = visible_texts(view)
    assert any("counts as partly exposed" in t for t in texts)
    assert "Why this matters" in texts
    foldout_button = next(b for b in view.findChildren(type(view.back_button).__mro__[1])
                          if b.text() == "Why this matters")
    foldout_button.click()
    assert foldout_button.body is not None and foldout_button.body.isVisible()
    assert foldout_button.body.text() == foldout_button.accessibleDescription()
    foldout_button.click()
    assert not foldout_button.body.isVisible()
    item_id, group = next(iter(view.groups.items()))
    group.buttons()[0].click()
    settle()
    draft = Vault.open_locked(window.session.data_dir).unlock_with_passphrase(PASS).load_draft()
    assert draft == {item_id: group.buttons()[0].property("option_id")}
    assert not view.back_button.isEnabled()
    view.next_button.click()
    assert view.index == 1 and view.back_button.isEnabled()
    assert not unnamed_controls(view)


class _ShowHideCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() in (QEvent.Type.Show, QEvent.Type.Hide):
            self.count += 1
        return False


def test_results_and_plan_update_live(window: MainWindow) -> None:
    through_first_run(window)
    scripted.fill_profile(window)
    scripted.answer_everything(window)
    results = window.views["results"]
    score = window.session.current_score()
    assert results.gauge.value == pytest.approx(score.total)
    assert "lower is better" in results.gauge.accessibleDescription()
    assert results.table.rowCount() == len(score.contributions)
    assert results.bars.count() == 2 * len(score.categories)
    bars = results.bars_box.findChildren(ScoreBar)
    assert [b.value() for b in bars] == [round(c.score) for c in score.categories.values()]
    for b in bars:  # the number for screen readers; the bar filled in the highlight colour
        assert f"{b.value()} of 100" in b.accessibleDescription()
        image = b.grab().toImage()
        highlight = b.palette().color(QPalette.ColorRole.Highlight).rgb()
        assert (image.pixelColor(3, 3).rgb() == highlight) == (b.value() > 1)
    assert "first audit" in results.comparison.text()
    assert not unnamed_controls(results)
    # Refilled while shown, every row still fits its wrapped text (rows are fitted in idle turns)
    # and the short columns fit their contents.
    results.refresh()
    wait_until(lambda: not results._fit_timer.isActive() and idle.pending() == 0,
               what="the rows to be fitted")
    table, header = results.table, results.table.horizontalHeader()
    assert all(table.rowHeight(r) >= table.sizeHintForRow(r) for r in range(table.rowCount()))
    def fitted() -> bool:  # as wide as Qt's own measure of the cells and the heading
        return all(header.sectionSize(c) >= max(table.sizeHintForColumn(c),
                                                header.sectionSizeHint(c))
                   for c in FITTED_COLUMNS)

    assert fitted()
    font = results.font()
    font.setPointSizeF(font.pointSizeF() * 2)  # as at 200% text size
    results.setFont(font)
    assert fitted()
    results.refresh()  # rows fitted before are measured again in the new font
    wait_until(lambda: not results._fit_timer.isActive() and idle.pending() == 0,
               what="the rows to be fitted")
    assert all(table.rowHeight(r) >= table.sizeHintForRow(r) for r in range(table.rowCount()))

    window.show_page("plan")
    plan = window.views["plan"]
    # The list settles: a scroll bar that came and went would re-wrap the rows and start the
    # batched layout over and over, keeping the window busy.
    bar = plan.list.verticalScrollBar()
    counter = _ShowHideCounter()
    bar.installEventFilter(counter)
    loop = QEventLoop()
    QTimer.singleShot(300, loop.quit)
    loop.exec()
    bar.removeEventFilter(counter)
    assert counter.count <= 2
    first = plan.plan.first
    assert plan.list.currentItem().text().startswith("Do this first")
    assert plan.badge.text() == "Do this first"
    before = plan.plan.score.total
    plan.done_button.click()
    assert plan.plan.score.total < before  # live, before the write finishes
    assert str(round(plan.plan.score.total)) in plan.score_label.text()
    assert plan.plan.first.item_id != first.item_id
    plan.select(first.item_id)
    assert plan.state_label.text().startswith("Done on")
    plan.accept_button.click()
    plan.select(first.item_id)
    assert plan.state_label.text().startswith("Risk accepted on")
    assert not unnamed_controls(plan)
    settle()
    events = Vault.open_locked(window.session.data_dir).unlock_with_passphrase(PASS) \
        .progress_events()
    assert [(e.item_id, e.state) for e in events] == [(first.item_id, "done"),
                                                      (first.item_id, "accepted")]


def test_unlock_messages_and_recovery_key(qtbot, tmp_path: Path) -> None:
    data = tmp_path / "vault"
    w = make_window(data, "en", dict(FAST_KDF))
    qtbot.addWidget(w)
    key = scripted.first_run(w, PASS)
    w.close()
    settle()
    again = make_window(data, "en", dict(FAST_KDF))
    qtbot.addWidget(again)
    wait_until(lambda: again.unlock_page is not None)
    page = again.unlock_page
    assert not page.retry_keyring.isVisible()  # this vault has no key-store slot
    page.secret.setText("wrong passphrase")
    page.unlock_button.click()
    wait_until(lambda: page.error.isVisible())
    assert "does not unlock" in page.error.text()
    assert "corrupt" not in page.error.text().lower()
    page.use_recovery.setChecked(True)
    page.secret.setText(key)
    page.unlock_button.click()
    wait_until(lambda: again.current_page() == "profile")
    assert not unnamed_controls(page)
    again.close()


def test_settings_privacy_wipe_is_two_step(window: MainWindow) -> None:
    through_first_run(window)
    window.show_page("settings")
    view = window.views["settings"]
    texts = " ".join(visible_texts(view))
    assert "Network access: none" in texts and "unshare -rn" in texts and "strace" in texts
    assert "passphrase" in view.protection.text()
    assert str(window.session.data_dir) in view.location.text()
    view.theme.setCurrentIndex(2)
    assert prefs.theme() == "dark"
    view.language.setCurrentIndex(1)
    assert "Restart" in view.language_note.text()
    assert not view.wipe_now.isVisible()
    view.wipe_start.click()
    assert view.wipe_now.isVisible() and not view.wipe_now.isEnabled()
    assert not view.wipe_now.isDefault() and not view.wipe_now.autoDefault()
    view.new_pass.setText("another passphrase")
    view.new_pass2.setText("another passphrase")
    view.change_button.click()
    wait_until(lambda: "changed" in view.key_status.text())
    assert not unnamed_controls(view)
    view.wipe_understood.setChecked(True)
    view.wipe_now.click()
    wait_until(lambda: window.welcome is not None and window.outer.currentWidget() is window.welcome)
    assert not Vault.exists(window.session.data_dir)


def test_zh_cn_screens_show_no_english_ui_strings(qtbot, tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    from exposure_check.ui.app import install_translator

    app = QApplication.instance()
    assert install_translator(app, "zh_CN")
    try:
        tree = ET.parse(REPO / "resources" / "translations" / "exposure_check_zh_CN.ts")
        sources = {m.findtext("source") for m in tree.getroot().iter("message")}
        allowed = {"Exposure Check", "LinkedIn", "GitHub", "English", "中文（简体）"}
        w = make_window(tmp_path / "vault", "zh_CN", dict(FAST_KDF))
        qtbot.addWidget(w)
        seen: list[str] = []

        def check(where: str) -> None:
            texts = visible_texts(w) + (visible_texts(w.recovery_dialog) if w.recovery_dialog
                                        and w.recovery_dialog.isVisible() else [])
            english = [t for t in texts if t in sources and t not in allowed]
            assert not english, f"untranslated on {where}: {english}"
            seen.extend(texts)

        wait_until(lambda: w.welcome is not None)
        check("welcome")
        w.welcome.next_button.click()
        check("vault set-up")
        w.setup.passphrase.setText(PASS)
        w.setup.confirm.setText(PASS)
        w.setup.create_button.click()
        wait_until(lambda: w.recovery_dialog is not None and w.recovery_dialog.isVisible())
        check("recovery key")
        w.recovery_dialog.confirmed.setChecked(True)
        w.recovery_dialog.done_button.click()
        wait_until(lambda: w.current_page() == "profile")
        check("profile")
        scripted.fill_profile(w)
        check("audit")
        scripted.answer_everything(w)
        check("results")
        for page in ("plan", "settings"):
            w.show_page(page)
            check(page)
        assert "欢迎使用 Exposure Check" in seen and "你的改进计划" in seen
    finally:
        install_translator(app, "en")


def test_translations_are_complete_and_compiled() -> None:
    import xml.etree.ElementTree as ET

    # Every string of every view, in both files: zh_CN in full, English for its plural forms.
    for name in ("exposure_check_zh_CN.ts", "exposure_check_en.ts"):
        tree = ET.parse(REPO / "resources" / "translations" / name)
        unfinished = [(c.findtext("name"), m.findtext("source"))
                      for c in tree.getroot().iter("context") for m in c.iter("message")
                      if m.find("translation").get("type") in ("unfinished", "vanished",
                                                               "obsolete")]
        assert not unfinished, name
        empty = [m.findtext("source") for m in tree.getroot().iter("message")
                 if not "".join(m.find("translation").itertext()).strip()]
        assert not empty, name
    check = subprocess.run([sys.executable, str(REPO / "scripts" / "build_translations.py"),
                            "--check"], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_bench_hook_prints_first_idle_and_quits(tmp_path: Path) -> None:
    env = dict(os.environ, EXPOSURE_CHECK_BENCH_EXIT_AT_IDLE="1", QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-m", "exposure_check", "--locale", "en"], env=env,
                         capture_output=True, text=True, timeout=60, cwd=REPO)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("EXPOSURE_CHECK_FIRST_IDLE ")
    assert float(out.stdout.split()[1]) > 0


def test_tab_order_follows_reading_order(window: MainWindow) -> None:
    through_first_run(window)
    view = window.views["profile"]
    view.focus_first()
    order = []
    w = window.focusWidget()
    for _ in range(200):
        order.append(w)
        if w is view.save_button:
            break
        w = w.nextInFocusChain()
        while not (w.focusPolicy() & Qt.FocusPolicy.TabFocus) or not w.isVisible():
            w = w.nextInFocusChain()
    assert order[-1] is view.save_button and len(order) > 10
    tops = [x.mapTo(view, x.rect().topLeft()).y() for x in order if view.isAncestorOf(x)]
    assert tops == sorted(tops), [(type(x).__name__, y) for x, y in zip(order, tops, strict=False)]


def test_second_audit_is_compared_with_the_first(window: MainWindow) -> None:
    through_first_run(window)
    scripted.fill_profile(window)
    scripted.answer_everything(window)
    first_total = window.session.audits[-1].score
    window.nav.setCurrentRow(1)  # Audit, pre-filled with the last answers
    audit = window.views["audit"]
    assert window.current_page() == "audit" and audit.index == 0
    # Improve one answer: the first question's safest option.
    group = next(iter(audit.groups.values()))
    for b in group.buttons():
        if b.property("option_id") in ("private", "no", "yes", "none", "hidden"):
            b.click()
            break
    while audit.index < len(audit.pages) - 1:
        audit.next_button.click()
    audit.next_button.click()
    wait_until(lambda: len(window.session.audits) == 2)
    wait_until(lambda: window.current_page() == "results")
    text = window.views["results"].comparison.text()
    assert "previous audit scored" in text or "same score" in text
    assert str(round(first_total)) in text or "same score" in text


def test_other_views_plug_in_before_settings(window: MainWindow) -> None:
    import importlib.util

    from exposure_check.ui.main_window import OPTIONAL_VIEWS

    through_first_run(window)
    present = [n for n in OPTIONAL_VIEWS
               if importlib.util.find_spec(f"exposure_check.ui.{n}") is not None]
    core = ["profile", "audit", "results", "plan"]
    wait_until(lambda: window.nav.count() >= len(core) + 1 + (1 if present else 0))
    settle()
    keys = [window.nav.item(i).data(Qt.ItemDataRole.UserRole) for i in range(window.nav.count())]
    assert keys[:4] == core and keys[-1] == "settings"
    # A page only exists for a view that is really there: never a placeholder.
    assert len(keys) <= len(core) + 1 + len(present)


def _optional_pages_listed(window: MainWindow) -> None:
    through_first_run(window)
    wait_until(lambda: {"selfsearch", "reviewer", "approach", "history"} <= set(window.pages),
               what="the optional pages in the sidebar")
    settle()


def test_optional_pages_are_built_when_first_shown(window: MainWindow) -> None:
    from exposure_check.ui.history_view import HistoryView

    _optional_pages_listed(window)
    assert not {"selfsearch", "reviewer", "approach", "history"} & set(window.views)
    window.show_page("history")
    assert window.current_page() == "history"
    assert isinstance(window.views["history"], HistoryView) and window.views["history"].isVisible()


def test_a_broken_optional_page_says_so_and_the_rest_works(window: MainWindow, monkeypatch,
                                                           capsys) -> None:
    from exposure_check.ui import approach_view

    def broken(*_args: object) -> None:
        raise RuntimeError("a broken page")

    monkeypatch.setattr(approach_view, "make_page", broken)
    _optional_pages_listed(window)
    window.show_page("approach")
    assert "could not be opened" in window.views["approach"].text()
    assert "a broken page" in capsys.readouterr().err  # for the developer, on stderr
    window.show_page("profile")
    assert window.current_page() == "profile"


def test_error_messages_are_translated_sentences_never_corrupt() -> None:
    from pathlib import Path as P

    from exposure_check.storage import errors as e
    from exposure_check.ui.messages import describe

    samples = [e.WrongSecret(), e.WrongSecret("recovery key"), e.PassphraseRequired(),
               e.KeyringChanged("SecretService", "kwallet"), e.KeyringLocked("SecretService"),
               e.KeyringTimeout("SecretService", 10), e.KeyringEntryMissing("SecretService"),
               e.KeyringUnavailable(), e.NoUnlockMethod(), e.NewerVersion(9, 1),
               e.VaultDamaged("audit", "x1"), e.VaultCorrupt(P("/x"), []), e.StorageFull(P("/x")),
               e.StorageUnwritable(P("/x"), "read-only"), e.VaultClosed(), TimeoutError()]
    for exc in samples:
        text = describe(exc)
        assert text.endswith((".", "。")) and "Traceback" not in text
        if not isinstance(exc, e.VaultCorrupt | e.VaultDamaged):
            assert "corrupt" not in text.lower() and "damaged" not in text.lower(), text
    assert "SecretService" in describe(samples[3]) and "kwallet" in describe(samples[3])


def test_unlock_tries_the_key_store_first_then_falls_back(qtbot, tmp_path: Path) -> None:
    data = tmp_path / "vault"
    w = make_window(data, "en", dict(FAST_KDF))
    qtbot.addWidget(w)
    scripted.first_run(w, PASS)
    w.close()
    settle()
    again = MainWindow(locale="en", session=scripted.Session(data))
    qtbot.addWidget(again)
    again.show()
    # Pretend the vault recorded a key-store slot: the page must try it automatically, off
    # the GUI thread, and fall back to the passphrase with a clear message when it fails.
    real_probe = again.session.probe

    def probe(on_done=None, on_error=None):
        def done(locked):
            locked.keyring_backend_recorded = "SecretService Keyring"
            on_done(locked)
        return real_probe(on_done=done, on_error=on_error)

    again.session.probe = probe
    again.start_loading()
    wait_until(lambda: again.unlock_page is not None)
    page = again.unlock_page
    assert page.retry_keyring.isVisibleTo(page)
    wait_until(lambda: page.error.isVisibleTo(page))
    assert "passphrase or recovery key" in page.error.text()
    assert page.task is None and page.secret.isEnabled()
    page.secret.setText(PASS)
    page.unlock_button.click()
    wait_until(lambda: again.current_page() == "profile")
    again.close()


def test_the_busy_indicator_shows_only_for_work_that_lasts(window: MainWindow) -> None:
    import threading

    from exposure_check.ui import workers

    through_first_run(window)
    settle()
    counter = _ShowHideCounter()
    window.busy.installEventFilter(counter)
    for _ in range(3):
        workers.run_task(window, lambda: None)
        settle()
    assert counter.count == 0  # quick saves: no flicker
    release = threading.Event()
    workers.run_task(window, release.wait)
    wait_until(lambda: window.busy.isVisible(), what="the busy indicator")  # after a moment
    release.set()
    settle()
    assert not window.busy.isVisible()
