"""Views made ahead on the welcome or unlock page are the ones shown after entering."""

from __future__ import annotations

from pathlib import Path

from ui.uihelpers import FAST_KDF

from exposure_check.ui import scripted
from exposure_check.ui.main_window import MainWindow
from exposure_check.ui.scripted import make_window, settle, wait_until

PASS = "a made-ahead passphrase"


def _window(qtbot, data: Path, first_run: bool = True) -> MainWindow:
    """A new window on `data` (shown), through its first run to the profile page if asked."""
    window = make_window(data, "en", dict(FAST_KDF))
    qtbot.addWidget(window)
    if first_run:
        scripted.first_run(window, PASS)
    return window


def test_unlock_lands_on_the_results_page_made_ahead(qtbot, tmp_path: Path) -> None:
    keep: list[MainWindow] = []
    data = tmp_path / "vault"
    scripted.run_scripted_audit(data, passphrase=PASS, create_options=dict(FAST_KDF), keep=keep)
    window = make_window(data, "en", dict(FAST_KDF))
    for w in [*keep, window]:
        qtbot.addWidget(w)
    wait_until(lambda: window.unlock_page is not None, what="the unlock page")
    wait_until(lambda: {"profile", "results", "plan"} <= set(window._prebuilt),
               what="the views made ahead")
    results, plan = window._prebuilt["results"], window._prebuilt["plan"]
    assert not results.isVisible()
    scripted.unlock(window, PASS)
    # (The first run's window was closed: none of its work ahead is left in the queue.)
    from exposure_check.ui import idle

    assert all(owner is not keep[0] and not keep[0].isAncestorOf(owner)
               for owner, _step in idle._the_queue().jobs if owner.isWidgetType())
    assert window.current_page() == "results"
    assert window.views["results"] is results and results.isVisible()
    assert results.summary.text()  # filled in from the unlocked session when shown
    assert not plan._dirty and not plan.isVisible()  # caught up before the results appeared
    # ...and warmed up in a later turn, once the page's size is known.
    wait_until(lambda: plan.size() == window.stack.contentsRect().size(), what="the plan warmed up")
    window.show_page("plan")
    assert window.views["plan"] is plan and plan.list.count() > 0
    window.close()
    settle()


def test_when_a_finished_audit_shows_its_results_the_plan_is_already_up_to_date(
        qtbot, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path / "vault")
    scripted.fill_profile(window)
    seen: list[tuple[str, bool]] = []  # (page, plan dirty) at the moment each page appears
    sizes: list[tuple[object, object, object]] = []  # (plan, results, page) sizes, likewise

    def page_shown(_index: int) -> None:
        made = window._made("plan")
        seen.append((window.current_page(), made is None or made._dirty))
        sizes.append((made.size() if made is not None else None, window.views["results"].size(),
                      window.stack.contentsRect().size()))

    window.stack.currentChanged.connect(page_shown)
    scripted.answer_everything(window)
    assert ("results", False) in seen and ("results", True) not in seen
    # ...and both were laid out at the page's size (warmed up) before the results appeared.
    plan_size, results_size, page_size = sizes[-1]
    assert plan_size == page_size and results_size == page_size
    plan = window._made("plan")
    assert plan is not None and not plan.isVisible() and not plan._dirty
    assert plan.plan is not None and plan.plan.first is not None  # this audit's plan
    window.show_page("plan")
    assert plan.list.count() > 0
    window.close()
    settle()


def test_audit_questions_made_ahead_are_measured_at_the_width_they_are_shown_at(
        qtbot, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path / "vault")
    audit = window.view("audit")
    assert window.current_page() == "profile" and not audit.isVisible()
    # Never shown, yet its width is known: that of the page stack on screen, less its margins.
    with_bar, without_bar = audit._ahead_widths()
    scripted.fill_profile(window)
    assert audit.isVisible()
    # The scroll area adds its bar a turn after the page is shown, once it has measured it.
    wait_until(lambda: audit.scroller.verticalScrollBar().isVisible(), what="the scroll bar")
    assert audit.viewport.width() == with_bar  # the page the questions were measured for
    assert audit.scroller.width() == without_bar
    assert audit._ahead_widths() == (with_bar,)  # the bar is there: pages ahead need no other
    assert audit._shown is not None and audit._shown.body.width() == with_bar
    window.close()
    settle()


