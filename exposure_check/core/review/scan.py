"""Many literal-like patterns found in one pass over a byte string, with Hyperscan (Intel's
multi-pattern regex engine, BSD licence; the `hyperscan` wheel bundles it for Linux, macOS and
Windows). Python's `re` has no fast multi-pattern search: the detectors otherwise learn which
lexicon words a text holds by splitting it into its distinct words, which costs a Python string
for every word of the text.

Optional at run time: where the library cannot be imported or its database cannot be built (a CPU
without SSSE3), `MultiScan.scan` gives None and the detectors take their pure-Python path, which
finds the same (tests/review/test_scan.py compares the two). Nothing here does I/O.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

_hs: Any
try:
    import hyperscan as _hs
except ImportError:  # pragma: no cover - a platform without a wheel
    _hs = None

# Pattern flags, as Hyperscan's (0 where the library is missing: nothing is compiled then).
CASELESS = _hs.HS_FLAG_CASELESS if _hs is not None else 0
SINGLEMATCH = _hs.HS_FLAG_SINGLEMATCH if _hs is not None else 0

ENABLED = _hs is not None  # tests switch the native path off to compare it with the other


class MultiScan:
    """A set of patterns (bytes, Hyperscan syntax and flags), compiled on first use (~0.5 s for the
    lexicon) and shared by the threads of a process; forked worker processes inherit it."""

    def __init__(self, patterns: Sequence[tuple[bytes, int]]) -> None:
        self.patterns = list(patterns)
        self._db: Any = None
        self._failed = False
        self._lock = threading.Lock()
        self._local = threading.local()  # a scratch space per thread: a scan may not share one

    def ready(self) -> bool:
        """Compile now if not done yet; whether scans can run."""
        if not ENABLED or self._failed:
            return False
        if self._db is None:
            with self._lock:
                if self._db is None and not self._failed:
                    try:
                        db = _hs.Database()
                        db.compile(expressions=[p for p, _ in self.patterns],
                                   ids=list(range(len(self.patterns))), elements=len(self.patterns),
                                   flags=[f for _, f in self.patterns])
                        self._db = db
                    except _hs.error:  # pragma: no cover - e.g. a CPU Hyperscan does not support
                        self._failed = True
        return self._db is not None

    def scan(self, data: bytes) -> list[tuple[int, int]] | None:
        """Every match as (pattern index, end offset), in order of end; None if scans cannot run."""
        if not self.ready():
            return None
        scratch = getattr(self._local, "scratch", None)
        if scratch is None or scratch.database is not self._db:
            scratch = self._local.scratch = _hs.Scratch(self._db)
        out: list[tuple[int, int]] = []
        add = out.append

        def on_match(index: int, start: int, end: int, flags: int, context: object) -> None:
            add((index, end))

        self._db.scan(data, match_event_handler=on_match, scratch=scratch)
        return out
