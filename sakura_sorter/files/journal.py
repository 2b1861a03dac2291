"""The run journal in ``FOLDER/.sakura-sorter/runs/``: one JSON line per action, fsynced before the action.

Records are typed (:mod:`sakura_sorter.files.records`). Paths are stored relative to FOLDER (so the folder can be
moved) and are checked on reading, so a damaged or hostile journal can never point outside FOLDER. Reading a
run and checking that it hangs together is :mod:`sakura_sorter.files.runs`.

A journal file is created whole with its ``begin`` line (written to a temporary name, fsynced, renamed), so a
full disk never leaves an empty journal behind; a line torn by a kill or a full disk is cut off before the next
line is appended.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import stat
import time
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from sakura_sorter.errors import SakuraSorterError
from sakura_sorter.files.fileops import describe_error, fsync_dir
from sakura_sorter.files.records import Begin, Record, parse_record
from sakura_sorter.vocabulary import Mode

#: Hidden folder inside FOLDER with the journal and backups (travels with the folder).
STATE_DIR = ".sakura-sorter"
RUNS_DIR = "runs"
BACKUPS_DIR = "backups"
FORMAT_VERSION = 1
#: What a run id looks like (:func:`new_run_id`); a journal file named otherwise is not one of ours.
RUN_ID = re.compile(r"\d{8}T\d{12}Z-\d+")

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


class JournalError(OSError):
    """The journal could not be written, so no further action may be taken."""


class JournalCorrupt(SakuraSorterError):
    """A journal file that does not hang together; it is never acted on."""


class FolderBusy(SakuraSorterError):
    """Another sort or undo is running on the same folder."""


class StateError(SakuraSorterError):
    """The folder's ``.sakura-sorter`` state cannot be used (not a folder, read-only, disk full...)."""


# --- paths --------------------------------------------------------------------------------------


def state_dir(folder: Path) -> Path:
    return Path(folder) / STATE_DIR


def to_rel(root: Path, path: Path) -> str:
    """``path`` (inside ``root``) as a POSIX path relative to ``root``."""
    return PurePosixPath(*path.relative_to(root).parts).as_posix()


def check_rel(rel: str) -> tuple[str, ...]:
    """The parts of a journal path; ``ValueError`` unless it is a plain relative path."""
    parts = PurePosixPath(rel).parts
    if not parts or PurePosixPath(rel).is_absolute() or any(p in ("..", ".", "") for p in parts) or "\\" in rel:
        raise ValueError(f"journal path {rel!r} is not a plain relative path")
    if "\0" in rel:
        raise ValueError(f"journal path {rel!r} holds a NUL character")
    return parts


def from_rel(root: Path, rel: str) -> Path:
    """The absolute path for a journal entry; refuses anything that would leave ``root``."""
    path = root.joinpath(*check_rel(rel))
    if not Path(os.path.realpath(path.parent)).is_relative_to(root):
        raise ValueError(f"journal path {rel!r} leads outside the folder")
    return path


def _state_problem(state: Path, exc: OSError | None, what: str) -> StateError:
    reason = describe_error(exc) if exc is not None else what
    return StateError(
        f"Cannot use {state} to journal the changes: {reason}.",
        "sort and undo need to write there (classify only reads): make the folder writable, free some space, "
        f"or remove {STATE_DIR} if it is not a folder of sakura-sorter's.",
    )


def ensure_state_dir(root: Path) -> Path:
    """Create ``.sakura-sorter/runs``; :class:`StateError` for a symlink, a file, or a folder we cannot write."""
    state = state_dir(root)
    if state.is_symlink():
        raise _state_problem(state, None, "it is a symbolic link, which is not followed")
    try:
        (state / RUNS_DIR).mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        which = f"{RUNS_DIR} in it" if state.is_dir() else "it"
        raise _state_problem(state, None, f"{which} is not a folder") from None
    except OSError as exc:
        raise _state_problem(state, exc, "") from exc
    if (state / RUNS_DIR).is_symlink():
        raise _state_problem(state, None, f"{RUNS_DIR} is a symbolic link, which is not followed")
    return state


@contextlib.contextmanager
def folder_lock(root: Path) -> Iterator[None]:
    """Hold an exclusive lock on the folder's state (released by the OS if the process dies)."""
    state = ensure_state_dir(root)
    lock = state / "lock"
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | _NOFOLLOW | _NONBLOCK, 0o644)
    except OSError as exc:
        raise _state_problem(state, exc, "") from exc
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise _state_problem(state, None, f"{lock.name} is not a regular file")
        try:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # Windows: no advisory locks; rely on the journal alone
            pass
        except BlockingIOError as exc:
            raise FolderBusy(
                f"Another sakura-sorter is working on {root}.", "Wait for it to finish, then try again."
            ) from exc
        yield
    finally:
        os.close(fd)


# --- writing ------------------------------------------------------------------------------------


def encode(record: Record) -> bytes:
    """One journal line. Names that are not valid UTF-8 are kept exactly, as ``\\udcXX`` JSON escapes."""
    data = record.to_json()
    try:
        return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(data, ensure_ascii=True, separators=(",", ":")) + "\n").encode("ascii")


