"""Labelled photos for training and evaluation: one subfolder per class, as in the recipe, plus folders of
photos that belong to no class ("neither"), which train the background class ``other``.

Each photo also has a *source* and *kinds* (:mod:`~sakura_sorter.model.provenance`: from a ``SOURCES.tsv``
beside the photos, else the file-name prefix). Cross-validation holds out whole sources, so photos of one
camera or collection cannot flatter the figures. Several data folders can be trained on at once
(:func:`load_labelled_folders`): their class subfolders are merged.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sakura_sorter.errors import SakuraSorterError
from sakura_sorter.model.provenance import Provenance, provenance_of, source_from_name
from sakura_sorter.vision.listing import find_photos
from sakura_sorter.vocabulary import NEITHER, is_neither_name


class DatasetError(SakuraSorterError):
    """A training folder that cannot be used as it is; the message says what to change."""


def source_of(path: Path) -> str:
    """The photo's source when nothing else is known: its file name up to the first ``_``."""
    return source_from_name(path)


@dataclass
class LabelledSet:
    """Photos with their labels; ``subsets`` names the folder each came from (a class, or a neither folder)."""

    root: Path
    classes: list[str]  # the model's classes, the background class ``other`` last when present
    paths: list[Path]
    labels: list[str]
    subsets: list[str] = field(default_factory=list)
    neither_folders: list[Path] = field(default_factory=list)
    roots: list[Path] = field(default_factory=list)  #: every data folder (``root`` is the first)

    def __post_init__(self) -> None:
        if not self.subsets:
            self.subsets = list(self.labels)
        if not self.roots:
            self.roots = [self.root]

    def provenance(self) -> list[Provenance]:
        """Each photo's source and tags, from the ``SOURCES.tsv`` of its data or neither folder, else its name."""
        return provenance_of(self.paths, [*self.roots, *self.neither_folders])

    def sources(self) -> list[str]:
        return [p.source for p in self.provenance()]

    def counts(self) -> dict[str, int]:
        return {c: self.labels.count(c) for c in self.classes}

    def subset_counts(self) -> dict[str, int]:
        return {s: self.subsets.count(s) for s in dict.fromkeys(self.subsets)}

    def file_list_sha256(self) -> str:
        """A hash of the sorted file list (subset/relative name), to recognise the same training data."""
        lines = sorted(f"{s}/{p.name}" for s, p in zip(self.subsets, self.paths))
        return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def _photos(folder: Path, what: str) -> list[Path]:
    found = find_photos(folder, recursive=True)
    if not found:
        raise DatasetError(f"The {what} folder {folder} holds no photos.", "Put photos in it, or leave it out.")
    return found


def _subset_name(folder: Path, taken: set[str]) -> str:
    name = folder.name or str(folder)
    if name in taken:
        name = f"{folder.parent.name}/{name}"
    return name


def _subfolders(root: Path) -> list[str]:
    try:
        return sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    except OSError as exc:
        raise DatasetError(
            f"Cannot read the folder {root}: {exc.strerror or exc}.",
            "Choose a folder with one subfolder of photos per class.",
        ) from exc


def _split(root: Path, subfolders: Sequence[str]) -> tuple[list[str], list[Path]]:
    classes = [name for name in subfolders if not is_neither_name(name)]
    if NEITHER in subfolders:
        classes.append(NEITHER)
    return classes, [root / name for name in subfolders if is_neither_name(name) and name != NEITHER]


def _add_neither(
    neither: Sequence[Path], seen: set[Path], paths: list[Path], labels: list[str], subsets: list[str]
) -> None:
    """Append the photos of each ``neither`` folder (not already listed) as the background class."""
    for folder in neither:
        found = [p for p in _photos(Path(folder), "neither") if p.resolve() not in seen]
        seen.update(p.resolve() for p in found)
        name = _subset_name(Path(folder), set(subsets))
        paths += found
        labels += [NEITHER] * len(found)
        subsets += [name] * len(found)


def default_classes(root: Path) -> tuple[list[str], list[Path]]:
    """The classes of a labelled folder, and its subfolders of photos of neither class.

    Every non-hidden subfolder is a class, except one named ``other`` or ``neither`` (in any case): ``other``
    is the background class itself (listed last), the others are folders of photos of neither class.
    """
    return _split(Path(root), _subfolders(Path(root)))