def test_pages_entering_lands_on_are_warmed_up_at_their_size_before_entering(
        qtbot, tmp_path: Path) -> None:
    keep: list[MainWindow] = []
    window = _window(qtbot, tmp_path / "vault", first_run=False)
    # First run: the profile is warmed up while the recovery key is on screen.
    wait_until(lambda: window.welcome is not None, what="the welcome page")
    window.welcome.next_button.click()
    window.setup.passphrase.setText(PASS)
    window.setup.confirm.setText(PASS)
    window.setup.create_button.click()
    wait_until(lambda: window.recovery_dialog is not None, what="the recovery key")
    wait_until(lambda: "app page" in window._warmed, what="the profile made ready")
    profile, size, halves = window._warmed["profile"]
    assert halves == 2 and not profile.isVisible()
    # …in the sidebar's pages, listed ahead, as the current page of the app page, which was
    # painted off screen once as a whole at the size it is shown at.
    assert window.current_page() == ""  # still hidden
    assert window.stack.currentWidget() is window.pages["profile"][1]
    assert window.nav.currentItem() is window.pages["profile"][2]
    assert window._warmed["app page"][:2] == (profile, window.outer.contentsRect().size().toTuple())
    window.recovery_dialog.confirmed.setChecked(True)
    window.recovery_dialog.done_button.click()
    wait_until(lambda: window.current_page() == "profile", what="the profile page")
    assert window.views["profile"] is profile and profile.size().toTuple() == size
    assert window.app_page.size() == window.outer.contentsRect().size()
    window.close()
    settle()
    # After an unlock: the results, before entering.
    scripted.run_scripted_audit(tmp_path / "second", passphrase=PASS,
                                create_options=dict(FAST_KDF), keep=keep)
    again = make_window(tmp_path / "second", "en", dict(FAST_KDF))
    for w in [*keep, again]:
        qtbot.addWidget(w)
    warmed: list[tuple[str, ...]] = []
    again.entered.connect(lambda: warmed.append(tuple(again._warmed)))
    scripted.unlock(again, PASS)
    assert warmed == [("results", "app page")]
    results, size, halves = again._warmed["results"]
    assert halves == 2
    assert again.views["results"] is results and results.size().toTuple() == size
    again.close()
    settle()


def test_warming_up_a_view_that_never_finishes_building_gives_up(qtbot, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QWidget

    from exposure_check.ui import idle

    window = _window(qtbot, tmp_path / "vault", first_run=False)
    wait_until(lambda: window.welcome is not None, what="the welcome page")
    asked: list[bool] = []

    class Stuck(QWidget):
        def whole(self) -> bool:  # its building failed half way
            asked.append(False)
            return False

    window._prebuilt["stuck"] = Stuck()
    window._warm_step("stuck", 0.0, tries=3)
    wait_until(lambda: idle.pending() == 0, what="the idle queue drained")
    assert len(asked) == 4 and "stuck" not in window._warmed
    window.close()
    settle()


def test_the_welcome_appears_with_the_set_up_page_already_made_and_warmed_up(
        qtbot, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path / "vault", first_run=False)
    seen: list[tuple[object, ...]] = []

    def ready(what: str) -> None:
        if what == "welcome":
            page = window.outer.contentsRect().size()
            setup = window._setup
            seen.append((window.outer.currentWidget() is window.welcome, setup is not None,
                         setup is not None and not setup.isVisible() and setup.size() == page,
                         window.welcome.size() == page))

    window.ready.connect(ready)
    # The workers' part comes first: the key store probed and the optional pages' modules
    # imported before the welcome's first stage (they would share the GIL with the stages).
    order: list[str] = []
    probed, stage = window._keyring_probed, window._show_welcome
    window._keyring_probed = lambda name: (order.append("probed"), probed(name))[1]  # type: ignore[method-assign]
    window._show_welcome = lambda page, n, deadline: (  # type: ignore[method-assign]
        order.append(f"stage {n}"), stage(page, n, deadline))[1]
    wait_until(lambda: window.welcome is not None, what="the welcome page")
    assert seen == [(True, True, True, True)]
    assert order == ["probed", *(f"stage {n}" for n in range(6))]
    window.welcome.next_button.click()  # at once, as a quick reader would
    assert window.outer.currentWidget() is window.setup
    window.close()
    settle()


def test_unlock_with_an_audit_in_progress_reloads_the_audit_once(qtbot, tmp_path: Path,
                                                                   monkeypatch) -> None:
    from exposure_check.ui.audit_view import AuditView

    window = _window(qtbot, tmp_path / "vault")
    scripted.fill_profile(window)
    view = window.views["audit"]
    first = next(iter(view.groups.values()))
    first.buttons()[0].setChecked(True)  # one answer: a draft in progress
    scripted.pump()
    window.close()
    settle()
    again = make_window(tmp_path / "vault", "en", dict(FAST_KDF))
    qtbot.addWidget(again)
    reloads: list[bool] = []
    real = AuditView.reload

    def counting(self: AuditView) -> None:
        reloads.append(self.isVisible())
        real(self)

    monkeypatch.setattr(AuditView, "reload", counting)
    scripted.unlock(again, PASS)
    assert again.current_page() == "audit"
    # Once, on entering (it opens on the first open page): not also ahead, while hidden.
    assert reloads == [True]
    again.close()
    settle()


def test_a_key_store_that_does_not_answer_does_not_keep_the_welcome_away(qtbot, tmp_path: Path,
                                                                         monkeypatch) -> None:
    import threading

    answer = threading.Event()

    def hanging(self: MainWindow) -> str:  # a D-Bus call that waits (up to 25 s in real life)
        answer.wait(20)
        return "keyring.backends.SecretService.Keyring"

    monkeypatch.setattr(MainWindow, "_keyring_probe", hanging)
    monkeypatch.setattr(MainWindow, "WORKERS_FIRST_MS", 200)
    window = _window(qtbot, tmp_path / "vault", first_run=False)
    wait_until(lambda: window.welcome is not None, timeout=10, what="the welcome page")
    assert window._keyring_found is None  # the probe has not answered yet
    window.welcome.next_button.click()
    assert window.outer.currentWidget() is window.setup and not window.setup.keyring_works
    answer.set()  # …and when it does, the set-up page offers the key store
    wait_until(lambda: window.setup.keyring_works, what="the key store offered")
    window.close()
    settle()
