"""Train a model on labelled photos and measure it, as in the recipe and more honestly.

The recipe's own figures: ``train_test_split(X, y, test_size=0.33, random_state=3)``, acc on the training
part and val_acc on the held-out part, and stratified 5-fold cross-validation accuracy. Then what matters to
a person: with whole sources held out (:mod:`~sakura_sorter.model.validation`), how many photos of neither
class would be sorted into a class folder, and how many class photos would wrongly stay, at the review
threshold. The model written to disk is refitted on all photos (:mod:`~sakura_sorter.model.recipes`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np

from sakura_sorter.model.bundle import ModelBundle, view_features
from sakura_sorter.model.datasets import LabelledSet, source_of
from sakura_sorter.model.evaluation import SortingFigures, accuracy, evaluate_labels
from sakura_sorter.model.recipes import RANDOM_STATE, Recipe, choose_recipe, fit_bundle, stratified_folds
from sakura_sorter.model.validation import MIN_SOURCES, NEAR_DUPLICATE, HeldOutFigures, source_held_out_figures

RECIPE_TEST_SIZE = 0.33


@dataclass
class TrainingReport:
    classes: list[str]
    counts: dict[str, int]
    acc: float
    val_acc: float
    cv_scores: list[float]
    confusion: list[list[int]]  # rows: true class, columns: predicted class (on the recipe's val split)
    val_misclassified: list[tuple[str, str, str]] = field(default_factory=list)  # (path, true, predicted)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, error)
    sorting: SortingFigures | None = None  # source-held-out figures at the threshold, per folder
    recipe: dict[str, Any] = field(default_factory=dict)
    by_kind: SortingFigures | None = None  # the same photos per class and per kind ("sakura: whole scene")
    sources: int = 0  # how many sources the photos come from
    review_thresholds: dict[str, float] = field(default_factory=dict)  # per class, calibrated (or the one given)

    @property
    def cv_mean(self) -> float:
        return float(np.mean(self.cv_scores))

    @property
    def cv_std(self) -> float:
        return float(np.std(self.cv_scores))

    def as_card(self) -> dict[str, Any]:
        return {
            "acc": self.acc,
            "val_acc": self.val_acc,
            "split": {"test_size": RECIPE_TEST_SIZE, "random_state": RANDOM_STATE},
            "cv_folds": len(self.cv_scores),
            "cv_accuracy_mean": self.cv_mean,
            "cv_accuracy_std": self.cv_std,
            "cv_scores": self.cv_scores,
            "val_confusion_matrix": {"labels": self.classes, "rows_true_cols_predicted": self.confusion},
            "source_held_out": None
            if self.sorting is None
            else {
                **self.sorting.as_card(),
                "by_class_and_kind": None if self.by_kind is None else self.by_kind.subsets,
                "sources": self.sources,
                "scheme": CV_SCHEME,
            },
        }


#: How the sorting figures were measured, as recorded in model cards.
CV_SCHEME = (
    "leave-one-group-out; every photo of a source held out together (the repository in SOURCES.tsv, else the "
    "file-name prefix before the first '_'); "
    f"a class with fewer than {MIN_SOURCES} sources held out in 5 runs of consecutive names per source; "
    f"photos with cosine >= {NEAR_DUPLICATE} always in one group"
)


def fit_and_evaluate(
    features: np.ndarray,
    labels: Sequence[str],
    classes: Sequence[str],
    paths: Sequence[Path],
    subsets: Sequence[str] | None = None,
    threshold: float | None = None,
    recipe: Recipe | None = None,
    sources: Sequence[str] | None = None,
    kinds: Sequence[Sequence[str]] | None = None,
) -> tuple[ModelBundle, TrainingReport]:
    """Measure the recipe's figures and the source-held-out sorting figures; fit the final bundle on all photos.

    ``sources``: each photo's source (default: its file-name prefix); ``kinds``: what each photo shows, for
    the figures per kind (:mod:`~sakura_sorter.model.provenance`). ``threshold``: one review threshold for
    every class; None: thresholds per class calibrated on the source-held-out predictions
    (:mod:`~sakura_sorter.model.calibration`). The sorting figures are measured at them (so the calibrated
    ones are chosen and measured on the same held-out photos: slightly optimistic).
    """
    from sklearn.model_selection import train_test_split

    recipe = recipe or choose_recipe(classes)
    X = view_features(features, recipe.view)
    y = np.asarray(labels).astype(str)
    idx = np.arange(len(y))
    x_tr, _x_te, y_tr, y_te, i_tr, i_te = train_test_split(
        X, y, idx, test_size=RECIPE_TEST_SIZE, random_state=RANDOM_STATE
    )
    split_svm = recipe.make_svm().fit(x_tr, y_tr)

    def predicted(svm: Any, rows: np.ndarray) -> list[str]:  # as the model sorts: with its pooling
        return ModelBundle(svm=svm, view=recipe.view, pooling=recipe.pooling).predict(features[rows])[0]

    val = evaluate_labels(y_te, predicted(split_svm, i_te), classes, [paths[i] for i in i_te])
    cv_scores = [
        accuracy(y[test], predicted(recipe.make_svm().fit(X[train], y[train]), test))
        for train, test in stratified_folds(y).split(X, y)
    ]
    names = [Path(p).name for p in paths]
    sources = list(sources) if sources is not None else [source_of(Path(p)) for p in paths]
    held: HeldOutFigures = source_held_out_figures(
        features, list(y), subsets or list(y), names, sources, recipe, threshold, kinds, calibrate=threshold is None
    )
    report = TrainingReport(
        classes=list(classes),
        counts={c: int((y == c).sum()) for c in classes},
        acc=accuracy(y_tr, predicted(split_svm, i_tr)),
        val_acc=val.accuracy,
        cv_scores=[float(s) for s in cv_scores],
        confusion=val.confusion,
        val_misclassified=[(str(m.path), m.true, m.predicted) for m in val.mistakes],
        sorting=held.by_folder,
        recipe=recipe.describe(),
        by_kind=held.by_kind,
        sources=len(set(sources)),
        review_thresholds=held.thresholds,
    )
    return fit_bundle(features, list(y), recipe), report


def training_card(dataset: LabelledSet, report: TrainingReport, used: int, name: str = "") -> dict[str, Any]:
    return {
        "name": name or dataset.root.name,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "recipe": report.recipe,
        "training_data": {
            "folder_name": dataset.root.name,
            "classes": dataset.classes,
            "counts": report.counts,
            "subsets": dataset.subset_counts(),
            "neither_folders": [f.name for f in dataset.neither_folders],
            "photos_used": used,
            "photos_skipped": len(report.skipped),
            "file_list_sha256": dataset.file_list_sha256(),
        },
        "metrics": report.as_card(),
        "review_thresholds": report.review_thresholds,
    }
