"""Finish or revert runs from their journal: recovery after a kill, and undo.

``recover(folder)`` finishes an interrupted run; ``undo_last(folder)`` reverses the last run (an
interrupted one counts as the last). Both work from the journal alone and are safe to repeat.

Undo removes only what it can show it wrote: a copy only while its original is still there with the same
content (so no copy that may be the last one goes), a created sidecar only when it holds nothing but the
label (else just the label is taken out), a tagged sidecar goes back to its backup only when it differs from
it by nothing but the label. Moves are moved back, never deleted. A file a person deleted since the sort is
reported and the run still closes, so older runs can be undone.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from sakura_sorter.files import fileops, journal
from sakura_sorter.files.fileops import describe_error
from sakura_sorter.files.journal import Journal, JournalError, StateError, temp_name
from sakura_sorter.files.records import (
    Done,
    End,
    Failed,
    FileEntry,
    Group,
    RemoveDir,
    Tag,
    Transfer,
    UndoBegin,
    UndoEnd,
    UndoFailed,
    UndoGroup,
    Undone,
)
from sakura_sorter.files.runs import Run, list_runs
from sakura_sorter.files.undo_tag import finish_tag, undo_tag
from sakura_sorter.vocabulary import Action, Mode

__all__ = ["UndoOutcome", "recover", "temp_name", "undo_last"]

RESTORED, KEPT, GONE = "restored", "kept", "gone"


@dataclass
class UndoOutcome:
    """What undo did: ``restored`` photos back as they were, ``kept`` (a copy or sidecar kept because a person
    changed it or its original is gone), ``gone`` (deleted since the sort: nothing to put back), and
    ``problems`` that stop the run from closing (fix them and undo again)."""

    run_id: str | None
    restored: int = 0
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    mode: Mode | None = None
    kept: int = 0
    gone: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        """One line for a person (the notes and problems say the details)."""
        if self.run_id is None:
            return "Nothing to undo."
        done = {Mode.COPY: "copies removed", Mode.TAG: "label(s) removed"}.get(
            self.mode or Mode.MOVE, "photo(s) restored"
        )
        parts = [f"{self.restored} {done}"]
        if self.kept:
            parts.append(f"{self.kept} kept (see the notes)")
        if self.gone:
            parts.append(f"{self.gone} no longer there (deleted since the sort)")
        if self.problems:
            parts.append(f"{len(self.problems)} could not be undone yet")
            return f"Run {self.run_id} is only partly undone: " + ", ".join(parts) + "."
        return f"Undid run {self.run_id}: " + ", ".join(parts) + "."


def _paths(root: Path, entry: FileEntry) -> tuple[Path, Path, Path]:
    return journal.from_rel(root, entry.src), journal.from_rel(root, entry.dst), journal.from_rel(root, entry.tmp)


def _remove_copies(root: Path, entries: list[FileEntry], notes: list[str]) -> bool:
    """Remove copies that are redundant (their original intact); True when none had to be kept."""
    kept = False
    for entry in reversed(entries):
        why = fileops.remove_copy(*_paths(root, entry), entry.sha)
        if why:
            notes.append(f"kept {entry.dst}: {why}")
            kept = True
    return not kept


def rollback_transfer(root: Path, action: Action, entries: list[FileEntry], run_id: str, gid: int) -> bool:
    """Put a half-done group back as it was; True when that worked."""
    if action == Action.COPY:
        try:
            return _remove_copies(root, entries, [])
        except (OSError, ValueError):
            return False
    ok = True
    for index, entry in reversed(list(enumerate(entries))):
        src, dst, tmp = _paths(root, entry)
        try:
            fileops.clear_tmp(tmp, dst, entry.sha)
            fileops.settle_move(dst, src, temp_name(src.parent, run_id, gid, index, "-undo"), entry.sha)
        except (OSError, ValueError):
            ok = False
    return ok


def _finish_group(root: Path, run: Run, gid: int, log: Journal) -> None:
    """Roll an interrupted group forward; if that is impossible, roll it back."""
    group = run.groups[gid]
    try:
        if isinstance(group, Tag):
            finish_tag(root, group)
        else:
            settle = fileops.settle_move if group.action == Action.MOVE else fileops.settle_copy
            for entry in group.files:
                settle(*_paths(root, entry), entry.sha)
        log.write(Done(gid, recovered=True))
    except (OSError, ValueError) as exc:
        if isinstance(exc, JournalError):
            raise
        rolled_back = _undo_group(root, run, gid, log, UndoOutcome(run.id))
        log.write(Failed(gid, describe_error(exc), rolled_back))


def _same_bytes(a: Path, b: Path) -> bool:
    """True when both are regular files with the same content (then moving one onto the other loses nothing)."""
    try:
        return fileops.sha256_of(a) == fileops.sha256_of(b)
    except OSError:
        return False


def _undo_targets(root: Path, entries: tuple[FileEntry, ...]) -> list[str]:
    """Where each moved file goes back: its old path, or a free name if something new is there."""
    targets: list[str] = []
    for entry in entries:
        src, dst = journal.from_rel(root, entry.src), journal.from_rel(root, entry.dst)
        target = src
        if os.path.lexists(dst) and os.path.lexists(src) and not _same_bytes(src, dst):
            taken = fileops.listing(src.parent) | {t.rpartition("/")[2].casefold() for t in targets}
            target = src.with_name(fileops.free_name(src.name, taken))
        targets.append(journal.to_rel(root, target))
    return targets


def _undo_move(root: Path, run: Run, group: Transfer, log: Journal, outcome: UndoOutcome) -> str:
    targets = _undo_targets(root, group.files)
    log.write(UndoGroup(group.id, tuple(targets)))
    gone = 0
    for index, (entry, target) in reversed(list(enumerate(zip(group.files, targets)))):
        _src, dst, tmp = _paths(root, entry)
        back = journal.from_rel(root, target)
        fileops.clear_tmp(tmp, dst, entry.sha)
        if os.path.lexists(back) and not os.path.lexists(dst):
            continue  # already back (or never moved)
        if not os.path.lexists(dst):
            outcome.notes.append(f"{entry.dst} is gone (deleted or moved away since the sort): nothing to put back")
            gone += 1
            continue
        if not stat.S_ISREG(os.lstat(dst).st_mode):  # a folder, link or FIFO put there since: not ours to move
            outcome.notes.append(f"{entry.dst} is no longer a file (replaced since the sort): left where it is")
            gone += 1
            continue
        back.parent.mkdir(parents=True, exist_ok=True)
        # Whatever is at dst now goes back (a person may have edited it): no content check on the way back.
        fileops.settle_move(dst, back, temp_name(back.parent, run.id, group.id, index, "-undo"), None)
        if target != entry.src:
            outcome.notes.append(f"{entry.src} was taken by another file; restored as {target}")
    return GONE if gone and gone == len(group.files) else RESTORED


def _group_name(group: Group) -> str:
    return group.xmp if isinstance(group, Tag) else group.files[0].src


def _undo_group(root: Path, run: Run, gid: int, log: Journal, outcome: UndoOutcome) -> bool:
    """Revert one group as far as the disk allows; True when nothing of it is left to do."""
    group = run.groups[gid]
    try:
        if isinstance(group, Tag):
            log.write(UndoGroup(gid))
            result = undo_tag(root, group, outcome.notes)
        elif group.action == Action.COPY:
            log.write(UndoGroup(gid))
            result = RESTORED if _remove_copies(root, list(group.files), outcome.notes) else KEPT
        else:
            result = _undo_move(root, run, group, log, outcome)
    except JournalError:
        raise
    except (OSError, ValueError) as exc:
        outcome.problems.append(f"{_group_name(group)}: {describe_error(exc)}")
        log.write(UndoFailed(gid, describe_error(exc)))
        return False
    log.write(Undone(gid))
    if result == RESTORED:
        outcome.restored += 1
    elif result == KEPT:
        outcome.kept += 1
    else:
        outcome.gone += 1
    return True


def _undo_run(root: Path, run: Run) -> UndoOutcome:
    outcome = UndoOutcome(run.id, mode=run.mode)
    with Journal(run.path) as log:
        log.write(UndoBegin())
        for gid in run.pending_undo():
            _undo_group(root, run, gid, log, outcome)
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


def _tidy(root: Path) -> list[Run]:
    """The folder's runs, after removing journals of runs stopped before they began (caller holds the lock)."""
    journal.clear_stale_starts(root)
    runs = []
    for run in list_runs(root):
        if run.empty:
            run.path.unlink(missing_ok=True)
        else:
            runs.append(run)
    return runs


