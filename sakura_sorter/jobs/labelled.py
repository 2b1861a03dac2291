"""The labelled-folder jobs: train a model on ``DATA_DIR/<class>/`` photos, evaluate one on them."""

from __future__ import annotations

from collections.abc import Generator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sakura_sorter.files.plan import DEFAULT_THRESHOLD
from sakura_sorter.jobs.events import Cancel, Cancelled, ClassifyStep, JobsLike, LabelledFeatures, never
from sakura_sorter.model.datasets import LabelledSet
from sakura_sorter.progress import RateMeter
from sakura_sorter.vocabulary import NEITHER

if TYPE_CHECKING:
    from sakura_sorter.model.bundle import ModelBundle
    from sakura_sorter.model.evaluation import Evaluation, SortingFigures
    from sakura_sorter.model.training import TrainingReport


def train(
    jobs: JobsLike,
    data_dir: Path | Sequence[Path],
    classes: Sequence[str] | None = None,
    neither: Sequence[Path] = (),
    threshold: float | None = None,
    name: str = "",
    cancel: Cancel = never,
    recipe: bool = False,
) -> Generator[ClassifyStep, None, Trained]:
    """Fit a model on ``data_dir/<class>/`` photos (plus ``neither`` folders) and measure it.

    ``data_dir`` may be several folders: their class subfolders are merged (each photo keeps its folder's
    ``SOURCES.tsv`` provenance, which the source-held-out figures use).

    ``recipe``: fit the published recipe whatever the folders hold: two classes, block5 average-pooled
    features, one ``SVC(kernel="linear")``, one review threshold (0.8 unless ``threshold``). Photos of
    neither class are left out (the recipe has no background class): :attr:`Trained.left_out` counts them.

    Raises :class:`Cancelled` when ``cancel()`` turns true while the photos are read: a model fitted on part
    of them would look finished and be wrong.
    """
    from sakura_sorter.model.datasets import load_labelled_folders
    from sakura_sorter.model.provenance import kinds_of
    from sakura_sorter.model.recipes import RECIPE
    from sakura_sorter.model.training import fit_and_evaluate, training_card

    roots = folders(data_dir)
    dataset = load_labelled_folders(roots, list(classes) if classes else None, neither)
    left_out = 0
    if recipe:
        dataset, left_out = recipe_set(dataset)
    data = yield from jobs.labelled_features(dataset.paths, dataset.labels, cancel)
    if cancel():
        raise Cancelled()
    subset_of = dict(zip(dataset.paths, dataset.subsets))
    provenance_of = dict(zip(dataset.paths, dataset.provenance()))
    subsets = [subset_of[p] for p in data.paths]
    sources = [provenance_of[p].source for p in data.paths]
    kinds = [kinds_of(label, provenance_of[p]) for p, label in zip(data.paths, data.labels)]
    bundle, report = fit_and_evaluate(
        data.features,
        data.labels,
        dataset.classes,
        data.paths,
        subsets,
        threshold,
        RECIPE if recipe else None,
        sources,
        kinds,
    )
    report.skipped = [(str(p), e) for p, e in data.skipped]
    bundle.card = training_card(dataset, report, used=len(data.paths), name=name)
    bundle.thresholds = dict(report.review_thresholds) or None
    bundle.card["training_data"]["feature_precision"] = jobs.settings().precision
    return Trained(dataset, data, subsets, bundle, report, sources, kinds, left_out)


def recipe_set(dataset: LabelledSet) -> tuple[LabelledSet, int]:
    """``dataset`` without its photos of neither class, for the two-class recipe, and how many those were.

    Raises ``DatasetError`` unless exactly two classes remain: the recipe separates two.
    """
    from dataclasses import replace

    from sakura_sorter.model.datasets import DatasetError

    classes = [c for c in dataset.classes if c != NEITHER]
    if len(classes) != 2:
        raise DatasetError(
            f"The recipe separates two classes; this data has {len(classes)} ({', '.join(classes) or 'none'}).",
            "Choose two with --classes A,B, or train without --recipe.",
        )
    keep = [i for i, label in enumerate(dataset.labels) if label != NEITHER]
    trimmed = replace(
        dataset,
        classes=classes,
        paths=[dataset.paths[i] for i in keep],
        labels=[dataset.labels[i] for i in keep],
        subsets=[dataset.subsets[i] for i in keep],
    )
    return trimmed, len(dataset.labels) - len(keep)


