"""The run journal in ``FOLDER/.sakura-sorter/runs/``: one JSON line per action, fsynced first.

Paths are stored relative to FOLDER (so the folder can be moved) and are checked on reading,
so a damaged or hostile journal can never point outside FOLDER.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from sakura_sorter.fileops import fsync_dir
from sakura_sorter.planning import STATE_DIR

RUNS_DIR = "runs"
BACKUPS_DIR = "backups"
FORMAT_VERSION = 1


class JournalError(OSError):
    """The journal could not be written, so no further action may be taken."""


class FolderBusy(RuntimeError):
    """Another sort or undo is running on the same folder."""


def state_dir(folder: Path) -> Path:
    return Path(folder) / STATE_DIR


def to_rel(root: Path, path: Path) -> str:
    """``path`` (inside ``root``) as a POSIX path relative to ``root``."""
    return PurePosixPath(*path.relative_to(root).parts).as_posix()


def from_rel(root: Path, rel: str) -> Path:
    """The absolute path for a journal entry; refuses anything that would leave ``root``."""
    parts = PurePosixPath(rel).parts
    if not parts or PurePosixPath(rel).is_absolute() or any(p in ("..", ".", "") for p in parts):
        raise ValueError(f"journal path {rel!r} is not a plain relative path")
    path = root.joinpath(*parts)
    if not Path(os.path.realpath(path.parent)).is_relative_to(root):
        raise ValueError(f"journal path {rel!r} leads outside the folder")
    return path


def ensure_state_dir(root: Path) -> Path:
    """Create ``.sakura-sorter/runs`` (refusing a symlinked state folder)."""
    state = state_dir(root)
    if state.is_symlink():
        raise JournalError(f"{state} is a symbolic link; refusing to use it")
    (state / RUNS_DIR).mkdir(parents=True, exist_ok=True)
    return state


@contextlib.contextmanager
def folder_lock(root: Path) -> Iterator[None]:
    """Hold an exclusive lock on the folder's state (released by the OS if the process dies)."""
    state = ensure_state_dir(root)
    fd = os.open(state / "lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # Windows: no advisory locks; rely on the journal alone
            pass
        except BlockingIOError as exc:
            raise FolderBusy(f"another sakura-sorter is working on {root}") from exc
        yield
    finally:
        os.close(fd)


class Journal:
    """Append-only writer; every record is flushed and fsynced before ``write`` returns."""

    def __init__(self, path: Path):
        self.path = path
        existed = path.exists()
        try:
            self._handle = open(path, "ab")  # noqa: SIM115 - kept open for the whole run
            if not existed:
                fsync_dir(path.parent)
        except OSError as exc:
            raise JournalError(exc.errno, f"cannot open journal: {exc}", str(path)) from exc

    def write(self, record: dict) -> None:
        line = json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
        try:
            self._handle.write(line.encode("utf-8"))
            self._handle.flush()
            os.fsync(self._handle.fileno())
        except OSError as exc:
            raise JournalError(exc.errno, f"cannot write journal: {exc}", str(self.path)) from exc

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._handle.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def new_run_id() -> str:
    """Sortable, unique run id: UTC time to the microsecond plus the process id."""
    now = time.time()
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime(now)) + f"{int(now % 1 * 1e6):06d}"
    return f"{stamp}Z-{os.getpid()}"


@dataclass
class Run:
    """A run reconstructed from its journal file."""

    id: str
    path: Path
    mode: str = ""
    groups: dict[int, dict] = field(default_factory=dict)  # id -> "do" record
    done: set[int] = field(default_factory=set)
    failed: dict[int, dict] = field(default_factory=dict)
    undone: set[int] = field(default_factory=set)
    mkdirs: list[str] = field(default_factory=list)
    ended: bool = False
    undo_complete: bool = False

    @property
    def unfinished(self) -> bool:
        """Killed before it ended: needs ``recover``."""
        return not self.ended

    def pending_undo(self) -> list[int]:
        """Groups that may have changed something and are not undone yet, newest first."""
        return sorted(
            (gid for gid in self.groups if gid not in self.undone and not self.failed.get(gid, {}).get("rolled_back")),
            reverse=True,
        )

    @property
    def undoable(self) -> bool:
        """Something to reverse: a group not undone yet, or a folder it created (a run killed right
        after creating ``sakura/`` and before its first photo still leaves that folder to remove)."""
        return not self.undo_complete and (bool(self.pending_undo()) or bool(self.mkdirs))


def read_run(path: Path) -> Run:
    """Parse one journal; a torn last line (killed mid-write) is ignored."""
    run = Run(id=path.stem, path=path)
    with open(path, "rb") as handle:
        lines = handle.read().split(b"\n")
    for raw in lines:
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except ValueError:
            continue  # only possible for the last, torn line
        kind = record.get("t")
        if kind == "begin":
            run.mode = record.get("mode", "")
        elif kind == "mkdir":
            run.mkdirs.append(record["path"])
        elif kind == "do":
            run.groups[record["id"]] = record
        elif kind == "done":
            run.done.add(record["id"])
        elif kind == "failed":
            run.failed[record["id"]] = record
        elif kind == "end":
            run.ended = True
        elif kind == "undone":
            run.undone.add(record["id"])
        elif kind == "undo-end":
            run.undo_complete = not record.get("incomplete")
    return run


def list_runs(root: Path) -> list[Run]:
    """All runs of ``root``, oldest first."""
    runs_dir = state_dir(root) / RUNS_DIR
    if state_dir(root).is_symlink() or not runs_dir.is_dir():
        return []
    return [read_run(p) for p in sorted(runs_dir.glob("*.jsonl"))]


def start_run(root: Path, mode: str) -> tuple[str, Journal]:
    """Create a new journal and write its ``begin`` record."""
    state = ensure_state_dir(root)
    run_id = new_run_id()
    while (state / RUNS_DIR / f"{run_id}.jsonl").exists():  # same microsecond as the previous run
        time.sleep(0.001)
        run_id = new_run_id()
    journal = Journal(state / RUNS_DIR / f"{run_id}.jsonl")
    journal.write({"t": "begin", "v": FORMAT_VERSION, "run": run_id, "mode": mode, "time": time.time()})
    return run_id, journal


def backup_path(root: Path, run_id: str, group: int) -> Path:
    return state_dir(root) / BACKUPS_DIR / run_id / f"{group}.xmp"
