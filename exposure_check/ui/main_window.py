"""The main window: start-up pages (welcome, set-up, unlock), then a sidebar and a page stack.

Other views plug in with `MainWindow.add_page(key, title, widget, icon)`. Optional views in this
package (reviewer, approach check, history, self-search) are picked up when their module exists
and defines `make_page(session, locale, parent) -> tuple[key, title, widget] | None`; no
navigation entry is shown for a view that does not exist.
"""

from __future__ import annotations

import gc
import importlib
import importlib.util
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME
from .controls import PageStack, accessible, heading_font, icon, plain_label

# Imported inside the methods that need them, not here: `workers`, the banners, `messages` and the
# `Qt` namespace (start-up time: this module is imported before the window's first paint).

if TYPE_CHECKING:  # the core and the session load after the first paint (start-up time)
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QCloseEvent
    from PySide6.QtWidgets import QListWidgetItem

    from ..core.model import Pack
    from .session import Session

BUSY_AFTER_MS = 300  # the busy indicator appears once background work has lasted this long
# Modules owned by other engineers; each may define make_page(session, locale, parent).
OPTIONAL_VIEWS = ("selfsearch_view", "reviewer_view", "approach_view", "history_view")


def now() -> datetime:
    """The clock the re-check reminder uses (tests move it)."""
    return datetime.now(UTC)


def _preload_views() -> None:
    for name in ("profile_view", "audit_view", "results_view", "plan_view", "settings_view",
                 "first_run", "unlock"):
        importlib.import_module(f"{__package__}.{name}")


def _import_optional_views(names: tuple[str, ...] = OPTIONAL_VIEWS) -> None:
    for name in names:
        try:
            importlib.import_module(f"{__package__}.{name}")
        except Exception:  # reported when the page is built
            continue


