"""Entry point of the frozen app: the same command line as `exposure-check` (GUI by default)."""

import multiprocessing
import sys

from exposure_check.cli import main

if __name__ == "__main__":
    # The reviewer runs its detectors in spawned processes for large inputs; in a frozen app
    # those start this executable, and freeze_support() turns them into workers.
    multiprocessing.freeze_support()
    sys.exit(main())
