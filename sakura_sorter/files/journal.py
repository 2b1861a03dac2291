"""The run journal in ``FOLDER/.sakura-sorter/runs/``: one JSON line per action, fsynced before the action.

Records are typed (the dataclasses below); each is written as a JSON object whose ``t`` names its kind.
Paths are stored relative to FOLDER (so the folder can be moved) and are checked on reading, so a damaged
or hostile journal can never point outside FOLDER. A line that is not a well-formed record of a known kind
makes the whole run unreadable (:class:`JournalCorrupt`), except a torn last line (a kill mid-write).
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path, PurePosixPath
from typing import Any, ClassVar

from sakura_sorter.errors import SakuraSorterError
from sakura_sorter.files.fileops import fsync_dir
from sakura_sorter.vocabulary import Action, Mode

#: Hidden folder inside FOLDER with the journal and backups (travels with the folder).
STATE_DIR = ".sakura-sorter"
RUNS_DIR = "runs"
BACKUPS_DIR = "backups"
FORMAT_VERSION = 1


class JournalError(OSError):
    """The journal could not be written, so no further action may be taken."""


class JournalCorrupt(SakuraSorterError):
    """A journal file that does not hang together; it is never acted on."""


class FolderBusy(SakuraSorterError):
    """Another sort or undo is running on the same folder."""


# --- records ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    """A journal line. Subclasses set ``KIND``; their fields are the line's keys."""

    KIND: ClassVar[str] = ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"t": self.KIND}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is None:
                continue
            if isinstance(value, tuple):
                value = [v.to_json() if isinstance(v, FileEntry) else v for v in value]
            out[f.name] = value
        return out


@dataclass(frozen=True)
class FileEntry:
    """One file of a moved or copied group: where it was, where it goes, its temporary name and its hash."""

    src: str
    dst: str
    tmp: str
    sha: str

    def to_json(self) -> dict[str, str]:
        return {"src": self.src, "dst": self.dst, "tmp": self.tmp, "sha": self.sha}


@dataclass(frozen=True)
class Begin(Record):
    KIND: ClassVar[str] = "begin"
    v: int
    run: str
    mode: Mode
    time: float


@dataclass(frozen=True)
class MakeDir(Record):
    KIND: ClassVar[str] = "mkdir"
    path: str


@dataclass(frozen=True)
class Transfer(Record):
    """A photo and its sidecars about to be moved or copied (the files, photo first)."""

    KIND: ClassVar[str] = "do"
    id: int
    action: Action
    files: tuple[FileEntry, ...]


@dataclass(frozen=True)
class Tag(Record):
    """A label about to be merged into an XMP sidecar (``backup``: the sidecar as it was, if it existed)."""

    KIND: ClassVar[str] = "do"
    id: int
    action: Action
    xmp: str
    tmp: str
    label: str
    existed: bool
    backup: str | None = None


Group = Transfer | Tag


@dataclass(frozen=True)
class Done(Record):
    KIND: ClassVar[str] = "done"
    id: int
    recovered: bool | None = None


@dataclass(frozen=True)
class Failed(Record):
    KIND: ClassVar[str] = "failed"
    id: int
    error: str
    rolled_back: bool


@dataclass(frozen=True)
class End(Record):
    KIND: ClassVar[str] = "end"
    status: str


@dataclass(frozen=True)
class UndoBegin(Record):
    KIND: ClassVar[str] = "undo-begin"


@dataclass(frozen=True)
class UndoGroup(Record):
    """A group about to be undone (``targets``: where moved files go back, when not their old paths)."""

    KIND: ClassVar[str] = "undo"
    id: int
    targets: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Undone(Record):
    KIND: ClassVar[str] = "undone"
    id: int


@dataclass(frozen=True)
class UndoFailed(Record):
    KIND: ClassVar[str] = "undo-failed"
    id: int
    error: str


@dataclass(frozen=True)
class RemoveDir(Record):
    KIND: ClassVar[str] = "rmdir"
    path: str


@dataclass(frozen=True)
class UndoEnd(Record):
    KIND: ClassVar[str] = "undo-end"
    incomplete: bool


_SIMPLE: dict[str, type[Record]] = {
    cls.KIND: cls
    for cls in (Begin, MakeDir, Done, Failed, End, UndoBegin, UndoGroup, Undone, UndoFailed, RemoveDir, UndoEnd)
}


def _check(value: object, kind: type, where: str) -> Any:
    """``value`` if it is a ``kind`` (an int where a float is expected is accepted); else ``ValueError``."""
    if kind is float and type(value) is int:
        return float(value)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ValueError(f"{where} has the wrong type")
    return value


def _field(raw: dict[str, Any], name: str, annotation: str) -> Any:
    """One field of a simple record, checked against its annotation (as written in the class)."""
    base = annotation.split(" | ")[0]
    value = raw[name]
    if value is None and annotation.endswith("| None"):
        return None
    if base == "tuple[str, ...]":
        return tuple(_check(v, str, name) for v in _check(value, list, name))
    if base == "Mode":
        return Mode(_check(value, str, name))
    return _check(value, {"int": int, "str": str, "bool": bool, "float": float}[base], name)


def _file_entry(raw: object) -> FileEntry:
    entry = _check(raw, dict, "file")
    return FileEntry(*(_check(entry.get(k), str, k) for k in ("src", "dst", "tmp", "sha")))


