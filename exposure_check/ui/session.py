"""The one place the UI touches the vault: state held on the GUI thread, vault calls on workers.

Every vault call runs through `workers.run_task` (so through `exposure_check.storage.worker`),
under one lock so writes reach the vault in the order the user made them. The views read the
plain state below (`pack`, `profile`, `answers`, `events`, …) and listen to `changed`.
"""

from __future__ import annotations

import concurrent.futures
import threading
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from ..core import plan as plan_mod
from ..core import scoring
from ..core.model import (
    Audit,
    DeclaredFacts,
    Pack,
    Profile,
    ProgressEvent,
    ProgressState,
    fold_progress,
)
from . import workers
from .workers import Task, run_task

Done = Callable[[Any], None] | None
Failed = Callable[[BaseException], None] | None


def _now() -> datetime:
    return datetime.now(UTC)


class Session(QObject):
    """The unlocked user's data, and async operations on the vault."""

    changed = Signal()  # profile, answers, audits or progress changed
    busy_changed = Signal(bool)

    def __init__(self, data_dir: Path | None = None, *, create_options: dict[str, Any] | None = None,
                 keyring_backend: Any = None, pack_loader: Callable[[], Pack] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.create_options = dict(create_options or {})  # e.g. cheaper KDF cost in tests
        self.keyring_backend = keyring_backend
        self.pack_loader = pack_loader
        self.pack: Pack | None = None
        self.vault: Any = None
        self.locked: Any = None
        self.profile: Profile | None = None
        self.recheck_days = scoring.DEFAULT_RECHECK_DAYS
        self.declared = DeclaredFacts()
        self.answers: dict[str, str] = {}  # the in-progress audit (the vault draft)
        self.latest: Audit | None = None  # the last completed audit
        self.audits: list[Any] = []  # AuditSummary, oldest first
        self.events: list[ProgressEvent] = []
        self.protection = ""
        self._lock = threading.Lock()
        self._draft_seq = 0
        self._draft_written = 0

    # --- start-up -----------------------------------------------------------------------------
    def load_pack(self, on_done: Done = None, on_error: Failed = None) -> Task:
        def job() -> Pack:
            if self.pack_loader is not None:
                return self.pack_loader()
            from ..core.packs import load_core_pack

            return load_core_pack()

        def done(pack: Pack) -> None:
            self.pack = pack
            if on_done:
                on_done(pack)

        return run_task(self, job, on_done=done, on_error=on_error)

    def probe(self, on_done: Done = None, on_error: Failed = None) -> Task:
        """Find out whether a vault exists; if so read its (secret-free) slot metadata."""
        def job() -> Any:
            from ..storage.vault import Vault

            if not Vault.exists(self.data_dir):
                return None
            return Vault.open_locked(self.data_dir)

        def done(locked: Any) -> None:
            self.locked = locked
            if on_done:
                on_done(locked)

        return run_task(self, job, on_done=done, on_error=on_error)

    @staticmethod
    def keyring_available() -> bool:
        """Whether a system key store with priority >= 1 works (cheap: no secret is read)."""
        from ..storage import keys

        return keys.usable_backend() is not None

    def create_vault(self, passphrase: str | None, use_keyring: bool, on_done: Done = None,
                     on_error: Failed = None) -> Task:
        def job() -> tuple[Any, str, str]:
            from ..storage.vault import Vault

            vault, recovery = Vault.create(self.data_dir, passphrase=passphrase,
                                           use_keyring=use_keyring,
                                           keyring_backend=self.keyring_backend,
                                           **self.create_options)
            return vault, recovery, vault.key_protection()

        def done(result: tuple[Any, str, str]) -> None:
            self.vault, recovery, self.protection = result
            self.changed.emit()
            if on_done:
                on_done(recovery)

        return run_task(self, job, on_done=done, on_error=on_error)

    def unlock(self, method: str, secret: str = "", on_done: Done = None,
               on_error: Failed = None, timeout: float = 10.0) -> Task:
        """method: "keyring", "passphrase" or "recovery". The KDF and keyring run on a worker."""
        locked = self.locked

        def job() -> Any:
            if method == "keyring":
                vault = locked.unlock_with_keyring(timeout=timeout,
                                                   keyring_backend=self.keyring_backend)
            elif method == "passphrase":
                vault = locked.unlock_with_passphrase(secret)
            else:
                vault = locked.unlock_with_recovery_key(secret)
            return vault, *self._read_state(vault)

        def done(result: tuple[Any, ...]) -> None:
            self.vault = result[0]
            self._apply_state(result[1:])
            if on_done:
                on_done(self.vault)

        return run_task(self, job, on_done=done, on_error=on_error)

    @staticmethod
    def _read_state(vault: Any) -> tuple[Any, ...]:
        loaded = vault.load_profile()
        draft = vault.load_draft()
        audits = vault.list_audits()
        latest = vault.load_audit(audits[-1].id) if audits else None
        return (loaded, draft, audits, latest, vault.progress_events(), vault.key_protection(),
                vault.get_setting("recheck_days"))

    def _apply_state(self, state: tuple[Any, ...]) -> None:
        loaded, draft, audits, latest, events, protection, user_recheck = state
        from ..reminders import effective_recheck_days

        pack = self.pack
        # Staleness in the score and plan uses the same interval as reminders: org lock > user > org.
        self.recheck_days = effective_recheck_days(
            user_recheck, pack.org_settings.get("recheck_days") if pack else None,
            locked=pack is not None and "recheck_days" in pack.locked_settings)
        if loaded is not None:
            self.profile, self.declared = loaded
        self.audits = list(audits)
        self.latest = latest
        self.events = list(events)
        self.protection = protection
        if draft is not None:
            self.answers = dict(draft)
        elif latest is not None:
            self.answers = dict(latest.answers)
        self.changed.emit()

    # --- writes ---------------------------------------------------------------------------------
    def _write(self, fn: Callable[..., Any], *args: Any, on_done: Done = None,
               on_error: Failed = None) -> Task:
        def job() -> Any:
            with self._lock:
                return fn(*args)

        return run_task(self, job, on_done=on_done, on_error=on_error)

    def save_profile(self, profile: Profile, declared: DeclaredFacts, on_done: Done = None,
                     on_error: Failed = None) -> Task:
        self.profile = profile
        self.declared = declared
        self.changed.emit()
        return self._write(self.vault.save_profile, profile, declared, on_done=on_done,
                           on_error=on_error)

    def set_answer(self, item_id: str, option_id: str, on_error: Failed = None) -> Task:
        """Record one answer and autosave the whole draft (the newest save always wins)."""
        self.answers[item_id] = option_id
        self._draft_seq += 1
        seq, snapshot, vault = self._draft_seq, dict(self.answers), self.vault

        def job() -> None:
            with self._lock:
                if seq < self._draft_seq or seq < self._draft_written:
                    return  # a newer answer came in; its own save writes the newer draft
                vault.save_draft(snapshot)
                self._draft_written = seq

        return run_task(self, job, on_error=on_error)

    def finish_audit(self, on_done: Done = None, on_error: Failed = None) -> Task:
        """Record the draft as an immutable audit, clear the draft, and reload the audit list."""
        assert self.pack is not None and self.profile is not None
        pack, profile = self.pack, self.profile
        applicable = {it.id for it in scoring.applicable_items(pack, profile)}
        answers = {k: v for k, v in self.answers.items() if k in applicable}
        audit = Audit(uuid.uuid4().hex, _now(), pack.id, pack.version, profile, answers)
        total = scoring.score(pack, profile, answers).total
        vault = self.vault

        def job() -> tuple[Audit, list[Any]]:
            with self._lock:
                audit_id = vault.record_audit(audit, total)
                vault.clear_draft()
                self._draft_written = self._draft_seq
                return vault.load_audit(audit_id), vault.list_audits()

        def done(result: tuple[Audit, list[Any]]) -> None:
            self.latest, self.audits = result[0], list(result[1])
            self.changed.emit()
            if on_done:
                on_done(self.latest)

        return run_task(self, job, on_done=done, on_error=on_error)

    def mark(self, item_id: str, state: ProgressState, on_done: Done = None,
             on_error: Failed = None) -> Task:
        """Mark a plan item; the score updates at once and the event is appended to the vault."""
        event = ProgressEvent(item_id, state, _now())
        self.events.append(event)
        self.changed.emit()
        return self._write(self.vault.append_progress, event, on_done=on_done, on_error=on_error)

    def change_passphrase(self, new: str, on_done: Done = None, on_error: Failed = None) -> Task:
        vault = self.vault

        def job() -> str:
            with self._lock:
                kdf = self.create_options.get("kdf")
                if kdf is not None:
                    vault.change_passphrase(new, kdf)
                else:
                    vault.change_passphrase(new)
                return str(vault.key_protection())

        def done(protection: str) -> None:
            self.protection = protection
            self.changed.emit()
            if on_done:
                on_done(protection)

        return run_task(self, job, on_done=done, on_error=on_error)

    def new_recovery_key(self, on_done: Done = None, on_error: Failed = None) -> Task:
        return self._write(self.vault.new_recovery_key, on_done=on_done, on_error=on_error)

    def wipe(self, on_done: Done = None, on_error: Failed = None) -> Task:
        vault, data_dir, backend = self.vault, self.data_dir, self.keyring_backend

        def job() -> None:
            from ..storage.vault import wipe

            with self._lock:
                if vault is not None:
                    vault.close()
                wipe(data_dir, keyring_backend=backend)

        def done(_: object) -> None:
            self.vault = None
            self.locked = None
            self.profile = None
            self.declared = DeclaredFacts()
            self.answers = {}
            self.latest = None
            self.audits = []
            self.events = []
            self.changed.emit()
            if on_done:
                on_done(None)

        return run_task(self, job, on_done=done, on_error=on_error)

    def close(self, wait: float = 5.0) -> None:
        """Close the vault after the background work already queued has finished (max `wait` s).

        Views may run their own vault reads through `workers.run_task`; closing under them would
        fail those reads, so they are let finish first.
        """
        vault, self.vault = self.vault, None
        if vault is None:
            return
        pending = [t.future for t in workers.relay().pending.values() if not t.future.done()]
        if pending:
            concurrent.futures.wait(pending, timeout=wait)
        with self._lock:
            vault.close()

    # --- derived state --------------------------------------------------------------------------
    def progress(self) -> dict[str, Any]:
        return fold_progress(self.events)

    def applicable(self) -> list[Any]:
        if self.pack is None or self.profile is None:
            return []
        return scoring.applicable_items(self.pack, self.profile)

    def current_score(self) -> scoring.Score | None:
        """The last audit's score with plan progress applied."""
        if self.pack is None or self.profile is None or self.latest is None:
            return None
        return scoring.score(self.pack, self.profile, self.latest.answers, self.progress(),
                             now=_now(), recheck_days=self.recheck_days)

    def plan(self) -> plan_mod.Plan | None:
        if self.pack is None or self.profile is None or self.latest is None:
            return None
        return plan_mod.rank(self.pack, self.profile, self.latest.answers, self.progress(),
                             now=_now(), recheck_days=self.recheck_days)

    def previous_score(self) -> float | None:
        """The recorded score of the audit before the latest one, for comparison."""
        if len(self.audits) < 2:
            return None
        return float(self.audits[-2].score)