def load_labelled_folder(
    root: Path,
    classes: Sequence[str] | None = None,
    neither: Sequence[Path] = (),
    require_all: bool = True,
) -> LabelledSet:
    """Photos of ``root/<class>/`` for each class, plus ``neither`` folders as the background class.

    ``classes`` default: those of :func:`default_classes` (a subfolder named ``other`` or ``neither`` holds
    photos that belong to no class: the background class); the ``neither`` folders count as it too.
    ``require_all=False`` (to evaluate a model): classes without a subfolder are left out, and one class is
    enough.
    """
    root = Path(root)
    if not root.is_dir():
        raise DatasetError(f"Not a folder: {root}", "Name a folder with one subfolder of photos per class.")
    available = _subfolders(root)
    if classes:
        chosen = list(classes)
    else:
        chosen, found = _split(root, available)
        neither = [*found, *neither]
    missing = [c for c in chosen if c not in available]
    if not require_all:
        chosen = [c for c in chosen if c in available]
    elif missing:
        raise DatasetError(
            f"No subfolder for class(es) {', '.join(missing)} in {root}; subfolders are: "
            f"{', '.join(available) or 'none'}.",
            "Name each class folder exactly as the class, or choose the classes with --classes.",
        )
    real = [c for c in chosen if c != NEITHER]
    if require_all and len(real) < 2 and not (real and (neither or NEITHER in chosen)):
        raise DatasetError(
            f"Training needs two or more classes (one subfolder each), or one class and photos of neither; "
            f"found {', '.join(real) or 'none'} in {root}.",
            "Add a subfolder per class, or give --neither DIR with photos that belong to no class.",
        )
    if not chosen and not neither:
        raise DatasetError(
            f"{root} has no subfolder named after a class.", "Put the photos in one subfolder per class."
        )
    paths: list[Path] = []
    labels: list[str] = []
    subsets: list[str] = []
    for name in chosen:
        found = _photos(root / name, "class" if name != NEITHER else "neither")
        paths += found
        labels += [name] * len(found)
        subsets += [name] * len(found)
    seen = {p.resolve() for p in paths}
    _add_neither(neither, seen, paths, labels, subsets)
    names = [*real, NEITHER] if NEITHER in labels else real
    return LabelledSet(root, names, paths, labels, subsets, [Path(f) for f in neither])


def load_labelled_folders(
    roots: Sequence[Path],
    classes: Sequence[str] | None = None,
    neither: Sequence[Path] = (),
    require_all: bool = True,
) -> LabelledSet:
    """Several data folders as one labelled set: ``root/<class>/`` of each, plus the ``neither`` folders.

    Each folder may lack some of the classes (another folder brings them); together they must have all.
    A photo's subset names its data folder too (``photos2/sakura``), so figures per folder tell photos like
    the first folder's from the others.
    """
    roots = [Path(r) for r in roots]
    if len(roots) == 1:
        return load_labelled_folder(roots[0], classes, neither, require_all)
    if not roots:
        raise DatasetError("No data folder given.", "Name one or more folders with one subfolder per class.")
    parts = [load_labelled_folder(r, classes, (), require_all=False) for r in roots]
    merged_classes: list[str] = []
    for part in parts:
        merged_classes += [c for c in part.classes if c not in merged_classes]
    wanted = list(classes) if classes else merged_classes
    missing = [c for c in wanted if c not in merged_classes]
    if require_all and missing:
        raise DatasetError(
            f"No subfolder for class(es) {', '.join(missing)} in any of {', '.join(str(r) for r in roots)}.",
            "Name each class folder exactly as the class, or choose the classes with --classes.",
        )
    paths: list[Path] = []
    labels: list[str] = []
    subsets: list[str] = []
    seen: set[Path] = set()
    for part in parts:
        for path, label, subset in zip(part.paths, part.labels, part.subsets):
            if path.resolve() not in seen:
                seen.add(path.resolve())
                paths.append(path)
                labels.append(label)
                subsets.append(f"{part.root.name}/{subset}")
    _add_neither(neither, seen, paths, labels, subsets)
    real = [c for c in wanted if c != NEITHER]
    if require_all and len(real) < 2 and not (real and NEITHER in labels):
        raise DatasetError(
            "Training needs two or more classes, or one class and photos of neither; "
            f"found {', '.join(real) or 'none'}.",
            "Add a subfolder per class, or give --neither DIR with photos that belong to no class.",
        )
    names = [*real, NEITHER] if NEITHER in labels else real
    found_neither = [f for part in parts for f in part.neither_folders]
    return LabelledSet(roots[0], names, paths, labels, subsets, [*found_neither, *map(Path, neither)], roots)
