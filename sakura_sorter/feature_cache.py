"""Persistent per-file feature cache in one SQLite file.

Entries are keyed by the extractor identity (backbone, weights, preprocessing, resize policy,
precision: one opaque string) and by the file: its absolute path, size and modification time
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

import hashlib
import json
import logging
import os
import sqlite3
import threading
import time
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from sakura_sorter.fileops import sha256_of
from sakura_sorter.userdirs import user_cache_dir

log = logging.getLogger(__name__)

#: Environment variable naming the cache file (or a folder for it), or ``off`` to disable it.
ENV_VAR = "SAKURA_SORTER_CACHE"
#: Values of the setting (or of ``ENV_VAR``) that disable the cache, compared case-insensitively.
DISABLED_VALUES = frozenset({"", "0", "off", "no", "false", "none", "disabled"})
#: File name inside the user cache directory (or inside a folder given as the setting).
DEFAULT_FILE_NAME = "features.sqlite3"

#: ``PRAGMA application_id`` marking a sakura_sorter cache ("Saku").
APPLICATION_ID = 0x53616B75
#: ``PRAGMA user_version``; bump it whenever the tables change (older and newer files are discarded).
SCHEMA_VERSION = 1
#: Seconds a statement waits for another process's lock before giving up (then: miss / no store).
BUSY_TIMEOUT_S = 10.0

_PAGE_SIZE = 16384
_SIDE_SUFFIXES = ("-wal", "-shm", "-journal")
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS extractors ( id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, created REAL NOT NULL)",
    "CREATE TABLE IF NOT EXISTS features ("
    " extractor INTEGER NOT NULL REFERENCES extractors(id),"
    " path TEXT NOT NULL, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,"
    " sha256 TEXT NOT NULL, dim INTEGER NOT NULL, vector BLOB NOT NULL, stored REAL NOT NULL,"
    " UNIQUE (extractor, path))",
    "CREATE INDEX IF NOT EXISTS features_content ON features (extractor, size, sha256)",
)
_FEATURE_COLUMNS = {"extractor", "path", "size", "mtime_ns", "sha256", "dim", "vector", "stored"}


class CacheWarning(UserWarning):
    """The feature cache hit a problem it recovered from (discarded file, busy, unwritable...)."""


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
class CacheStats:
    """Size report of a cache file."""

    path: Path
    entries: int  #: rows for every extractor
    extractor_entries: int  #: rows for this cache's extractor id
    extractors: int  #: distinct extractor ids that have rows
    file_bytes: int  #: database file plus its WAL


@dataclass(frozen=True)
class _Stat:
    size: int
    mtime_ns: int


@dataclass
class _Pending:
    """A lookup miss: the stat seen then, and the content hash if lookup computed one."""

    stat: _Stat
    digest: str | None


def make_extractor_id(**parts: object) -> str:
    """A canonical extractor id from named parts (sorted-key JSON), e.g.

    ``make_extractor_id(backbone="vgg16", weights="sha256:...", preprocess="caffe-bgr",
    resize="224-center-crop", dtype="float32")``. Any change to any part gives another id.
    """
    return json.dumps(parts, sort_keys=True, separators=(",", ":"), default=str)


def file_sha256(path: str | os.PathLike[str]) -> str:
    """Hex SHA-256 of a file's bytes."""
    return sha256_of(Path(path))


def bytes_sha256(data: bytes) -> str:
    """Hex SHA-256 of bytes already in memory (to pass to :meth:`FeatureCache.store`)."""
    return hashlib.sha256(data).hexdigest()


def resolve_cache_path(setting: str | os.PathLike[str] | None = None) -> Path | None:
    """The cache file a setting selects, or ``None`` when it disables the cache.

    ``setting`` (e.g. a ``--feature-cache`` option) wins; when it is ``None`` the ``ENV_VAR``
    environment variable is used when set; otherwise ``<user cache dir>/features.sqlite3``.
    A value in ``DISABLED_VALUES`` disables; an existing folder gets ``features.sqlite3`` inside.
    """
    if setting is None:
        setting = os.environ.get(ENV_VAR)
    if setting is None:
        return user_cache_dir() / DEFAULT_FILE_NAME
    text = os.fspath(setting)
    if text.strip().lower() in DISABLED_VALUES:
        return None
    path = Path(text).expanduser()
    return path / DEFAULT_FILE_NAME if path.is_dir() else path


def _warn(message: str) -> None:
    """Report a recovered problem as a :class:`CacheWarning` (``logging.captureWarnings`` routes it)."""
    warnings.warn(message, CacheWarning, stacklevel=3)


