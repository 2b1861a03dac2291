"""Labelled photos for training and evaluation: one subfolder per class, as in the recipe."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from sakura_sorter.errors import SakuraSorterError
from sakura_sorter.vision.photos import find_photos


class DatasetError(SakuraSorterError):
    """A training folder that cannot be used as it is; the message says what to change."""


@dataclass
class LabelledSet:
    root: Path
    classes: list[str]
    paths: list[Path]
    labels: list[str]

    def counts(self) -> dict[str, int]:
        return {c: self.labels.count(c) for c in self.classes}

    def file_list_sha256(self) -> str:
        """A hash of the sorted relative file list (class/name), to recognise the same training data."""
        lines = sorted(p.relative_to(self.root).as_posix() for p in self.paths)
        return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def load_labelled_folder(root: Path, classes: list[str] | None = None, require_all: bool = True) -> LabelledSet:
    """Photos of ``root/<class>/`` for each class (default: every non-hidden subfolder, sorted).

    ``require_all=False`` (to evaluate a model): classes without a subfolder are left out, and one
    class is enough.
    """
    root = Path(root)
    if not root.is_dir():
        raise DatasetError(f"Not a folder: {root}")
    available = sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    chosen = classes if classes else available
    missing = [c for c in chosen if c not in available]
    if not require_all:
        chosen = [c for c in chosen if c in available]
        if not chosen:
            raise DatasetError(
                f"{root} has no subfolder named after a class ({', '.join(classes or [])}).",
                "Put the labelled photos in one subfolder per class, named as the classes.",
            )
    elif missing:
        raise DatasetError(
            f"No subfolder for class(es) {', '.join(missing)} in {root}; "
            f"subfolders are: {', '.join(available) or 'none'}"
        )
    if require_all and len(chosen) < 2:
        raise DatasetError(
            f"Training needs two or more classes (one subfolder each); found {chosen or 'none'} in {root}"
        )
    paths: list[Path] = []
    labels: list[str] = []
    for name in chosen:
        found = find_photos(root / name, recursive=True)
        if not found:
            raise DatasetError(f"The class folder {root / name} holds no photos.")
        paths.extend(found)
        labels.extend([name] * len(found))
    return LabelledSet(root, list(chosen), paths, labels)
