"""The teaching jobs: keep the labels a person gives, apply them wherever their photos are found again, and
teach the model from them (a new model, compared with the old one before anyone switches to it)."""

from __future__ import annotations

import csv
import warnings
from collections import Counter
from collections.abc import Generator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sakura_sorter.digest import sha256_of
from sakura_sorter.jobs.events import Cancel, ClassifyStep, JobsLike, LabelledFeatures
from sakura_sorter.model.teaching import Taught, TeachError, TeachingSet, TeachingSetError, default_path
from sakura_sorter.results import PhotoResult
from sakura_sorter.vision.listing import find_photos
from sakura_sorter.vocabulary import NEITHER, is_neither_name, label_named

if TYPE_CHECKING:
    from sakura_sorter.jobs.labelled import Trained
    from sakura_sorter.model.registry import ModelEntry
    from sakura_sorter.model.teach import TaughtModel


class PersonsLabels:
    """The teaching set's labels, applied to classified photos as they come (nothing to do without one)."""

    def __init__(self, store: TeachingSet | None):
        self.store = store
        self.sizes = store.sizes() if store is not None else set()

    @classmethod
    def open(cls) -> PersonsLabels:
        """The person's labels; none (with a warning) when the teaching set cannot be read."""
        try:
            return cls(TeachingSet() if default_path().is_file() else None)
        except (OSError, TeachingSetError) as exc:
            warnings.warn(f"Your labels are not applied in this run: {exc}", RuntimeWarning, stacklevel=2)
            return cls(None)

    def apply(self, results: Sequence[PhotoResult]) -> int:
        """Set ``human_label`` of each photo the person labelled before; returns how many."""
        if self.store is None or not self.sizes:
            return 0
        for result in results:
            if result.sha256 is None and result.human_label is None:
                try:
                    if result.path.stat().st_size in self.sizes:  # only then can it be a labelled photo
                        result.sha256 = sha256_of(result.path)
                except OSError:
                    continue
        wanted = [r.sha256 for r in results if r.sha256 and r.human_label is None]
        labels = self.store.labels(wanted)
        count = 0
        for result in results:
            if result.human_label is None and result.sha256 in labels:
                result.human_label = labels[result.sha256]
                count += 1
        return count

    def close(self) -> None:
        if self.store is not None:
            self.store.close()


def _taught(data: LabelledFeatures) -> list[Taught]:
    """Teaching-set entries for labelled features (hashing the photos whose hash is not known yet)."""
    out = []
    for path, label, feature in zip(data.paths, data.labels, data.features):
        try:
            sha = data.hashes.get(path) or sha256_of(path)
            out.append(Taught(sha, label, str(path), path.stat().st_size, feature))
        except OSError as exc:
            data.skipped.append((path, f"cannot read it: {exc.strerror or exc}"))
    return out


def _check_labels(jobs: JobsLike, wanted: dict[Path, str]) -> list[tuple[Path, str]]:
    """Read each label as the model's class (or ``other``) it names (:func:`label_named`: ``Sakura``,
    ``neither``); drop those naming none, returned as skipped rows."""
    classes = list(jobs.bundle().classes)
    choices = ", ".join(sorted(set(classes) - {NEITHER})) + ", or neither (other)"
    bad = []
    for path, label in list(wanted.items()):
        named = label_named(label, classes)
        if named is None:
            bad.append((path, f"the label {label!r} is none of {choices}"))
            del wanted[path]
        else:
            wanted[path] = named
    return bad


@dataclass
class Learned:
    """Labels kept in the teaching set, and the rows that could not be used (with why)."""

    added: int
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    #: Every photo the report lists (labelled or not) or the folders hold, where it is now: what a new model
    #: can be compared on ("6 of 18 photos in the report change label").
    photos: list[Path] = field(default_factory=list)
    #: What ``photos`` are, for messages: "in the report", "in the folder" (a ``suggest`` report: its folder).
    where: str = "in the report"


