"""The sort plan: which photo (and which of its sidecars) goes where. Reads the disk, never writes."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sakura_sorter.digest import read_regular
from sakura_sorter.files import xmp
from sakura_sorter.files.fileops import describe_error, listing, name_max, numbered_name, sha256_of
from sakura_sorter.files.journal import STATE_DIR
from sakura_sorter.results import PhotoResult, Threshold, review_threshold
from sakura_sorter.vocabulary import NEITHER, Action, Mode, Status

#: Photos whose confidence is below this are left in place for review (``sort --threshold``).
DEFAULT_THRESHOLD = 0.8

#: Files with the photo's stem (``IMG_1.xmp``) or full name (``IMG_1.jpg.xmp``) and one of these
#: extensions travel with it. RAW files count too, unless they are themselves photos being sorted.
_SIDECAR_EXTENSIONS_TEXT = (
    ".xmp .aae .json .thm .mov .cr2 .cr3 .crw .nef .nrw .arw .srf .sr2 .dng .raf .orf .rw2 .pef .srw "
    ".raw .rwl .3fr .iiq .x3f .erf .mef .mos .kdc .dcr"
)
SIDECAR_EXTENSIONS = frozenset(_SIDECAR_EXTENSIONS_TEXT.split(" "))


@dataclass(frozen=True)
class FileMove:
    """One file of a photo's group (the photo first, then its sidecars)."""

    src: Path
    dst: Path


@dataclass
class PlanItem:
    """What will happen to one photo."""

    path: Path
    result: PhotoResult
    status: Status
    action: Action = Action.NONE
    destination: Path | None = None
    files: tuple[FileMove, ...] = ()
    sidecar: Path | None = None  # tag mode: the XMP sidecar to write
    note: str = ""

    @property
    def actionable(self) -> bool:
        return self.action != Action.NONE

    @property
    def label(self) -> str | None:
        """The label acted on (a person's correction wins)."""
        return self.result.final_label

    @property
    def sidecars(self) -> tuple[Path, ...]:
        return tuple(f.src for f in self.files[1:])


@dataclass
class Plan:
    folder: Path
    mode: Mode
    threshold: Threshold
    classes: tuple[str, ...]
    items: list[PlanItem] = field(default_factory=list)

    @property
    def actionable(self) -> list[PlanItem]:
        return [item for item in self.items if item.actionable]

    def describe(self) -> list[str]:
        """One human-readable line per photo, paths relative to the folder."""
        lines = []
        for item in self.items:
            where = _rel(self.folder, item.path)
            if item.action in (Action.MOVE, Action.COPY):
                extra = f" (+{len(item.files) - 1} sidecar)" if len(item.files) > 1 else ""
                lines.append(f"{item.action:5} {where} -> {_rel(self.folder, item.destination)}{extra}")
            elif item.action == Action.TAG:
                lines.append(f"tag   {where} -> {item.label} in {_rel(self.folder, item.sidecar)}")
            else:
                lines.append(f"{item.status:7} {where}: {item.note}")
        return lines


def _rel(folder: Path, path: Path | None) -> str:
    if path is None:
        return ""
    try:
        return path.relative_to(folder).as_posix()
    except ValueError:
        return str(path)


def normalise(root: Path, path: Path) -> Path:
    """Absolute path with the parent resolved but the file itself not (it may be a symlink)."""
    path = Path(os.path.abspath(path))
    return path.parent.resolve() / path.name


def is_inside(root: Path, path: Path) -> bool:
    """True when ``path`` (whose parent is resolved) lies strictly inside ``root``."""
    return path != root and path.is_relative_to(root)


def destinations(classes: Sequence[str]) -> tuple[str, ...]:
    """The classes that are folders to sort into: all but the background class ``other``."""
    return tuple(c for c in classes if c != NEITHER)


def already_sorted(root: Path, path: Path, classes: Sequence[str]) -> bool:
    """True for a photo inside ``root/<class>/`` (or the state folder): ``sort`` leaves it alone."""
    parts = path.relative_to(root).parts
    return len(parts) > 1 and (parts[0] in destinations(classes) or parts[0] == STATE_DIR)


