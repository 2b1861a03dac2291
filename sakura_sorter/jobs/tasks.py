"""What a front end runs around the jobs: plain Python (no Qt), data in, data out (the window runs these on
its worker thread).

Each function combines jobs of :class:`~sakura_sorter.jobs.Jobs` with the checks the window needs around
them (can the folder be written? did the photos change since they were classified?).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Generator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sakura_sorter.files.apply import ApplyOutcome, ApplyStep
from sakura_sorter.files.journal import STATE_DIR
from sakura_sorter.files.plan import Plan
from sakura_sorter.files.recovery import UndoOutcome
from sakura_sorter.jobs import Cancel, ClassifyStep, FolderScan, Jobs
from sakura_sorter.jobs.labelled import Trained
from sakura_sorter.jobs.teaching import Lesson
from sakura_sorter.model.registry import BUNDLED
from sakura_sorter.results import PhotoResult
from sakura_sorter.vision.listing import natural_key
from sakura_sorter.vocabulary import Mode, Status


@dataclass
class ModelInfo:
    """The model the window uses: its name (among the person's models, else the card's ``name`` or its
    folder), its classes, and ``entry``: its name in the model menu (None when ``--model`` named a folder)."""

    name: str
    classes: list[str]
    entry: str | None = None


@dataclass
class Opened:
    """A scanned folder, whether its files can be changed, and the model that will classify it."""

    scan: FolderScan
    writable: bool
    model: ModelInfo
    weights_here: bool  #: the VGG16 weights are on this computer (else the first run downloads them)


@dataclass
class Prepared:
    """A plan to confirm, the photos left out because they are gone or changed since classifying, and the
    photos of subfolders a scan of the top folder only left out (per first subfolder)."""

    plan: Plan
    gone: list[Path] = field(default_factory=list)
    changed: list[Path] = field(default_factory=list)
    left_out: Counter[str] = field(default_factory=Counter)


@dataclass
class ApplyResult:
    plan: Plan
    outcome: ApplyOutcome
    undoable: bool


@dataclass
class UndoResult:
    outcome: UndoOutcome
    undoable: bool


def model_info(jobs: Jobs) -> ModelInfo:
    bundle = jobs.bundle()
    entry = jobs.model_entry
    name = entry or (bundle.card.get("name") if isinstance(getattr(bundle, "card", None), dict) else None)
    if not isinstance(name, str) or not name:
        name = jobs.options.model.name if jobs.options.model is not None else BUNDLED
    return ModelInfo(name, list(bundle.classes), entry)


def preload(jobs: Jobs) -> ModelInfo:
    """Load the model and, when the weights are on this computer, VGG16, so the first photos come fast.

    Never downloads: without local weights the download waits until a folder is classified (and says so).
    """
    info = model_info(jobs)
    if weights_here(jobs):
        jobs.extractor()
    return info


def weights_here(jobs: Jobs) -> bool:
    """True when the VGG16 weights are on this computer (nothing to download)."""
    from sakura_sorter.vision.weights import WeightsError, resolve_weights

    if jobs.extractor_ready:
        return True
    try:
        resolve_weights(jobs.options.weights, allow_download=False)
    except WeightsError:
        return False
    return True


def writable(folder: Path) -> bool:
    """True when this user may create, rename and remove files in ``folder`` (and its state folder)."""
    state = folder / STATE_DIR
    need = os.W_OK | os.X_OK
    return os.access(folder, need) and (not state.is_dir() or os.access(state, need))


def open_folder(jobs: Jobs, folder: Path, recursive: bool) -> Opened:
    scan = jobs.scan(folder, recursive)
    return Opened(scan, writable(scan.folder), model_info(jobs), weights_here(jobs))


def prepare_apply(
    jobs: Jobs,
    scan: FolderScan,
    results: Sequence[PhotoResult],
    mode: Mode,
    threshold: float | None,
    per_folder: bool,
    since: float,
) -> Prepared:
    """Plan the photos that are still where they were classified; list those gone or changed since ``since``."""
    gone, changed, present = [], [], []
    for result in results:
        try:
            modified = os.lstat(result.path).st_mtime
        except FileNotFoundError:
            gone.append(result.path)
            continue
        except OSError:
            modified = 0.0
        if result.ok and modified > since:
            changed.append(result.path)
        present.append(result)
    return Prepared(jobs.plan(scan, present, mode, threshold, per_folder), gone, changed, Counter(scan.left_out))


def apply_and_check(plan: Plan) -> Generator[ApplyStep, None, ApplyResult]:
    """Apply ``plan``, then say whether the folder has a run to undo."""
    outcome = yield from Jobs.apply(plan)
    return ApplyResult(plan, outcome, Jobs.undoable(plan.folder))


def undo_and_check(folder: Path) -> UndoResult:
    """Undo the last run of ``folder``, then say whether an older run is left to undo."""
    outcome = Jobs.undo(folder)
    return UndoResult(outcome, Jobs.undoable(folder))


def export_report(
    jobs: Jobs,
    out: Path,
    scan: FolderScan,
    pending: Sequence[PhotoResult],
    runs: Sequence[ApplyResult],
    mode: Mode,
    threshold: float | None,
    per_folder: bool,
) -> Path:
    """The ``sort`` report of the folder as the window knows it.

    Photos sorted by the runs still in effect (``runs``, not undone) read as those runs left them; every
    other photo still there reads as planned (photos moved away outside the window are not listed). Without
    runs this is exactly ``sort --dry-run --report``.
    """
    pending = [r for r in pending if os.path.lexists(r.path)]
    plan = jobs.plan(scan, pending, mode, threshold, per_folder)
    if not runs:
        return jobs.write_sort_report(out, plan)
    applied = [o for run in runs for o in run.outcome.items if o.status == Status.SORTED]
    done = {o.item.path for o in applied}
    items = [i for i in plan.items if i.path not in done] + [o.item for o in applied]
    items.sort(key=lambda i: natural_key(str(i.path)))
    combined = Plan(plan.folder, plan.mode, plan.threshold, plan.classes, items)
    return jobs.write_sort_report(out, combined, ApplyOutcome(runs[-1].outcome.run_id, applied))


# --- the model menu's jobs ---------------------------------------------------------------------------


def adopt(jobs: Jobs, lesson: Lesson, name: str) -> ModelInfo:
    """Save the taught model among the person's models, make it active, and load it."""
    jobs.adopt(lesson, name)
    return model_info(jobs)


