"""Work around a reference-count bug of PySide6 6.12 on Python < 3.12: every ``Signal.emit()`` made from
Python drops one reference to ``True`` (measured: 50 emits, even unconnected, leave ``sys.getrefcount(True)``
50 lower). A long session emits far more signals than ``True`` has references, and the interpreter then
aborts with "Fatal Python error: bool_dealloc".

Python 3.12 made ``True``/``False``/``None`` immortal, which hides the bug there; on 3.11 we give them the
same effectively-infinite reference count once. This only touches the singletons' counters, never frees or
changes anything else.
"""

from __future__ import annotations

import ctypes
import sys

_BUMP = 1 << 40
_applied = False


def apply() -> None:
    """Make ``True``, ``False`` and ``None`` practically immortal (idempotent; a no-op on Python >= 3.12)."""
    global _applied
    if _applied or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        _applied = True
        return
    for singleton in (True, False, None):
        ctypes.c_ssize_t.from_address(id(singleton)).value += _BUMP
    _applied = True


apply()