class MainWindow(QMainWindow):
    ready = Signal(str)  # the start-up page reached: "welcome", "unlock" or "error"
    entered = Signal()  # the vault is open and the pages are built

    def __init__(self, locale: str = "en", session: Session | None = None, *,
                 follow_policy_language: bool = False) -> None:
        """`follow_policy_language`: the locale is the user's saved choice or the system's, so a
        language set by site policy or the org pack (locked, or when the user chose none) wins."""
        super().__init__()
        self.ui_locale = "zh_CN" if locale.startswith("zh") else "en"
        self.follow_policy_language = follow_policy_language
        self._session = session
        if session is not None and session.parent() is None:
            session.setParent(self)
        self.setWindowTitle(APP_NAME)
        self.resize(1100, 760)
        self.pages: dict[str, tuple[str, QWidget, QListWidgetItem]] = {}
        self.views: dict[str, QWidget] = {}
        self._factories: dict[str, Callable[[], QWidget]] = {}
        self._prebuilt: dict[str, QWidget] = {}  # views made ahead of time, in idle turns
        # key → (view, size, halves painted off screen): see _warm
        self._warmed: dict[str, tuple[QWidget, tuple[int, int], int]] = {}
        self.recovery_dialog: Any = None

        # Above every page (made with the app page, after the first paint): installation notices
        # (a refused org pack…) and the re-check banner.
        central = QWidget(self)
        self.central_layout = QVBoxLayout(central)
        self.central_layout.setContentsMargins(0, 0, 0, 0)
        self.central_layout.setSpacing(0)
        self._recheck_shown = False  # decided once per launch; "Later" hides it until next time
        self.tray: Any = None
        self.outer = PageStack(central)
        self.central_layout.addWidget(self.outer, 1)
        self.setCentralWidget(central)
        # Page 0: loading (shown at once, before anything slow). Nothing painted before the first
        # paint may use the `Qt` namespace: PySide6 makes its ~90 enum types on first use
        # (~40 ms), so the plain labels here keep Qt's default text format (our own fixed
        # strings; `_fatal` switches to plain text before showing an error).
        self.loading = QWidget()
        ll = QVBoxLayout(self.loading)
        ll.setContentsMargins(32, 24, 32, 24)
        title = QLabel(APP_NAME, self.loading)
        title.setFont(heading_font(title, 1))
        ll.addWidget(title)
        self.loading_text = QLabel(self.tr("Loading the checklist…"), self.loading)
        self.loading_text.setWordWrap(True)
        self.loading_text.setAccessibleName(self.tr("Start-up status"))
        ll.addWidget(self.loading_text)
        ll.addStretch(1)
        self.outer.addWidget(self.loading)
        self.app_page = QWidget()  # the sidebar and pages: filled after the first paint
        self._app_page_built = False
        self.statusBar()  # now, so the page does not move when the busy indicator arrives
        self.welcome: Any = None
        self._setup: Any = None  # the vault set-up page: see `setup`
        self._first_running = False  # a first run (no vault yet): see `_first_run`
        self._keyring_found: tuple[str | None] | None = None  # the probe's answer, once known
        self.unlock_page: Any = None

    def _build_app_page(self) -> None:
        """The banners, the sidebar, the page stack, the busy indicator and the shortcuts, made
        after the first paint (see the loading page: PySide6 sets up each Qt class on its first
        use, ~1–3 ms apiece for QListWidget, QIcon, QKeySequence…)."""
        from PySide6.QtCore import QSize
        from PySide6.QtGui import QKeySequence, QShortcut
        from PySide6.QtWidgets import QListWidget, QProgressBar

        from . import workers
        from .notice_bar import NoticeBar
        from .recheck_banner import RecheckBanner

        if self._app_page_built:
            return
        self._app_page_built = True

        central = self.centralWidget()
        self.notice_bar = NoticeBar(central)
        self.recheck_banner = RecheckBanner(central)
        self.recheck_banner.start_requested.connect(self._start_recheck)
        self.recheck_banner.dismissed.connect(self._recheck_dismissed)
        self.central_layout.insertWidget(0, self.notice_bar)
        self.central_layout.insertWidget(1, self.recheck_banner)
        al = QHBoxLayout(self.app_page)
        al.setContentsMargins(0, 0, 0, 0)
        al.setSpacing(0)
        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        side.setSpacing(0)
        # The organisation's name and logo (from a verified org pack), above the sections.
        self.brand = QWidget(self.app_page)
        bl = QHBoxLayout(self.brand)
        bl.setContentsMargins(8, 8, 8, 8)
        self.brand_logo = plain_label("", self.brand)
        self.brand_name = plain_label("", self.brand)
        bl.addWidget(self.brand_logo)
        bl.addWidget(self.brand_name, 1)
        self.brand.setVisible(False)
        side.addWidget(self.brand)
        self.nav = QListWidget(self.app_page)
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setMaximumWidth(240)
        self.nav.setMinimumWidth(150)
        self.nav.setWordWrap(True)
        self.nav.setSpacing(3)
        accessible(self.nav, self.tr("Sections"),
                   self.tr("Choose a section; use the arrow keys to move"))
        self.stack = PageStack(self.app_page)
        side.addWidget(self.nav, 1)
        al.addLayout(side)
        al.addWidget(self.stack, 1)
        self.outer.addWidget(self.app_page)
        self.nav.currentRowChanged.connect(self._nav_changed)
        QShortcut(QKeySequence("Ctrl+1"), self, lambda: self.nav.setFocus())
        QShortcut(QKeySequence("Ctrl+Q"), self, self.close)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(160)
        self.busy.setMaximumHeight(14)
        self.busy.setTextVisible(False)
        accessible(self.busy, self.tr("Working"), self.tr("Something is being saved or loaded"))
        self.busy.setVisible(False)
        self.statusBar().addPermanentWidget(self.busy)
        # Shown only for work that lasts: most saves take a few milliseconds, and an indicator
        # that flickers on and off at each answer distracts (and lays out the status bar twice).
        self._busy_pending = 0
        self._busy_later = QTimer(self)
        self._busy_later.setSingleShot(True)
        self._busy_later.setInterval(BUSY_AFTER_MS)
        self._busy_later.timeout.connect(lambda: self.busy.setVisible(self._busy_pending > 0))
        workers.relay().counted.connect(self._busy_count)

    @property
    def session(self) -> Session:
        """The user's data; made on first use (after the first paint when the app starts)."""
        if self._session is None:
            from .session import Session

            self._session = Session(parent=self)
        return self._session

    def _busy_count(self, pending: int) -> None:
        self._busy_pending = pending
        if pending == 0:
            self._busy_later.stop()
            self.busy.setVisible(False)
        elif not self.busy.isVisible() and not self._busy_later.isActive():
            self._busy_later.start()

    # --- page registry --------------------------------------------------------------------------
    def add_page(self, key: str, title: str, widget: QWidget, icon_name: str = "",
                 before: str | None = None) -> None:
        """Register a page with a sidebar entry (at the end, or before the page `before`).

        Keys are unique; titles are already translated.
        """
        if key in self.pages:
            raise ValueError(f"page {key!r} is already registered")
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QListWidgetItem

        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.UserRole, key)
        if icon_name:
            item.setIcon(icon(icon_name))
        if before is not None and before in self.pages:
            self.nav.insertItem(self.nav.row(self.pages[before][2]), item)
        else:
            self.nav.addItem(item)
        self.stack.addWidget(widget)
        self.pages[key] = (title, widget, item)

    def add_lazy_page(self, key: str, title: str, factory: Callable[[], QWidget],
                      icon_name: str = "", before: str | None = None) -> None:
        """Like add_page, but the view is built by `factory` the first time it is shown."""
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        self._factories[key] = factory
        self.add_page(key, title, holder, icon_name, before)

    def view(self, key: str) -> QWidget:
        """The page's view, built now if it was not shown yet."""
        if key not in self.views:
            holder = self.pages[key][1]
            factory = self._factories.get(key)
            if factory is None:
                return holder
            built = factory()
            layout = holder.layout()
            assert layout is not None
            layout.addWidget(built)
            self.views[key] = built
            self._built(key, built)
        return self.views[key]

    def _built(self, key: str, view: Any) -> None:
        if key == "profile":
            view.saved.connect(self._profile_saved)
        elif key == "audit":
            view.finished.connect(self._audit_finished)
        elif key == "settings":
            view.wiped.connect(self._wiped)
            view.theme_changed.connect(self._theme)

    def show_page(self, key: str) -> None:
        _, widget, item = self.pages[key]
        self.view(key)
        self.outer.setCurrentWidget(self.app_page)
        if self.stack.currentWidget() is widget and self.nav.currentItem() is item:
            self._refresh(key)  # already shown: bring it up to date
        else:
            self.nav.setCurrentItem(item)  # _nav_changed switches and refreshes

    def current_page(self) -> str:
        if self.outer.currentWidget() is not self.app_page:
            return ""
        for key, (_, widget, _) in self.pages.items():
            if widget is self.stack.currentWidget():
                return key
        return ""

    def _nav_changed(self, row: int) -> None:
        from PySide6.QtCore import Qt

        item = self.nav.item(row)
        if item is None:
            return
        key = item.data(Qt.ItemDataRole.UserRole)
        widget = self.pages[key][1]
        self.view(key)
        if self.stack.currentWidget() is not widget:
            self.stack.setCurrentWidget(widget)
            self._refresh(key)

    def _refresh(self, key: str) -> None:
        """Bring a page up to date. Our views rebuild themselves when shown if they are stale."""
        widget = self.view(key)
        if key == "audit":
            widget.reload()  # type: ignore[attr-defined]
        elif not hasattr(widget, "_dirty"):
            refresh = getattr(widget, "refresh", None)
            if callable(refresh):
                refresh()

    # --- start-up -------------------------------------------------------------------------------
    def start_loading(self) -> None:
        """Called after the first paint: the sidebar and page stack, then the pack and the vault's
        slot metadata, all off-thread.

        When the app made no session yet, its module (and with it the core) is imported on a
        worker first, so the window stays responsive from its first paint."""
        from . import workers

        self._build_app_page()
        if self._session is None:
            workers.run_task(self, importlib.import_module, f"{__package__}.session",
                             on_done=lambda _module: self._load_pack(), on_error=self._fatal)
        else:
            self._load_pack()
        # Meanwhile import the views off the GUI thread (on the pool's other worker), so that
        # the welcome, unlock and app pages later only build widgets.
        workers.run_task(self, _preload_views)

    def _load_pack(self) -> None:
        self.session.load_pack(on_done=self._pack_loaded, on_error=self._fatal)

    @property
    def pack(self) -> Pack | None:
        return self.session.pack

    def _fatal(self, exc: BaseException) -> None:
        from PySide6.QtCore import Qt

        from .messages import describe

        self.loading_text.setTextFormat(Qt.TextFormat.PlainText)  # the message names files
        self.loading_text.setText(self.tr("Exposure Check could not start:\n{message}").format(
            message=describe(exc)))
        self.ready.emit("error")

    def _pack_loaded(self, pack: Pack) -> None:
        # The pack and the modules loaded so far live as long as the app: keep Python's full
        # garbage collections (a 50 ms pause on the GUI thread) from scanning them again and again.
        gc.freeze()
        self.session.changed.connect(self._follow_recheck)
        if self.follow_policy_language:
            self._policy_language()
        self.notice_bar.set_notices(self.session.notices)
        self._apply_branding(pack)
        self.session.probe(on_done=self._probed, on_error=self._fatal)

    def _policy_language(self) -> None:
        """Switch to the language an administrator or the org pack set, before any page is built."""
        from PySide6.QtWidgets import QApplication

        from .app import install_translator

        setting = self.session.settings()["language"]
        if setting.source not in ("policy-locked", "org-locked", "policy", "org"):
            return
        wanted = "zh_CN" if str(setting.value).startswith("zh") else "en"
        app = QApplication.instance()
        if wanted == self.ui_locale or app is None:
            return
        install_translator(app, wanted)
        self.ui_locale = wanted
        self.loading_text.setText(self.tr("Loading the checklist…"))
        self.loading_text.setAccessibleName(self.tr("Start-up status"))
        self.notice_bar.retranslate()
        self.recheck_banner.retranslate()

    def _apply_branding(self, pack: Pack) -> None:
        """An org pack's display name in the title and sidebar, its logo, its accent colour."""
        from PySide6.QtCore import QSize
        from PySide6.QtGui import QColor, QIcon, QPalette

        from ..core.model import tr

        branding = pack.branding
        if branding is None:
            return
        name = tr(branding.display_name, self.ui_locale)
        if name:
            self.setWindowTitle(f"{name} · {APP_NAME}")
            self.brand_name.setText(name)
            self.brand.setVisible(True)
        if branding.logo:
            logo = QIcon(branding.logo)
            if not logo.isNull():
                self.brand_logo.setPixmap(logo.pixmap(QSize(32, 32)))
                self.brand_logo.setAccessibleName(self.tr("{name} logo").format(name=name))
                self.brand.setVisible(True)
        accent = QColor(branding.accent_color) if branding.accent_color else QColor()
        if accent.isValid():
            palette = self.palette()
            palette.setColor(QPalette.ColorRole.Highlight, accent)
            # Text on the accent stays readable: black on light colours, white on dark ones.
            text = QColor("black") if accent.lightnessF() > 0.6 else QColor("white")
            palette.setColor(QPalette.ColorRole.HighlightedText, text)
            self.setPalette(palette)

    def _probed(self, locked: Any) -> None:
        from . import idle

        idle.later(self, partial(self._start, locked))

    def _start(self, locked: Any, _deadline: float) -> bool:
        """An idle step once the vault was probed: the window icon, then the first run or the
        unlock page. The icon is set here, while no worker runs Python, not before the first
        paint (QIcon's first use and the SVG: ~7 ms of start-up) nor during the loading (a
        worker's imports made it twice as long); the task bar takes it up when it changes."""
        self.setWindowIcon(icon("app"))
        if locked is None:
            self._first_run()
        else:
            self._to_unlock()
        return False

    def _to_unlock(self) -> None:
        from . import idle, workers

        idle.later(self, partial(self._prebuild, list(self.PREBUILT)))
        # The optional pages' modules are imported while the user is on the unlock page (a
        # worker, but their imports hold the GIL for long stretches): not later, when they would
        # slow the profile and audit pages down.
        workers.run_task(self, _import_optional_views, on_done=lambda _: gc.freeze())
        self._unlock()

    # Views made ahead, one per idle turn, while the user is on the welcome or unlock page:
    # the profile form (which then builds itself a piece per idle turn), and the pages people
    # land on after an unlock (results) or soon after (plan). Their constructors read nothing
    # from the session; they fill themselves in when first shown.
    PREBUILT = ("profile", "results", "plan")

    def _prebuild(self, keys: list[str], _deadline: float) -> bool:
        """An idle step: make the next view in `keys`; True while some remain."""
        key = keys.pop(0)
        if key not in self.views and key not in self._prebuilt:
            shelf = QWidget(self.app_page)  # hidden: the view is moved to its page when shown
            shelf.hide()
            self._prebuilt[key] = self._view_class(key)(self.session, self.ui_locale, shelf)
        return bool(keys)

    # The main pages: key → (module, class). Imported when first made (start-up time).
    VIEWS = {"profile": ("profile_view", "ProfileView"), "audit": ("audit_view", "AuditView"),
             "results": ("results_view", "ResultsView"), "plan": ("plan_view", "PlanView"),
             "settings": ("settings_view", "SettingsView")}

    @classmethod
    def _view_class(cls, key: str) -> Any:
        module, name = cls.VIEWS[key]
        return getattr(importlib.import_module(f"{__package__}.{module}"), name)

    def _first_run(self) -> None:
        """The welcome page is made now and shown a few idle turns later. In between, a stage
        per turn, it is warmed up (its first paint is the first use of its fonts, a CJK one for
        the language names among them), and the set-up page that comes next is made and warmed
        up too: short turns instead of long stalls, while the loading page stays up."""
        from . import idle, workers
        from .first_run import WelcomePage

        page = WelcomePage(self.ui_locale)
        self._setup, self._keyring_found = None, None
        self._first_running = True
        self.outer.addWidget(page)
        # First the workers' part, on both workers at once: the key store probe (keyring loads
        # its backends: ~200 ms, mostly imports) and the optional pages' modules. Both hold the
        # GIL for long stretches, so the GUI thread's stages wait for them instead of sharing
        # the interpreter with them (each stage took twice as long). Not for more than
        # WORKERS_FIRST_MS, though: a key store that does not answer (a D-Bus call waits up to
        # 25 s) must not keep the welcome away; the set-up page takes its answer when it comes.
        waiting = {"keyring", "views"}
        started: list[bool] = []

        def finished(what: str) -> None:
            waiting.discard(what)
            if (not waiting or what == "timeout") and not started:
                started.append(True)
                gc.freeze()
                idle.later(self, partial(self._show_welcome, page, 0), first=True)
                idle.later(self, partial(self._prebuild, list(self.PREBUILT)))

        QTimer.singleShot(self.WORKERS_FIRST_MS, self, lambda: finished("timeout"))

        def probed(name: str | None) -> None:
            self._keyring_probed(name)
            finished("keyring")

        workers.run_task(self, self._keyring_probe, on_done=probed, on_error=lambda _e: probed(None))
        workers.run_task(self, _import_optional_views, on_done=lambda _: finished("views"),
                         on_error=lambda _e: finished("views"))

    WORKERS_FIRST_MS = 1500  # see _first_run

    def _show_welcome(self, page: Any, stage: int, _deadline: float) -> bool:
        """An idle step, one stage per turn: the language names measured (which loads the
        fonts they need), the welcome painted off screen (its top, then all of it), the set-up
        page made and painted off screen, then the welcome shown."""
        from . import idle
        from .controls import warm_up

        size = self.outer.contentsRect().size()
        if stage == 0:
            metrics = page.language.fontMetrics()
            for i in range(page.language.count()):
                metrics.horizontalAdvance(page.language.itemText(i))
        elif stage == 1:
            warm_up(page, size, top=size.height() // 3)
        elif stage == 2:
            warm_up(page, size, start=size.height() // 3)  # the rest of it
        elif stage == 3:
            self.setup  # noqa: B018 (made on first use)
        elif stage == 4:
            warm_up(self.setup, size)
        if stage < 5:
            idle.later(self, partial(self._show_welcome, page, stage + 1), first=True)
            return False
        self.welcome = page
        self.outer.setCurrentWidget(page)
        page.next_button.setFocus()
        page.continued.connect(self._to_setup)
        self.ready.emit("welcome")
        return False

    @property
    def setup(self) -> Any:
        """The vault set-up page of a first run (None otherwise), made when first needed."""
        if self._setup is None and self._first_running:
            from .first_run import VaultSetupPage

            self._setup = VaultSetupPage(self.session)
            self.outer.addWidget(self._setup)
            self._setup.created.connect(self._vault_created)
            if self._keyring_found is not None:
                self._offer_keyring(*self._keyring_found)
        return self._setup

    def _keyring_probe(self) -> str | None:
        from ..storage import keys

        backend = keys.usable_backend(self.session.keyring_backend)
        return keys.backend_name(backend) if backend is not None else None

    def _keyring_probed(self, name: str | None) -> None:
        self._keyring_found = (name,)
        if self._setup is not None:
            self._offer_keyring(name)

    def _offer_keyring(self, name: str | None) -> None:
        if not self.session.setting("use_keyring"):
            self.setup.set_keyring_available(False, "", allowed=False)  # the org requires a passphrase
        else:
            self.setup.set_keyring_available(name is not None, name or "")

    def _to_setup(self) -> None:
        self.outer.setCurrentWidget(self.setup)
        target = self.setup.use_keyring if self.setup.keyring_works else self.setup.passphrase
        target.setFocus()

    def _vault_created(self, recovery_key: str) -> None:
        from . import idle
        from .first_run import RecoveryKeyDialog

        self.recovery_dialog = RecoveryKeyDialog(recovery_key, self)
        self.recovery_dialog.accepted.connect(self._enter)
        # While the user keeps the key: the profile, where entering lands, is made ready.
        idle.later(self, partial(self._warm_step, "profile", landing=True))
        self.recovery_dialog.open()
        self.recovery_dialog.activateWindow()
        self.recovery_dialog.save_button.setFocus()

    def _unlock(self) -> None:
        from .unlock import UnlockPage

        self.unlock_page = UnlockPage(self.session)
        self.outer.addWidget(self.unlock_page)
        self.outer.setCurrentWidget(self.unlock_page)
        self.unlock_page.unlocked.connect(self._enter_soon)
        self.unlock_page.start()
        self.ready.emit("unlock")

    # --- the app proper -------------------------------------------------------------------------
    def _make_view(self, key: str) -> QWidget:
        """The page's view: the one made ahead if there is one, else a new one."""
        made: QWidget | None = self._prebuilt.pop(key, None)
        return made or self._view_class(key)(self.session, self.ui_locale)

    def _enter_soon(self) -> None:
        """Enter in idle turns: the page entering lands on catches up with the unlocked session
        in a turn of its own, so that entering only shows it; when that is the results, the plan
        (where people go from there) catches up in the next turn, before the results appear, so
        that going to it only shows it too."""
        from . import idle

        idle.later(self, self._enter_step)

    def _enter_step(self, _deadline: float) -> bool:
        if self._ahead(self._landing_page()):
            return True  # entered in a later turn
        self._enter()
        return False

    def _ahead(self, key: str) -> bool:
        """One step, in a turn of its own, of making `key`, the page entering lands on, ready
        while the app page is hidden: the sidebar's pages listed, `key` made the current page,
        caught up with the session, warmed up (two turns), then the whole app page, sidebar
        included, painted off screen once. True while a step was done (call again next turn);
        entering then only shows the app page. (The audit is reloaded on entering whatever was
        done ahead, to open on the first open page: it is not made current ahead.)"""
        if key == "audit":
            return self._list_pages() or self._catch_up_landing(key) or self._warm(key)
        return (self._list_pages() or self._make_current(key) or self._catch_up_landing(key)
                or self._warm(key) or self._warm_app_page(key))

    def _list_pages(self) -> bool:
        """The main pages in the sidebar (each view built the first time it is shown, or taken
        from those made ahead); True if they were listed now."""
        from . import idle

        if self.pages or not self._app_page_built:
            return False
        titles = {"profile": self.tr("Profile"), "audit": self.tr("Audit"),
                  "results": self.tr("Results"), "plan": self.tr("Plan"),
                  "settings": self.tr("Settings and privacy")}
        for key, title in titles.items():
            self.add_lazy_page(key, title, partial(self._make_view, key))
        # The optional pages' modules are imported on a worker; each page is listed then and
        # built when first shown (_add_optional_views).
        QTimer.singleShot(0, self, self._add_optional_views)
        # The audit view exists before it is shown: once a profile is saved it builds its
        # pages in idle turns while the profile is written (AuditView._session_changed).
        idle.later(self, self._make_audit_ahead)
        return True

    def _make_current(self, key: str) -> bool:
        """Make the hidden app page show `key` (made ahead), as entering would; True if it did.
        A view not made yet is left for entering to build."""
        if key not in self.pages or self._made(key) is None or self.app_page.isVisible():
            return False
        _, widget, item = self.pages[key]
        if self.stack.currentWidget() is widget and self.nav.currentItem() is item:
            return False
        self.nav.setCurrentItem(item)  # _nav_changed switches (and refreshes)
        return True

    def _warm_app_page(self, key: str) -> bool:
        """Paint the hidden app page, showing `key`, off screen once at its future size (its
        sidebar's first paint); True if it did."""
        from .controls import warm_up

        view = self._made(key)
        if view is None or self.app_page.isVisible() or key not in self.pages:
            return False
        size = self.outer.contentsRect().size()
        mark = (view, size.toTuple())
        if self._warmed.get("app page", (None, None, 0))[:2] == mark:
            return False
        warm_up(self.app_page, size)
        self._warmed["app page"] = (view, size.toTuple(), 1)
        return True

    def _landing_page(self) -> str:
        """The page `_enter` shows."""
        s = self.session
        if s.profile is None:
            return "profile"
        if s.latest is None or self._draft_in_progress():
            return "audit"
        return "results"

    def _made(self, key: str) -> QWidget | None:
        """The page's view if it exists yet, shown before or made ahead."""
        return self.views.get(key) or self._prebuilt.get(key)

    def _catch_up_landing(self, key: str) -> bool:
        """Catch up, one per call, the page `key` an action lands on and, for the results, the
        plan people go to from there; True while one was refreshed (call again next turn)."""
        return self._catch_up(key) or (key == "results" and self._catch_up("plan"))

    def _catch_up(self, key: str) -> bool:
        """Refresh the hidden view `key` now if the session changed since it was filled in (it
        would be on being shown); True if it did."""
        from .lazyview import RefreshWhenShown

        view = self._made(key)
        if isinstance(view, RefreshWhenShown) and view._dirty and not view.isVisible():
            view.refresh()
            self._warmed.pop(key, None)
            return True
        return False

    def _warm(self, key: str) -> bool:
        """Warm up the hidden, up-to-date view `key` at the page stack's size (controls.warm_up)
        unless it was since it was last filled in, in two calls (turns); True if it did some."""
        from .controls import warm_up

        view = self._made(key)
        if (view is None or view.isVisible() or getattr(view, "_dirty", False)
                or not self._app_page_built):
            return False
        size = self._page_size()
        was = self._warmed.get(key)
        halves = was[2] if was is not None and was[:2] == (view, size.toTuple()) else 0
        if halves == 2:
            return False
        # The top half in one turn, the bottom half in the next.
        half = size.height() // 2
        if halves == 0:
            warm_up(view, size, top=half)
        else:
            warm_up(view, size, start=half)
        self._warmed[key] = (view, size.toTuple(), halves + 1)
        return True

    def _page_size(self) -> QSize:
        """The size of a page in the stack, also before the app page is first shown (on the
        welcome or unlock page): the app page is then laid out, hidden, at the window's size."""
        if not self.stack.isVisible():
            self.app_page.resize(self.outer.contentsRect().size())
            layout = self.app_page.layout()
            if layout is not None:
                layout.activate()
        return self.stack.contentsRect().size()

    def _warm_step(self, key: str, _deadline: float, tries: int = 100, landing: bool = False) -> bool:
        """An idle step: `_warm(key)` (`_ahead(key)` for the page entering lands on) once the
        view is whole, else again in a later turn (up to `tries` turns: a view whose building
        failed is left as it is)."""
        from . import idle

        view = self._made(key)
        if view is not None and not getattr(view, "whole", lambda: True)():
            if tries > 0:  # behind the steps that build it
                idle.later(self, partial(self._warm_step, key, tries=tries - 1, landing=landing))
        elif self._ahead(key) if landing else self._warm(key):
            idle.later(self, partial(self._warm_step, key, landing=landing))  # more in a later turn
        return False

    def _enter(self) -> None:
        from . import idle

        self._list_pages()  # unless listed ahead (_ahead)
        QTimer.singleShot(0, self, self.activateWindow)  # back from the recovery-key dialog
        landing = self._landing_page()
        self.show_page(landing)
        if landing == "profile":
            self.views["profile"].focus_first()  # type: ignore[attr-defined]
        elif landing == "audit":
            self.views["audit"]._focus_first()  # type: ignore[attr-defined]
        else:
            self.views["results"].gauge.setFocus()  # type: ignore[attr-defined]
            # The plan caught up before; now that the page's size is known, warm it up too.
            idle.later(self, partial(self._warm_step, "plan"))
        self._check_recheck()
        self._report_damage()
        self.entered.emit()

    def _report_damage(self) -> None:
        """Records the vault could not read were left out; the notice bar says which kinds."""
        from ..distribution import Notice

        damaged = list(getattr(self.session, "damaged", []))
        if not damaged:
            return
        kinds = sorted({str(getattr(e, "record_kind", "?")) for e in damaged})
        notice = Notice("warning", str(damaged[0]), "damaged-records", ", ".join(kinds),
                        count=len(damaged))
        self.notice_bar.set_notices([*self.session.notices, notice])

    # --- re-check reminders ---------------------------------------------------------------------
    def recheck_status(self) -> Any:
        """From the session's in-memory audits and progress (cheap): is a re-check due?"""
        from ..core.history import recheck_status

        s = self.session
        return recheck_status([a.created for a in s.audits], now(), s.recheck_days, s.progress(),
                              s.pack)

    def _check_recheck(self) -> None:
        """Once per launch, on entering: a banner (and a tray notification) when a re-check is
        due. Only after a first audit, and never when reminders are turned off."""
        if self._recheck_shown:
            return
        self._recheck_shown = True
        if not self.session.audits or not self.session.setting("reminders"):
            return
        status = self.recheck_status()
        if status.due:
            at = now()
            self.recheck_banner.set_status(status, at)
            self._notify(self.recheck_banner.message(status, at))

    def _follow_recheck(self) -> None:
        """While the banner is up, keep it true; it goes once the re-check is done."""
        if self.recheck_banner.isHidden():
            return
        status = self.recheck_status()
        self.recheck_banner.set_status(status, now())  # hides itself when nothing is due
        if not status.due and self.tray is not None:
            self.tray.hide()

    def _notify(self, message: str) -> None:
        """A tray icon with the reminder, when the desktop has a tray (an optional extra)."""
        from PySide6.QtWidgets import QSystemTrayIcon

        if not (QSystemTrayIcon.isSystemTrayAvailable() and QSystemTrayIcon.supportsMessages()):
            return
        if self.tray is None:
            self.tray = QSystemTrayIcon(self.windowIcon(), self)
            self.tray.setToolTip(APP_NAME)
            self.tray.activated.connect(lambda _reason: self._raise())
            self.tray.messageClicked.connect(self._raise)
        self.tray.show()
        self.tray.showMessage(self.tr("Time to re-check"), message,
                              QSystemTrayIcon.MessageIcon.Information, 10_000)

    def _raise(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def _start_recheck(self) -> None:
        self.recheck_banner.hide()
        self.show_page("audit")
        self.views["audit"]._focus_first()  # type: ignore[attr-defined]

    def _recheck_dismissed(self) -> None:
        if self.tray is not None:
            self.tray.hide()
        self.nav.setFocus()

    def _make_audit_ahead(self, _deadline: float) -> bool:
        """An idle step: make the audit view (its pages then build in idle steps of their own)."""
        self.view("audit")
        return False

    def _draft_in_progress(self) -> bool:
        latest = self.session.latest
        if latest is None:
            return False
        applicable = {it.id for it in self.session.applicable()}  # once, not once per answer
        return dict(latest.answers) != {
            k: v for k, v in self.session.answers.items() if k in applicable}

    def _add_optional_views(self) -> None:
        """The optional pages: their modules imported on a worker, then listed in the sidebar
        and built when first shown (a module without `PAGE_KEY`/`page_title` is built at once,
        in an idle step)."""
        from . import idle, workers

        names = [n for n in OPTIONAL_VIEWS
                 if importlib.util.find_spec(f"{__package__}.{n}") is not None]

        def build(rest: list[str], _deadline: float) -> bool:
            self._build_optional(rest.pop(0))
            return bool(rest)

        def imported(_: object) -> None:
            eager = [n for n in names if not self._list_optional(n)]
            if eager:
                idle.later(self, partial(build, eager))

        def failed(exc: BaseException) -> None:
            print(f"exposure-check: an optional page could not be loaded: {exc!r}",
                  file=sys.stderr)
            imported(None)

        workers.run_task(self, _import_optional_views, tuple(names), on_done=imported, on_error=failed)

    def _list_optional(self, name: str) -> bool:
        """List an optional page to be built when first shown; False if its module cannot say
        its key and title before it is built (or could not be imported)."""
        try:
            module = importlib.import_module(f"{__package__}.{name}")
            key, title = module.PAGE_KEY, module.page_title()
        except Exception:  # reported by _build_optional
            return False
        if key not in self.pages:
            self.add_lazy_page(key, title, partial(self._make_optional, name), before="settings")
        return True

    def _make_optional(self, name: str) -> QWidget:
        made = self._made_optional(name)
        if made is not None:
            return made[2]
        from PySide6.QtCore import Qt

        broken = plain_label(self.tr("This page could not be opened. The rest of Exposure Check "
                                     "works as usual."))
        broken.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return broken

    def _made_optional(self, name: str) -> tuple[str, str, QWidget] | None:
        try:
            module = importlib.import_module(f"{__package__}.{name}")
            factory = getattr(module, "make_page", None)
            made = factory(self.session, self.ui_locale, self) if callable(factory) else None
        except Exception as exc:  # a broken optional view must not stop the audit
            print(f"exposure-check: the {name} page could not be built: {exc!r}", file=sys.stderr)
            return None
        return made or None

    def _build_optional(self, name: str) -> None:
        made = self._made_optional(name)
        if made:
            key, title, widget = made
            if key not in self.pages:
                self.add_page(key, title, widget, before="settings")

    def _profile_saved(self) -> None:
        audit = self.view("audit")
        self.show_page("audit")  # rebuilds the pages for the new profile
        audit._focus_first()  # type: ignore[attr-defined]

    def _audit_finished(self) -> None:
        from . import idle

        idle.later(self, self._show_results_step)

    def _show_results_step(self, _deadline: float) -> bool:
        """An idle step, over several turns: the results page catches up with the new audit in a
        turn of its own, then the plan (the page people go to from there) in the next; each is
        warmed up (in two turns), and then the results are shown. Going to the plan then mostly
        paints it."""
        if self._catch_up_landing("results") or self._warm("results") or self._warm("plan"):
            return True
        self.show_page("results")
        self.views["results"].gauge.setFocus()  # type: ignore[attr-defined]
        return False

    def _theme(self, name: str) -> None:
        from .app import apply_theme

        apply_theme(name)

    def _wiped(self) -> None:
        """After a wipe there is nothing to show but a fresh start."""
        self.nav.clear()
        for _, widget, _ in self.pages.values():
            self.stack.removeWidget(widget)
            widget.deleteLater()
        self.pages.clear()
        self.views.clear()
        self._factories.clear()
        self.loading_text.setText(self.tr("All data was deleted. Close Exposure Check, or start "
                                          "again."))
        self.outer.setCurrentWidget(self.loading)
        self._first_run()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        from . import idle

        if self._session is not None:
            self._session.close()
        idle.stop(self)  # the views' work ahead (a closed window is not shown again)
        super().closeEvent(event)
