"""The private vault: one SQLite file (WAL, synchronous=FULL) of AES-256-GCM encrypted records.

Usage (see docs/privacy.md for the user-facing story)::

    if Vault.exists():
        locked = Vault.open_locked()            # slot metadata only, no secrets
        vault = locked.unlock_with_keyring()     # or _with_passphrase / _with_recovery_key
    else:
        vault, recovery_key = Vault.create(passphrase=None)   # show recovery_key once
    vault.record_audit(audit, score.total)

Layout: table `meta` (vault id, no personal data), `key_slots` (the data key wrapped per slot,
see keys.py) and `records` (kind, a keyed hash of the record ID, and the sealed blob). Everything
about the user, including timestamps, is inside the ciphertext. Audits are immutable and progress
is append-only (enforced by triggers too). Record kinds `profile`, `draft`, `audit`, `progress` and
`setting` are the vault's own; other kinds (`put_record`) are free for reviewer results, approach
checks, self-search findings and the like.

All calls block; the UI runs them through `worker.submit`. A Vault may be used from several
threads (one lock serialises them). Errors are `errors.VaultError` subclasses.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import json
import os
import re
import secrets
import sqlite3
import sys
import threading
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.model import PROGRESS_STATES, Audit, DeclaredFacts, Profile, ProfileValue, ProgressEvent
from . import errors, files, keys, local_backups, migrations
from .wipe import WipeResult, wipe

__all__ = ["AuditSummary", "LockedVault", "Vault", "VaultState", "WipeResult", "wipe"]

RESERVED_KINDS = frozenset({"profile", "draft", "audit", "progress", "setting"})
_KIND_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")


def _resolve(data_dir: Path | None) -> Path:
    if data_dir is None:
        from .. import paths

        return paths.data_dir()
    return Path(data_dir)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class AuditSummary:
    id: str
    created: dt.datetime
    score: float
    pack_id: str
    pack_version: str


@dataclass(frozen=True)
class VaultState:
    """What the app knows before unlocking: whether a vault exists and how it can be opened."""

    exists: bool
    keyring_backend_recorded: str | None = None
    has_passphrase: bool = False
    has_recovery: bool = False


# --- the connection ----------------------------------------------------------------------------

class _Db:
    """One SQLite connection with our pragmas, a lock, and error translation."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock = threading.RLock()
        try:
            self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False,
                                        timeout=10.0)
        except sqlite3.Error as exc:
            raise files.translate_sqlite_error(exc, path) from exc
        try:
            self.conn.execute("PRAGMA journal_mode=WAL").fetchone()
            self.conn.execute("PRAGMA synchronous=FULL")
            if sys.platform == "darwin":
                self.conn.execute("PRAGMA fullfsync=ON")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA secure_delete=ON")
        except sqlite3.Error as exc:
            self.conn.close()
            raise files.translate_sqlite_error(exc, path) from exc
        for p in files.db_family(path):
            files.make_private(p)

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One durable transaction: returns only after COMMIT (fsync of the WAL) succeeded."""
        with self.lock:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                yield self.conn
                self.conn.execute("COMMIT")
            except sqlite3.Error as exc:
                self._rollback()
                if isinstance(exc, sqlite3.IntegrityError):
                    raise
                raise files.translate_sqlite_error(exc, self.path) from exc
            except BaseException:
                self._rollback()
                raise
        for p in files.db_family(self.path)[1:3]:
            files.make_private(p)

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")

    def read(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        with self.lock:
            try:
                return self.conn.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise files.translate_sqlite_error(exc, self.path) from exc

    def close(self) -> None:
        with self.lock, contextlib.suppress(sqlite3.Error):
            self.conn.close()


@contextlib.contextmanager
def _gc_paused(count: int) -> Iterator[None]:
    """Bulk decoding creates many small acyclic objects; full collections over them made loading
    100,000 events grow faster than linearly. Pause the collector for large batches."""
    paused = count > 1000 and gc.isenabled()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _move_aside(db: Path) -> Path:
    stamp = _now().strftime("%Y%m%dT%H%M%SZ")
    aside = db.with_name(f"{db.name}{files.DAMAGED_MARK}{stamp}")
    for src in files.db_family(db):
        if src.exists():
            os.replace(src, aside.with_name(aside.name + src.name[len(db.name):]))
    files.fsync_dir(db.parent)
    return aside


def _open_db(data_dir: Path) -> _Db:
    """Open, check and migrate the vault database (moving it aside when SQLite finds it damaged)."""
    db_path = data_dir / files.DB_NAME
    if not db_path.exists():
        raise errors.VaultMissing(data_dir)
    files.ensure_private_dir(data_dir)
    for p in files.db_family(db_path):
        files.make_private(p)
    detail = ""
    try:
        db = _Db(db_path)
    except errors.VaultCorrupt as exc:
        db, detail = None, str(exc.args[0]) if exc.args else "not a database"
    if db is not None:
        try:
            row = db.conn.execute("PRAGMA quick_check").fetchone()
            if row is None or row[0] != "ok":
                detail = f"quick_check: {row[0] if row else 'no answer'}"
            elif not db.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] and \
                    migrations.version(db.conn) == 0:
                detail = "the file holds no vault"
        except sqlite3.DatabaseError as exc:
            detail = str(exc)
        if detail:
            db.close()
    if detail:
        aside = _move_aside(db_path)
        raise errors.VaultCorrupt(aside, [p for p in local_backups.all_backups(data_dir)
                                          if local_backups.is_intact(p)], detail)
    assert db is not None
    try:
        if migrations.version(db.conn) < 0:
            raise errors.VaultCorrupt(None, [], "impossible schema version")
        migrations.migrate(db.conn, db_path)
    except errors.VaultCorrupt as exc:
        db.close()
        aside = _move_aside(db_path)
        raise errors.VaultCorrupt(aside, [p for p in local_backups.all_backups(data_dir)
                                          if local_backups.is_intact(p)], str(exc)) from exc
    except sqlite3.DatabaseError as exc:
        db.close()
        raise files.translate_sqlite_error(exc, db_path) from exc
    except BaseException:
        db.close()
        raise
    return db


def _read_slots(db: _Db) -> dict[str, tuple[str, dict[str, Any], bytes]]:
    """Slot name -> (kind, params, wrapped key). A slot that does not parse gets params {}."""
    out: dict[str, tuple[str, dict[str, Any], bytes]] = {}
    for slot, kind, params, wrapped in db.read("SELECT slot, kind, params, wrapped FROM key_slots"):
        try:
            parsed = json.loads(params)
        except (TypeError, ValueError):
            parsed = {}
        out[str(slot)] = (str(kind), parsed if isinstance(parsed, dict) else {},
                          wrapped if isinstance(wrapped, bytes) else b"")
    return out


# --- locked ------------------------------------------------------------------------------------

class LockedVault:
    """An opened but locked vault: it knows its key slots, holds no secret."""

    def __init__(self, db: _Db) -> None:
        self._db = db
        try:
            meta = dict(db.read("SELECT key, value FROM meta"))
            slots = _read_slots(db)
        except errors.VaultError:
            db.close()
            raise
        if not isinstance(meta.get("vault_id"), str) or not slots:
            db.close()
            raise errors.VaultCorrupt(None, [], "the vault's identity or key slots are missing")
        self.vault_id: str = meta["vault_id"]
        self.data_dir = db.path.parent
        self._slots = slots
        kr = self._slots.get("keyring")
        self.keyring_backend_recorded: str | None = (str(kr[1].get("backend", "unknown key store"))
                                                     if kr else None)
        self.has_passphrase = "passphrase" in self._slots
        self.has_recovery = "recovery" in self._slots

    @property
    def state(self) -> VaultState:
        return VaultState(True, self.keyring_backend_recorded, self.has_passphrase, self.has_recovery)

    def _unlocked(self, data_key: bytes) -> Vault:
        return Vault(self._db, self.vault_id, data_key)

    def unlock_with_keyring(self, timeout: float = keys.KEYRING_TIMEOUT_S,
                            keyring_backend: Any = None) -> Vault:
        slot = self._slots.get("keyring")
        if slot is None:
            raise errors.NoUnlockMethod("This vault does not keep its key in the system key store.")
        _, params, blob = slot
        if "backend" not in params or "username" not in params:
            raise errors.VaultDamaged("key slot", "keyring")
        recorded = str(params["backend"])
        backend = keys.usable_backend(keyring_backend)
        if backend is None:
            raise errors.KeyringUnavailable("no working key store was found", recorded)
        current = keys.backend_name(backend)
        if current != recorded:
            raise errors.KeyringChanged(recorded, current)
        wrapping_key = keys.keyring_fetch(backend, str(params["username"]), timeout)
        data_key = keys.unwrap(wrapping_key, blob, self.vault_id, "keyring")
        if data_key is None:
            # The entry exists but holds another key (replaced outside the app).
            raise errors.KeyringEntryMissing(recorded)
        return self._unlocked(data_key)

    def unlock_with_passphrase(self, passphrase: str) -> Vault:
        slot = self._slots.get("passphrase")
        if slot is None:
            raise errors.NoUnlockMethod("This vault has no passphrase.")
        data_key = keys.open_passphrase_slot(passphrase, slot[1], slot[2], self.vault_id)
        if data_key is None:
            raise errors.WrongSecret("passphrase")
        return self._unlocked(data_key)

    def unlock_with_recovery_key(self, key: str) -> Vault:
        slot = self._slots.get("recovery")
        if slot is None:
            raise errors.NoUnlockMethod("This vault has no recovery key.")
        data_key = keys.open_recovery_slot(key, slot[1], slot[2], self.vault_id)
        if data_key is None:
            raise errors.WrongSecret("recovery key")
        return self._unlocked(data_key)

    def close(self) -> None:
        self._db.close()


# --- unlocked ----------------------------------------------------------------------------------

def _profile_to_json(profile: Profile) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple | list) else v for k, v in profile.answers.items()}


def _profile_from_json(data: Mapping[str, Any]) -> Profile:
    answers: dict[str, ProfileValue] = {}
    for k, v in data.items():
        answers[str(k)] = tuple(str(x) for x in v) if isinstance(v, list) else v
    return Profile(answers)


class Vault:
    """An unlocked vault. Create with `Vault.create`, or `Vault.open_locked(...).unlock_*`."""

    def __init__(self, db: _Db, vault_id: str, data_key: bytes, *, auto_backup: bool = True) -> None:
        self._db: _Db | None = db
        self.vault_id = vault_id
        self.data_dir = db.path.parent
        self._data_key = data_key
        self._cipher = keys.RecordCipher(data_key)
        # Records left out by a `skip_damaged=True` listing, for the UI to report.
        self.damaged: list[errors.VaultDamaged] = []
        if auto_backup and local_backups.due(self.data_dir):
            with contextlib.suppress(errors.VaultError):  # a backup failure must not block unlocking
                self.make_backup()

    # -- opening --

    @staticmethod
    def exists(data_dir: Path | None = None) -> bool:
        return (_resolve(data_dir) / files.DB_NAME).exists()

    @staticmethod
    def state(data_dir: Path | None = None) -> VaultState:
        if not Vault.exists(data_dir):
            return VaultState(False)
        locked = Vault.open_locked(data_dir)
        try:
            return locked.state
        finally:
            locked.close()

    @staticmethod
    def open_locked(data_dir: Path | None = None) -> LockedVault:
        return LockedVault(_open_db(_resolve(data_dir)))

    @staticmethod
    def create(data_dir: Path | None = None, *, passphrase: str | None, use_keyring: bool = True,
               keyring_backend: Any = None, kdf: keys.KdfParams = keys.DEFAULT_KDF,
               keyring_timeout: float = keys.KEYRING_TIMEOUT_S) -> tuple[Vault, str]:
        """A new vault and its recovery key (show it once). Never without a real protection.

        With a working keyring (priority >= 1) the key goes there (and into a passphrase slot too
        when one is given); without one, a passphrase is required (`PassphraseRequired`).
        """
        folder = _resolve(data_dir)
        if Vault.exists(folder):
            raise errors.VaultExists(folder)
        if passphrase == "":
            raise errors.PassphraseRequired()
        backend = keys.usable_backend(keyring_backend) if use_keyring else None
        if backend is None and passphrase is None:
            raise errors.PassphraseRequired()
        files.ensure_private_dir(folder)
        vault_id = uuid.uuid4().hex
        data_key = secrets.token_bytes(keys.KEY_BYTES)
        slots: list[tuple[str, dict[str, Any], bytes]] = []
        if backend is not None:
            try:
                params, blob = keys.keyring_slot(backend, vault_id, data_key, vault_id,
                                                 keyring_timeout)
                slots.append(("keyring", params, blob))
            except errors.VaultError:
                if passphrase is None:
                    raise
                backend = None  # the passphrase protects it; the UI can retry the keyring later
        if passphrase is not None:
            slots.append(("passphrase", *keys.passphrase_slot(passphrase, data_key, vault_id, kdf)))
        recovery = keys.new_recovery_key()
        slots.append(("recovery", *keys.recovery_slot(recovery, data_key, vault_id)))
        try:
            _write_new_db(folder, vault_id, slots)
            try:
                db = _open_db(folder)
            except BaseException:
                # In place but not usable, and its recovery key never shown: take it back out.
                for p in files.db_family(folder / files.DB_NAME):
                    with contextlib.suppress(OSError):
                        p.unlink()
                raise
        except BaseException:
            if backend is not None:
                with contextlib.suppress(errors.VaultError):
                    keys.keyring_delete(backend, vault_id, keyring_timeout)
            raise
        return Vault(db, vault_id, data_key, auto_backup=False), recovery

    # -- plumbing --

    @property
    def db(self) -> _Db:
        if self._db is None:
            raise errors.VaultClosed()
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _put(self, conn: sqlite3.Connection, kind: str, record_id: str, payload: Any, *,
             insert_only: bool = False) -> None:
        ident, blob = self._cipher.seal(kind, record_id, payload)
        verb = "INSERT" if insert_only else "INSERT OR REPLACE"
        if insert_only:
            conn.execute(f"{verb} INTO records(kind, ident, blob) VALUES (?, ?, ?)", (kind, ident, blob))
        else:
            cur = conn.execute("UPDATE records SET blob = ? WHERE kind = ? AND ident = ?",
                               (blob, kind, ident))
            if cur.rowcount == 0:
                conn.execute("INSERT INTO records(kind, ident, blob) VALUES (?, ?, ?)",
                             (kind, ident, blob))

    # Blobs are read with CAST(… AS BLOB): if damage on disk changed a value's stored type to
    # text, it is then reported as a damaged record, not as an unreadable (unwritable) file.
    def _get(self, kind: str, record_id: str, *, expected: bool = False) -> Any | None:
        ident = self._cipher.ident(kind, record_id)
        rows = self.db.read("SELECT CAST(blob AS BLOB) FROM records WHERE kind = ? AND ident = ?",
                            (kind, ident))
        if not rows and expected:
            # An ID that a listing returned must exist: if only the index lost it (quick_check
            # does not compare indexes with the table), rebuild the index and use the row.
            rows = self.db.read("SELECT CAST(blob AS BLOB) FROM records NOT INDEXED "
                                "WHERE kind = ? AND ident = ?", (kind, ident))
            if rows:
                with self.db.write() as conn:
                    conn.execute("REINDEX records")
        if not rows:
            return None
        _, payload = self._cipher.open(kind, ident, rows[0][0], expect_id=record_id)
        return payload

    def _all(self, kind: str, skip_damaged: bool) -> list[tuple[int, str, Any]]:
        rows = self.db.read("SELECT seq, ident, CAST(blob AS BLOB) FROM records WHERE kind = ? "
                            "ORDER BY seq", (kind,))
        out: list[tuple[int, str, Any]] = []
        with _gc_paused(len(rows)):
            for seq, ident, blob in rows:
                try:
                    rid, payload = self._cipher.open(kind, str(ident), blob)
                except errors.VaultDamaged as exc:
                    if not skip_damaged:
                        raise
                    self.damaged.append(exc)
                    continue
                out.append((seq, rid, payload))
        return out

    # -- profile and draft --

    def save_profile(self, profile: Profile, declared: DeclaredFacts) -> None:
        payload = {"profile": _profile_to_json(profile), "declared": declared.to_dict(),
                   "saved": _now().isoformat()}
        with self.db.write() as conn:
            self._put(conn, "profile", "current", payload)

    def _get_current(self, kind: str) -> Any | None:
        """A one-per-vault record ("current"). If none is found but a row of that kind exists,
        its ID column was damaged: say so instead of reporting the record as never saved."""
        payload = self._get(kind, "current")
        if payload is None and self.db.read("SELECT 1 FROM records WHERE kind = ? LIMIT 1", (kind,)):
            raise errors.VaultDamaged(kind, "current")
        return payload

    def load_profile(self) -> tuple[Profile, DeclaredFacts] | None:
        payload = self._get_current("profile")
        if payload is None:
            return None
        return _profile_from_json(payload["profile"]), DeclaredFacts.from_dict(payload["declared"])

    def save_draft(self, answers: Mapping[str, str]) -> None:
        """The in-progress audit, saved durably after every answer."""
        with self.db.write() as conn:
            self._put(conn, "draft", "current", {"answers": dict(answers), "saved": _now().isoformat()})

    def load_draft(self) -> dict[str, str] | None:
        payload = self._get_current("draft")
        return None if payload is None else {str(k): str(v) for k, v in payload["answers"].items()}

    def clear_draft(self) -> None:
        self.delete_record("draft", "current", _internal=True)

    # -- audits --

    def record_audit(self, audit: Audit, score_total: float) -> str:
        """Store a completed audit as an immutable snapshot; returns its ID."""
        audit_id = audit.id or uuid.uuid4().hex
        created = audit.created if audit.created.tzinfo else audit.created.replace(tzinfo=dt.UTC)
        payload = {"id": audit_id, "created": created.isoformat(), "pack_id": audit.pack_id,
                   "pack_version": audit.pack_version, "profile": _profile_to_json(audit.profile),
                   "answers": dict(audit.answers), "score": float(score_total)}
        try:
            with self.db.write() as conn:
                self._put(conn, "audit", audit_id, payload, insert_only=True)
        except sqlite3.IntegrityError as exc:
            raise ValueError(f"an audit with ID {audit_id} is already recorded") from exc
        return audit_id

    @staticmethod
    def _audit(payload: Mapping[str, Any]) -> Audit:
        return Audit(str(payload["id"]), dt.datetime.fromisoformat(payload["created"]),
                     str(payload["pack_id"]), str(payload["pack_version"]),
                     _profile_from_json(payload["profile"]),
                     {str(k): str(v) for k, v in payload["answers"].items()})

    def list_audits(self, *, skip_damaged: bool = False) -> list[AuditSummary]:
        """Oldest first. With skip_damaged, damaged audits are left out and listed in `damaged`."""
        out = []
        for seq, _rid, p in self._all("audit", skip_damaged):
            out.append((dt.datetime.fromisoformat(p["created"]), seq,
                        AuditSummary(str(p["id"]), dt.datetime.fromisoformat(p["created"]),
                                     float(p["score"]), str(p["pack_id"]), str(p["pack_version"]))))
        return [s for _, _, s in sorted(out, key=lambda t: (t[0], t[1]))]

    def load_audit(self, audit_id: str) -> Audit:
        payload = self._get("audit", audit_id, expected=True)
        if payload is None:
            raise KeyError(audit_id)
        return self._audit(payload)

    def audit_score(self, audit_id: str) -> float:
        payload = self._get("audit", audit_id)
        if payload is None:
            raise KeyError(audit_id)
        return float(payload["score"])

    # -- progress --

    def append_progress(self, event: ProgressEvent) -> None:
        if event.state not in PROGRESS_STATES:
            raise ValueError(f"unknown progress state {event.state!r}")
        at = event.at if event.at.tzinfo else event.at.replace(tzinfo=dt.UTC)
        payload = {"item_id": event.item_id, "state": event.state, "at": at.isoformat(),
                   "note": event.note}
        with self.db.write() as conn:
            self._put(conn, "progress", uuid.uuid4().hex, payload, insert_only=True)

    def progress_events(self, *, skip_damaged: bool = False) -> list[ProgressEvent]:
        """In the order they were appended."""
        records = self._all("progress", skip_damaged)
        with _gc_paused(len(records)):
            return [ProgressEvent(str(p["item_id"]), p["state"], dt.datetime.fromisoformat(p["at"]),
                                  str(p.get("note", "")))
                    for _, _, p in records]

    # -- settings and other records --

    def get_setting(self, key: str, default: Any = None) -> Any:
        payload = self._get("setting", key)
        return default if payload is None else payload["value"]

    def set_setting(self, key: str, value: Any) -> None:
        json.dumps(value)  # must be JSON; fail before writing
        with self.db.write() as conn:
            self._put(conn, "setting", key, {"value": value})

    def list_settings(self) -> dict[str, Any]:
        """Every setting (for backups)."""
        return {rid: p["value"] for _, rid, p in self._all("setting", False)}

    def record_kinds(self) -> list[str]:
        """The kinds of free-form records held (kinds are not personal, so they are stored plainly)."""
        rows = self.db.read("SELECT DISTINCT kind FROM records")
        return sorted(str(r[0]) for r in rows if r[0] not in RESERVED_KINDS)

    @staticmethod
    def _check_kind(kind: str) -> None:
        if kind in RESERVED_KINDS:
            raise ValueError(f"record kind {kind!r} is reserved for the vault itself")
        if not _KIND_RE.match(kind):
            raise ValueError(f"bad record kind {kind!r}: use lower-case letters, digits, . _ -")

    def put_record(self, kind: str, record_id: str, payload: Mapping[str, Any]) -> None:
        self._check_kind(kind)
        data = dict(payload)
        json.dumps(data)
        with self.db.write() as conn:
            self._put(conn, kind, record_id, data)

    def get_record(self, kind: str, record_id: str) -> dict[str, Any] | None:
        self._check_kind(kind)
        payload = self._get(kind, record_id)
        return None if payload is None else dict(payload)

    def list_records(self, kind: str, *, skip_damaged: bool = False) -> list[tuple[str, dict[str, Any]]]:
        """In the order the records were first written."""
        self._check_kind(kind)
        return [(rid, dict(p)) for _, rid, p in self._all(kind, skip_damaged)]

    def delete_record(self, kind: str, record_id: str, *, _internal: bool = False) -> None:
        if not _internal:
            self._check_kind(kind)
        ident = self._cipher.ident(kind, record_id)
        with self.db.write() as conn:
            conn.execute("DELETE FROM records WHERE kind = ? AND ident = ?", (kind, ident))

    # -- key slots --

    def _slots(self) -> dict[str, tuple[str, dict[str, Any], bytes]]:
        return _read_slots(self.db)

    def _write_slot(self, name: str, params: Mapping[str, Any], blob: bytes) -> None:
        with self.db.write() as conn:
            conn.execute("INSERT OR REPLACE INTO key_slots(slot, kind, params, wrapped) "
                         "VALUES (?, ?, ?, ?)", (name, name, json.dumps(dict(params)), blob))

    def key_protection(self) -> str:
        """Where the key lives, in plain words: the key store's name, or "passphrase"."""
        slots = self._slots()
        if "keyring" in slots:
            return keys.describe_backend(str(slots["keyring"][1].get("backend", "")) or None)
        return "passphrase" if "passphrase" in slots else "recovery key only"

    @property
    def keyring_backend_recorded(self) -> str | None:
        kr = self._slots().get("keyring")
        return str(kr[1].get("backend", "unknown key store")) if kr else None

    @property
    def has_passphrase(self) -> bool:
        return "passphrase" in self._slots()

    def change_passphrase(self, new: str, kdf: keys.KdfParams = keys.DEFAULT_KDF) -> None:
        params, blob = keys.passphrase_slot(new, self._data_key, self.vault_id, kdf)
        self._write_slot("passphrase", params, blob)

    def remove_passphrase(self) -> None:
        """Only when another slot besides the recovery key protects the data (never plaintext)."""
        if "keyring" not in self._slots():
            raise errors.PassphraseRequired()
        with self.db.write() as conn:
            conn.execute("DELETE FROM key_slots WHERE slot = 'passphrase'")

    def new_recovery_key(self) -> str:
        """Replace the recovery key; the old one stops working. Show the new one once."""
        key = keys.new_recovery_key()
        params, blob = keys.recovery_slot(key, self._data_key, self.vault_id)
        self._write_slot("recovery", params, blob)
        return key

    def store_key_in_keyring(self, keyring_backend: Any = None,
                             timeout: float = keys.KEYRING_TIMEOUT_S) -> str:
        """(Re)create the keyring slot with today's key store: after "key store changed" or a
        deleted entry, once unlocked with the passphrase or recovery key. Returns the backend."""
        backend = keys.usable_backend(keyring_backend)
        if backend is None:
            raise errors.KeyringUnavailable("no working key store was found")
        params, blob = keys.keyring_slot(backend, self.vault_id, self._data_key, self.vault_id, timeout)
        self._write_slot("keyring", params, blob)
        return str(params["backend"])

    # -- backups --

    def make_backup(self) -> Path:
        with self.db.lock:
            try:
                self.db.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
            except sqlite3.Error as exc:
                raise files.translate_sqlite_error(exc, self.db.path) from exc
            return local_backups.make_backup(self.db.conn, self.data_dir)

    def integrity_ok(self) -> bool:
        rows = self.db.read("PRAGMA integrity_check")
        return bool(rows) and rows[0][0] == "ok"