def parse_record(line: object) -> Record:
    """The typed record for one decoded journal line; ``ValueError`` when it is not well formed."""
    raw: dict[str, Any] = _check(line, dict, "a line")
    kind = raw.get("t")
    try:
        if kind == "do":
            gid = _check(raw["id"], int, "id")
            action = Action(_check(raw["action"], str, "action"))
            if action == Action.TAG:
                backup = raw.get("backup")
                return Tag(
                    id=gid,
                    action=action,
                    xmp=_check(raw["xmp"], str, "xmp"),
                    tmp=_check(raw["tmp"], str, "tmp"),
                    label=_check(raw["label"], str, "label"),
                    existed=_check(raw["existed"], bool, "existed"),
                    backup=None if backup is None else _check(backup, str, "backup"),
                )
            if action not in (Action.MOVE, Action.COPY):
                raise ValueError(f"a group with action {action}")
            files = tuple(_file_entry(e) for e in _check(raw["files"], list, "files"))
            if not files:
                raise ValueError("a group without files")
            return Transfer(id=gid, action=action, files=files)
        cls = _SIMPLE.get(kind) if isinstance(kind, str) else None
        if cls is None:
            raise ValueError(f"unknown record kind {kind!r}")
        values = {
            f.name: _field(raw, f.name, str(f.type)) for f in fields(cls) if f.name in raw or f.default is not None
        }
        return cls(**values)
    except KeyError as exc:
        raise ValueError(f"{kind} record without {exc.args[0]}") from None


# --- paths --------------------------------------------------------------------------------------


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
            raise FolderBusy(
                f"Another sakura-sorter is working on {root}.", "Wait for it to finish, then try again."
            ) from exc
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

    def write(self, record: Record) -> None:
        line = json.dumps(record.to_json(), ensure_ascii=False, separators=(",", ":")) + "\n"
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


# --- runs ---------------------------------------------------------------------------------------


@dataclass
class Run:
    """A run reconstructed from its journal file."""

    id: str
    path: Path
    mode: Mode | None = None
    groups: dict[int, Group] = field(default_factory=dict)
    done: set[int] = field(default_factory=set)
    failed: dict[int, Failed] = field(default_factory=dict)
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
            (gid for gid in self.groups if gid not in self.undone and not self._rolled_back(gid)),
            reverse=True,
        )

    def _rolled_back(self, gid: int) -> bool:
        failed = self.failed.get(gid)
        return failed is not None and failed.rolled_back

    @property
    def undoable(self) -> bool:
        """Something to reverse: a group not undone yet, or a folder it created (a run killed right
        after creating ``sakura/`` and before its first photo still leaves that folder to remove)."""
        return not self.undo_complete and (bool(self.pending_undo()) or bool(self.mkdirs))

    def add(self, record: Record) -> None:
        """Fold one record into the run's state."""
        if isinstance(record, Begin):
            self.mode = record.mode
        elif isinstance(record, MakeDir):
            self.mkdirs.append(record.path)
        elif isinstance(record, Transfer | Tag):
            self.groups[record.id] = record
        elif isinstance(record, Done):
            self.done.add(record.id)
        elif isinstance(record, Failed):
            self.failed[record.id] = record
        elif isinstance(record, End):
            self.ended = True
        elif isinstance(record, Undone):
            self.undone.add(record.id)
        elif isinstance(record, UndoEnd):
            self.undo_complete = not record.incomplete


def read_run(path: Path) -> Run:
    """Parse one journal; a torn last line (killed mid-write) is ignored, any other bad line raises."""
    run = Run(id=path.stem, path=path)
    with open(path, "rb") as handle:
        lines = handle.read().split(b"\n")
    last = max((i for i, raw in enumerate(lines) if raw.strip()), default=-1)
    for number, raw in enumerate(lines):
        if not raw.strip():
            continue
        try:
            record = parse_record(json.loads(raw))
        except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
            if number == last and not raw.endswith(b"}"):
                continue  # torn by a kill while it was being written
            raise JournalCorrupt(
                f"The journal {path.name} is damaged (line {number + 1}: {exc}).",
                "It is left alone; nothing it lists will be undone or finished.",
            ) from exc
        run.add(record)
    return run


def list_runs(root: Path) -> list[Run]:
    """All runs of ``root``, oldest first."""
    runs_dir = state_dir(root) / RUNS_DIR
    if state_dir(root).is_symlink() or not runs_dir.is_dir():
        return []
    return [read_run(p) for p in sorted(runs_dir.glob("*.jsonl"))]


def start_run(root: Path, mode: Mode) -> tuple[str, Journal]:
    """Create a new journal and write its ``begin`` record."""
    state = ensure_state_dir(root)
    run_id = new_run_id()
    while (state / RUNS_DIR / f"{run_id}.jsonl").exists():  # same microsecond as the previous run
        time.sleep(0.001)
        run_id = new_run_id()
    journal = Journal(state / RUNS_DIR / f"{run_id}.jsonl")
    journal.write(Begin(v=FORMAT_VERSION, run=run_id, mode=Mode(mode), time=time.time()))
    return run_id, journal


def backup_path(root: Path, run_id: str, group: int) -> Path:
    return state_dir(root) / BACKUPS_DIR / run_id / f"{group}.xmp"