def _cut_torn_tail(fd: int) -> None:
    """Make the file end with a complete line: a last line torn by a kill or a full disk never took
    effect (its action waits for the fsync), so it is cut off; a complete record missing only its
    newline gets one."""
    size = os.fstat(fd).st_size
    if size == 0:
        return
    os.lseek(fd, max(0, size - (1 << 16)), os.SEEK_SET)  # appends still go to the end (O_APPEND)
    tail = os.read(fd, min(size, 1 << 16))
    if tail.endswith(b"\n"):
        return
    cut = tail.rfind(b"\n")
    last = tail[cut + 1 :]
    try:
        parse_record(json.loads(last))
    except (ValueError, RecursionError):
        start = size - len(tail) + cut + 1
        os.ftruncate(fd, start)
    else:
        os.write(fd, b"\n")
    os.fsync(fd)


class Journal:
    """Append-only writer for an existing journal file; every record is fsynced before ``write`` returns."""

    def __init__(self, path: Path):
        self.path = path
        try:
            fd = os.open(path, os.O_RDWR | os.O_APPEND | _NOFOLLOW | _NONBLOCK | getattr(os, "O_BINARY", 0))
        except OSError as exc:
            raise JournalError(exc.errno, f"cannot open journal: {describe_error(exc)}", str(path)) from exc
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise JournalError(errno.EINVAL, "journal is not a regular file", str(path))
            _cut_torn_tail(fd)
        except OSError as exc:
            os.close(fd)
            if isinstance(exc, JournalError):
                raise
            raise JournalError(exc.errno, f"cannot repair journal: {describe_error(exc)}", str(path)) from exc
        self._fd: int | None = fd

    def write(self, record: Record) -> None:
        """Append ``record`` and fsync it; after a failure the journal refuses every further write."""
        line = encode(record)
        if self._fd is None:
            raise JournalError(errno.EBADF, "journal is closed or failed before", str(self.path))
        size = None
        try:
            size = os.fstat(self._fd).st_size
            view = memoryview(line)
            while view:  # a short write (full disk) raises on the next call
                view = view[os.write(self._fd, view) :]
            os.fsync(self._fd)
        except OSError as exc:
            if size is not None:  # cut what was written of the line, so nothing is appended to a torn line
                with contextlib.suppress(OSError):
                    os.ftruncate(self._fd, size)
            self.close()
            raise JournalError(exc.errno, f"cannot write journal: {describe_error(exc)}", str(self.path)) from exc

    def close(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def new_run_id() -> str:
    """Sortable, unique run id: UTC time to the microsecond plus the process id."""
    now = time.time()
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime(now)) + f"{int(now % 1 * 1e6):06d}"
    return f"{stamp}Z-{os.getpid()}"


def _create_whole(path: Path, first: bytes) -> None:
    """Create ``path`` holding ``first`` or not at all: temporary name, fsync, no-replace rename."""
    tmp = path.with_name(f".{path.name}.tmp")
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | getattr(os, "O_BINARY", 0), 0o644)
    try:
        try:
            view = memoryview(first)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)  # the name is new: a fresh run id, chosen under the folder lock
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)


def start_run(root: Path, mode: Mode) -> tuple[str, Journal]:
    """Create a new journal holding its ``begin`` record; :class:`StateError` when it cannot be written."""
    state = ensure_state_dir(root)
    runs = state / RUNS_DIR
    run_id = new_run_id()
    while (runs / f"{run_id}.jsonl").exists():  # same microsecond as the previous run
        time.sleep(0.001)
        run_id = new_run_id()
    path = runs / f"{run_id}.jsonl"
    begin = Begin(v=FORMAT_VERSION, run=run_id, mode=Mode(mode), time=time.time())
    try:
        _create_whole(path, encode(begin))
        return run_id, Journal(path)
    except OSError as exc:
        raise _state_problem(state, exc, "") from exc


def clear_stale_starts(root: Path) -> None:
    """Remove journals that were being created when a run was killed (they never began any action)."""
    runs = state_dir(root) / RUNS_DIR
    if not runs.is_dir() or runs.is_symlink():
        return
    for leftover in runs.glob(".*.jsonl.tmp"):
        with contextlib.suppress(OSError):
            os.unlink(leftover)


def backup_rel(run_id: str, group: int) -> str:
    """Where a tag group keeps the sidecar as it was, relative to FOLDER."""
    return f"{STATE_DIR}/{BACKUPS_DIR}/{run_id}/{group}.xmp"


def backup_path(root: Path, run_id: str, group: int) -> Path:
    return root / backup_rel(run_id, group)


def temp_rel(directory: str, run_id: str, gid: int, index: int, suffix: str = "") -> str:
    """The temporary file a group's ``index``-th file passes through in ``directory`` (relative to FOLDER)."""
    name = f".sakura-sorter-{run_id}-{gid}-{index}{suffix}.tmp"
    return f"{directory}/{name}" if directory else name


def temp_name(directory: Path, run_id: str, gid: int, index: int, suffix: str = "") -> Path:
    """The temporary file a group's ``index``-th file passes through in ``directory``."""
    return directory / f".sakura-sorter-{run_id}-{gid}-{index}{suffix}.tmp"