@contextmanager
def _transaction(conn: sqlite3.Connection, kind: str = "DEFERRED") -> Iterator[sqlite3.Connection]:
    """BEGIN ... COMMIT, rolled back when the body raises."""
    conn.execute(f"BEGIN {kind}")
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _file_identity(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


class _Discard(Exception):
    """The database file is not a usable cache of this schema; the message says why."""


class FeatureCache:
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

    def _open(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            _warn(f"Feature cache disabled: cannot create {self.path.parent}: {exc}")
            return
        for attempt in range(3):
            identity = _file_identity(self.path)
            try:
                self._conn = self._connect_and_init()
                return
            except _Discard as exc:
                self._close_conn()
                reason = str(exc)
            except sqlite3.OperationalError as exc:
                # Cannot open / locked / read-only / disk I/O: not evidence the file is bad.
                self._close_conn()
                _warn(f"Feature cache disabled for this run: cannot open {self.path}: {exc}")
                return
            except sqlite3.DatabaseError as exc:  # "file is not a database", "malformed"...
                self._close_conn()
                reason = f"it is not a readable SQLite database ({exc})"
            if attempt == 2 or not self._move_aside(identity, reason):
                _warn(f"Feature cache disabled for this run: {self.path}: {reason}")
                return

    def _connect_and_init(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=self._timeout, isolation_level=None, check_same_thread=False)
        self._conn = conn  # so that _close_conn() closes it if anything below raises
        conn.execute(f"PRAGMA busy_timeout = {int(self._timeout * 1000)}")
        with _transaction(conn):  # one snapshot, and before touching a possibly foreign file
            fresh = self._check_schema(conn)
        if fresh:  # 16 KiB pages hold six 2 KiB vectors; 4 KiB pages would hold one (~40% smaller file)
            conn.execute(f"PRAGMA page_size = {_PAGE_SIZE}")
        try:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                log.info("feature cache %s: journal mode %s (WAL unavailable)", self.path, mode)
        except sqlite3.OperationalError as exc:  # busy, or a filesystem without shared memory
            log.info("feature cache %s: could not switch to WAL: %s", self.path, exc)
        conn.execute("PRAGMA synchronous = NORMAL")
        with _transaction(conn, "IMMEDIATE"):  # re-check under the write lock: another run may have won
            if self._check_schema(conn):
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                for statement in _SCHEMA:
                    conn.execute(statement)
            conn.execute(
                "INSERT OR IGNORE INTO extractors (name, created) VALUES (?, ?)",
                (self.extractor_id, time.time()),
            )
            (self._extractor,) = conn.execute(
                "SELECT id FROM extractors WHERE name = ?", (self.extractor_id,)
            ).fetchone()
        return conn

    @staticmethod
    def _check_schema(conn: sqlite3.Connection) -> bool:
        """True for an empty database (to be created), False for a valid cache; else ``_Discard``."""
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        objects = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if app_id == 0 and version == 0 and objects == 0:
            return True
        if app_id != APPLICATION_ID:
            raise _Discard("it is not a sakura_sorter feature cache (another application's database)")
        if version != SCHEMA_VERSION:
            age = "newer" if version > SCHEMA_VERSION else "older"
            raise _Discard(f"it has schema version {version}, {age} than this program's {SCHEMA_VERSION}")
        columns = {row[1] for row in conn.execute("PRAGMA table_info(features)")}
        has_extractors = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'extractors'"
        ).fetchone()[0]
        if columns != _FEATURE_COLUMNS or not has_extractors:
            raise _Discard("its tables do not match the expected schema")
        return False

    def _move_aside(self, identity: tuple[int, int, int] | None, reason: str) -> bool:
        """Rename the bad file (and its WAL/SHM) away; False when that is impossible."""
        if identity is not None and _file_identity(self.path) != identity:
            log.info("feature cache %s was replaced meanwhile (another run?); retrying", self.path)
            return True  # someone else already discarded it: just reopen
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.discarded-{stamp}-{os.getpid()}")
        try:
            if self.path.exists():
                os.replace(self.path, target)
        except OSError as exc:
            try:
                self.path.unlink()
            except OSError:
                log.info("cannot move or delete %s: %s", self.path, exc)
                return False
            _warn(f"Feature cache {self.path} deleted and started afresh: {reason}")
        else:
            _warn(f"Feature cache {self.path} moved aside to {target.name} and started afresh: {reason}")
        for suffix in _SIDE_SUFFIXES:
            side = self.path.with_name(self.path.name + suffix)
            try:
                side.unlink()
            except FileNotFoundError:
                pass
            except OSError as exc:
                log.info("cannot delete %s: %s", side, exc)
        return True

    def _close_conn(self) -> None:
        if self._conn is not None:
            with suppress(sqlite3.Error):
                self._conn.close()
            self._conn = None

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

    # ----------------------------------------------------------------- errors
    def _database_error(self, action: str, exc: sqlite3.Error) -> None:
        """Turn a runtime SQLite error into a warning; a corrupt file is discarded and restarted."""
        if isinstance(exc, sqlite3.OperationalError) or not isinstance(exc, sqlite3.DatabaseError):
            key = f"{action}:{exc}"
            if key not in self._warned:  # busy / I/O: transient, warn once per kind
                self._warned.add(key)
                _warn(f"Feature cache {action} skipped ({self.path}): {exc}")
            return
        identity = _file_identity(self.path)
        self._close_conn()
        self._pending.clear()
        if self._move_aside(identity, f"it is corrupt ({exc})"):
            try:
                self._conn = self._connect_and_init()
                return
            except (sqlite3.Error, _Discard) as again:
                self._close_conn()
                _warn(f"Feature cache disabled for the rest of this run: {self.path}: {again}")
                return
        _warn(f"Feature cache disabled for the rest of this run: {self.path}: {exc}")

    # ----------------------------------------------------------------- lookups
    @staticmethod
    def _key(path: Path) -> str:
        return os.path.normcase(os.path.realpath(path))

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
            digest = file_sha256(key)
        except OSError:
            return None
        self.counters.files_hashed += 1
        return digest if self._stat(key) == seen else None

    def lookup(self, paths: Sequence[str | os.PathLike[str]]) -> dict[Path, np.ndarray]:
        """Cached vectors for the files that have one, keyed by the paths as given.

        A file whose path, size and mtime match an entry is a hit without reading it. The
        others are hashed only when an entry of the same size exists, and a content match (a
        moved, renamed or copied photo) is a hit that is then recorded under its new path.
        Missing files are misses. Never raises for database problems (they are misses).
        """
        given = [Path(p) for p in paths]
        with self._lock:
            if self._conn is None or not given:
                self.counters.misses += len(given)
                return {}
            try:
                return self._lookup(given)
            except sqlite3.Error as exc:
                self._database_error("lookup", exc)
                self.counters.misses += len(given)
                return {}

    def _lookup(self, given: list[Path]) -> dict[Path, np.ndarray]:
        assert self._conn is not None
        conn, ext = self._conn, self._extractor
        found: dict[Path, np.ndarray] = {}
        candidates: list[tuple[Path, str, _Stat]] = []  # stat missed, an entry of that size exists
        with _transaction(conn):  # one read snapshot, ended before any file is hashed
            for path in given:
                key = self._key(path)
                stat = self._stat(key)
                if stat is None:
                    continue
                row = conn.execute(
                    "SELECT size, mtime_ns, dim, vector FROM features WHERE extractor = ? AND path = ?",
                    (ext, key),
                ).fetchone()
                if row is not None and (row[0], row[1]) == (stat.size, stat.mtime_ns):
                    vector = self._decode(row[2], row[3])
                    if vector is not None:
                        found[path] = vector
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
                    relinks.append((key, stat, digest, dim, blob))
                    self._pending.pop(key, None)
                    self.counters.hash_hits += 1
                    break
        self.counters.misses += len(given) - len(found)
        if relinks:  # record the new paths so that the next run hits the fast path
            now = time.time()
            try:
                self._write(
                    (ext, key, stat.size, stat.mtime_ns, digest, dim, blob, now)
                    for key, stat, digest, dim, blob in relinks
                )
            except sqlite3.OperationalError as exc:  # busy: the hits are still good
                self._database_error("update of moved files", exc)
        return found

    # ----------------------------------------------------------------- stores
    def store(
        self,
        items: Sequence[tuple[str | os.PathLike[str], np.ndarray]],
        hashes: Mapping[str | os.PathLike[str], str] | None = None,
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
                rows.append((ext, key, stat.size, stat.mtime_ns, digest, array.size, blob, now))
            try:
                self._write(rows)
            except sqlite3.Error as exc:
                self._database_error("store", exc)
                return 0
        self.counters.stored += len(rows)
        return len(rows)

    def _write(self, rows: Iterable[tuple[object, ...]]) -> None:
        assert self._conn is not None
        with _transaction(self._conn, "IMMEDIATE") as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO features"
                " (extractor, path, size, mtime_ns, sha256, dim, vector, stored)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )

    # ----------------------------------------------------------------- housekeeping
    def stats(self) -> CacheStats | None:
        """Entry counts and file size, or None when the cache is unavailable."""
        with self._lock:
            if self._conn is None:
                return None
            try:
                conn = self._conn
                total = conn.execute("SELECT count(*) FROM features").fetchone()[0]
                mine = conn.execute("SELECT count(*) FROM features WHERE extractor = ?", (self._extractor,)).fetchone()[
                    0
                ]
                kinds = conn.execute("SELECT count(DISTINCT extractor) FROM features").fetchone()[0]
            except sqlite3.Error as exc:
                self._database_error("size report", exc)
                return None
        size = 0
        for suffix in ("", "-wal"):
            with suppress(OSError):
                size += self.path.with_name(self.path.name + suffix).stat().st_size
        return CacheStats(self.path, total, mine, kinds, size)

    def clear(self, *, all_extractors: bool = False) -> int:
        """Delete this extractor's entries (or every entry); returns how many rows went."""
        with self._lock:
            if self._conn is None:
                return 0
            try:
                with _transaction(self._conn, "IMMEDIATE") as conn:
                    if all_extractors:
                        count = conn.execute("DELETE FROM features").rowcount
                    else:
                        count = conn.execute("DELETE FROM features WHERE extractor = ?", (self._extractor,)).rowcount
            except sqlite3.Error as exc:
                self._database_error("clear", exc)
                return 0
            self._pending.clear()
            return count
