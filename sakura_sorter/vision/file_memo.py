"""What was learnt about a file by reading it whole (its sha256, a check passed), remembered across runs.

Hashing the 58.9 MB VGG16 weights took 0.2 s of every start, also of a run whose features are all cached. The
answer is kept in the user cache folder (``file-checks.json``) under the file's identity as the file system
reports it: real path, size, modification and change times (ns), inode and device. Any change to the file gives
another key, so it is read again. Only successes are remembered; anyone who can write this file could as well
replace the weights themselves.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

MEMO_NAME = "file-checks.json"
MAX_ENTRIES = 64


def _memo_path() -> Path:
    from sakura_sorter.userdirs import user_cache_dir

    return user_cache_dir() / MEMO_NAME


def file_key(path: Path, st: os.stat_result) -> str:
    real = os.path.realpath(path)
    return f"{real}|{st.st_size}|{st.st_mtime_ns}|{st.st_ctime_ns}|{st.st_ino}|{st.st_dev}"


def _load() -> dict[str, Any]:
    try:
        data = json.loads(_memo_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def recall(kind: str, path: Path, st: os.stat_result) -> dict[str, Any] | None:
    """What was remembered about this version of ``path`` under ``kind``, or None."""
    entry = _load().get(f"{kind}|{file_key(path, st)}")
    return entry if isinstance(entry, dict) else None


def remember(kind: str, path: Path, st: os.stat_result, facts: dict[str, Any]) -> None:
    """Keep ``facts`` about this version of ``path`` (best effort: a read-only cache is no error)."""
    memo = _load()
    memo[f"{kind}|{file_key(path, st)}"] = facts
    while len(memo) > MAX_ENTRIES:
        memo.pop(next(iter(memo)))
    target = _memo_path()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(memo), encoding="utf-8")
        tmp.replace(target)
    except OSError:
        pass
