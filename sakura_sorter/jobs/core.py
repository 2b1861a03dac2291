"""The :class:`Jobs` object: the options, the lazily loaded model and extractor, and the folder jobs.

One object owns the options and loads the model bundle (the one named, else the person's active model, else
the bundled one), the weights settings and the VGG16 extractor lazily and once (thread-safe, so the window can
run jobs on a worker thread). Long jobs are generators: they yield progress events and *return* their result,
and stop cooperatively when their ``cancel()`` says so. The command line drains them with
:func:`~sakura_sorter.progress.drain`; the window runs them on a worker thread. Nothing here imports Qt or
argparse, so the same folder and options give the same plan and the same report from either front end.
"""

from __future__ import annotations

import os
import threading
import time
from collections import Counter
from collections.abc import Generator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sakura_sorter.errors import SakuraSorterError
from sakura_sorter.files.plan import DEFAULT_THRESHOLD
from sakura_sorter.jobs.events import (
    DOWNLOADING,
    LOADING,
    PREPARING,
    Cancel,
    ClassifyStep,
    FolderScan,
    LabelledFeatures,
    Notice,
    Options,
    never,
)
from sakura_sorter.results import PhotoResult, Threshold
from sakura_sorter.vocabulary import Mode

if TYPE_CHECKING:
    from sakura_sorter.files.apply import ApplyOutcome, ApplyStep
    from sakura_sorter.files.plan import Plan
    from sakura_sorter.files.recovery import UndoOutcome
    from sakura_sorter.jobs.labelled import Evaluated, Trained
    from sakura_sorter.jobs.suggesting import Suggested
    from sakura_sorter.jobs.teaching import Learned, Lesson
    from sakura_sorter.model.bundle import ModelBundle
    from sakura_sorter.model.datasets import LabelledSet
    from sakura_sorter.model.registry import ModelEntry
    from sakura_sorter.vision.cache import FeatureCache
    from sakura_sorter.vision.settings import Extractor, ExtractorSettings


