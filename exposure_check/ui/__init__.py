"""The Qt desktop UI. Qt is imported only below this package."""

import sys

if sys.version_info < (3, 12):
    # PySide6 6.12 on CPython 3.11 drops a reference to None on every call that returns None
    # (void methods, null pointers), as if None were immortal (it is from 3.12 on). After enough
    # calls CPython aborts with "none_dealloc". Make None effectively immortal, as 3.12 does.
    import ctypes

    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
