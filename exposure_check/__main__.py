import multiprocessing
import sys

from .cli import main

if __name__ == "__main__":  # not when the reviewer's worker processes import this as __mp_main__
    multiprocessing.freeze_support()
    sys.exit(main())
