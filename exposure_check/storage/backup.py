"""Encrypted backup export/import of a whole vault, for moving machines or keeping a copy.

File layout (all integers big-endian)::

    magic      8 bytes   b"EXPCHKBK"
    version    2 bytes   FORMAT_VERSION (a newer one is refused with "please use a newer version")
    hlen       4 bytes   length of the header JSON
    header     hlen      UTF-8 JSON: kdf (argon2id, salt, iterations, memory_kib, lanes),
                         cipher (aes-256-gcm), nonce, check_nonce, check, created, app_version
    payload    rest      AES-256-GCM(key, nonce, zlib(JSON of every record), aad = all the above)

The key is Argon2id over the *backup* passphrase (not the vault's). `check` is a short AES-GCM
box of a fixed text under its own nonce: it tells a wrong passphrase apart from a damaged file.
The payload's associated data is the magic, version and header, so any changed byte anywhere
fails authentication. Everything is read and checked before anything is written: a bad file
changes nothing.

Import goes into an empty vault (`restore`), or replaces a non-empty one only when asked
(`replace_vault`: a new vault is built beside the old one and swapped in, then the old one is
wiped). Works on the vault's public API.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import json
import os
import secrets
import struct
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from .. import __version__
from ..core.model import Audit, DeclaredFacts, Profile, ProgressEvent
from . import files, keys
from .errors import VaultError

MAGIC = b"EXPCHKBK"
FORMAT_VERSION = 1
_PREFIX = struct.Struct(">8sHI")
_CHECK_TEXT = b"exposure-check backup key check"
MAX_HEADER = 64 * 1024
# Refuse KDF costs a hostile file could use to exhaust memory or time.
MAX_MEMORY_KIB = 1024 * 1024
MAX_ITERATIONS = 64
SUFFIX = ".ecbackup"


# --- errors ---------------------------------------------------------------------------------------

class BackupError(VaultError):
    """A backup file could not be used; the message says why and what to do. Nothing changed."""


class BackupWrongPassphrase(BackupError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"{path}: wrong backup passphrase. Use the passphrase chosen when this "
                         f"backup was exported (not the vault passphrase). Nothing was changed.")


class BackupDamaged(BackupError):
    def __init__(self, path: Path, detail: str) -> None:
        self.detail = detail
        super().__init__(f"{path}: this backup file is damaged or was altered ({detail}). "
                         f"Use another copy of the backup. Nothing was changed.")


class BackupNotABackup(BackupError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"{path}: this is not an Exposure Check backup file. Nothing was changed.")


class BackupNewerVersion(BackupError):
    def __init__(self, path: Path, found: int) -> None:
        self.found = found
        super().__init__(f"{path}: this backup was written by a newer version of Exposure Check "
                         f"(backup format {found}; this version reads up to {FORMAT_VERSION}). "
                         f"Please use a newer version to import it. Nothing was changed.")


class BackupUnreadable(BackupError):
    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(f"{path}: cannot read the backup file: {detail}.")


class VaultNotEmpty(BackupError):
    def __init__(self) -> None:
        super().__init__("The vault already holds data. Importing a backup replaces all of it; "
                         "confirm the replacement (in the CLI: --replace). Nothing was changed.")


class EmptyPassphrase(BackupError):
    def __init__(self) -> None:
        super().__init__("The backup passphrase is empty; choose one (it protects the backup "
                         "file on its own, so make it strong).")


# --- contents -------------------------------------------------------------------------------------

@dataclass
class BackupContents:
    """Everything in a vault, as plain JSON-able data (it only ever exists in memory)."""

    profile: dict[str, Any] | None = None  # {"profile": {...}, "declared": {...}}
    draft: dict[str, str] | None = None
    audits: list[dict[str, Any]] = field(default_factory=list)  # + "score"
    progress: list[dict[str, Any]] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)
    records: dict[str, list[tuple[str, dict[str, Any]]]] = field(default_factory=dict)
    created: str = ""
    app_version: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"profile": self.profile, "draft": self.draft, "audits": self.audits,
                "progress": self.progress, "settings": self.settings,
                "records": {k: [[rid, p] for rid, p in v] for k, v in self.records.items()}}

    @property
    def counts(self) -> dict[str, int]:
        return {"audits": len(self.audits), "progress": len(self.progress),
                "settings": len(self.settings),
                "records": sum(len(v) for v in self.records.values()),
                "profile": int(self.profile is not None), "draft": int(self.draft is not None)}


def _iso(d: dt.datetime) -> str:
    return (d if d.tzinfo else d.replace(tzinfo=dt.UTC)).isoformat()


def _record_kinds(vault: Any) -> list[str]:
    """The kinds of free-form records in the vault (reviewer results, approach checks, …)."""
    return [str(k) for k in vault.record_kinds()]


def _settings(vault: Any) -> dict[str, Any]:
    return dict(vault.list_settings())


def collect(vault: Any) -> BackupContents:
    """Read everything from an unlocked vault."""
    out = BackupContents(created=_iso(dt.datetime.now(dt.UTC)), app_version=__version__)
    loaded = vault.load_profile()
    if loaded is not None:
        profile, declared = loaded
        out.profile = {"profile": _profile_json(profile), "declared": declared.to_dict()}
    out.draft = vault.load_draft()
    for summary in vault.list_audits():
        a = vault.load_audit(summary.id)
        out.audits.append({"id": a.id, "created": _iso(a.created), "pack_id": a.pack_id,
                           "pack_version": a.pack_version, "profile": _profile_json(a.profile),
                           "answers": dict(a.answers), "score": float(summary.score)})
    for ev in vault.progress_events():
        out.progress.append({"item_id": ev.item_id, "state": ev.state, "at": _iso(ev.at),
                             "note": ev.note})
    out.settings = _settings(vault)
    for kind in _record_kinds(vault):
        out.records[kind] = [(rid, dict(p)) for rid, p in vault.list_records(kind)]
    return out


def _profile_json(profile: Profile) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in profile.answers.items()}


def _profile(data: Mapping[str, Any]) -> Profile:
    return Profile({str(k): tuple(v) if isinstance(v, list) else v for k, v in data.items()})


def is_empty(vault: Any) -> bool:
    """No profile, draft, audit, progress or other record. Settings alone do not count."""
    return (vault.load_profile() is None and vault.load_draft() is None
            and not vault.list_audits() and not vault.progress_events()
            and not any(vault.list_records(k) for k in _record_kinds(vault)))


# --- the file ---------------------------------------------------------------------------------------

def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def encrypt(contents: BackupContents, passphrase: str, kdf: keys.KdfParams = keys.DEFAULT_KDF) -> bytes:
    if not passphrase:
        raise EmptyPassphrase()
    salt = secrets.token_bytes(16)
    key = kdf.derive(passphrase, salt)
    check_nonce, nonce = secrets.token_bytes(12), secrets.token_bytes(12)
    header = {
        "kdf": {"alg": "argon2id", "salt": _b64(salt), "iterations": kdf.iterations,
                "memory_kib": kdf.memory_kib, "lanes": kdf.lanes},
        "cipher": "aes-256-gcm", "nonce": _b64(nonce), "check_nonce": _b64(check_nonce),
        "check": _b64(AESGCM(key).encrypt(check_nonce, _CHECK_TEXT, MAGIC)),
        "created": contents.created or _iso(dt.datetime.now(dt.UTC)),
        "app_version": __version__,
        "counts": contents.counts,  # lets the UI say what it will restore before asking
    }
    hbytes = json.dumps(header, sort_keys=True).encode("utf-8")
    prefix = _PREFIX.pack(MAGIC, FORMAT_VERSION, len(hbytes)) + hbytes
    body = zlib.compress(json.dumps(contents.to_json(), ensure_ascii=False).encode("utf-8"), 6)
    return prefix + AESGCM(key).encrypt(nonce, body, prefix)


def _field(header: Mapping[str, Any], path: Path, *names: str) -> Any:
    value: Any = header
    for n in names:
        if not isinstance(value, Mapping) or n not in value:
            raise BackupDamaged(path, f"the header lacks {'.'.join(names)}")
        value = value[n]
    return value


def _bytes(header: Mapping[str, Any], path: Path, *names: str) -> bytes:
    try:
        return base64.b64decode(str(_field(header, path, *names)).encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError):
        raise BackupDamaged(path, f"the header's {'.'.join(names)} is not valid") from None


def _int(header: Mapping[str, Any], path: Path, low: int, high: int, *names: str) -> int:
    value = _field(header, path, *names)
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise BackupDamaged(path, f"the header's {'.'.join(names)} is out of range")
    return value


def peek_header(data: bytes, path: Path) -> tuple[dict[str, Any], int]:
    """The header (unauthenticated until decryption) and the offset of the ciphertext."""
    if len(data) < _PREFIX.size:
        if MAGIC.startswith(data[:8]) and data:
            raise BackupDamaged(path, "the file is truncated")
        raise BackupNotABackup(path)
    magic, version, hlen = _PREFIX.unpack_from(data)
    if magic != MAGIC:
        raise BackupNotABackup(path)
    if version > FORMAT_VERSION:
        raise BackupNewerVersion(path, version)
    if version < 1:
        raise BackupDamaged(path, "unknown format version 0")
    if hlen > MAX_HEADER:
        raise BackupDamaged(path, "the header is too large")
    end = _PREFIX.size + hlen
    if len(data) < end:
        raise BackupDamaged(path, "the file is truncated")
    try:
        header = json.loads(data[_PREFIX.size:end].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise BackupDamaged(path, "the header is not readable") from None
    if not isinstance(header, dict):
        raise BackupDamaged(path, "the header is not readable")
    if len(data) < end + 16:
        raise BackupDamaged(path, "the file is truncated")
    return header, end


def decrypt(data: bytes, passphrase: str, path: Path) -> BackupContents:
    """Check and decrypt a backup completely, in memory. Raises a BackupError; writes nothing."""
    header, end = peek_header(data, path)
    if _field(header, path, "kdf", "alg") != "argon2id" or header.get("cipher") != "aes-256-gcm":
        raise BackupDamaged(path, "unknown key derivation or cipher")
    kdf = keys.KdfParams(iterations=_int(header, path, 1, MAX_ITERATIONS, "kdf", "iterations"),
                         memory_kib=_int(header, path, 8, MAX_MEMORY_KIB, "kdf", "memory_kib"),
                         lanes=_int(header, path, 1, 64, "kdf", "lanes"))
    salt = _bytes(header, path, "kdf", "salt")
    nonce, check_nonce = _bytes(header, path, "nonce"), _bytes(header, path, "check_nonce")
    check = _bytes(header, path, "check")
    if len(salt) < 8 or len(nonce) != 12 or len(check_nonce) != 12:
        raise BackupDamaged(path, "the header's salt or nonce has the wrong size")
    if kdf.memory_kib < 8 * kdf.lanes:
        raise BackupDamaged(path, "the header's key derivation cost is not valid")
    key = kdf.derive(passphrase, salt)
    try:
        if AESGCM(key).decrypt(check_nonce, check, MAGIC) != _CHECK_TEXT:
            raise InvalidTag
    except InvalidTag:
        raise BackupWrongPassphrase(path) from None
    try:
        body = AESGCM(key).decrypt(nonce, data[end:], data[:end])
    except InvalidTag:
        raise BackupDamaged(path, "its contents do not match their checksum: truncated, "
                                  "altered, or its header was changed") from None
    try:
        raw = json.loads(zlib.decompress(body).decode("utf-8"))
        return _contents(raw, header)
    except (zlib.error, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError,
            ValueError, AttributeError) as exc:
        raise BackupDamaged(path, f"the contents are not readable: {exc}") from None


def _contents(raw: Mapping[str, Any], header: Mapping[str, Any]) -> BackupContents:
    """Validate the decrypted JSON's shape fully, so a restore cannot fail half-way on it."""
    out = BackupContents(created=str(header.get("created", "")),
                         app_version=str(header.get("app_version", "")))
    if raw["profile"] is not None:
        _profile(raw["profile"]["profile"])
        DeclaredFacts.from_dict(raw["profile"]["declared"])
        out.profile = dict(raw["profile"])
    if raw["draft"] is not None:
        out.draft = {str(k): str(v) for k, v in dict(raw["draft"]).items()}
    for a in raw["audits"]:
        dt.datetime.fromisoformat(a["created"])
        float(a["score"])
        for key in ("id", "pack_id", "pack_version"):
            if not isinstance(a[key], str):
                raise ValueError(f"audit {key} must be a string")
        dict(a["answers"]), dict(a["profile"])
        out.audits.append(dict(a))
    for p in raw["progress"]:
        dt.datetime.fromisoformat(p["at"])
        if p["state"] not in ("todo", "done", "na", "accepted"):
            raise ValueError(f"unknown progress state {p['state']!r}")
        out.progress.append(dict(p))
    out.settings = dict(raw["settings"])
    for kind, rows in dict(raw["records"]).items():
        out.records[str(kind)] = [(str(rid), dict(payload)) for rid, payload in rows]
    return out