def find_sidecars(photo: Path, photos: set[Path]) -> list[Path]:
    """Regular files beside ``photo`` named ``stem.ext`` or ``name.ext`` with a sidecar extension."""
    stem, name = photo.stem.casefold(), photo.name.casefold()
    found = []
    try:
        entries = sorted(os.scandir(photo.parent), key=lambda e: e.name)
    except OSError:
        return []
    for entry in entries:
        lower = entry.name.casefold()
        base, ext = os.path.splitext(lower)
        if ext not in SIDECAR_EXTENSIONS or base not in (stem, name):
            continue
        candidate = photo.parent / entry.name
        if candidate == photo or candidate in photos or not entry.is_file(follow_symlinks=False):
            continue
        found.append(candidate)
    return found


def _renamed_sidecar(sidecar: Path, old_stem: str, new_stem: str) -> str:
    return new_stem + sidecar.name[len(old_stem) :]


class _Planner:
    def __init__(
        self, root: Path, classes: tuple[str, ...], mode: Mode, threshold: Threshold, per_folder: bool = False
    ):
        self.root, self.classes, self.mode, self.threshold = root, classes, mode, threshold
        self.per_folder = per_folder
        self.taken: dict[Path, set[str]] = {}
        self.claimed: set[Path] = set()
        self.photos: set[Path] = set()
        self.bad_dest: dict[Path, str] = {}

    def _destination_problem(self, directory: Path) -> str:
        if directory not in self.bad_dest:
            self.bad_dest[directory] = self._check_destination(directory)
        return self.bad_dest[directory]

    @staticmethod
    def _check_destination(directory: Path) -> str:
        if directory.is_symlink():
            return f"{directory.name}/ is a symbolic link; it is not followed"
        if os.path.lexists(directory) and not directory.is_dir():
            return f"{directory.name} exists and is not a folder"
        return ""

    def _names(self, directory: Path) -> set[str]:
        if directory not in self.taken:
            self.taken[directory] = listing(directory)
        return self.taken[directory]

    def decide(self, result: PhotoResult, path: Path) -> PlanItem:
        item = PlanItem(path=path, result=result, status=Status.SKIPPED)
        if not is_inside(self.root, path):
            item.status, item.note = Status.ERROR, "not inside the folder being sorted"
            return item
        rel = path.relative_to(self.root).parts
        if rel[0] == STATE_DIR:
            item.note = "program state, not a photo"
        elif path.is_symlink():
            item.note = "symbolic link (not followed)"
        elif len(rel) > 1 and rel[0] in self.classes:
            item.note = f"already sorted into {rel[0]}/"
        elif self.per_folder and len(rel) > 2 and rel[-2] in self.classes:
            item.note = f"already sorted into {'/'.join(rel[:-1])}/"
        elif not result.ok:
            item.status, item.note = Status.ERROR, result.error or "not classified"
        elif result.needs_review(self.threshold):
            limit = review_threshold(self.threshold, result.label)
            item.status, item.note = Status.REVIEW, f"confidence below {limit:g}"
        elif result.final_label == NEITHER:
            item.status = Status.NEITHER
            item.note = "left in place by a person" if result.human_label else f"not {' or '.join(self.classes)}"
        elif result.final_label not in self.classes:
            item.note = f"label {result.final_label!r} is not a class of the model"
        elif self.mode == Mode.TAG:
            self._plan_tag(item)
        else:
            self._plan_transfer(item)
        return item

    def _plan_tag(self, item: PlanItem) -> None:
        sidecar = xmp.sidecar_for(item.path)
        limit = name_max(sidecar.parent)
        if len(os.fsencode(sidecar.name)) > limit:
            item.status = Status.ERROR
            item.note = f"file name too long to add .xmp: the sidecar's name would be over {limit} bytes"
            return
        if sidecar.is_symlink():
            item.status, item.note = Status.ERROR, f"{sidecar.name} is a symbolic link; not written through"
            return
        if os.path.lexists(sidecar):
            try:  # never opens a FIFO or a device: read_regular refuses them without blocking
                if xmp.has_label(read_regular(sidecar, follow_symlinks=False), item.label or ""):
                    item.note = f"already tagged {item.label}"
                    return
            except (OSError, xmp.XmpError) as exc:
                item.status, item.note = Status.ERROR, f"{sidecar.name}: {describe_error(exc)}"
                return
        item.status, item.action, item.destination, item.sidecar = Status.SORTED, Action.TAG, item.path, sidecar

    def _plan_transfer(self, item: PlanItem) -> None:
        label = item.label or ""
        directory = (item.path.parent if self.per_folder else self.root) / label
        if problem := self._destination_problem(directory):
            item.status, item.note = Status.ERROR, problem
            return
        sidecars = [s for s in find_sidecars(item.path, self.photos) if s not in self.claimed]
        taken = self._names(directory)
        stem = item.path.stem
        n = 0
        while True:
            name = numbered_name(item.path.name, n)
            new_stem = name[: len(name) - len(item.path.suffix)] if item.path.suffix else name
            names = [name] + [_renamed_sidecar(s, stem, new_stem) for s in sidecars]
            if self.mode == Mode.COPY and name.casefold() in taken and self._same_file(item.path, directory / name):
                item.note = f"already copied to {label}/{name}"
                return
            if not any(candidate.casefold() in taken for candidate in names):
                break
            n += 1
        limit = name_max(self.root)
        if any(len(os.fsencode(candidate)) > limit for candidate in names):
            item.status, item.note = Status.ERROR, f"file name too long for {label}/: {names[0]} is over {limit} bytes"
            return
        taken.update(candidate.casefold() for candidate in names)
        self.claimed.update(sidecars)
        item.files = tuple(FileMove(src, directory / dst) for src, dst in zip([item.path, *sidecars], names))
        item.status, item.action, item.destination = Status.SORTED, Action.of(self.mode), directory / name
        if n:
            item.note = f"renamed to avoid overwriting {item.path.name}"

    @staticmethod
    def _same_file(a: Path, b: Path) -> bool:
        try:
            return b.is_file() and a.stat().st_size == b.stat().st_size and sha256_of(a) == sha256_of(b)
        except OSError:
            return False


