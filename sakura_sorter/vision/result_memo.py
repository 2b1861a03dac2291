"""The last result of each photo per model and extractor, kept in the feature cache's file.

A re-run of ``classify`` (or ``sort``) on an unchanged folder with the same model then reads each photo's label,
confidence and class scores by the file's identity (path, size, modification time) without NumPy, the model or
its features: 600 photos in well under a second, almost all of it the interpreter starting. One row per photo
and extractor: classifying with another model replaces it, so the table never grows beyond the features'. The
key of a result (``result_key``) names the model's card and file state, the extractor identity and this
program's version; any change of them is a miss, and the photo is classified as usual.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat as stat_module
import threading
import time
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path

from sakura_sorter.results import PhotoResult
from sakura_sorter.vision.cache_file import BUSY_TIMEOUT_S, CacheFile, CacheWarning, transaction

_TABLE = (
    "CREATE TABLE IF NOT EXISTS results ("
    " extractor INTEGER NOT NULL REFERENCES extractors(id), path TEXT NOT NULL,"
    " size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, result_key TEXT NOT NULL,"
    " label TEXT NOT NULL, confidence REAL NOT NULL, scores TEXT NOT NULL, sha256 TEXT, stored REAL NOT NULL,"
    " UNIQUE (extractor, path))"
)
_CHUNK = 500
Stat = tuple[int, int]


def _db_path(key: str) -> str:
    """As the feature cache stores a path: itself, or ``bytes:<hex>`` for a name that is not valid UTF-8."""
    try:
        key.encode("utf-8")
    except UnicodeEncodeError:
        return "bytes:" + os.fsencode(key).hex()
    return key


class ResultMemo(CacheFile):
    """Results by file identity for one extractor; unavailable (every lookup a miss) when the file is not usable."""

    def __init__(self, path: str | os.PathLike[str], extractor_id: str, timeout: float = BUSY_TIMEOUT_S) -> None:
        self.path = Path(path).expanduser().absolute()
        self.extractor_id = extractor_id
        self._timeout = timeout
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        self._extractor: int | None = None
        self._warned: set[str] = set()
        self._seen: dict[str, Stat] = {}  #: the stat of each photo a lookup missed (stored only if unchanged)
        self._folders: dict[str, str] = {}
        self._connect()

    def _connect(self) -> None:
        """Open the feature cache's file if it exists, silently: a file that cannot be used is the feature
        cache's to report (and to move aside); the memo is then simply unavailable."""
        if self._conn is not None or not self.path.is_file():
            return
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", CacheWarning)
            self._open()
            if self._conn is not None:
                try:
                    self._conn.execute(_TABLE)
                except sqlite3.Error:
                    self._close_conn()

    def _move_aside(self, identity: tuple[int, int, int] | None, reason: str) -> bool:
        return False  # never discard the file: the feature cache does that, and says so

    @property
    def available(self) -> bool:
        return self._conn is not None

    def close(self) -> None:
        with self._lock:
            self._close_conn()

    def _key(self, path: Path) -> tuple[str, Stat] | None:
        """The file's real path (its folder resolved once per folder) and (size, mtime_ns); None when gone."""
        text = os.fspath(path)
        try:
            st = os.lstat(text)
        except OSError:
            return None
        if stat_module.S_ISLNK(st.st_mode):
            try:
                st = os.stat(text)
            except OSError:
                return None
            real = os.path.realpath(text)
        else:
            folder, name = os.path.split(os.path.abspath(text))
            resolved = self._folders.get(folder)
            if resolved is None:
                resolved = self._folders[folder] = os.path.realpath(folder)
            real = os.path.join(resolved, name)
        return os.path.normcase(real), (st.st_size, st.st_mtime_ns)

    def lookup(self, paths: Sequence[Path], result_key: str) -> tuple[list[PhotoResult], list[Path]]:
        """(results found for ``result_key``, in the order of ``paths``; the paths to classify)."""
        keys = {p: self._key(p) for p in paths}
        rows: dict[str, tuple[int, int, str, str, float, str, str | None]] = {}
        with self._lock:
            if self._conn is not None:
                wanted = [_db_path(k[0]) for k in keys.values() if k is not None]
                try:
                    for start in range(0, len(wanted), _CHUNK):
                        chunk = wanted[start : start + _CHUNK]
                        marks = ",".join("?" * len(chunk))
                        for row in self._conn.execute(
                            "SELECT path, size, mtime_ns, result_key, label, confidence, scores, sha256 FROM results"
                            f" WHERE extractor = ? AND path IN ({marks})",
                            (self._extractor, *chunk),
                        ):
                            rows[row[0]] = row[1:]
                except sqlite3.Error:
                    self._close_conn()  # busy or damaged: classify as usual (the feature cache reports)
                    rows = {}
        found: list[PhotoResult] = []
        missing: list[Path] = []
        for path, key in keys.items():
            row = rows.get(_db_path(key[0])) if key is not None else None
            if key is None or row is None or (row[0], row[1]) != key[1] or row[2] != result_key:
                if key is not None:
                    self._seen[key[0]] = key[1]
                missing.append(path)
                continue
            scores = {str(k): float(v) for k, v in json.loads(row[5]).items()}
            found.append(PhotoResult(path, label=row[3], confidence=float(row[4]), scores=scores, sha256=row[6]))
        return found, missing

    def store(self, results: Iterable[PhotoResult], result_key: str) -> int:
        """Keep the results of photos unchanged since :meth:`lookup` saw them; returns how many were kept.
        (The first run of all makes the file only as it stores features: the memo opens it then.)"""
        self._connect()
        rows = []
        now = time.time()
        for result in results:
            if not result.ok or result.label is None or result.confidence is None:
                continue  # errors are read again next time: the file may have been fixed
            key = self._key(result.path)
            if key is None or self._seen.pop(key[0], None) != key[1]:
                continue  # changed while it was classified (or never looked up): the result may be stale
            scores = json.dumps(result.scores, sort_keys=True)
            size, mtime_ns = key[1]
            row = (self._extractor, _db_path(key[0]), size, mtime_ns, result_key)
            rows.append((*row, result.label, result.confidence, scores, result.sha256, now))
        with self._lock:
            if self._conn is None or not rows:
                return 0
            try:
                with transaction(self._conn, "IMMEDIATE"):
                    self._conn.executemany(
                        "INSERT OR REPLACE INTO results (extractor, path, size, mtime_ns, result_key, label,"
                        " confidence, scores, sha256, stored) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        rows,
                    )
            except sqlite3.Error:
                self._close_conn()
                return 0
        return len(rows)
