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
        self.effective: Any = None  # distribution.EffectivePack: the pack, policy and notices
        self.vault: Any = None
        self.locked: Any = None
        self.profile: Profile | None = None
        self.recheck_days = scoring.DEFAULT_RECHECK_DAYS
        self.declared = DeclaredFacts()
        self.answers: dict[str, str] = {}  # the in-progress audit (the vault draft)
        # A re-check starts from the last audit's answers; these are not confirmed yet.
        self.unconfirmed: set[str] = set()
        self.latest: Audit | None = None  # the last completed audit
        self.audits: list[Any] = []  # AuditSummary, oldest first
        self.events: list[ProgressEvent] = []
        self.protection = ""
        self._lock = threading.Lock()
        self._draft_seq = 0
        self._draft_written = 0
        self._user_recheck: object = None  # the vault's own recheck_days setting
        self.damaged: list[Any] = []  # VaultDamaged for records left out when the vault was read

    # --- start-up -----------------------------------------------------------------------------
    def load_pack(self, on_done: Done = None, on_error: Failed = None) -> Task:
        """The core pack with the org overlay and site policy (`distribution.load_effective_pack`);
        a test's `pack_loader` replaces the pack but the site policy still applies."""
        def job() -> Any:
            from ..distribution import EffectivePack, load_effective_pack, policy_notices
            from ..policy import load_policy

            if self.pack_loader is None:
                effective = load_effective_pack()
            else:
                policy = load_policy()
                effective = EffectivePack(self.pack_loader(), tuple(policy_notices(policy)),
                                          policy)
            scoring.prepare(effective.pack)
            return effective

        def done(effective: Any) -> None:
            self.effective = effective
            self.pack = effective.pack
            if on_done:
                on_done(effective.pack)

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
        """Everything the views show. A damaged record is left out and listed in `vault.damaged`
        (the window says so), so one bad record never locks the user out of the rest."""
        from ..storage.errors import VaultDamaged

        def kept(read: Callable[[], Any]) -> Any:
            try:
                return read()
            except VaultDamaged as exc:
                vault.damaged.append(exc)
                return None

        loaded = kept(vault.load_profile)
        draft = kept(vault.load_draft)
        audits = vault.list_audits(skip_damaged=True)
        latest = vault.load_audit(audits[-1].id) if audits else None
        return (loaded, draft, audits, latest, vault.progress_events(skip_damaged=True),
                vault.key_protection(), kept(lambda: vault.get_setting("recheck_days")))

    # --- settings -------------------------------------------------------------------------------
    def settings(self) -> dict[str, Any]:
        """Every setting's value, lock and source (`policy.Setting`): policy, org pack, user."""
        from ..policy import Policy, effective_settings
        from . import prefs

        user = dict(prefs.load())
        user["recheck_days"] = self._user_recheck
        eff = self.effective
        org = eff.pack if eff is not None and eff.org_pack_dir is not None else self.pack
        return effective_settings(user, eff.policy if eff is not None else Policy(), org)

    def setting(self, name: str) -> Any:
        return self.settings()[name].value

    @property
    def notices(self) -> tuple[Any, ...]:
        return tuple(self.effective.notices) if self.effective is not None else ()

    @property
    def security_contact(self) -> Any:
        return self.pack.security_contact if self.pack is not None else None

    def set_recheck_days(self, days: int, on_done: Done = None, on_error: Failed = None) -> Task:
        """The user's re-check interval, kept in the vault (ignored while a policy locks it)."""
        self._user_recheck = days
        self.recheck_days = int(self.settings()["recheck_days"].value)
        self.changed.emit()
        return self._write(self.vault.set_setting, "recheck_days", days, on_done=on_done,
                           on_error=on_error)

    def _apply_state(self, state: tuple[Any, ...]) -> None:
        loaded, draft, audits, latest, events, protection, self._user_recheck = state
        # Staleness in the score and plan uses the interval reminders use (policy.effective_setting).
        self.recheck_days = int(self.settings()["recheck_days"].value)
        if loaded is not None:
            self.profile, self.declared = loaded
        self.audits = list(audits)
        self.latest = latest
        self.events = list(events)
        self.protection = protection
        self.damaged = list(getattr(self.vault, "damaged", []))  # records left out, for a notice
        self._start_recheck(latest, draft)
        self.changed.emit()

    def _start_recheck(self, latest: Audit | None, draft: dict[str, str] | None = None) -> None:
        """A re-check starts from the last answers (on today's IDs), each to be confirmed; the
        draft holds the answers already confirmed (or given) in this re-check."""
        from ..core.history import prefill

        prefilled = prefill(self.pack, latest) if self.pack is not None else {}
        confirmed = dict(draft or {})
        self.answers = {**prefilled, **confirmed}
        self.unconfirmed = set(prefilled) - set(confirmed)

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
        self.unconfirmed.discard(item_id)
        self._draft_seq += 1
        # The draft holds confirmed answers only; pre-filled ones come from the last audit.
        snapshot = {k: v for k, v in self.answers.items() if k not in self.unconfirmed}
        seq, vault = self._draft_seq, self.vault

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
        # A pre-filled answer the user did not confirm counts as skipped.
        answers = {k: v for k, v in self.answers.items()
                   if k in applicable and k not in self.unconfirmed}
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
            self._start_recheck(self.latest)  # the next audit is a re-check of this one
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

    def save_approach(self, record: dict[str, Any], on_done: Done = None, on_error: Failed = None) -> Task:
        """Keep an approach check result (`ApproachResult.to_dict()`), only when the user asks, as
        an encrypted `approach-check` record; `on_done` gets its ID. Full backups carry it and
        wipe removes it; reports never read it."""
        from ..core.approach import RECORD_KIND

        record_id = uuid.uuid4().hex
        payload = dict(record)

        def put(vault: Any) -> str:
            vault.put_record(RECORD_KIND, record_id, payload)
            return record_id

        return self._write(put, self.vault, on_done=on_done, on_error=on_error)

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

    def replace_from_backup(self, contents: Any, passphrase: str | None, on_done: Done = None,
                            on_error: Failed = None) -> Task:
        """Replace everything in the vault with a backup's contents (the user confirmed).

        The vault gets new keys, protected as before: the key store if it was, and `passphrase`
        (which must be the current one when the vault has a passphrase: it is checked first,
        before anything changes). `on_done` gets the new recovery key. If the replacement fails
        the old vault, still intact, is opened again and `on_error` gets the reason.
        """
        from ..storage.vault import Vault

        vault, data_dir, backend = self.vault, self.data_dir, self.keyring_backend

        def reopen() -> Any:
            locked = Vault.open_locked(data_dir)
            if passphrase:
                return locked.unlock_with_passphrase(passphrase)
            return locked.unlock_with_keyring(keyring_backend=backend)

        def job() -> tuple[Any, ...]:
            from .. import paths
            from ..storage import backup

            with self._lock:
                if vault.has_passphrase:
                    if not passphrase:
                        raise ValueError("the vault's passphrase is needed")
                    Vault.open_locked(data_dir).unlock_with_passphrase(passphrase).close()
                use_keyring = vault.keyring_backend_recorded is not None
                vault.close()
                try:
                    recovery = backup.replace_vault(
                        data_dir or paths.data_dir(), contents, passphrase=passphrase,
                        use_keyring=use_keyring, keyring_backend=backend,
                        **{k: v for k, v in self.create_options.items() if k == "kdf"})
                except Exception as exc:
                    return ("failed", reopen(), exc)
                new = reopen()
                return ("replaced", new, recovery, *self._read_state(new))

        def done(result: tuple[Any, ...]) -> None:
            self.vault = result[1]
            if result[0] == "failed":
                if on_error:
                    on_error(result[2])
                return
            self.protection = self.vault.key_protection()
            self.profile, self.declared = None, DeclaredFacts()  # the backup may hold none
            self._apply_state(result[3:])
            if on_done:
                on_done(result[2])

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
            self.unconfirmed = set()
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
