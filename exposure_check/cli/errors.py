"""Exit codes and the one exception the CLI turns into a clear message (never a traceback)."""

EXIT_OK = 0
EXIT_INVALID = 1  # bad input: a broken pack, unknown IDs, a bad file
EXIT_USAGE = 2  # wrong arguments (argparse uses 2 too)
EXIT_LOCKED = 3  # the vault could not be unlocked: wrong passphrase, no keyring and no passphrase
EXIT_STORAGE = 4  # the vault is damaged, on a full disk, or unreadable
EXIT_NEWER = 5  # the data was written by a newer version of Exposure Check
EXIT_NOT_DUE = 1  # `remind --check`: no re-check is due


class CliError(Exception):
    def __init__(self, message: str, code: int = EXIT_INVALID) -> None:
        super().__init__(message)
        self.code = code
