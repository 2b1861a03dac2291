"""Apply a plan, undo it, recover after a crash: the API the CLI and the GUI share.

Every action is journaled (``journal.py``) before it is taken, and every file operation is
idempotent (``fileops.py``), so a run killed at any moment can be finished or reverted from
the journal alone: ``recover(folder)`` finishes it, ``undo_last(folder)`` reverts it.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sakura_sorter import fileops, journal, xmp
from sakura_sorter.journal import FolderBusy, Journal, JournalError, Run
from sakura_sorter.planning import (
    COPY,
    DEFAULT_THRESHOLD,
    ERROR,
    MOVE,
    SKIPPED,
    SORTED,
    TAG,
    Plan,
    PlanItem,
    make_plan,
)

__all__ = [
    "DEFAULT_THRESHOLD",
    "ApplyOutcome",
    "FolderBusy",
    "ItemOutcome",
    "UndoOutcome",
    "apply_plan",
    "has_undoable_run",
    "make_plan",
    "needs_recovery",
    "recover",
    "undo_last",
]

#: ``progress(done, total, photo)`` after each photo; ``cancel()`` -> True stops before the next.
Progress = Callable[[int, int, Path], None]
Cancel = Callable[[], bool]


@dataclass
class ItemOutcome:
    """What actually happened to one planned photo."""

    item: PlanItem
    status: str
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
        return [o for o in self.items if o.status == ERROR]

    @property
    def ok(self) -> bool:
        return not self.failed


@dataclass
class UndoOutcome:
    run_id: str | None
    restored: int = 0
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _describe(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        name = exc.filename2 or exc.filename
        return f"{exc.strerror}: {name}" if name else exc.strerror
    return str(exc) or type(exc).__name__


def _tmp(directory: Path, run_id: str, gid: int, index: int, suffix: str = "") -> Path:
    return directory / f".sakura-sorter-{run_id}-{gid}-{index}{suffix}.tmp"


# --- applying ---------------------------------------------------------------------------------


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
        self.log.write({"t": "mkdir", "path": self.rel(directory)})
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
        gid = self.gid
        if item.action == TAG:
            self._tag(gid, item)
            return
        for f in item.files:
            self.check_inside(f.src, f.dst)
        if item.files[0].src.is_symlink() or not item.files[0].src.is_file():
            raise FileNotFoundError(errno.ENOENT, "photo vanished or is no longer a file", str(item.path))
        self.ensure_dir(item.files[0].dst.parent)
        files = [
            {
                "src": self.rel(f.src),
                "dst": self.rel(f.dst),
                "tmp": self.rel(_tmp(f.dst.parent, self.run_id, gid, i)),
                "sha": fileops.sha256_of(f.src),
            }
            for i, f in enumerate(item.files)
        ]
        self.log.write({"t": "do", "id": gid, "action": item.action, "files": files})
        settle = fileops.settle_move if item.action == MOVE else fileops.settle_copy
        finished: list[dict] = []
        try:
            for entry in files:
                finished.append(entry)
                settle(*self._paths(entry), entry["sha"])
        except (OSError, ValueError) as exc:
            rolled_back = _rollback_group(self.root, item.action, finished, self.run_id, gid)
            self.log.write({"t": "failed", "id": gid, "error": _describe(exc), "rolled_back": rolled_back})
            raise
        self.changed_last = True
        self.log.write({"t": "done", "id": gid})

    def _paths(self, entry: dict) -> tuple[Path, Path, Path]:
        return tuple(journal.from_rel(self.root, entry[k]) for k in ("src", "dst", "tmp"))  # type: ignore[return-value]

    def _tag(self, gid: int, item: PlanItem) -> None:
        sidecar = item.sidecar
        assert sidecar is not None
        self.check_inside(sidecar)
        if sidecar.is_symlink():
            raise OSError(errno.ELOOP, "sidecar is a symbolic link", str(sidecar))
        existed = sidecar.exists()
        old = sidecar.read_bytes() if existed else None
        new = xmp.merge_label(old, item.label or "")  # fails before anything is written
        record = {
            "t": "do",
            "id": gid,
            "action": TAG,
            "xmp": self.rel(sidecar),
            "tmp": self.rel(_tmp(sidecar.parent, self.run_id, gid, 0)),
            "label": item.label,
            "existed": existed,
        }
        if old is not None:
            backup = journal.backup_path(self.root, self.run_id, gid)
            backup.parent.mkdir(parents=True, exist_ok=True)
            fileops.write_atomic(backup, old, backup.with_suffix(".tmp"))
            record["backup"] = self.rel(backup)
        self.log.write(record)
        try:
            fileops.write_atomic(sidecar, new, journal.from_rel(self.root, record["tmp"]))
        except OSError as exc:
            self.log.write({"t": "failed", "id": gid, "error": _describe(exc), "rolled_back": True})
            raise
        self.changed_last = True
        self.log.write({"t": "done", "id": gid})


def _rollback_group(root: Path, action: str, entries: list[dict], run_id: str, gid: int) -> bool:
    """Put a half-done group back as it was; True when that worked."""
    ok = True
    for index, entry in reversed(list(enumerate(entries))):
        src, dst, tmp = (journal.from_rel(root, entry[k]) for k in ("src", "dst", "tmp"))
        try:
            if action == MOVE:
                fileops._clear_tmp(tmp, dst, entry["sha"])
                fileops.settle_move(dst, src, _tmp(src.parent, run_id, gid, index, "-undo"), entry["sha"])
            else:
                ok = fileops.remove_copy(dst, tmp, entry["sha"]) and ok
        except (OSError, ValueError):
            ok = False
    return ok


def apply_plan(plan: Plan, progress: Progress | None = None, cancel: Cancel | None = None) -> ApplyOutcome:
    """Carry out ``plan``; one photo's failure becomes its error and the rest continue.

    An interrupted earlier run on the same folder is finished first. Nothing is written (not
    even the journal) when the plan has nothing to do.
    """
    outcomes = [
        ItemOutcome(item, item.status, item.note if item.status == ERROR else "", item.note) for item in plan.items
    ]
    todo = [o for o in outcomes if o.item.actionable]
    result = ApplyOutcome(run_id=None, items=outcomes)
    if not todo:
        return result
    root = plan.folder
    with journal.folder_lock(root):
        result.recovered = _recover_locked(root, revert=False)
        run_id, log = journal.start_run(root, plan.mode)
        result.run_id = run_id
        applier = _Applier(root, run_id, log)
        with log:
            end = "complete"
            for count, outcome in enumerate(todo, start=1):
                if cancel is not None and cancel():
                    for rest in todo[count - 1 :]:
                        rest.status, rest.error, rest.note = SKIPPED, "", "cancelled before it was sorted"
                    result.cancelled, end = True, "cancelled"
                    break
                try:
                    applier.apply(outcome.item)
                except JournalError as exc:
                    if applier.changed_last:  # done, only its "done" line is missing
                        outcome.status, count = SORTED, count + 1
                    for rest in todo[count - 1 :]:
                        rest.status, rest.error = ERROR, f"not done, journal unusable: {_describe(exc)}"
                    end = "aborted"
                    break
                except (OSError, ValueError) as exc:
                    outcome.status, outcome.error = ERROR, _describe(exc)
                else:
                    outcome.status = SORTED
                if progress is not None:
                    progress(count, len(todo), outcome.item.path)
            # If even this fails, the run is seen as interrupted and finished by the next recover().
            with contextlib.suppress(JournalError):
                log.write({"t": "end", "status": end})
    return result


# --- recovery and undo ------------------------------------------------------------------------


def _finish_group(root: Path, run: Run, gid: int, log: Journal) -> None:
    """Roll an interrupted group forward; if that is impossible, roll it back."""
    record = run.groups[gid]
    try:
        if record["action"] == TAG:
            sidecar = journal.from_rel(root, record["xmp"])
            data = sidecar.read_bytes() if sidecar.exists() else None
            fileops.write_atomic(sidecar, xmp.merge_label(data, record["label"]), journal.from_rel(root, record["tmp"]))
        else:
            settle = fileops.settle_move if record["action"] == MOVE else fileops.settle_copy
            for entry in record["files"]:
                src, dst, tmp = (journal.from_rel(root, entry[k]) for k in ("src", "dst", "tmp"))
                settle(src, dst, tmp, entry["sha"])
        log.write({"t": "done", "id": gid, "recovered": True})
    except (OSError, ValueError) as exc:
        if isinstance(exc, JournalError):
            raise
        rolled_back = _undo_group(root, run, gid, log, UndoOutcome(run.id))
        log.write({"t": "failed", "id": gid, "error": _describe(exc), "rolled_back": rolled_back})


def _undo_targets(root: Path, entries: list[dict]) -> list[str]:
    """Where each moved file goes back: its old path, or a free name if something new is there."""
    targets = []
    for entry in entries:
        src, dst = journal.from_rel(root, entry["src"]), journal.from_rel(root, entry["dst"])
        target = src
        if os.path.lexists(dst) and os.path.lexists(src) and fileops.sha256_of(src) != entry["sha"]:
            taken = fileops.listing(src.parent) | {t.rpartition("/")[2].casefold() for t in targets}
            target = src.with_name(fileops.free_name(src.name, taken))
        targets.append(journal.to_rel(root, target))
    return targets


def _undo_group(root: Path, run: Run, gid: int, log: Journal, outcome: UndoOutcome) -> bool:
    """Revert one group as far as the disk allows; True when nothing of it remains applied."""
    record = run.groups[gid]
    action = record["action"]
    try:
        if action != MOVE:
            log.write({"t": "undo", "id": gid})
        if action == TAG:
            sidecar, tmp = journal.from_rel(root, record["xmp"]), journal.from_rel(root, record["tmp"])
            if record.get("existed"):
                backup = journal.from_rel(root, record["backup"])
                fileops.write_atomic(sidecar, backup.read_bytes(), tmp)
            else:
                fileops._clear_tmp(tmp, sidecar, None)
                if os.path.lexists(sidecar):
                    os.unlink(sidecar)
                    fileops.fsync_dir(sidecar.parent)
        elif action == COPY:
            for entry in reversed(record["files"]):
                dst, tmp = journal.from_rel(root, entry["dst"]), journal.from_rel(root, entry["tmp"])
                if not fileops.remove_copy(dst, tmp, entry["sha"]):
                    outcome.notes.append(f"kept {entry['dst']}: it was changed after it was copied")
        else:
            targets = _undo_targets(root, record["files"])
            log.write({"t": "undo", "id": gid, "targets": targets})
            for index, (entry, target) in reversed(list(enumerate(zip(record["files"], targets)))):
                dst, tmp = journal.from_rel(root, entry["dst"]), journal.from_rel(root, entry["tmp"])
                back = journal.from_rel(root, target)
                fileops._clear_tmp(tmp, dst, entry["sha"])
                if os.path.lexists(back) and not os.path.lexists(dst):
                    continue  # already back (or never moved)
                back.parent.mkdir(parents=True, exist_ok=True)
                fileops.settle_move(dst, back, _tmp(back.parent, run.id, gid, index, "-undo"), entry["sha"])
                if target != entry["src"]:
                    outcome.notes.append(f"{entry['src']} was taken by another file; restored as {target}")
    except JournalError:
        raise
    except (OSError, ValueError) as exc:
        outcome.problems.append(f"group {gid}: {_describe(exc)}")
        log.write({"t": "undo-failed", "id": gid, "error": _describe(exc)})
        return False
    log.write({"t": "undone", "id": gid})
    return True


def _undo_run(root: Path, run: Run) -> UndoOutcome:
    outcome = UndoOutcome(run.id)
    with Journal(run.path) as log:
        log.write({"t": "undo-begin"})
        for gid in run.pending_undo():
            if _undo_group(root, run, gid, log, outcome):
                outcome.restored += 1
        for rel in reversed(run.mkdirs):
            directory = journal.from_rel(root, rel)
            try:
                directory.rmdir()
                log.write({"t": "rmdir", "path": rel})
            except FileNotFoundError:
                pass
            except OSError:
                outcome.notes.append(f"kept folder {rel}/: it is not empty")
        if not run.ended:
            log.write({"t": "end", "status": "reverted"})
        log.write({"t": "undo-end", "incomplete": bool(outcome.problems)})
    return outcome


def _recover_locked(root: Path, revert: bool) -> str | None:
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
            log.write({"t": "end", "status": "recovered"})
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
        return _recover_locked(root, revert)


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
