"""Entry point of the frozen app: the same command line as `exposure-check` (GUI by default)."""

import sys

from exposure_check.cli import main

if __name__ == "__main__":
    sys.exit(main())