def use_model(jobs: Jobs, name: str) -> ModelInfo:
    """Switch to another of the person's models (or the bundled one), loaded and checked first."""
    jobs.use_model(name)
    return model_info(jobs)


@dataclass
class TrainingPreview:
    """What training on a folder would use: photos per class (``other``: neither) and the neither folders."""

    folder: Path
    counts: dict[str, int]
    classes: list[str]
    neither: list[Path]


def preview_training(jobs: Jobs, folder: Path, neither: Sequence[Path]) -> TrainingPreview:
    dataset, classes, extra = jobs.training_set(folder, neither)
    return TrainingPreview(folder, {c: dataset.labels.count(c) for c in dataset.classes}, classes, extra)


@dataclass
class TrainOutcome:
    """A model trained from labelled folders, its PCA plot (PNG bytes), and how long it took."""

    trained: Trained
    pca_png: bytes
    seconds: float


def train(
    jobs: Jobs, preview: TrainingPreview, threshold: float | None, name: str, cancel: Cancel
) -> Generator[ClassifyStep, None, TrainOutcome]:
    """Train on the folder as previewed, then draw its PCA plot (into memory: no file is left behind)."""
    import tempfile
    import time

    started = time.monotonic()
    trained = yield from jobs.train(preview.folder, preview.classes, preview.neither, threshold, name, cancel)
    with tempfile.TemporaryDirectory(prefix="sakura-sorter-pca-") as tmp:
        png = trained.pca_plot(Path(tmp) / "pca.png").read_bytes()
    return TrainOutcome(trained, png, time.monotonic() - started)


def adopt_trained(jobs: Jobs, trained: Trained, name: str) -> ModelInfo:
    jobs.adopt_trained(trained, name)
    return model_info(jobs)
