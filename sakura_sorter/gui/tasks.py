"""Jobs the window runs on its worker that combine a job with a follow-up check (plain Python, no Qt)."""

from __future__ import annotations

from collections.abc import Generator, Sequence
from dataclasses import dataclass
from pathlib import Path

from sakura_sorter.files.apply import ApplyOutcome, ApplyStep
from sakura_sorter.files.plan import Plan
from sakura_sorter.files.recovery import UndoOutcome
from sakura_sorter.jobs import FolderScan, Jobs
from sakura_sorter.results import PhotoResult
from sakura_sorter.vocabulary import Mode


@dataclass
class ApplyResult:
    plan: Plan
    outcome: ApplyOutcome
    undoable: bool


@dataclass
class UndoResult:
    outcome: UndoOutcome
    undoable: bool


def apply_and_check(plan: Plan) -> Generator[ApplyStep, None, ApplyResult]:
    """Apply ``plan``, then say whether the folder has a run to undo."""
    outcome = yield from Jobs.apply(plan)
    return ApplyResult(plan, outcome, Jobs.undoable(plan.folder))


def undo_and_check(folder: Path) -> UndoResult:
    """Undo the last run of ``folder``, then say whether an older run is left to undo."""
    outcome = Jobs.undo(folder)
    return UndoResult(outcome, Jobs.undoable(folder))


def dry_run_report(
    jobs: Jobs, out: Path, scan: FolderScan, results: Sequence[PhotoResult], mode: Mode, threshold: float
) -> Path:
    """Write what applying would do, as ``sort --dry-run --report`` does."""
    return jobs.write_sort_report(out, jobs.plan(scan, results, mode, threshold))
