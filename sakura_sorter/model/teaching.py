"""The teaching set: every label a person gave, kept per user, keyed by the photo's content hash.

A label follows the photo's bytes, not its path, so moving or renaming a photo keeps it. Each entry keeps the
photo's features too (taken from the feature cache or the run that labelled it), so teaching a model never
needs the photo again. The set is one SQLite file in the user data folder
(``$XDG_DATA_HOME/sakura-sorter/teaching.sqlite3``). Unlike the feature cache it is the person's work: a file
that cannot be read is reported, never discarded.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sakura_sorter.errors import SakuraSorterError
from sakura_sorter.userdirs import user_data_dir

if TYPE_CHECKING:
    import numpy as np

FILE_NAME = "teaching.sqlite3"
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS labels ("
    " sha256 TEXT PRIMARY KEY, label TEXT NOT NULL, origin TEXT NOT NULL, path TEXT NOT NULL,"
    " size INTEGER NOT NULL, labelled REAL NOT NULL, feature BLOB)"
)
_APPLICATION_ID = 0x53616B74  # "Sakt"


class TeachError(SakuraSorterError):
    """Teaching cannot make a usable model from these labels (defined here, beside the teaching set, so that
    reading the person's labels does not import the refitting code)."""


class TeachingSetError(SakuraSorterError):
    """The teaching set cannot be read or written."""


@dataclass(frozen=True)
class Taught:
    """One label a person gave: the photo's content hash, the label, where the photo was, its features."""

    sha256: str
    label: str
    path: str
    size: int
    feature: np.ndarray | None = None


def default_path() -> Path:
    return user_data_dir() / FILE_NAME


class TeachingSet:
    """The labels a person gave, with their features. Open it, use it, close it (or use ``with``)."""

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path is not None else default_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(self.path, timeout=10.0, isolation_level=None)
            app_id = self._conn.execute("PRAGMA application_id").fetchone()[0]
            tables = self._conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if app_id not in (0, _APPLICATION_ID) or (app_id == 0 and tables):
                raise sqlite3.DatabaseError("it is not a sakura-sorter teaching set")
            if app_id == 0:  # a new file; setting it again would write the file on every open (each classify)
                self._conn.execute(f"PRAGMA application_id = {_APPLICATION_ID}")
            self._conn.execute(_SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise TeachingSetError(
                f"The teaching set {self.path} cannot be opened: {exc}.",
                "Check the file's permissions, or move it aside to start a new teaching set.",
            ) from exc

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> TeachingSet:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add(self, entries: Iterable[Taught], origin: str) -> int:
        """Record labels (a newer label for the same photo replaces the older one); returns how many."""
        import numpy as np

        now = time.time()
        rows = [
            (
                e.sha256,
                e.label,
                origin,
                e.path,
                e.size,
                now,
                None if e.feature is None else np.asarray(e.feature, "<f4").tobytes(),
            )
            for e in entries
        ]
        try:
            with self._conn:
                self._conn.execute("BEGIN IMMEDIATE")
                self._conn.executemany(
                    "INSERT INTO labels (sha256, label, origin, path, size, labelled, feature)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)"
                    " ON CONFLICT(sha256) DO UPDATE SET label = excluded.label, origin = excluded.origin,"
                    " path = excluded.path, labelled = excluded.labelled,"
                    " feature = coalesce(excluded.feature, labels.feature)",
                    rows,
                )
        except sqlite3.Error as exc:
            raise TeachingSetError(f"Cannot save labels in {self.path}: {exc}.", "Check free disk space.") from exc
        return len(rows)

    def forget(self, hashes: Iterable[str]) -> int:
        """Drop labels (the person took them back)."""
        with self._conn:
            self._conn.execute("BEGIN IMMEDIATE")
            return sum(self._conn.execute("DELETE FROM labels WHERE sha256 = ?", (h,)).rowcount for h in hashes)

    def labels(self, hashes: Iterable[str]) -> dict[str, str]:
        """The person's label for each of these photos that has one."""
        wanted = list(dict.fromkeys(h for h in hashes if h))
        found: dict[str, str] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for sha, label in self._conn.execute(f"SELECT sha256, label FROM labels WHERE sha256 IN ({marks})", chunk):
                found[sha] = label
        return found

    def entries(self) -> list[Taught]:
        """Every label, with its features where known, oldest first."""
        import numpy as np

        out = []
        for sha, label, path, size, blob in self._conn.execute(
            "SELECT sha256, label, path, size, feature FROM labels ORDER BY labelled, sha256"
        ):
            feature = None if blob is None else np.frombuffer(blob, "<f4").astype(np.float32)
            out.append(Taught(sha, label, path, size, feature))
        return out

    def sizes(self) -> set[int]:
        """The file sizes of the labelled photos (only files of these sizes need hashing to be recognised)."""
        return {int(row[0]) for row in self._conn.execute("SELECT DISTINCT size FROM labels")}

    def counts(self) -> dict[str, int]:
        return dict(self._conn.execute("SELECT label, count(*) FROM labels GROUP BY label ORDER BY label").fetchall())

    def __len__(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM labels").fetchone()[0])