def evaluate(
    jobs: JobsLike,
    data_dir: Path | Sequence[Path],
    neither: Sequence[Path] = (),
    threshold: float | None = None,
    cancel: Cancel = never,
) -> Generator[ClassifyStep, None, Evaluated]:
    """Label ``data_dir/<class>/`` photos (and ``neither`` folders) with the model and compare."""
    from sakura_sorter.model.datasets import load_labelled_folders
    from sakura_sorter.model.evaluation import evaluate_labels, kind_rows, sorting_figures
    from sakura_sorter.model.provenance import kinds_of

    bundle = jobs.bundle()
    roots = folders(data_dir)
    dataset = load_labelled_folders(roots, bundle.classes, neither, require_all=False)
    data = yield from jobs.labelled_features(dataset.paths, dataset.labels, cancel)
    limit = threshold if threshold is not None else (bundle.review_thresholds or DEFAULT_THRESHOLD)
    predicted, confidence, _scores = bundle.predict(data.features)
    classes = sorted(set(bundle.classes) | set(data.labels), key=[*bundle.classes, NEITHER].index)
    evaluation = evaluate_labels(data.labels, predicted, classes, data.paths, list(confidence))
    subset_of = dict(zip(dataset.paths, dataset.subsets))
    figures = sorting_figures(
        [subset_of[p] for p in data.paths], data.labels, predicted, confidence.tolist(), limit, NEITHER
    )
    provenance_of = dict(zip(dataset.paths, dataset.provenance()))
    rows = [kind_rows(label, kinds_of(label, provenance_of[p])) for p, label in zip(data.paths, data.labels)]
    by_kind = sorting_figures(rows, data.labels, predicted, confidence.tolist(), limit, NEITHER)
    return Evaluated(evaluation, figures, data.skipped, by_kind)


def folders(data_dir: Path | Sequence[Path]) -> list[Path]:
    """One data folder or several, as a list."""
    return [Path(data_dir)] if isinstance(data_dir, (str, Path)) else [Path(d) for d in data_dir]


@dataclass
class Trained:
    """A model fitted by :meth:`Jobs.train`, with its figures; ``save`` writes it as a model folder."""

    dataset: LabelledSet
    data: LabelledFeatures
    subsets: list[str]
    bundle: ModelBundle
    report: TrainingReport
    sources: list[str] = field(default_factory=list)
    kinds: list[list[str]] = field(default_factory=list)
    left_out: int = 0  #: photos of neither class the recipe (``recipe=True``) did not train on

    def save(self, folder: Path, pca: Path | None = None) -> Path:
        """Write the model folder with its training features (and the PCA plot when asked); returns the card."""
        from sakura_sorter.model.training_features import TrainingFeatures, save_training_features

        card = self.bundle.save(folder)
        names = [p.name for p in self.data.paths]
        save_training_features(
            folder,
            TrainingFeatures(self.data.features, self.data.labels, self.subsets, names, self.sources, self.kinds),
        )
        if pca is not None:
            self.pca_plot(pca)
        return card

    def pca_plot(self, out: Path) -> Path:
        """The PCA scatter of the features the model reads, coloured by the folder each photo came from (PNG)."""
        from sakura_sorter.model.bundle import view_features
        from sakura_sorter.model.plots import save_pca_plot

        seen = view_features(self.data.features, self.bundle.view)  # what the model reads
        title = f"VGG16 {self.bundle.view} ({seen.shape[1]}-d): first two principal components"
        return save_pca_plot(seen, self.subsets, list(dict.fromkeys(self.subsets)), out, title)


def training_set(data_dir: Path, neither: Sequence[Path] = ()) -> tuple[LabelledSet, list[str], list[Path]]:
    """What training on ``data_dir`` would use, without reading a photo: the labelled set, and the classes and
    neither folders to pass to :func:`train` to get it.

    Every subfolder is a class, except one named ``other`` or ``neither``: its photos (and those of the
    ``neither`` folders) belong to no class and train the background class ``other``. Raises ``DatasetError``
    (with what to change) for a folder that cannot be trained on.
    """
    from sakura_sorter.model.datasets import DatasetError, default_classes, load_labelled_folder

    root = Path(data_dir)
    if not root.is_dir():
        raise DatasetError(f"Not a folder: {root}", "Choose a folder with one subfolder of photos per class.")
    classes, extra = default_classes(root)
    extra += [Path(f) for f in neither]
    return load_labelled_folder(root, classes, extra), classes, extra


@dataclass
class Evaluated:
    evaluation: Evaluation
    sorting: SortingFigures
    skipped: list[tuple[Path, str]]
    by_kind: SortingFigures | None = None  #: per class and per kind of photo


def read_features(
    jobs: JobsLike, paths: Sequence[Path], labels: Sequence[str], cancel: Cancel = never
) -> Generator[ClassifyStep, None, LabelledFeatures]:
    """Features of labelled photos (from the cache where possible); unreadable ones are listed apart."""
    import numpy as np

    from sakura_sorter.model.datasets import DatasetError
    from sakura_sorter.vision.pipeline import iter_features

    label_of = dict(zip(paths, labels))
    cache = jobs.open_cache()
    meter = RateMeter()
    out = LabelledFeatures(np.empty((0, 0), np.float32), [], [])
    rows: list[np.ndarray] = []
    try:
        for batch in iter_features(
            paths, jobs.extractor, batch_size=jobs.options.batch_size, cache=cache, cancel=cancel
        ):
            for path, feature, error in zip(batch.paths, batch.features, batch.errors):
                if feature is None:
                    out.skipped.append((path, error or "unknown error"))
                else:
                    rows.append(feature)
                    out.labels.append(label_of[path])
                    out.paths.append(path)
            out.hashes.update(batch.hashes)
            meter.update(batch.done, batch.total)
            yield ClassifyStep([], batch.done, batch.total, meter.rate, meter.eta, batch.cached)
    finally:
        if cache is not None:
            cache.close()
    if not rows:
        raise DatasetError("None of the photos could be read.", "Check that the folders hold photos.")
    out.features = np.stack(rows)
    return out
