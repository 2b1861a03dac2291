"""Runs read back from their journal files, refused as a whole unless they hang together.

The journal travels with the folder, so a run file may be stale, damaged or planted. Before any run is acted
on, every record must parse (:mod:`~sakura_sorter.files.records`) and the run as a whole must be one this
program could have written: it begins with its own ``begin``; group ids rise; every ``done``/``undo`` names a
group seen before; nothing but undo follows its ``end``; each group matches the run's mode; every path is a
plain path inside FOLDER; destinations lie in one folder directly below FOLDER; sidecars sit beside their
photo; temporary and backup names are the ones this run would have used (so a journal can never name a
person's file as a "temporary file" to delete). What undo may then remove is checked against the disk again
(see :mod:`~sakura_sorter.files.recovery`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from sakura_sorter.digest import read_regular
from sakura_sorter.files.fileops import describe_error
from sakura_sorter.files.journal import (
    FORMAT_VERSION,
    RUN_ID,
    RUNS_DIR,
    STATE_DIR,
    JournalCorrupt,
    backup_rel,
    check_rel,
    state_dir,
    temp_rel,
)
from sakura_sorter.files.records import (
    Begin,
    Done,
    End,
    Failed,
    FileEntry,
    Group,
    MakeDir,
    Record,
    RemoveDir,
    Tag,
    Transfer,
    UndoEnd,
    UndoFailed,
    UndoGroup,
    Undone,
    parse_record,
)
from sakura_sorter.vocabulary import Action, Mode

_SHA256 = re.compile(r"[0-9a-f]{64}")
#: Records that belong to running a plan, so none may follow the run's ``end``.
_RUN_KINDS = (Begin, MakeDir, Transfer, Tag, Done, Failed, End)


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
    def empty(self) -> bool:
        """A journal without a single complete record: its run was stopped before it began anything."""
        return self.mode is None

    @property
    def unfinished(self) -> bool:
        """Killed before it ended: needs ``recover``."""
        return not self.ended and not self.empty

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
        return not self.undo_complete and not self.empty and (bool(self.pending_undo()) or bool(self.mkdirs))

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


def _check_transfer(run_id: str, mode: Mode, group: Transfer) -> None:
    if mode == Mode.TAG or group.action != Action.of(mode):
        raise ValueError(f"group {group.id} is a {group.action} in a {mode} run")
    directory = None
    sources: set[str] = set()
    targets: set[str] = set()
    for index, entry in enumerate(group.files):
        src, dst = check_rel(entry.src), check_rel(entry.dst)
        if len(dst) != 2 or dst[0] == STATE_DIR:
            raise ValueError(f"group {group.id}: destination {entry.dst!r} is not in a folder directly below FOLDER")
        directory = directory or dst[0]
        if dst[0] != directory or src[0] in (STATE_DIR, directory):
            raise ValueError(f"group {group.id}: {entry.src!r} -> {entry.dst!r} does not fit the group")
        if index and PurePosixPath(entry.src).parent != PurePosixPath(group.files[0].src).parent:
            raise ValueError(f"group {group.id}: sidecar {entry.src!r} is not beside its photo")
        if entry.tmp != temp_rel(directory, run_id, group.id, index):
            raise ValueError(f"group {group.id}: {entry.tmp!r} is not this run's temporary name")
        if not _SHA256.fullmatch(entry.sha):
            raise ValueError(f"group {group.id}: {entry.sha!r} is not a SHA-256")
        if entry.src.casefold() in sources or entry.dst.casefold() in targets:
            raise ValueError(f"group {group.id} names a file twice")
        sources.add(entry.src.casefold())
        targets.add(entry.dst.casefold())


def _check_tag(run_id: str, mode: Mode, group: Tag) -> None:
    if mode != Mode.TAG:
        raise ValueError(f"group {group.id} is a tag in a {mode} run")
    parts = check_rel(group.xmp)
    if not group.xmp.endswith(".xmp") or parts[0] == STATE_DIR:
        raise ValueError(f"group {group.id}: {group.xmp!r} is not a sidecar this program writes")
    if group.tmp != temp_rel("/".join(parts[:-1]), run_id, group.id, 0):
        raise ValueError(f"group {group.id}: {group.tmp!r} is not this run's temporary name")
    if group.existed != (group.backup is not None) or (
        group.backup is not None and group.backup != backup_rel(run_id, group.id)
    ):
        raise ValueError(f"group {group.id}: its backup {group.backup!r} does not fit")
    if not group.label or any(c in group.label for c in "/\\\0") or group.label.strip() != group.label:
        raise ValueError(f"group {group.id}: {group.label!r} is not a label")


def check_run(run_id: str, records: list[Record]) -> None:
    """``ValueError`` unless ``records`` are a run this program could have written (see the module)."""
    first = records[0]
    if not isinstance(first, Begin) or first.run != run_id or first.v != FORMAT_VERSION:
        raise ValueError("it does not begin with its own 'begin' record")
    mode, ended, last = first.mode, False, 0
    groups: set[int] = set()
    made: set[str] = set()
    for record in records[1:]:
        if isinstance(record, _RUN_KINDS) and ended:
            raise ValueError(f"a {record.KIND!r} record follows the end of the run")
        if isinstance(record, Begin):
            raise ValueError("it has two 'begin' records")
        if isinstance(record, MakeDir):
            parts = check_rel(record.path)
            if len(parts) != 1 or parts[0] == STATE_DIR:
                raise ValueError(f"it creates {record.path!r}, not a folder directly below FOLDER")
            made.add(record.path)
        elif isinstance(record, Transfer | Tag):
            if record.id <= last:
                raise ValueError(f"group {record.id} does not follow group {last}")
            last = record.id
            groups.add(record.id)
            if isinstance(record, Tag):
                _check_tag(run_id, mode, record)
            else:
                _check_transfer(run_id, mode, record)
        elif isinstance(record, Done | Failed | UndoGroup | Undone | UndoFailed) and record.id not in groups:
            raise ValueError(f"a {record.KIND!r} record names group {record.id}, which it never began")
        elif isinstance(record, RemoveDir) and record.path not in made:
            raise ValueError(f"it removes {record.path!r}, which it never created")
        elif isinstance(record, End):
            ended = True


def _corrupt(path: Path, why: str) -> JournalCorrupt:
    return JournalCorrupt(
        f"The journal {path.name} is damaged or not one of this program's ({why}); nothing it lists is undone "
        "or finished.",
        f"Move it out of {path.parent} (keep it if you want to look at it) and run the command again.",
    )


def read_run(path: Path) -> Run:
    """Parse and check one journal; a torn last line (killed mid-write) is ignored, anything else wrong
    raises :class:`JournalCorrupt` and the whole run is refused."""
    run = Run(id=path.stem, path=path)
    try:
        data = read_regular(path, follow_symlinks=False)
    except OSError as exc:
        raise _corrupt(path, describe_error(exc)) from exc
    lines = data.split(b"\n")
    records: list[Record] = []
    for number, raw in enumerate(lines):
        if not raw.strip():
            continue
        try:
            records.append(parse_record(json.loads(raw)))
        except (ValueError, RecursionError) as exc:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
            if number == len(lines) - 1:
                continue  # the last line has no newline: torn by a kill or a full disk while it was written
            raise _corrupt(path, f"line {number + 1}: {exc}") from exc
    if not records:
        return run  # empty: stopped before it began anything
    try:
        check_run(run.id, records)
    except ValueError as exc:
        raise _corrupt(path, str(exc)) from exc
    for record in records:
        run.add(record)
    return run


def list_runs(root: Path) -> list[Run]:
    """All runs of ``root``, oldest first (files not named like a run id are not ours and ignored)."""
    runs_dir = state_dir(root) / RUNS_DIR
    if state_dir(root).is_symlink() or runs_dir.is_symlink() or not runs_dir.is_dir():
        return []
    try:
        names = sorted(p for p in runs_dir.glob("*.jsonl") if RUN_ID.fullmatch(p.stem))
    except OSError as exc:
        raise _corrupt(runs_dir, describe_error(exc)) from exc
    return [read_run(p) for p in names]


__all__ = ["FileEntry", "Run", "check_run", "list_runs", "read_run"]