class Jobs:
    """The options, the lazily loaded model and extractor, and the jobs that use them (thread-safe)."""

    def __init__(self, options: Options | None = None, extractor: Extractor | None = None):
        """``extractor``: an already built one to reuse (tests share one per session)."""
        self.options = options or Options()
        self._lock = threading.RLock()
        self._build_lock = threading.Lock()
        self._bundle: ModelBundle | None = None
        self._settings: ExtractorSettings | None = None
        self._extractor: Extractor | None = extractor
        #: the name among the person's models (or ``bundled``) of the model loaded, None when ``--model`` named it
        self.model_entry: str | None = None

    # --- what the jobs share ------------------------------------------------------------------

    def bundle(self) -> ModelBundle:
        """The SVM bundle (raises ``ModelError``); imports scikit-learn, so call it off a GUI thread."""
        with self._lock:
            if self._bundle is None:
                from sakura_sorter.model.bundle import load_bundle
                from sakura_sorter.model.registry import active_name, model_dir

                if self.options.model is not None:
                    self._bundle, self.model_entry = load_bundle(self.options.model), None
                else:
                    name = active_name()
                    self._bundle, self.model_entry = load_bundle(model_dir(name)), name
            return self._bundle

    def model_classes(self) -> list[str]:
        """The model's classes, from its card when the model is not loaded yet (a re-run may never load it)."""
        if self._bundle is None:
            from sakura_sorter.jobs.remembered import model_folder
            from sakura_sorter.model.card import read_card

            try:
                classes = read_card(model_folder(self.options)).get("classes")
            except SakuraSorterError:
                classes = None
            if isinstance(classes, list) and classes and all(isinstance(c, str) for c in classes):
                return classes
        return list(self.bundle().classes)

    def settings(self) -> ExtractorSettings:
        """Weights file and precision (raises ``WeightsError``; may download the weights the first time)."""
        with self._lock:
            if self._settings is None:
                from sakura_sorter.vision.settings import ExtractorSettings

                opts = self.options
                self._settings = ExtractorSettings.resolve(opts.weights, opts.precision, opts.batch_size)
            return self._settings

    def extractor(self) -> Extractor:
        """The VGG16 extractor (raises ``WeightsError``); imports TensorFlow, so never on a GUI thread.

        Built under its own lock, so that loading it (seconds) does not hold up ``bundle()`` or a scan.
        """
        settings = self.settings()
        with self._build_lock:
            if self._extractor is None:
                self._extractor = settings.build()
            return self._extractor

    @property
    def extractor_ready(self) -> bool:
        return self._extractor is not None

    def open_cache(self) -> FeatureCache | None:
        """The feature cache for this extractor, or None (turned off, or its file cannot be used)."""
        from sakura_sorter.vision.cache import FeatureCache

        return FeatureCache.open_default(self.settings().identity, self.options.feature_cache)

    def loading_notice(self) -> Notice | None:
        """What to say while the extractor is built: nothing when it is ready, else downloading the weights,
        preparing the int8 model for this computer (its very first start), or loading."""
        from sakura_sorter.vision.weights import WeightsError, resolve_weights

        if self.extractor_ready:
            return None
        if self._settings is None:
            try:
                resolve_weights(self.options.weights, allow_download=False)
            except WeightsError:
                from sakura_sorter.vision.weights import ENV_VAR, WEIGHTS_FILENAME

                if self.options.weights or os.environ.get(ENV_VAR):
                    raise  # a file was named and is unusable: say so now
                return Notice(
                    f"Downloading the VGG16 weights ({WEIGHTS_FILENAME}, 58.9 MB); this happens once. "
                    "Without a network connection this fails with instructions to get the file offline.",
                    DOWNLOADING,
                )
        if self.settings().needs_preparing:
            return Notice("Preparing the model for this computer (8-bit, once; it can take half a minute)…", PREPARING)
        return Notice("Loading the VGG16 model (a few seconds the first time)…", LOADING)

    # --- folder jobs ---------------------------------------------------------------------------

    def scan(self, folder: Path, recursive: bool = False) -> FolderScan:
        """List the photos to classify, those already sorted into a class folder, and the journal state."""
        from sakura_sorter.files.plan import already_sorted
        from sakura_sorter.files.plan_summary import left_out
        from sakura_sorter.files.recovery import has_undoable_run, needs_recovery
        from sakura_sorter.vision.listing import check_folder, scan_photos

        check_folder(Path(folder))  # a person reads the path as they typed it
        root = Path(folder).resolve()
        classes = self.bundle().classes
        found = scan_photos(root, recursive=recursive)
        done = [p for p in found.photos if already_sorted(root, p, classes)]
        todo = [p for p in found.photos if not already_sorted(root, p, classes)]
        scan = FolderScan(root, todo, done, classes, has_undoable_run(root), needs_recovery(root))
        scan.links, scan.unreadable = found.links, found.unreadable
        scan.left_out = Counter() if recursive else left_out(root, classes)
        return scan

    def classify(
        self, paths: Sequence[Path], cancel: Cancel = never, keep_features: bool = True
    ) -> Generator[ClassifyStep | Notice, None, list[PhotoResult]]:
        """Classify ``paths`` batch by batch; returns every result (errors as error results).

        ``keep_features=False`` (for commands that only report or sort; suggesting and teaching need features):
        each photo's features (40 KB) are dropped once it is classified, so 2,000 photos take as little memory
        as 200; and photos unchanged since a run with the same model and extractor come first, from the memo in
        the feature cache's file, without loading the model (a re-run of 600 photos in a fraction of a second).

        A photo the person labelled before (kept in the teaching set, found by its content wherever it is
        now) gets their label as ``human_label``: it wins over the model. Stops after the current batch
        when ``cancel()`` is true and returns the results so far.
        """
        from sakura_sorter.jobs.classifying import classify

        return (yield from classify(self, paths, cancel, keep_features))

    def plan(
        self,
        scan: FolderScan,
        results: Sequence[PhotoResult],
        mode: Mode,
        threshold: Threshold | None = None,
        per_folder: bool = False,
    ) -> Plan:
        """What sorting would do: ``results`` plus the photos already sorted (listed as skipped).

        ``threshold``: below it a photo goes to review; None: the model's own thresholds per class
        (:meth:`review_threshold`).

        ``per_folder``: photos of subfolders go into class folders inside their own subfolder.
        """
        from sakura_sorter.files.plan import make_plan

        every = [
            *results,
            *(PhotoResult(path=p) for p in [*scan.already_sorted, *scan.links]),
            *(PhotoResult(path=p, error=reason) for p, reason in scan.unreadable),
        ]
        limit = self.review_threshold(threshold)
        return make_plan(scan.folder, every, scan.classes, mode=mode, threshold=limit, per_folder=per_folder)

    def review_threshold(self, requested: Threshold | None = None) -> Threshold:
        """The threshold asked for, else the model's calibrated ones per class, else the default."""
        if requested is not None:
            return requested
        return getattr(self.bundle(), "review_thresholds", None) or DEFAULT_THRESHOLD

    @staticmethod
    def recover(folder: Path) -> str | None:
        """Finish an interrupted run of ``folder`` first; its id, or None when there was none."""
        from sakura_sorter.files.recovery import needs_recovery, recover

        return recover(folder) if needs_recovery(folder) else None

    @staticmethod
    def apply(plan: Plan, cancel: Cancel = never) -> Generator[ApplyStep, None, ApplyOutcome]:
        """Carry out ``plan``, yielding at most every 50 ms; returns what happened to each photo."""
        from sakura_sorter.files.apply import apply_steps

        steps = apply_steps(plan, cancel)
        last = 0.0
        while True:
            try:
                step = next(steps)
            except StopIteration as stop:
                outcome: ApplyOutcome = stop.value
                return outcome
            now = time.monotonic()
            if now - last > 0.05 or step.done == step.total:
                last = now
                yield step

    @staticmethod
    def undo(folder: Path) -> UndoOutcome:
        """Reverse the last run of ``folder`` (``run_id`` None: nothing to undo)."""
        from sakura_sorter.files.recovery import undo_last

        return undo_last(folder)

    @staticmethod
    def undoable(folder: Path) -> bool:
        from sakura_sorter.files.recovery import has_undoable_run

        return has_undoable_run(folder)

    @staticmethod
    def write_sort_report(out: Path, plan: Plan, outcome: ApplyOutcome | None = None) -> Path:
        """The ``sort`` CSV: what happened (``outcome``), or what would happen (a dry run)."""
        from sakura_sorter.files.report import write_sort_report

        write_sort_report(out, plan, outcome)
        return out

    @staticmethod
    def write_classify_report(out: Path, results: Sequence[PhotoResult]) -> Path:
        from sakura_sorter.files.report import write_classify_report

        write_classify_report(out, results)
        return out

    # --- labelled-folder jobs ------------------------------------------------------------------

    def labelled_features(
        self, paths: Sequence[Path], labels: Sequence[str], cancel: Cancel = never
    ) -> Generator[ClassifyStep, None, LabelledFeatures]:
        """Features of labelled photos (from the cache where possible); unreadable ones are listed apart."""
        from sakura_sorter.jobs.labelled import read_features

        return (yield from read_features(self, paths, labels, cancel))

    def train(
        self,
        data_dir: Path | Sequence[Path],
        classes: Sequence[str] | None = None,
        neither: Sequence[Path] = (),
        threshold: float | None = None,
        name: str = "",
        cancel: Cancel = never,
        recipe: bool = False,
    ) -> Generator[ClassifyStep, None, Trained]:
        """Fit a model on ``data_dir/<class>/`` photos (plus ``neither`` folders) and measure it; ``recipe``:
        the published two-class recipe exactly (see :func:`.labelled.train`)."""
        from sakura_sorter.jobs.labelled import train

        return (yield from train(self, data_dir, classes, neither, threshold, name, cancel, recipe))

    def evaluate(
        self,
        data_dir: Path | Sequence[Path],
        neither: Sequence[Path] = (),
        threshold: float | None = None,
        cancel: Cancel = never,
    ) -> Generator[ClassifyStep, None, Evaluated]:
        """Label ``data_dir/<class>/`` photos (and ``neither`` folders) with the model and compare."""
        from sakura_sorter.jobs.labelled import evaluate

        return (yield from evaluate(self, data_dir, neither, threshold, cancel))

    # --- teaching -----------------------------------------------------------------------------

    def learn_from_report(self, report: Path, cancel: Cancel = never) -> Generator[ClassifyStep, None, Learned]:
        """Keep the ``human_label`` of each photo in a report (a sort/export CSV) in the teaching set."""
        from sakura_sorter.jobs.teaching import learn_from_report

        return (yield from learn_from_report(self, Path(report), cancel))

    def learn_from_folders(self, folder: Path, cancel: Cancel = never) -> Generator[ClassifyStep, None, Learned]:
        """Keep labels for the photos of ``folder/<class>/`` (and ``folder/other/``) in the teaching set."""
        from sakura_sorter.jobs.teaching import learn_from_folders

        return (yield from learn_from_folders(self, Path(folder), cancel))

    def suggest(self, results: Sequence[PhotoResult], count: int = 20) -> list[Suggested]:
        """The photos of ``results`` to label first (see :mod:`.suggesting`)."""
        from sakura_sorter.jobs.suggesting import suggest

        return suggest(self, results, count)

    def remember(self, results: Sequence[PhotoResult]) -> int:
        """Keep the labels a person gave these results (or forget those they took back) in the teaching set."""
        from sakura_sorter.jobs.teaching import remember

        return remember(self, results)

    def teach(self, folder_results: Sequence[PhotoResult] = (), force: bool = False) -> Lesson:
        """A new model from the active model's training features and the teaching set (not yet adopted)."""
        from sakura_sorter.jobs.teaching import teach

        return teach(self, folder_results, force)

    def adopt(self, lesson: Lesson, name: str = "") -> ModelEntry:
        """Save a taught (or trained) model among the person's models and make it the active one."""
        from sakura_sorter.jobs.teaching import adopt

        return adopt(self, lesson, name)

    def adopt_trained(self, trained: Trained, name: str = "") -> ModelEntry:
        """Save a model trained from labelled folders among the person's models and make it the active one."""
        from sakura_sorter.jobs.teaching import adopt_trained

        return adopt_trained(self, trained, name)

    def follow_active(self) -> None:
        """Use the person's active model from now on (even if ``--model`` named another) and reload it."""
        import dataclasses

        with self._lock:
            self.options = dataclasses.replace(self.options, model=None)
            self._bundle = None

    def use_model(self, name: str) -> ModelEntry:
        """Make ``name`` (one of :func:`~sakura_sorter.model.registry.list_models`, or ``bundled``) the active
        model and load it. It is loaded (and so checked) first: a model that cannot be loaded is never made
        active, and the one in use stays."""
        from sakura_sorter.model.bundle import load_bundle
        from sakura_sorter.model.registry import activate, find

        entry = find(name)
        bundle = load_bundle(entry.folder)
        chosen = activate(entry.name)
        self.follow_active()
        with self._lock:
            self._bundle, self.model_entry = bundle, chosen.name
        return chosen

    @staticmethod
    def training_set(data_dir: Path, neither: Sequence[Path] = ()) -> tuple[LabelledSet, list[str], list[Path]]:
        """What :meth:`train` would use in ``data_dir`` (no photo is read): see :func:`.labelled.training_set`."""
        from sakura_sorter.jobs.labelled import training_set

        return training_set(Path(data_dir), neither)
