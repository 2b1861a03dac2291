"""Fit and evaluate the linear SVM from labelled folders (one subfolder per class), as in the recipe.

The recipe: ``train_test_split(X, y, test_size=0.33, random_state=3)``, ``SVC(kernel="linear")``,
acc on the training part and val_acc on the held-out part. We add stratified 5-fold cross-validation,
a confusion matrix, the confidence slope fitted on cross-validated margins, and a PCA plot. The model
written to disk is refitted on all the data once the figures are measured.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np

from sakura_sorter.model.bundle import ModelBundle
from sakura_sorter.model.datasets import DatasetError, LabelledSet
from sakura_sorter.model.evaluation import accuracy, evaluate_labels

RECIPE_TEST_SIZE = 0.33
RECIPE_RANDOM_STATE = 3
CV_FOLDS = 5


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
            "split": {"test_size": RECIPE_TEST_SIZE, "random_state": RECIPE_RANDOM_STATE},
            "cv_folds": len(self.cv_scores),
            "cv_accuracy_mean": self.cv_mean,
            "cv_accuracy_std": self.cv_std,
            "cv_scores": self.cv_scores,
            "val_confusion_matrix": {"labels": self.classes, "rows_true_cols_predicted": self.confusion},
        }


def make_svm() -> Any:
    """The recipe's classifier, unfitted."""
    from sklearn.svm import SVC

    return SVC(kernel="linear")


def fit_and_evaluate(
    features: np.ndarray, labels: list[str], classes: list[str], paths: list[Path]
) -> tuple[ModelBundle, TrainingReport]:
    """Measure acc/val_acc (recipe split), CV and the confusion matrix; fit the final bundle on all data."""
    from sklearn.model_selection import StratifiedKFold, cross_val_predict, cross_val_score, train_test_split

    from sakura_sorter.model.bundle import fit_slope

    X = np.asarray(features, dtype=np.float64)
    y = np.asarray(labels)
    idx = np.arange(len(y))
    x_tr, x_te, y_tr, y_te, _i_tr, i_te = train_test_split(
        X, y, idx, test_size=RECIPE_TEST_SIZE, random_state=RECIPE_RANDOM_STATE
    )
    split_svm = make_svm().fit(x_tr, y_tr)
    acc = accuracy(y_tr, split_svm.predict(x_tr))
    val = evaluate_labels(y_te, split_svm.predict(x_te), classes, [paths[i] for i in i_te])

    folds = min(CV_FOLDS, min(int((y == c).sum()) for c in classes))
    if folds < 2:
        raise DatasetError("Each class needs at least two photos for cross-validation.")
    cv = StratifiedKFold(n_splits=folds, shuffle=True, random_state=RECIPE_RANDOM_STATE)
    cv_scores = cross_val_score(make_svm(), X, y, cv=cv).tolist()

    final = make_svm().fit(X, y)
    order = [str(c) for c in final.classes_]
    held_out = cross_val_predict(make_svm(), X, y, cv=cv, method="decision_function")
    y_index = np.array([order.index(v) for v in y])
    slope = fit_slope(held_out, y_index, len(order))
    report = TrainingReport(
        classes=list(classes),
        counts={c: int((y == c).sum()) for c in classes},
        acc=float(acc),
        val_acc=val.accuracy,
        cv_scores=[float(s) for s in cv_scores],
        confusion=val.confusion,
        val_misclassified=[(str(m.path), m.true, m.predicted) for m in val.mistakes],
    )
    return ModelBundle(svm=final, slope=slope), report


def training_card(dataset: LabelledSet, report: TrainingReport, used: int) -> dict[str, Any]:
    return {
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "training_data": {
            "folder_name": dataset.root.name,
            "classes": dataset.classes,
            "counts": report.counts,
            "photos_used": used,
            "photos_skipped": len(report.skipped),
            "file_list_sha256": dataset.file_list_sha256(),
        },
        "metrics": report.as_card(),
    }
