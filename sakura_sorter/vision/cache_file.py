"""The SQLite file behind the feature cache: schema, opening, and recovery from a bad or busy file.

A corrupt, foreign, older- or newer-schema file is moved aside (``<name>.discarded-<timestamp>``) with a
:class:`CacheWarning` and a fresh one is started; a file that cannot be opened leaves the cache unavailable.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from sakura_sorter.userdirs import user_cache_dir

log = logging.getLogger("sakura_sorter.vision.cache")

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


def warn(message: str) -> None:
    """Report a recovered problem as a :class:`CacheWarning` (``logging.captureWarnings`` routes it)."""
    warnings.warn(message, CacheWarning, stacklevel=3)


@contextmanager
def transaction(conn: sqlite3.Connection, kind: str = "DEFERRED") -> Iterator[sqlite3.Connection]:
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


class CacheFile:
    """An open cache database (``_conn``) for one extractor id (``_extractor``), or none (unavailable).

    Subclasses add what is stored; this class only opens, checks, discards and closes the file.
    """

    path: Path
    extractor_id: str
    _timeout: float
    _lock: threading.RLock
    _conn: sqlite3.Connection | None
    _extractor: int | None
    _warned: set[str]

    def _forget_pending(self) -> None:
        """Drop per-file state that refers to the old database (subclasses override)."""

    def _open(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            warn(f"Feature cache disabled: cannot create {self.path.parent}: {exc}")
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
                warn(f"Feature cache disabled for this run: cannot open {self.path}: {exc}")
                return
            except sqlite3.DatabaseError as exc:  # "file is not a database", "malformed"...
                self._close_conn()
                reason = f"it is not a readable SQLite database ({exc})"
            if attempt == 2 or not self._move_aside(identity, reason):
                warn(f"Feature cache disabled for this run: {self.path}: {reason}")
                return

    def _connect_and_init(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=self._timeout, isolation_level=None, check_same_thread=False)
        self._conn = conn  # so that _close_conn() closes it if anything below raises
        conn.execute(f"PRAGMA busy_timeout = {int(self._timeout * 1000)}")
        with transaction(conn):  # one snapshot, and before touching a possibly foreign file
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
        with transaction(conn, "IMMEDIATE"):  # re-check under the write lock: another run may have won
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
            warn(f"Feature cache {self.path} deleted and started afresh: {reason}")
        else:
            warn(f"Feature cache {self.path} moved aside to {target.name} and started afresh: {reason}")
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

    def _database_error(self, action: str, exc: sqlite3.Error) -> None:
        """Turn a runtime SQLite error into a warning; a corrupt file is discarded and restarted."""
        if isinstance(exc, sqlite3.OperationalError) or not isinstance(exc, sqlite3.DatabaseError):
            key = f"{action}:{exc}"
            if key not in self._warned:  # busy / I/O: transient, warn once per kind
                self._warned.add(key)
                warn(f"Feature cache {action} skipped ({self.path}): {exc}")
            return
        identity = _file_identity(self.path)
        self._close_conn()
        self._forget_pending()
        if self._move_aside(identity, f"it is corrupt ({exc})"):
            try:
                self._conn = self._connect_and_init()
                return
            except (sqlite3.Error, _Discard) as again:
                self._close_conn()
                warn(f"Feature cache disabled for the rest of this run: {self.path}: {again}")
                return
        warn(f"Feature cache disabled for the rest of this run: {self.path}: {exc}")


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
