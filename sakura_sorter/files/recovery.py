"""Finish or revert runs from their journal: recovery after a kill, and undo.

``recover(folder)`` finishes an interrupted run; ``undo_last(folder)`` reverses the last run (an
interrupted one counts as the last). Both work from the journal alone and are safe to repeat.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from sakura_sorter.digest import sha256_of
from sakura_sorter.files import fileops, journal, xmp
from sakura_sorter.files.fileops import describe_error
from sakura_sorter.files.journal import (
    End,
    FileEntry,
    Journal,
    JournalError,
    RemoveDir,
    Run,
    Tag,
    Transfer,
    UndoBegin,
    UndoEnd,
    UndoFailed,
    UndoGroup,
    Undone,
)
from sakura_sorter.vocabulary import Action


@dataclass
class UndoOutcome:
    run_id: str | None
    restored: int = 0
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def temp_name(directory: Path, run_id: str, gid: int, index: int, suffix: str = "") -> Path:
    """The temporary file a group's ``index``-th file passes through in ``directory``."""
    return directory / f".sakura-sorter-{run_id}-{gid}-{index}{suffix}.tmp"


def _paths(root: Path, entry: FileEntry) -> tuple[Path, Path, Path]:
    return journal.from_rel(root, entry.src), journal.from_rel(root, entry.dst), journal.from_rel(root, entry.tmp)


def rollback_transfer(root: Path, action: Action, entries: list[FileEntry], run_id: str, gid: int) -> bool:
    """Put a half-done group back as it was; True when that worked."""
    ok = True
    for index, entry in reversed(list(enumerate(entries))):
        src, dst, tmp = _paths(root, entry)
        try:
            if action == Action.MOVE:
                fileops.clear_tmp(tmp, dst, entry.sha)
                fileops.settle_move(dst, src, temp_name(src.parent, run_id, gid, index, "-undo"), entry.sha)
            else:
                ok = fileops.remove_copy(dst, tmp, entry.sha) and ok
        except (OSError, ValueError):
            ok = False
    return ok


def _finish_group(root: Path, run: Run, gid: int, log: Journal) -> None:
    """Roll an interrupted group forward; if that is impossible, roll it back."""
    group = run.groups[gid]
    try:
        if isinstance(group, Tag):
            sidecar = journal.from_rel(root, group.xmp)
            data = sidecar.read_bytes() if sidecar.exists() else None
            fileops.write_atomic(sidecar, xmp.merge_label(data, group.label), journal.from_rel(root, group.tmp))
        else:
            settle = fileops.settle_move if group.action == Action.MOVE else fileops.settle_copy
            for entry in group.files:
                settle(*_paths(root, entry), entry.sha)
        log.write(journal.Done(gid, recovered=True))
    except (OSError, ValueError) as exc:
        if isinstance(exc, JournalError):
            raise
        rolled_back = _undo_group(root, run, gid, log, UndoOutcome(run.id))
        log.write(journal.Failed(gid, describe_error(exc), rolled_back))


def _undo_targets(root: Path, entries: tuple[FileEntry, ...]) -> list[str]:
    """Where each moved file goes back: its old path, or a free name if something new is there."""
    targets: list[str] = []
    for entry in entries:
        src, dst = journal.from_rel(root, entry.src), journal.from_rel(root, entry.dst)
        target = src
        if os.path.lexists(dst) and os.path.lexists(src) and sha256_of(src) != entry.sha:
            taken = fileops.listing(src.parent) | {t.rpartition("/")[2].casefold() for t in targets}
            target = src.with_name(fileops.free_name(src.name, taken))
        targets.append(journal.to_rel(root, target))
    return targets


def _undo_tag(root: Path, group: Tag) -> None:
    sidecar, tmp = journal.from_rel(root, group.xmp), journal.from_rel(root, group.tmp)
    if group.existed and group.backup is not None:
        backup = journal.from_rel(root, group.backup)
        fileops.write_atomic(sidecar, backup.read_bytes(), tmp)
    else:
        fileops.clear_tmp(tmp, sidecar, None)
        if os.path.lexists(sidecar):
            os.unlink(sidecar)
            fileops.fsync_dir(sidecar.parent)


def _undo_copy(root: Path, group: Transfer, outcome: UndoOutcome) -> None:
    for entry in reversed(group.files):
        _src, dst, tmp = _paths(root, entry)
        if not fileops.remove_copy(dst, tmp, entry.sha):
            outcome.notes.append(f"kept {entry.dst}: it was changed after it was copied")