def _stopped(exc: JournalError) -> StateError:
    return StateError(
        f"Stopped: the journal cannot be written ({describe_error(exc)}).",
        "Nothing is lost. Free some space or make the folder writable, then run the command again.",
    )


def recover_locked(root: Path, revert: bool) -> str | None:
    """Finish (or revert) every interrupted run of ``root``; the caller holds the folder lock."""
    recovered = None
    try:
        for run in _tidy(root):
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
    except JournalError as exc:
        raise _stopped(exc) from exc
    return recovered


def needs_recovery(folder: Path) -> bool:
    """True when a sort on ``folder`` was interrupted (killed, power loss) and not yet finished."""
    return any(run.unfinished for run in list_runs(Path(folder).resolve()))


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
    return any(run.undoable for run in list_runs(Path(folder).resolve()))


def undo_last(folder: Path) -> UndoOutcome:
    """Reverse the last applied run (an interrupted one counts as the last and is reverted).

    Photos go back to their original paths (a free ``name (1).ext`` if someone put another file
    there since), copies and labels are removed as far as that loses nothing (see the module),
    created folders removed if empty. ``run_id`` is None when there was nothing to undo.
    """
    root = Path(folder).resolve()
    if not any(run.unfinished or run.undoable for run in list_runs(root)):
        return UndoOutcome(run_id=None)
    with journal.folder_lock(root):
        try:
            for run in reversed(_tidy(root)):  # re-read under the lock
                if run.undoable:
                    return _undo_run(root, run)
                if run.unfinished:  # killed before it changed anything: just close it
                    _undo_run(root, run)
        except JournalError as exc:
            raise _stopped(exc) from exc
    return UndoOutcome(run_id=None)
