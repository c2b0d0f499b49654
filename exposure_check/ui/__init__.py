"""The Qt desktop UI. Qt is imported only below this package."""

import sys

if sys.version_info < (3, 12):
    # PySide6 6.12 on CPython 3.11 drops a reference to None, True and False, as if they were
    # immortal (they are from 3.12 on): None on every call that returns None (void methods, null
    # pointers), True/False on every emission of a bool signal (a check box toggled, a foldout
    # opened). After a few hundred such calls CPython aborts ("none_dealloc", "bool_dealloc").
    # Make the three effectively immortal, as 3.12 does. tests/ui/test_pyside_refcounts.py
    # shows each crash without this.
    import ctypes

    for _singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(_singleton)).value += 1 << 40
    del _singleton