def _undo_move(root: Path, run: Run, group: Transfer, log: Journal, outcome: UndoOutcome) -> None:
    targets = _undo_targets(root, group.files)
    log.write(UndoGroup(group.id, tuple(targets)))
    for index, (entry, target) in reversed(list(enumerate(zip(group.files, targets)))):
        _src, dst, tmp = _paths(root, entry)
        back = journal.from_rel(root, target)
        fileops.clear_tmp(tmp, dst, entry.sha)
        if os.path.lexists(back) and not os.path.lexists(dst):
            continue  # already back (or never moved)
        back.parent.mkdir(parents=True, exist_ok=True)
        fileops.settle_move(dst, back, temp_name(back.parent, run.id, group.id, index, "-undo"), entry.sha)
        if target != entry.src:
            outcome.notes.append(f"{entry.src} was taken by another file; restored as {target}")


def _undo_group(root: Path, run: Run, gid: int, log: Journal, outcome: UndoOutcome) -> bool:
    """Revert one group as far as the disk allows; True when nothing of it remains applied."""
    group = run.groups[gid]
    try:
        if isinstance(group, Tag):
            log.write(UndoGroup(gid))
            _undo_tag(root, group)
        elif group.action == Action.COPY:
            log.write(UndoGroup(gid))
            _undo_copy(root, group, outcome)
        else:
            _undo_move(root, run, group, log, outcome)
    except JournalError:
        raise
    except (OSError, ValueError) as exc:
        outcome.problems.append(f"group {gid}: {describe_error(exc)}")
        log.write(UndoFailed(gid, describe_error(exc)))
        return False
    log.write(Undone(gid))
    return True


def _undo_run(root: Path, run: Run) -> UndoOutcome:
    outcome = UndoOutcome(run.id)
    with Journal(run.path) as log:
        log.write(UndoBegin())
        for gid in run.pending_undo():
            if _undo_group(root, run, gid, log, outcome):
                outcome.restored += 1
        for rel in reversed(run.mkdirs):
            directory = journal.from_rel(root, rel)
            try:
                directory.rmdir()
                log.write(RemoveDir(rel))
            except FileNotFoundError:
                pass
            except OSError:
                outcome.notes.append(f"kept folder {rel}/: it is not empty")
        if not run.ended:
            log.write(End("reverted"))
        log.write(UndoEnd(bool(outcome.problems)))
    return outcome


def recover_locked(root: Path, revert: bool) -> str | None:
    """Finish (or revert) every interrupted run of ``root``; the caller holds the folder lock."""
    recovered = None
    for run in journal.list_runs(root):
        if not run.unfinished:
            continue
        recovered = run.id
        if revert:
            _undo_run(root, run)
            continue
        with Journal(run.path) as log:
            for gid in sorted(run.groups):
                if gid not in run.done and gid not in run.failed:
                    _finish_group(root, run, gid, log)
            log.write(End("recovered"))
    return recovered


def needs_recovery(folder: Path) -> bool:
    """True when a sort on ``folder`` was interrupted (killed, power loss) and not yet finished."""
    return any(run.unfinished for run in journal.list_runs(Path(folder).resolve()))


def recover(folder: Path, revert: bool = False) -> str | None:
    """Finish (or with ``revert``, undo) an interrupted run; returns its id, None if there was none.

    Finishing completes the photo that was being moved when the run died (with its sidecars);
    the photos the run had not reached stay where they are, so a new ``sort`` picks them up.
    """
    root = Path(folder).resolve()
    if not needs_recovery(root):
        return None
    with journal.folder_lock(root):
        return recover_locked(root, revert)


def has_undoable_run(folder: Path) -> bool:
    """True when ``undo_last(folder)`` would change something."""
    return any(run.undoable for run in journal.list_runs(Path(folder).resolve()))


def undo_last(folder: Path) -> UndoOutcome:
    """Reverse the last applied run (an interrupted one counts as the last and is reverted).

    Photos go back to their original paths (a free ``name (1).ext`` if someone put another file
    there since), created sidecars are removed, pre-existing ones restored, created folders
    removed if empty. ``run_id`` is None when there was nothing to undo.
    """
    root = Path(folder).resolve()
    if not any(run.unfinished or run.undoable for run in journal.list_runs(root)):
        return UndoOutcome(run_id=None)
    with journal.folder_lock(root):
        for run in reversed(journal.list_runs(root)):  # re-read under the lock
            if run.undoable:
                return _undo_run(root, run)
            if run.unfinished:  # killed before it changed anything: just close it
                _undo_run(root, run)
    return UndoOutcome(run_id=None)
