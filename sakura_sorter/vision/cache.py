"""Persistent per-file feature cache in one SQLite file.

Entries are keyed by the extractor identity (``ExtractorSettings.identity``: weights, input policy and
precision, one opaque string) and by the file: its absolute path, size and modification time
(``st_mtime_ns``) give the fast path, and the SHA-256 of its bytes recognises a photo that was
moved or renamed. Typical use::

    cache = FeatureCache.open_default(extractor_id)  # None when the cache is disabled
    hits = cache.lookup(paths) if cache else {}
    todo = [p for p in paths if p not in hits]
    ...  # extract features for ``todo`` only (TensorFlow need not be imported when it is empty)
    if cache:
        cache.store(list(zip(todo, vectors)))

The cache never raises because of its file: a corrupt or foreign file is moved aside with a
:class:`CacheWarning` and a fresh one is started; a file that cannot be opened or is busy
turns lookups into misses and stores into no-ops, again with a warning. Two processes may use
the same file at once (WAL journal, busy timeout, short transactions). A changed file is
recognised by its size or mtime; a rewrite that keeps both (to the nanosecond) is not seen.

This module imports only the standard library and numpy.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from sakura_sorter.digest import sha256_of
from sakura_sorter.vision.cache_file import BUSY_TIMEOUT_S, CacheFile, CacheWarning, transaction
from sakura_sorter.vision.cache_file import DEFAULT_FILE_NAME as DEFAULT_FILE_NAME
from sakura_sorter.vision.cache_file import DISABLED_VALUES as DISABLED_VALUES
from sakura_sorter.vision.cache_file import ENV_VAR as ENV_VAR
from sakura_sorter.vision.cache_file import resolve_cache_path as resolve_cache_path

__all__ = ["CacheCounters", "CacheWarning", "FeatureCache", "resolve_cache_path"]

log = logging.getLogger(__name__)


@dataclass
class CacheCounters:
    """What the cache did since it was opened (for logs, progress text and tests)."""

    stat_hits: int = 0  #: found by path + size + mtime, no hashing
    hash_hits: int = 0  #: found by content hash (moved / renamed / touched but identical)
    misses: int = 0
    files_hashed: int = 0  #: files read to compute a SHA-256 (by lookup or store)
    stored: int = 0
    skipped: int = 0  #: store items dropped (file vanished or changed since lookup, non-finite vector)


@dataclass(frozen=True)
class _Stat:
    size: int
    mtime_ns: int


@dataclass
class _Pending:
    """A lookup miss: the stat seen then, and the content hash if lookup computed one."""

    stat: _Stat
    digest: str | None


class FeatureCache(CacheFile):
    """Feature vectors of image files for one extractor id, stored in one SQLite file.

    Construction never raises for problems with the file: a corrupt, foreign, older- or
    newer-schema file is moved aside (``<name>.discarded-<timestamp>``) with a
    :class:`CacheWarning`; a file that cannot be opened at all leaves the cache unavailable
    (``available`` is False, lookups miss, stores do nothing). ``dim``, when given, is the
    expected vector length: stores of another length raise ``ValueError``, rows of another
    length read as misses. One instance may be shared between threads (calls are serialised).
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        extractor_id: str,
        *,
        dim: int | None = None,
        timeout: float = BUSY_TIMEOUT_S,
    ) -> None:
        if not extractor_id:
            raise ValueError("extractor_id must be a non-empty string")
        self.path = Path(path).expanduser().absolute()
        self.extractor_id = extractor_id
        self.dim = dim
        self.counters = CacheCounters()
        self._timeout = timeout
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        self._extractor: int | None = None
        self._pending: dict[str, _Pending] = {}
        self._warned: set[str] = set()
        self._open()

    # ----------------------------------------------------------------- opening
    @classmethod
    def open_default(
        cls,
        extractor_id: str,
        setting: str | os.PathLike[str] | None = None,
        *,
        dim: int | None = None,
    ) -> FeatureCache | None:
        """Open the cache chosen by ``setting`` / ``$SAKURA_SORTER_CACHE`` / the platform default.

        Returns ``None`` when the setting disables the cache or the file cannot be opened (a
        :class:`CacheWarning` says why in the latter case). See :func:`resolve_cache_path`.
        """
        path = resolve_cache_path(setting)
        if path is None:
            log.info("feature cache disabled")
            return None
        cache = cls(path, extractor_id, dim=dim)
        return cache if cache.available else None

    @property
    def available(self) -> bool:
        """True while the cache has an open, valid database."""
        return self._conn is not None

    def _forget_pending(self) -> None:
        self._pending.clear()

    def close(self) -> None:
        """Close the database; the instance then behaves as an unavailable cache."""
        with self._lock:
            self._close_conn()
            self._pending.clear()

    def __enter__(self) -> FeatureCache:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "open" if self.available else "unavailable"
        return f"FeatureCache({str(self.path)!r}, {self.extractor_id!r}, {state})"

    # ----------------------------------------------------------------- lookups
    @staticmethod
    def _key(path: Path) -> str:
        return os.path.normcase(os.path.realpath(path))

    @staticmethod
    def _db_path(key: str) -> str:
        """The path as stored: itself, or for a name that is not valid UTF-8 (SQLite text must be), its bytes
        in hex after ``bytes:``, which no absolute path starts with, so two files never share an entry."""
        try:
            key.encode("utf-8")
        except UnicodeEncodeError:
            return "bytes:" + os.fsencode(key).hex()
        return key

    @staticmethod
    def _stat(path: str) -> _Stat | None:
        try:
            st = os.stat(path)
        except OSError:
            return None
        return _Stat(st.st_size, st.st_mtime_ns)

    def _decode(self, dim: int, blob: bytes) -> np.ndarray | None:
        if dim <= 0 or (self.dim is not None and dim != self.dim) or len(blob) != 4 * dim:
            return None
        vector = np.frombuffer(blob, dtype="<f4").astype(np.float32)
        return vector if np.isfinite(vector).all() else None

    def _hash(self, key: str, seen: _Stat) -> str | None:
        """SHA-256 of the file when it still has the stat seen before (else None: it changed)."""
        try:
            digest = sha256_of(Path(key))
        except OSError:
            return None
        self.counters.files_hashed += 1
        return digest if self._stat(key) == seen else None

    def lookup(
        self, paths: Sequence[str | os.PathLike[str]], digests: dict[Path, str] | None = None
    ) -> dict[Path, np.ndarray]:
        """Cached vectors for the files that have one, keyed by the paths as given.

        A file whose path, size and mtime match an entry is a hit without reading it. The
        others are hashed only when an entry of the same size exists, and a content match (a
        moved, renamed or copied photo) is a hit that is then recorded under its new path.
        Missing files are misses. Never raises for database problems (they are misses).
        ``digests``, when given, receives the content hash of each hit (read from the same rows).
        """
        given = [Path(p) for p in paths]
        with self._lock:
            if self._conn is None or not given:
                self.counters.misses += len(given)
                return {}
            try:
                return self._lookup(given, {} if digests is None else digests)
            except sqlite3.Error as exc:
                self._database_error("lookup", exc)
                self.counters.misses += len(given)
                return {}

    def _lookup(self, given: list[Path], digests: dict[Path, str]) -> dict[Path, np.ndarray]:
        assert self._conn is not None
        conn, ext = self._conn, self._extractor
        found: dict[Path, np.ndarray] = {}
        candidates: list[tuple[Path, str, _Stat]] = []  # stat missed, an entry of that size exists
        with transaction(conn):  # one read snapshot, ended before any file is hashed
            for path in given:
                key = self._key(path)
                stat = self._stat(key)
                if stat is None:
                    continue
                row = conn.execute(
                    "SELECT size, mtime_ns, dim, vector, sha256 FROM features WHERE extractor = ? AND path = ?",
                    (ext, self._db_path(key)),
                ).fetchone()
                if row is not None and (row[0], row[1]) == (stat.size, stat.mtime_ns):
                    vector = self._decode(row[2], row[3])
                    if vector is not None:
                        found[path] = vector
                        if row[4]:
                            digests[path] = row[4]
                        continue
                self._pending[key] = _Pending(stat, None)
                same_size = conn.execute(
                    "SELECT 1 FROM features WHERE extractor = ? AND size = ? LIMIT 1", (ext, stat.size)
                ).fetchone()
                if same_size:
                    candidates.append((path, key, stat))
        self.counters.stat_hits += len(found)

        relinks: list[tuple[str, _Stat, str, int, bytes]] = []
        for path, key, stat in candidates:
            digest = self._hash(key, stat)
            if digest is None:
                continue
            self._pending[key] = _Pending(stat, digest)
            for dim, blob in conn.execute(
                "SELECT dim, vector FROM features WHERE extractor = ? AND size = ? AND sha256 = ?",
                (ext, stat.size, digest),
            ):
                vector = self._decode(dim, blob)
                if vector is not None:
                    found[path] = vector
                    digests[path] = digest
                    relinks.append((key, stat, digest, dim, blob))
                    self._pending.pop(key, None)
                    self.counters.hash_hits += 1
                    break
        self.counters.misses += len(given) - len(found)
        if relinks:  # record the new paths so that the next run hits the fast path
            now = time.time()
            try:
                self._write(
                    (ext, self._db_path(key), stat.size, stat.mtime_ns, digest, dim, blob, now)
                    for key, stat, digest, dim, blob in relinks
                )
            except sqlite3.OperationalError as exc:  # busy: the hits are still good
                self._database_error("update of moved files", exc)
        return found

    # ----------------------------------------------------------------- stores
    def store(
        self,
        items: Sequence[tuple[Path, np.ndarray]],
        hashes: Mapping[Path, str] | None = None,
    ) -> int:
        """Record vectors for files, in one transaction; returns how many were stored.

        Each file's size, mtime and SHA-256 are recorded with its vector. The hash is taken
        from ``hashes`` (keyed like ``items``) when given, else from the preceding
        :meth:`lookup` when it computed one, else the file is read (just decoded, so normally
        from the OS cache). An item is skipped, not stored, when its file is gone, when it
        changed since :meth:`lookup` saw it (the vector may describe the old content), or
        when the vector is not finite. Raises ``ValueError`` only for a vector that is not
        1-D or not of length ``dim``; database problems are warnings.
        """
        rows = []
        with self._lock:
            if self._conn is None:
                return 0
            ext, now = self._extractor, time.time()
            given_hashes = {self._key(Path(p)): h for p, h in (hashes or {}).items()}
            for path, vector in items:
                array = np.asarray(vector, dtype=np.float32)
                if array.ndim != 1 or array.size == 0 or (self.dim is not None and array.size != self.dim):
                    raise ValueError(f"feature vector for {path} has shape {array.shape}, expected ({self.dim},)")
                key = self._key(Path(path))
                stat = self._stat(key)
                pending = self._pending.pop(key, None)
                if not np.isfinite(array).all() or stat is None or (pending and pending.stat != stat):
                    self.counters.skipped += 1
                    log.debug("feature cache: not storing %s (changed, missing or non-finite)", path)
                    continue
                digest = given_hashes.get(key) or (pending.digest if pending else None)
                if digest is None:
                    digest = self._hash(key, stat)
                    if digest is None:
                        self.counters.skipped += 1
                        continue
                blob = array.astype("<f4").tobytes()
                rows.append((ext, self._db_path(key), stat.size, stat.mtime_ns, digest, array.size, blob, now))
            try:
                self._write(rows)
            except sqlite3.Error as exc:
                self._database_error("store", exc)
                return 0
        self.counters.stored += len(rows)
        return len(rows)

    def _write(self, rows: Iterable[tuple[object, ...]]) -> None:
        assert self._conn is not None
        with transaction(self._conn, "IMMEDIATE") as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO features"
                " (extractor, path, size, mtime_ns, sha256, dim, vector, stored)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
