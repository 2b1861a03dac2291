"""What a plan would do, counted once for every front end: per class, per reason a photo stays, per subfolder;
and the photos a scan of the top folder only left out, per subfolder."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sakura_sorter.vocabulary import NEITHER, Status

if TYPE_CHECKING:
    from sakura_sorter.files.plan import Plan


@dataclass
class PlanSummary:
    mode: str
    to_class: Counter[str] = field(default_factory=Counter)
    by_person: Counter[str] = field(default_factory=Counter)
    review: int = 0
    neither: int = 0  #: the model says the photo is neither class: it stays
    left_by_person: int = 0  #: a person chose "neither / leave here"
    skipped: int = 0
    errors: int = 0
    from_subfolders: Counter[str] = field(default_factory=Counter)  #: actionable photos per first subfolder

    @property
    def actionable(self) -> int:
        return sum(self.to_class.values())


def summarize(plan: Plan) -> PlanSummary:
    """Count what ``plan`` would do, per class, per reason for staying, and per subfolder."""
    summary = PlanSummary(plan.mode)
    for item in plan.items:
        if item.actionable:
            label = item.label or ""
            summary.to_class[label] += 1
            if item.result.human_label:
                summary.by_person[label] += 1
            rel = item.path.relative_to(plan.folder).parts
            if len(rel) > 1:
                summary.from_subfolders[rel[0]] += 1
        elif item.status == Status.REVIEW:
            summary.review += 1
        elif item.status == Status.ERROR:
            summary.errors += 1
        elif item.status == Status.NEITHER and item.result.human_label == NEITHER:
            summary.left_by_person += 1
        elif item.status == Status.NEITHER:
            summary.neither += 1
        else:
            summary.skipped += 1
    return summary


def left_out(root: Path, classes: Sequence[str]) -> Counter[str]:
    """The photos a scan of ``root`` alone leaves out, per subfolder (class folders are already sorted)."""
    from sakura_sorter.files.journal import STATE_DIR
    from sakura_sorter.files.plan import destinations

    return photos_in_subfolders(root, {*destinations(classes), STATE_DIR})


def photos_in_subfolders(folder: Path, skip: set[str]) -> Counter[str]:
    """Photos below the subfolders of ``folder`` (any depth), per first subfolder: what a scan of the top
    folder only leaves out. Subfolders named in ``skip`` (class folders, the state folder) and hidden entries
    are not counted; symbolic links are never followed; folders that cannot be listed count nothing."""
    from sakura_sorter.vision.photos import is_photo_name

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


def left_out_text(left_out: Counter[str], limit: int = 3) -> str:
    """``1483 photos in subfolders were left out (2024/ 900, 2023/ 583)`` for the command line (English)."""
    total = sum(left_out.values())
    where = ", ".join(f"{name}/ {n}" for name, n in left_out.most_common(limit))
    more = ", …" if len(left_out) > limit else ""
    return f"{total} photo(s) in subfolders were left out ({where}{more}); --recursive includes them"