def export_backup(vault: Any, path: Path, passphrase: str,
                  kdf: keys.KdfParams = keys.DEFAULT_KDF) -> BackupContents:
    """Write an encrypted backup of the whole vault to `path` (atomically, 0600)."""
    contents = collect(vault)
    blob = encrypt(contents, passphrase, kdf)
    _write_private(Path(path), blob)
    return contents


def read_backup(path: Path, passphrase: str) -> BackupContents:
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise BackupUnreadable(path, "no such file") from None
    except IsADirectoryError:
        raise BackupUnreadable(path, "it is a folder") from None
    except OSError as exc:
        raise BackupUnreadable(path, exc.strerror or str(exc)) from None
    return decrypt(data, passphrase, path)


def _write_private(path: Path, blob: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        with contextlib.suppress(OSError):
            files.fsync_dir(path.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise files.translate_os_error(exc, path) from None


# --- restoring ------------------------------------------------------------------------------------

def restore(vault: Any, contents: BackupContents) -> None:
    """Put a backup's contents into an empty vault (raises VaultNotEmpty otherwise)."""
    if not is_empty(vault):
        raise VaultNotEmpty()
    _fill(vault, contents)


def _fill(vault: Any, c: BackupContents) -> None:
    for key, value in c.settings.items():
        vault.set_setting(key, value)
    if c.profile is not None:
        vault.save_profile(_profile(c.profile["profile"]),
                           DeclaredFacts.from_dict(c.profile["declared"]))
    if c.draft is not None:
        vault.save_draft(c.draft)
    for a in c.audits:
        vault.record_audit(Audit(a["id"], dt.datetime.fromisoformat(a["created"]), a["pack_id"],
                                 a["pack_version"], _profile(a["profile"]),
                                 {str(k): str(v) for k, v in a["answers"].items()}),
                           float(a["score"]))
    for p in c.progress:
        vault.append_progress(ProgressEvent(str(p["item_id"]), p["state"],
                                            dt.datetime.fromisoformat(p["at"]),
                                            str(p.get("note", ""))))
    for kind, rows in c.records.items():
        for rid, payload in rows:
            vault.put_record(kind, rid, payload)


def replace_vault(data_dir: Path, contents: BackupContents, *, passphrase: str | None,
                  use_keyring: bool = True, keyring_backend: Any = None,
                  kdf: keys.KdfParams = keys.DEFAULT_KDF) -> str:
    """Replace the vault in `data_dir` with the backup's contents; returns the new recovery key.

    A new vault (new data key and key slots: the keyring and/or `passphrase`) is filled in a
    staging folder inside `data_dir`; only when that succeeded are the database files swapped,
    then the old vault is wiped (key slots first). The caller must have closed the old vault.
    """
    from .vault import Vault
    from .wipe import wipe

    data_dir = Path(data_dir)
    token = secrets.token_hex(6)
    staging = data_dir / f".import-{token}"
    try:
        new, recovery = Vault.create(staging, passphrase=passphrase, use_keyring=use_keyring,
                                     keyring_backend=keyring_backend, kdf=kdf)
        try:
            _fill(new, contents)
        finally:
            new.close()
    except BaseException:
        wipe(staging, keyring_backend)
        raise
    aside = files.ensure_private_dir(data_dir / f".replaced-{token}")
    db = data_dir / files.DB_NAME
    for f in files.db_family(db):
        if f.exists():
            os.replace(f, aside / f.name)
    for f in files.db_family(staging / files.DB_NAME):
        if f.exists():
            os.replace(f, data_dir / f.name)
    files.fsync_dir(data_dir)
    wipe(aside, keyring_backend)
    wipe(staging, keyring_backend)
    for folder in (aside, staging):
        with contextlib.suppress(OSError):
            folder.rmdir()
    return recovery