def _write_new_db(folder: Path, vault_id: str, slots: list[tuple[str, dict[str, Any], bytes]]) -> None:
    """Build the new vault in a temp file, fsync, and rename it into place (all or nothing)."""
    tmp = folder / files.CREATING_NAME
    target = folder / files.DB_NAME
    renamed = False
    for p in files.db_family(tmp):
        with contextlib.suppress(FileNotFoundError):
            p.unlink()
    try:
        files.create_private_file(tmp)
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode=DELETE")
            conn.execute("PRAGMA synchronous=FULL")
            migrations.migrate(conn, tmp, snapshot=False)
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO meta(key, value) VALUES ('vault_id', ?)", (vault_id,))
            for name, params, blob in slots:
                conn.execute("INSERT INTO key_slots(slot, kind, params, wrapped) VALUES (?, ?, ?, ?)",
                             (name, name, json.dumps(params), blob))
            conn.execute("COMMIT")
        finally:
            conn.close()
        files.fsync_file(tmp)
        if target.exists():
            raise errors.VaultExists(folder)
        os.replace(tmp, target)
        renamed = True
        files.fsync_dir(folder)
    except sqlite3.Error as exc:
        raise files.translate_sqlite_error(exc, folder) from exc
    except OSError as exc:
        if renamed:
            # The caller reports a failure (and drops the keyring entry and the recovery key), so
            # a vault that did reach its place must not stay behind: nobody could open it.
            with contextlib.suppress(OSError):
                target.unlink()
        raise files.translate_os_error(exc, folder) from exc
    finally:
        for p in files.db_family(tmp):
            with contextlib.suppress(FileNotFoundError):
                p.unlink()