def _learn(
    jobs: JobsLike,
    wanted: dict[Path, str],
    origin: str,
    cancel: Cancel,
    photos: Sequence[Path] = (),
    where: str = "in the report",
) -> Generator[ClassifyStep, None, Learned]:
    skipped = _check_labels(jobs, wanted)
    if not wanted:
        raise TeachError("No label to learn from.", "Give photos labels that are the model's classes or 'other'.")
    data = yield from jobs.labelled_features(list(wanted), list(wanted.values()), cancel)
    entries = _taught(data)
    with TeachingSet() as store:
        store.add(entries, origin)
    return Learned(len(entries), skipped + data.skipped, list(photos or wanted), where)


def _unquote(cell: str) -> str:
    """A report cell as written before the formula guard (a leading ``'`` before ``= + - @``)."""
    return cell[1:] if cell.startswith("'") and cell[1:2] in ("=", "+", "-", "@", "\t", "\r") else cell


def learn_from_report(jobs: JobsLike, report: Path, cancel: Cancel) -> Generator[ClassifyStep, None, Learned]:
    """Keep each ``human_label`` of a report (``sort --report`` or the window's export; a person may have
    filled the column in a spreadsheet). A photo sorted since is found at its ``new_path``."""
    try:
        text = report.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise TeachError(f"Cannot read the report {report}: {exc}.", "Give a CSV written by sakura-sorter.") from exc
    rows = list(csv.DictReader(text.splitlines()))
    if not rows or "path" not in rows[0] or "human_label" not in rows[0]:
        raise TeachError(
            f"{report} has no 'path' and 'human_label' columns.",
            "Give the report of 'sort --report' or of the window's Export, with your labels in 'human_label'.",
        )
    wanted: dict[Path, str] = {}
    photos: dict[Path, None] = {}
    for row in rows:
        path = Path(_unquote(row["path"]))
        moved = _unquote(row.get("new_path") or "")
        if not path.is_file() and moved and Path(moved).is_file():
            path = Path(moved)
        if path.is_file():
            photos[path] = None
        label = _unquote(row.get("human_label") or "").strip()
        if label:
            wanted[path] = label
    where = "in the report"
    if "rank" in rows[0]:  # a ``suggest`` report lists a few photos of a folder: compare on the whole folder
        folders = list(dict.fromkeys(p.parent for p in list(photos)))
        for folder in folders:
            photos.update(dict.fromkeys(find_photos(folder)))
        where = "in the folder" if len(folders) == 1 else "in the folders"
    return (yield from _learn(jobs, wanted, "report", cancel, list(photos), where))


def learn_from_folders(jobs: JobsLike, folder: Path, cancel: Cancel) -> Generator[ClassifyStep, None, Learned]:
    """Keep a label for each photo of ``folder/<class>/``, and ``other`` for those of ``folder/other/``."""
    from sakura_sorter.vision.listing import check_folder

    check_folder(folder)
    wanted: dict[Path, str] = {}
    for sub in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
        label = NEITHER if is_neither_name(sub.name) else sub.name
        for photo in find_photos(sub, recursive=True):
            wanted[photo] = label
    return (yield from _learn(jobs, wanted, "folders", cancel, where="in the folders"))


def remember(jobs: JobsLike, results: Sequence[PhotoResult]) -> int:
    """Keep the labels a person gave in the window (forget those taken back); returns how many were kept."""
    keep, drop = [], []
    for r in results:
        if not r.ok:
            continue
        try:
            sha = r.sha256 or sha256_of(r.path)
            size = r.path.stat().st_size
        except OSError:
            continue
        r.sha256 = sha
        if r.human_label is None:
            drop.append(sha)
        elif r.feature is not None:
            keep.append(Taught(sha, r.human_label, str(r.path), size, r.feature))
    if not keep and not (drop and default_path().is_file()):
        return 0
    with TeachingSet() as store:
        store.add(keep, "window")
        store.forget(drop)
    return len(keep)


