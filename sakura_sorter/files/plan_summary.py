"""What a plan would do, counted once for every front end: per class, per reason a photo stays, per subfolder;
and the photos a scan of the top folder only left out, per subfolder.

The groups of a :class:`PlanSummary` never overlap and add up to the photos counted (``total``): a photo below
the threshold is in ``review``, not in its class. :func:`summarize` counts a plan (the apply dialog, ``sort``),
:func:`count_results` counts results before any plan is made (the window's filters and status line), with the
same rules as the planner.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sakura_sorter.results import PhotoResult, Threshold
from sakura_sorter.vocabulary import NEITHER, Status

if TYPE_CHECKING:
    from sakura_sorter.files.apply import ApplyOutcome
    from sakura_sorter.files.plan import Plan


@dataclass
class PlanSummary:
    mode: str
    to_class: Counter[str] = field(default_factory=Counter)
    by_person: Counter[str] = field(default_factory=Counter)
    review: int = 0
    neither: int = 0  #: the model says the photo is neither class: it stays
    left_by_person: int = 0  #: a person chose "neither / leave here"
    skipped: int = 0  #: already sorted (into a class folder, or by an earlier run), links, …
    errors: int = 0
    from_subfolders: Counter[str] = field(default_factory=Counter)  #: actionable photos per first subfolder

    @property
    def actionable(self) -> int:
        return sum(self.to_class.values())

    @property
    def stays(self) -> int:
        """Photos left where they are on purpose: below the threshold, neither class, the person's choice."""
        return self.review + self.neither + self.left_by_person

    @property
    def total(self) -> int:
        return self.actionable + self.stays + self.skipped + self.errors


def tally(mode: str, entries: Iterable[tuple[PhotoResult, Status]]) -> PlanSummary:
    """Count photos by how they end (``Status.SORTED``: into their class), each in exactly one group."""
    summary = PlanSummary(mode)
    for result, status in entries:
        if status in (Status.SORTED, Status.PLANNED):
            label = result.final_label or ""
            summary.to_class[label] += 1
            if result.human_label:
                summary.by_person[label] += 1
        elif status == Status.REVIEW:
            summary.review += 1
        elif status == Status.ERROR:
            summary.errors += 1
        elif status == Status.NEITHER and result.human_label == NEITHER:
            summary.left_by_person += 1
        elif status == Status.NEITHER:
            summary.neither += 1
        else:
            summary.skipped += 1
    return summary


def summarize(plan: Plan) -> PlanSummary:
    """Count what ``plan`` would do, per class, per reason for staying, and per subfolder."""
    entries = ((item.result, Status.SORTED if item.actionable else item.status) for item in plan.items)
    summary = tally(plan.mode, entries)
    for item in plan.actionable:  # the plan's own paths (normalised under its folder)
        rel = item.path.relative_to(plan.folder).parts
        if len(rel) > 1:
            summary.from_subfolders[rel[0]] += 1
    return summary


def summarize_outcome(plan: Plan, outcome: ApplyOutcome) -> PlanSummary:
    """Count how an apply of ``plan`` ended (a photo that failed counts as an error)."""
    return tally(plan.mode, ((o.item.result, o.status) for o in outcome.items))


def expected_status(result: PhotoResult, threshold: Threshold, done: bool = False) -> Status:
    """How Apply will end for ``result`` as far as the results tell (the planner's rules, without the disk):
    ``SORTED`` into its class, or why it stays."""
    if not result.ok:
        return Status.ERROR
    if done:
        return Status.SKIPPED
    if result.needs_review(threshold):
        return Status.REVIEW
    if result.final_label == NEITHER:
        return Status.NEITHER
    return Status.SORTED


def count_results(
    results: Sequence[PhotoResult], threshold: Threshold, done: Collection[int] = (), mode: str = ""
) -> PlanSummary:
    """What Apply will do with ``results`` (``done``: indexes an earlier run sorted already), in groups that
    do not overlap: the window's filter counts and status line."""
    return tally(mode, ((r, expected_status(r, threshold, i in done)) for i, r in enumerate(results)))


def left_out(root: Path, classes: Sequence[str]) -> Counter[str]:
    """The photos a scan of ``root`` alone leaves out, per subfolder (class folders are already sorted)."""
    from sakura_sorter.files.journal import STATE_DIR
    from sakura_sorter.files.plan import destinations

    return photos_in_subfolders(root, {*destinations(classes), STATE_DIR})


def photos_in_subfolders(folder: Path, skip: set[str]) -> Counter[str]:
    """Photos below the subfolders of ``folder`` (any depth), per first subfolder: what a scan of the top
    folder only leaves out. Subfolders named in ``skip`` (class folders, the state folder) and hidden entries
    are not counted; symbolic links are never followed; folders that cannot be listed count nothing."""
    from sakura_sorter.vision.listing import is_photo_name

    found: Counter[str] = Counter()
    try:
        with os.scandir(folder) as it:
            tops = [e for e in it if not e.name.startswith(".") and e.name not in skip and _is_dir(e)]
    except OSError:
        return found
    for top in tops:
        stack = [top.path]
        while stack:
            try:
                with os.scandir(stack.pop()) as it:
                    for entry in it:
                        if entry.name.startswith("."):
                            continue
                        if _is_dir(entry):
                            stack.append(entry.path)
                        elif is_photo_name(entry.name) and entry.is_file(follow_symlinks=False):
                            found[top.name] += 1
            except OSError:
                continue
    return found


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def left_out_parts(left_out: Counter[str], limit: int = 3) -> tuple[int, list[tuple[str, int]], int]:
    """What to say of the photos left out: their total, the ``limit`` subfolders with the most photos (name,
    count; by name when counts tie) and how many other subfolders there are. Every front end says this."""
    ranked = sorted(left_out.items(), key=lambda kv: (-kv[1], kv[0]))
    return sum(left_out.values()), ranked[:limit], max(0, len(ranked) - limit)


def left_out_text(left_out: Counter[str], limit: int = 3) -> str:
    """``1483 photos in subfolders were left out (2024/ 900, 2023/ 583)`` for the command line (English)."""
    total, shown, more = left_out_parts(left_out, limit)
    where = ", ".join(f"{name}/ {n}" for name, n in shown)
    if more:
        where += f", and {more} more subfolder{'s' if more > 1 else ''}"
    return f"{total} photo(s) in subfolders were left out ({where}); --recursive includes them"
