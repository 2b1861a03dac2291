"""What a sorted folder holds, for comparing before and after (shared by the sorting tests)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from sakura_sorter.files.journal import STATE_DIR


def tree(root: Path) -> dict[str, str]:
    """relative path -> sha256 of every file outside the state folder."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d != STATE_DIR]
        for name in filenames:
            path = Path(dirpath) / name
            out[path.relative_to(root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out