@dataclass
class Lesson:
    """A taught model not yet adopted: the model, the comparison, and how the photos of the current folder
    would change label with it (``changes``: (old label, new label) -> how many photos)."""

    model: TaughtModel
    base_name: str
    changed: int = 0
    compared: int = 0
    changes: dict[tuple[str, str], int] = field(default_factory=dict)
    #: Of the photos of the folder the person labelled: how many, and how many the old and the new model
    #: label as the person did (the model's own label, not the person's, which always wins when sorting).
    labelled: int = 0
    labelled_right_before: int = 0
    labelled_right_after: int = 0

    @property
    def persons_labels(self) -> dict[str, int]:
        """How many of the person's labels the new model learnt, per label."""
        counts = self.model.bundle.card.get("training_data", {}).get("labels_from_the_person_per_class", {})
        return {str(k): int(v) for k, v in counts.items()}

    def describe(self, where: str = "in this folder") -> str:
        text = self.model.comparison.describe()
        if self.compared:
            text += f"; {self.changed} of {self.compared} photos {where} change label"
            if self.changes:
                moves = sorted(self.changes.items(), key=lambda item: -item[1])
                text += " (" + ", ".join(f"{old} -> {new}: {n}" for (old, new), n in moves) + ")"
        if self.labelled:
            text += (
                f"; of the {self.labelled} photos you labelled, the new model itself labels "
                f"{self.labelled_right_after} as you did (the old one {self.labelled_right_before})"
            )
        if self.model.lost and not self.warning:
            text += f"; {self.model.describe_lost()}"
        return text

    @property
    def warning(self) -> str:
        """What the lesson costs elsewhere (more of the base's training photos now wrong than now right, with
        the numbers), or ``""``: shown apart from :meth:`describe`, as a warning."""
        return self.model.describe_lost() if self.model.costs else ""


def teach(jobs: JobsLike, folder_results: Sequence[PhotoResult], force: bool = False) -> Lesson:
    """A new model from the base's training features and the teaching set, compared on ``folder_results``
    (``force``: teach even when the lesson costs too much elsewhere, see :func:`~sakura_sorter.model.teach.teach`)."""
    from sakura_sorter.model.registry import BUNDLED, model_dir
    from sakura_sorter.model.teach import teach as teach_model
    from sakura_sorter.model.training_features import load_training_features

    base = jobs.bundle()
    if not default_path().is_file():
        raise TeachError("There are no labels to teach from yet.", "Label photos in the review, or use 'teach'.")
    with TeachingSet() as store:
        taught = store.entries()
    # the folder ``base`` was loaded from (the active model may have changed since)
    folder = jobs.options.model or model_dir(jobs.model_entry or BUNDLED)
    model = teach_model(base, load_training_features(folder), taught, force)
    lesson = Lesson(model, base.name)
    known = [r for r in folder_results if r.ok and r.feature is not None]
    if known:
        import numpy as np

        features = np.stack([np.asarray(r.feature) for r in known])
        old, new = base.predict(features)[0], model.bundle.predict(features)[0]
        moves = Counter((str(a), str(b)) for a, b in zip(old, new) if a != b)
        lesson.changed, lesson.compared, lesson.changes = sum(moves.values()), len(known), dict(moves)
        mine = [i for i, r in enumerate(known) if r.human_label is not None]
        lesson.labelled = len(mine)
        lesson.labelled_right_before = sum(old[i] == known[i].human_label for i in mine)
        lesson.labelled_right_after = sum(new[i] == known[i].human_label for i in mine)
    return lesson


def adopt(jobs: JobsLike, lesson: Lesson, name: str) -> ModelEntry:
    """Save the taught model among the person's models and make it the active one."""
    from sakura_sorter.model.registry import activate, new_model_folder
    from sakura_sorter.model.teach import save_taught

    chosen, folder = new_model_folder(name or f"taught {datetime.now():%Y-%m-%d %H%M}")
    save_taught(lesson.model, folder, chosen)
    entry = activate(chosen)
    jobs.follow_active()
    return entry


def adopt_trained(jobs: JobsLike, trained: Trained, name: str) -> ModelEntry:
    """Save a model trained from labelled folders among the person's models and make it the active one."""
    from sakura_sorter.model.registry import activate, new_model_folder

    chosen, folder = new_model_folder(name or trained.bundle.name)
    trained.bundle.card["name"] = chosen
    trained.save(folder)
    entry = activate(chosen)
    jobs.follow_active()
    return entry


@dataclass
class TeachingReport:
    path: Path
    counts: dict[str, int]


def teaching_report() -> TeachingReport:
    """What the teaching set holds (nothing when the person never labelled a photo)."""
    if not default_path().is_file():
        return TeachingReport(default_path(), {})
    with TeachingSet() as store:
        return TeachingReport(store.path, store.counts())
