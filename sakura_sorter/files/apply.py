"""Carry out a plan: every action is journaled (``journal.py``) before it is taken, and every file
operation is idempotent (``fileops.py``), so a run killed at any moment can be finished or reverted from
the journal alone (``recovery.py``).
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Callable, Generator
from dataclasses import dataclass
from pathlib import Path

from sakura_sorter.digest import read_regular
from sakura_sorter.files import fileops, journal, xmp
from sakura_sorter.files.fileops import describe_error, sha256_of
from sakura_sorter.files.journal import Journal, JournalError, temp_name
from sakura_sorter.files.plan import Plan, PlanItem
from sakura_sorter.files.records import Done, End, Failed, FileEntry, MakeDir, Tag, Transfer
from sakura_sorter.files.recovery import recover_locked, rollback_transfer
from sakura_sorter.progress import drain
from sakura_sorter.vocabulary import Action, Status

#: ``progress(done, total, photo)`` after each photo; ``cancel()`` -> True stops before the next.
ApplyProgress = Callable[[int, int, Path], None]
Cancel = Callable[[], bool]


@dataclass(frozen=True)
class ApplyStep:
    """``done`` of ``total`` photos handled; ``path`` is the last one."""

    done: int
    total: int
    path: Path


@dataclass
class ItemOutcome:
    """What actually happened to one planned photo."""

    item: PlanItem
    status: Status
    error: str = ""
    note: str = ""


@dataclass
class ApplyOutcome:
    run_id: str | None
    items: list[ItemOutcome]
    recovered: str | None = None  # id of an interrupted earlier run that was finished first
    cancelled: bool = False

    @property
    def failed(self) -> list[ItemOutcome]:
        return [o for o in self.items if o.status == Status.ERROR]

    @property
    def ok(self) -> bool:
        return not self.failed


class _Applier:
    def __init__(self, root: Path, run_id: str, log: Journal):
        self.root, self.run_id, self.log = root, run_id, log
        self.gid = 0
        self.made: set[Path] = set()
        self.changed_last = False  # the last group's files were changed (even if logging "done" failed)

    def rel(self, path: Path) -> str:
        return journal.to_rel(self.root, path)

    def ensure_dir(self, directory: Path) -> None:
        if directory in self.made or directory.is_dir():
            return
        if directory.is_symlink() or not directory.parent.is_dir():
            raise OSError(errno.ENOTDIR, "destination is not a folder", str(directory))
        self.log.write(MakeDir(self.rel(directory)))
        try:
            directory.mkdir()
        except FileExistsError:
            if not directory.is_dir() or directory.is_symlink():
                raise
        fileops.fsync_dir(directory.parent)
        self.made.add(directory)

    def check_inside(self, *paths: Path) -> None:
        for path in paths:
            journal.from_rel(self.root, self.rel(path))  # raises if it would leave the folder

    def apply(self, item: PlanItem) -> None:
        self.gid += 1
        self.changed_last = False
        if item.action == Action.TAG:
            self._tag(self.gid, item)
        else:
            self._transfer(self.gid, item)
        self.changed_last = True
        self.log.write(Done(self.gid))

    def _transfer(self, gid: int, item: PlanItem) -> None:
        for f in item.files:
            self.check_inside(f.src, f.dst)
        if item.files[0].src.is_symlink() or not item.files[0].src.is_file():
            raise FileNotFoundError(errno.ENOENT, "photo vanished or is no longer a file", str(item.path))
        self.ensure_dir(item.files[0].dst.parent)
        group = Transfer(
            id=gid,
            action=item.action,
            files=tuple(
                FileEntry(
                    src=self.rel(f.src),
                    dst=self.rel(f.dst),
                    tmp=self.rel(temp_name(f.dst.parent, self.run_id, gid, i)),
                    sha=sha256_of(f.src),
                )
                for i, f in enumerate(item.files)
            ),
        )
        self.log.write(group)
        settle = fileops.settle_move if item.action == Action.MOVE else fileops.settle_copy
        finished: list[FileEntry] = []
        try:
            for entry in group.files:
                finished.append(entry)
                settle(*self._paths(entry), entry.sha)
        except (OSError, ValueError) as exc:
            rolled_back = rollback_transfer(self.root, group.action, finished, self.run_id, gid)
            self.log.write(Failed(gid, describe_error(exc), rolled_back))
            raise

    def _paths(self, entry: FileEntry) -> tuple[Path, Path, Path]:
        return (
            journal.from_rel(self.root, entry.src),
            journal.from_rel(self.root, entry.dst),
            journal.from_rel(self.root, entry.tmp),
        )

    def _tag(self, gid: int, item: PlanItem) -> None:
        sidecar = item.sidecar
        if sidecar is None:
            raise ValueError("a tag item without its sidecar")
        self.check_inside(sidecar)
        existed = os.path.lexists(sidecar)
        old = read_regular(sidecar, follow_symlinks=False) if existed else None  # never a FIFO or a link
        new = xmp.merge_label(old, item.label or "")  # fails before anything is written
        backup_rel = None
        if old is not None:
            backup = journal.backup_path(self.root, self.run_id, gid)
            backup.parent.mkdir(parents=True, exist_ok=True)
            fileops.write_atomic(backup, old, backup.with_suffix(".tmp"))
            backup_rel = self.rel(backup)
        record = Tag(
            id=gid,
            action=Action.TAG,
            xmp=self.rel(sidecar),
            tmp=self.rel(temp_name(sidecar.parent, self.run_id, gid, 0)),
            label=item.label or "",
            existed=existed,
            backup=backup_rel,
        )
        self.log.write(record)
        try:
            fileops.write_atomic(sidecar, new, journal.from_rel(self.root, record.tmp))
        except OSError as exc:
            self.log.write(Failed(gid, describe_error(exc), True))
            raise


def apply_steps(plan: Plan, cancel: Cancel | None = None) -> Generator[ApplyStep, None, ApplyOutcome]:
    """Carry out ``plan``, yielding after each photo and returning the outcome.

    One photo's failure becomes its error and the rest continue; ``cancel()`` -> True stops before the
    next photo. An interrupted earlier run on the same folder is finished first. Nothing is written (not
    even the journal) when the plan has nothing to do.
    """
    outcomes = [
        ItemOutcome(item, item.status, item.note if item.status == Status.ERROR else "", item.note)
        for item in plan.items
    ]
    todo = [o for o in outcomes if o.item.actionable]
    result = ApplyOutcome(run_id=None, items=outcomes)
    if not todo:
        return result
    root = plan.folder
    with journal.folder_lock(root):
        result.recovered = recover_locked(root, revert=False)
        run_id, log = journal.start_run(root, plan.mode)
        result.run_id = run_id
        applier = _Applier(root, run_id, log)
        with log:
            end = "complete"
            for count, outcome in enumerate(todo, start=1):
                if cancel is not None and cancel():
                    for rest in todo[count - 1 :]:
                        rest.status, rest.error, rest.note = Status.SKIPPED, "", "cancelled before it was sorted"
                    result.cancelled, end = True, "cancelled"
                    break
                try:
                    applier.apply(outcome.item)
                except JournalError as exc:
                    if applier.changed_last:  # done, only its "done" line is missing
                        outcome.status, count = Status.SORTED, count + 1
                    for rest in todo[count - 1 :]:
                        rest.status, rest.error = Status.ERROR, f"not done, journal unusable: {describe_error(exc)}"
                    end = "aborted"
                    break
                except (OSError, ValueError) as exc:
                    outcome.status, outcome.error = Status.ERROR, describe_error(exc)
                else:
                    outcome.status = Status.SORTED
                yield ApplyStep(count, len(todo), outcome.item.path)
            # If even this fails, the run is seen as interrupted and finished by the next recover().
            with contextlib.suppress(JournalError):
                log.write(End(end))
    return result


def apply_plan(plan: Plan, progress: ApplyProgress | None = None, cancel: Cancel | None = None) -> ApplyOutcome:
    """:func:`apply_steps` run to the end, calling ``progress(done, total, photo)`` after each photo."""
    report = None if progress is None else (lambda step: progress(step.done, step.total, step.path))
    return drain(apply_steps(plan, cancel), report)
