"""Ed25519 signatures for org packs: key pairs, a canonical manifest of the pack dir, a detached pack.sig.

The signed message is a manifest of every file in the pack directory (sorted relative POSIX paths,
each with its SHA-256 and size), so verification can also say *which* file changed, appeared or
went missing. Symbolic links, special files and names that could make the manifest ambiguous are
refused. The signature file itself (`pack.sig` at the top of the pack) is the only file left out.
"""

from __future__ import annotations

import base64
import hashlib
import os
import stat
import tomllib
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

SIGNATURE_FILE = "pack.sig"
FORMAT = "exposure-check-pack-sig-v1"
MAX_FILES = 2000
MAX_TOTAL_BYTES = 64 * 1024 * 1024
PRIVATE_KEY_FILE = "org-signing-key.pem"
PUBLIC_KEY_FILE = "org-signing-key.pub.pem"


class SigningError(Exception):
    """A key or pack could not be used; the message names the file and the problem."""


class VerificationError(SigningError):
    """The pack's signature is missing, from another key, or no longer matches the files."""


@dataclass(frozen=True)
class ManifestEntry:
    path: str  # relative, POSIX separators
    sha256: str
    size: int

    def line(self) -> str:
        return f"{self.sha256} {self.size} {self.path}\n"


@dataclass(frozen=True)
class Verified:
    """A pack whose every file matches a signature by the expected key."""

    key_id: str
    files: int


# ---------------------------------------------------------------------------------------------
# Keys.


