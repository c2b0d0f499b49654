"""Run one vault operation for the fault-injection tests (under strace). Exit 0 done, 3 VaultError."""

from __future__ import annotations

import sys
from pathlib import Path

from exposure_check.storage import errors
from exposure_check.storage.vault import Vault


def main() -> int:
    data, recovery, op = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    print("START", flush=True)  # marks where the operation begins in the strace log
    if op == "create":
        from exposure_check.storage.keys import KdfParams

        try:
            vault, key = Vault.create(data, passphrase="pw", use_keyring=False,
                                      kdf=KdfParams(iterations=1, memory_kib=1024, lanes=1))
            vault.close()
        except errors.VaultError as exc:
            print(f"VAULT-ERROR {type(exc).__name__}: {exc}", file=sys.stderr)
            return 3
        print(f"RECOVERY {key}", flush=True)
        return 0
    try:
        vault = Vault.open_locked(data).unlock_with_recovery_key(recovery)
        if op == "save":
            vault.put_record("fault", "new", {"v": "new"})
            vault.save_draft({"q": "new"})
        elif op == "backup":
            vault.make_backup()
        vault.close()
    except errors.VaultError as exc:
        print(f"VAULT-ERROR {type(exc).__name__}: {exc}", file=sys.stderr)
        return 3
    print("DONE", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
