"""`exposure-check pack keygen | sign | verify`: Ed25519 signatures for org packs (docs/admin-guide.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .errors import EXIT_INVALID, EXIT_OK, CliError


def register(psub: Any, common: argparse.ArgumentParser) -> None:
    k = psub.add_parser("keygen", parents=[common], help="write a new Ed25519 signing key pair")
    k.add_argument("outdir", type=Path, metavar="OUTDIR",
                   help="directory for org-signing-key.pem (secret) and org-signing-key.pub.pem")
    k.set_defaults(handler=cmd_keygen)

    s = psub.add_parser("sign", parents=[common], help="sign a pack directory (writes pack.sig)")
    s.add_argument("path", type=Path, metavar="PATH", help="the org pack directory")
    s.add_argument("--key", type=Path, required=True, metavar="KEY", help="the private key (PEM)")
    s.add_argument("--no-validate", action="store_true",
                   help="sign even if the pack does not load on top of the core pack")
    s.set_defaults(handler=cmd_sign)

    v = psub.add_parser("verify", parents=[common], help="check a pack against its pack.sig")
    v.add_argument("path", type=Path, metavar="PATH", help="the org pack directory")
    v.add_argument("--pubkey", type=Path, required=True, metavar="PUB", help="the public key (PEM)")
    v.set_defaults(handler=cmd_verify)


def cmd_keygen(args: argparse.Namespace) -> int:
    from ..core.signing import SigningError, generate_keypair

    try:
        priv, pub = generate_keypair(args.outdir)
    except SigningError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"{args.outdir}: cannot write the key pair: {exc.strerror or exc}") from None
    print(f"private key: {priv}  (keep it secret and offline; never ship it)")
    print(f"public key:  {pub}  (give it to `packaging/build.py --pubkey` to pin it)")
    return EXIT_OK


def cmd_sign(args: argparse.Namespace) -> int:
    from ..core.packs import validate_pack
    from ..core.signing import SigningError, key_id, load_private_key, sign_pack
    from ..paths import core_pack_dir

    try:
        key = load_private_key(args.key)
    except SigningError as exc:
        raise CliError(str(exc)) from None
    if not args.no_validate:
        # Signing a broken pack would only move the failure to every user's machine.
        problems = validate_pack(core_pack_dir(), [args.path])
        if problems:
            for p in problems:
                print(p, file=sys.stderr)
            raise CliError(f"{args.path}: the pack is not valid on top of the core pack; fix it "
                           "first (or pass --no-validate)", EXIT_INVALID)
    try:
        sig = sign_pack(args.path, key)
    except SigningError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"{args.path}: cannot write the signature: {exc.strerror or exc}") from None
    print(f"signed {args.path} with key {key_id(key.public_key())}: {sig}")
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    from ..core.signing import SigningError, load_public_key, verify_pack

    try:
        pub = load_public_key(args.pubkey)
        ok = verify_pack(args.path, pub)
    except SigningError as exc:
        raise CliError(str(exc), EXIT_INVALID) from None
    print(f"{args.path}: good signature by key {ok.key_id} over {ok.files} files")
    return EXIT_OK