def key_id(public_key: Ed25519PublicKey) -> str:
    """A short fingerprint for messages: the first 16 hex digits of SHA-256 of the raw key."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def generate_keypair(outdir: Path) -> tuple[Path, Path]:
    """Write a new Ed25519 key pair as PEM files in `outdir`; refuse to overwrite either file."""
    outdir.mkdir(parents=True, exist_ok=True)
    priv_path, pub_path = outdir / PRIVATE_KEY_FILE, outdir / PUBLIC_KEY_FILE
    for p in (priv_path, pub_path):
        if p.exists():
            raise SigningError(f"{p} already exists; choose another directory or move it away first")
    key = Ed25519PrivateKey.generate()
    priv_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                 serialization.NoEncryption())
    pub_pem = key.public_key().public_bytes(serialization.Encoding.PEM,
                                            serialization.PublicFormat.SubjectPublicKeyInfo)
    # O_EXCL: never clobber a key that appeared meanwhile; 0600: the private key is a secret.
    fd = os.open(priv_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(priv_pem)
    fd = os.open(pub_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with os.fdopen(fd, "wb") as f:
        f.write(pub_pem)
    return priv_path, pub_path


def _read_pem(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SigningError(f"{path}: cannot read the key file: {exc.strerror or exc}") from None
    if b"-----BEGIN" not in data[:200]:
        raise SigningError(f"{path}: not a PEM key file")
    return data


def load_private_key(path: Path) -> Ed25519PrivateKey:
    data = _read_pem(path)
    if b"PUBLIC KEY" in data[:100]:
        raise SigningError(f"{path}: this is a public key; signing needs the private key")
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except TypeError:
        raise SigningError(f"{path}: the key is encrypted; decrypt it first") from None
    except (ValueError, UnsupportedAlgorithm):
        raise SigningError(f"{path}: not a readable private key") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningError(f"{path}: not an Ed25519 key (make one with `pack keygen`)")
    return key


def load_public_key(path: Path) -> Ed25519PublicKey:
    data = _read_pem(path)
    if b"PRIVATE KEY" in data[:100]:
        raise SigningError(f"{path}: this is a private key; verification needs the public (.pub) key")
    return public_key_from_pem(data, str(path))


def public_key_from_pem(data: bytes, name: str) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, UnsupportedAlgorithm):
        raise SigningError(f"{name}: not a readable public key") from None
    if not isinstance(key, Ed25519PublicKey):
        raise SigningError(f"{name}: not an Ed25519 public key")
    return key


# ---------------------------------------------------------------------------------------------
# The canonical form of a pack directory.


def manifest(pack_dir: Path) -> list[ManifestEntry]:
    """Every regular file under `pack_dir` except the signature, sorted; refuses links and oddities."""
    root = Path(pack_dir)
    if root.is_symlink():
        raise SigningError(f"{root}: the pack directory is a symbolic link; use the real path")
    if not root.is_dir():
        raise SigningError(f"{root}: not a directory (sign the pack directory, not a file)")
    entries: list[ManifestEntry] = []
    total = 0
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        for name in sorted(dirnames) + sorted(filenames):
            path = here / name
            rel = path.relative_to(root).as_posix()
            if any(c in rel for c in "\n\r\\") or rel != rel.strip():
                raise SigningError(f"{path}: file names with line breaks, backslashes or leading or "
                                   "trailing spaces are not allowed in a signed pack")
            st = path.lstat()
            if stat.S_ISLNK(st.st_mode):
                raise SigningError(f"{path}: symbolic links are not allowed in a pack")
            if stat.S_ISDIR(st.st_mode):
                continue
            if not stat.S_ISREG(st.st_mode):
                raise SigningError(f"{path}: only regular files are allowed in a pack")
            if rel == SIGNATURE_FILE:
                continue
            total += st.st_size
            if len(entries) >= MAX_FILES or total > MAX_TOTAL_BYTES:
                raise SigningError(f"{root}: too large to sign (over {MAX_FILES} files or "
                                   f"{MAX_TOTAL_BYTES // 2**20} MiB)")
            data = path.read_bytes()
            entries.append(ManifestEntry(rel, hashlib.sha256(data).hexdigest(), len(data)))
    entries.sort(key=lambda e: e.path.encode("utf-8"))
    if not entries:
        raise SigningError(f"{root}: the pack directory is empty")
    return entries


def manifest_text(entries: list[ManifestEntry]) -> str:
    return "".join(e.line() for e in entries)


def _message(text: str) -> bytes:
    return f"{FORMAT}\n".encode() + text.encode("utf-8")


# ---------------------------------------------------------------------------------------------
# Signing and verifying.


def sign_pack(pack_dir: Path, key: Ed25519PrivateKey) -> Path:
    """Write `pack_dir/pack.sig` (replacing an old one) and return its path."""
    entries = manifest(pack_dir)
    text = manifest_text(entries)
    sig = base64.b64encode(key.sign(_message(text))).decode("ascii")
    body = (
        "# Exposure Check pack signature. Do not edit: any change to this pack invalidates it.\n"
        f'format = "{FORMAT}"\n'
        f'key_id = "{key_id(key.public_key())}"\n'
        f'signature = "{sig}"\n'
        'manifest = """\n' + text + '"""\n'
    )
    target = Path(pack_dir) / SIGNATURE_FILE
    tmp = target.with_name(SIGNATURE_FILE + ".tmp")
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(body)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, target)
    return target


def _read_signature(pack_dir: Path) -> tuple[str, bytes, str]:
    sig_path = Path(pack_dir) / SIGNATURE_FILE
    if sig_path.is_symlink() or not sig_path.is_file():
        raise VerificationError(f"{sig_path}: the pack is not signed (no {SIGNATURE_FILE})")
    try:
        data = tomllib.loads(sig_path.read_text("utf-8"))
        fmt, kid, sig_b64, text = (data["format"], data["key_id"], data["signature"],
                                   data["manifest"])
        if fmt != FORMAT:
            raise VerificationError(f"{sig_path}: unknown signature format {fmt!r}")
        sig = base64.b64decode(sig_b64, validate=True)
    except VerificationError:
        raise
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError):
        raise VerificationError(f"{sig_path}: the signature file is damaged") from None
    if not isinstance(text, str) or not isinstance(kid, str):
        raise VerificationError(f"{sig_path}: the signature file is damaged")
    return kid, sig, text


def verify_pack(pack_dir: Path, public_key: Ed25519PublicKey) -> Verified:
    """Check the pack against its pack.sig and `public_key`; raise VerificationError naming the file."""
    pack_dir = Path(pack_dir)
    sig_path = pack_dir / SIGNATURE_FILE
    kid, sig, text = _read_signature(pack_dir)
    want = key_id(public_key)
    try:
        public_key.verify(sig, _message(text))
    except InvalidSignature:
        if kid != want:
            raise VerificationError(f"{sig_path}: signed with a different key ({kid}); "
                                    f"this build trusts key {want}") from None
        raise VerificationError(f"{sig_path}: the signature does not match; the signature file "
                                "was altered") from None
    try:
        actual = {e.path: e for e in manifest(pack_dir)}
    except SigningError as exc:
        raise VerificationError(str(exc)) from None
    signed: dict[str, tuple[str, int]] = {}
    for line in text.splitlines():
        digest, size, path = line.split(" ", 2)
        signed[path] = (digest, int(size))
    for path, (digest, _size) in sorted(signed.items()):
        entry = actual.get(path)
        if entry is None:
            raise VerificationError(f"{pack_dir / path}: this file was removed after the pack was signed")
        if entry.sha256 != digest:
            raise VerificationError(f"{pack_dir / path}: this file was changed after the pack was signed")
    for path in sorted(actual):
        if path not in signed:
            raise VerificationError(f"{pack_dir / path}: this file was added after the pack was signed")
    # Belt and braces: the canonical text of what is on disk is exactly what was signed.
    if manifest_text(list(actual.values())) != text:
        raise VerificationError(f"{sig_path}: the pack does not match its signature")
    return Verified(kid, len(actual))


def is_signed(pack_dir: Path) -> bool:
    return (Path(pack_dir) / SIGNATURE_FILE).is_file()
