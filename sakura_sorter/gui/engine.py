"""The GUI's background jobs as plain Python (no Qt): scan, classify, plan, apply, undo, export.

Each job is a function or generator that receives only data (an :class:`Engine`, paths, options) and
is run by :mod:`sakura_sorter.gui.worker` on a pool thread. The model and the VGG16 extractor are
loaded lazily on that thread and kept for the next run.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sakura_sorter.features import DEFAULT_BATCH_SIZE
from sakura_sorter.results import PhotoResult

if TYPE_CHECKING:
    from sakura_sorter.classifier import ModelBundle
    from sakura_sorter.features import ExtractorSettings, FeatureExtractor
    from sakura_sorter.pipeline import Progress
    from sakura_sorter.planning import Plan
    from sakura_sorter.sorting import ApplyOutcome, UndoOutcome


@dataclass
class EngineOptions:
    """What the ``gui`` command line can choose (``None`` = the same defaults as the CLI)."""

    model: str | None = None
    weights: str | None = None
    batch_size: int = DEFAULT_BATCH_SIZE
    precision: str | None = None
    feature_cache: str | None = None  # a file/folder, "off", or None for $SAKURA_SORTER_CACHE / the default


class Engine:
    """Lazily loaded model bundle and feature extractor, shared by every run of a window (thread-safe)."""

    def __init__(self, options: EngineOptions | None = None, extractor: FeatureExtractor | None = None):
        """``extractor``: an already built one to reuse (tests share one per session)."""
        self.options = options or EngineOptions()
        self._lock = threading.Lock()
        self._bundle: ModelBundle | None = None
        self._settings: ExtractorSettings | None = None
        self._extractor: FeatureExtractor | None = extractor

    @property
    def has_settings(self) -> bool:
        return self._settings is not None

    @property
    def extractor_ready(self) -> bool:
        return self._extractor is not None

    def bundle(self) -> ModelBundle:
        """The SVM bundle (raises ``ModelError``); imports scikit-learn, so call it off the GUI thread."""
        with self._lock:
            if self._bundle is None:
                from sakura_sorter.classifier import load_bundle

                self._bundle = load_bundle(Path(self.options.model) if self.options.model else None)
            return self._bundle

    def settings(self) -> ExtractorSettings:
        """Weights file and precision (raises ``WeightsError``; may download the weights the first time)."""
        with self._lock:
            if self._settings is None:
                from sakura_sorter.features import ExtractorSettings

                opts = self.options
                self._settings = ExtractorSettings.resolve(opts.weights, opts.precision, opts.batch_size)
            return self._settings

    def extractor(self) -> FeatureExtractor:
        """The VGG16 extractor (raises ``WeightsError``); imports TensorFlow: never on the GUI thread."""
        settings = self.settings()
        with self._lock:
            if self._extractor is None:
                self._extractor = settings.build()
            return self._extractor

    def open_cache(self):  # type: ignore[no-untyped-def]
        """The feature cache for this extractor, or None (``off``, or ``SAKURA_SORTER_CACHE=off``)."""
        from sakura_sorter.feature_cache import FeatureCache

        return FeatureCache.open_default(self.settings().identity, self.options.feature_cache)


@dataclass
class ScanResult:
    folder: Path
    photos: list[Path]
    classes: list[str]
    already_sorted: int
    undoable: bool
    interrupted: bool


def scan_folder(engine: Engine, folder: Path, recursive: bool) -> ScanResult:
    """List the photos to classify (photos already in FOLDER/<class>/ are left out) and the journal state."""
    from sakura_sorter.errors import SakuraSorterError
    from sakura_sorter.imaging import find_photos
    from sakura_sorter.planning import already_sorted
    from sakura_sorter.sorting import has_undoable_run, needs_recovery

    root = Path(folder).resolve()
    if not root.is_dir():
        raise SakuraSorterError(f"Not a folder: {folder}")
    classes = engine.bundle().classes
    found = find_photos(root, recursive=recursive)
    photos = [p for p in found if not already_sorted(root, p, classes)]
    return ScanResult(
        folder=root,
        photos=photos,
        classes=classes,
        already_sorted=len(found) - len(photos),
        undoable=has_undoable_run(root),
        interrupted=needs_recovery(root),
    )


@dataclass
class Notice:
    """Something the window should say while no batch is done yet (e.g. the weights are being downloaded)."""

    text: str


def weights_notice(engine: Engine) -> Notice | None:
    """A notice when the extractor still has to be built (and whether the weights must be downloaded first)."""
    from sakura_sorter.weights import ENV_VAR, WEIGHTS_FILENAME, WeightsError, resolve_weights

    if engine.extractor_ready:
        return None
    try:
        if engine.has_settings:
            return Notice("Loading the VGG16 model (a few seconds the first time)…")
        resolve_weights(engine.options.weights, allow_download=False)
    except WeightsError:
        if engine.options.weights or os.environ.get(ENV_VAR):
            raise  # a file was named and is unusable: say so now
        return Notice(
            f"Downloading the VGG16 weights ({WEIGHTS_FILENAME}, 58.9 MB); this happens once. "
            "Without a network connection this fails with instructions to get the file offline."
        )
    return Notice("Loading the VGG16 model (a few seconds the first time)…")


def classify(engine: Engine, photos: Sequence[Path]) -> Iterator[Progress | Notice]:
    """Yield one :class:`~sakura_sorter.pipeline.Progress` per batch (the worker stops between yields)."""
    from sakura_sorter.pipeline import classify_photos

    bundle = engine.bundle()
    notice = weights_notice(engine)
    if notice is not None:
        yield notice
    engine.settings()  # resolve (or download) the weights now: the cache is keyed by their content
    cache = engine.open_cache()
    try:
        yield from classify_photos(photos, bundle, engine.extractor, batch_size=engine.options.batch_size, cache=cache)
    finally:
        if cache is not None:
            cache.close()


def plan(folder: Path, results: Sequence[PhotoResult], classes: Sequence[str], mode: str, threshold: float) -> Plan:
    """What applying would do (reads the disk, changes nothing)."""
    from sakura_sorter.sorting import make_plan

    return make_plan(folder, results, classes, mode=mode, threshold=threshold)


@dataclass
class ApplyStep:
    done: int
    total: int


@dataclass
class ApplyResult:
    plan: Plan
    outcome: ApplyOutcome
    undoable: bool


def apply(plan_: Plan, cancel_flag: threading.Event | None = None) -> Iterator[ApplyStep | ApplyResult]:
    """Carry out ``plan_`` with the sorting module; yields progress, then the :class:`ApplyResult` last.

    ``apply_plan`` runs in a helper thread so that this generator can report progress while it works.
    """
    import queue
    import time

    from sakura_sorter.sorting import apply_plan, has_undoable_run

    flag = cancel_flag or threading.Event()
    steps: queue.Queue[tuple[int, int] | None] = queue.Queue()
    box: dict[str, object] = {}

    def work() -> None:
        try:
            box["outcome"] = apply_plan(
                plan_, progress=lambda done, total, _path: steps.put((done, total)), cancel=flag.is_set
            )
        except BaseException as exc:
            box["error"] = exc
        finally:
            steps.put(None)

    thread = threading.Thread(target=work, name="apply", daemon=True)
    thread.start()
    try:
        last = 0.0
        while (step := steps.get()) is not None:
            now = time.monotonic()
            if now - last > 0.05 or step[0] == step[1]:
                last = now
                yield ApplyStep(*step)
    finally:
        # Closed early (the window asked to stop): stop before the next photo, never mid-photo.
        if thread.is_alive():
            flag.set()
        thread.join()
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    yield ApplyResult(plan_, box["outcome"], has_undoable_run(plan_.folder))  # type: ignore[arg-type]


@dataclass
class UndoResult:
    outcome: UndoOutcome
    undoable: bool


def undo(folder: Path) -> UndoResult:
    from sakura_sorter.sorting import has_undoable_run, undo_last

    outcome = undo_last(folder)
    return UndoResult(outcome, has_undoable_run(folder))


def export_report(out: Path, plan_: Plan, outcome: ApplyOutcome | None) -> Path:
    """Write the same CSV as ``sakura-sorter sort --report`` (a dry run when ``outcome`` is None)."""
    from sakura_sorter.report import write_sort_report

    write_sort_report(out, plan_, outcome)
    return out