def make_plan(
    folder: Path,
    results: Iterable[PhotoResult],
    classes: Sequence[str],
    mode: Mode = Mode.MOVE,
    threshold: Threshold = DEFAULT_THRESHOLD,
    per_folder: bool = False,
) -> Plan:
    """Decide, without changing anything, what sorting ``results`` inside ``folder`` would do.

    ``classes`` are the model's classes; each but the background class ``other`` is a destination folder.
    Photos below ``threshold`` (and not decided by a person) stay and are marked ``review``; photos
    labelled ``other`` stay and are marked ``neither``; photos already inside ``FOLDER/<class>/`` are
    ``skipped``; name collisions get ``name (1).ext`` and sidecars follow their photo's new name.
    ``per_folder``: a photo in a subfolder goes to ``<its folder>/<class>/`` (and one already in such a
    folder is skipped) instead of ``FOLDER/<class>/``.
    """
    mode = Mode(mode)
    classes = destinations(classes)
    for name in classes:
        if not name or name in (".", "..", STATE_DIR) or "/" in name or "\\" in name:
            raise ValueError(f"class name {name!r} cannot be a folder name")
    root = Path(folder).resolve()
    planner = _Planner(root, classes, mode, threshold, per_folder)
    pairs = sorted(((normalise(root, r.path), r) for r in results), key=lambda pair: str(pair[0]))
    planner.photos = {path for path, _ in pairs}
    plan = Plan(folder=root, mode=mode, threshold=threshold, classes=classes)
    plan.items = [planner.decide(result, path) for path, result in pairs]
    return plan
