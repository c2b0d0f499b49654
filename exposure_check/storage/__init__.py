"""The encrypted local vault. No Qt here (a test enforces it).

- `vault`: `Vault` / `LockedVault` / `VaultState`, the records API (see its docstring).
- `keys`: key slots (OS keyring, Argon2id passphrase, recovery key) and the record cipher.
- `errors`: `VaultError` subclasses, each with a user-facing message.
- `worker`: `submit()` for running vault calls off the GUI thread; keyring timeouts.
- `migrations`: `PRAGMA user_version` steps; `local_backups`: rotating `VACUUM INTO` backups.
- `wipe`: destroy key slots, then files.
"""
