"""Fit and evaluate the linear SVM from labelled folders (one subfolder per class), as in the recipe.

The recipe: ``train_test_split(X, y, test_size=0.33, random_state=3)``, ``SVC(kernel="linear")``,
acc on the training part and val_acc on the held-out part. We add stratified 5-fold cross-validation,
a confusion matrix, the confidence slope fitted on cross-validated margins, and a PCA plot. The model
written to disk is refitted on all the data once the figures are measured.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np

from sakura_sorter.errors import SakuraSorterError
from sakura_sorter.imaging import find_photos

RECIPE_TEST_SIZE = 0.33
RECIPE_RANDOM_STATE = 3
CV_FOLDS = 5


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


def load_labelled_folder(root: Path, classes: list[str] | None = None) -> LabelledSet:
    """Photos of ``root/<class>/`` for each class (default: every non-hidden subfolder, sorted)."""
    root = Path(root)
    if not root.is_dir():
        raise DatasetError(f"Not a folder: {root}")
    available = sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    chosen = classes if classes else available
    missing = [c for c in chosen if c not in available]
    if missing:
        raise DatasetError(
            f"No subfolder for class(es) {', '.join(missing)} in {root}; "
            f"subfolders are: {', '.join(available) or 'none'}"
        )
    if len(chosen) < 2:
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


def make_svm():  # type: ignore[no-untyped-def]
    from sklearn.svm import SVC

    return SVC(kernel="linear")


def fit_and_evaluate(features: np.ndarray, labels: list[str], classes: list[str], paths: list[Path]):  # type: ignore[no-untyped-def]
    """Measure acc/val_acc (recipe split), CV and the confusion matrix; fit the final bundle on all data."""
    from sklearn.metrics import accuracy_score, confusion_matrix
    from sklearn.model_selection import StratifiedKFold, cross_val_predict, cross_val_score, train_test_split

    from sakura_sorter.classifier import ModelBundle, fit_slope

    X = np.asarray(features, dtype=np.float64)
    y = np.asarray(labels)
    idx = np.arange(len(y))
    x_tr, x_te, y_tr, y_te, _i_tr, i_te = train_test_split(
        X, y, idx, test_size=RECIPE_TEST_SIZE, random_state=RECIPE_RANDOM_STATE
    )
    split_svm = make_svm().fit(x_tr, y_tr)
    acc = accuracy_score(y_tr, split_svm.predict(x_tr))
    val_pred = split_svm.predict(x_te)
    val_acc = accuracy_score(y_te, val_pred)
    confusion = confusion_matrix(y_te, val_pred, labels=classes).tolist()
    misclassified = [(str(paths[i]), str(t), str(p)) for i, t, p in zip(i_te, y_te, val_pred) if t != p]

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
        val_acc=float(val_acc),
        cv_scores=[float(s) for s in cv_scores],
        confusion=confusion,
        val_misclassified=misclassified,
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


def save_pca_plot(features: np.ndarray, labels: list[str], classes: list[str], out: Path, title: str = "") -> Path:
    """2-D PCA scatter of the features coloured by class, as PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from sklearn.decomposition import PCA

    pca = PCA(n_components=2)
    xy = pca.fit_transform(np.asarray(features, dtype=np.float64))
    y = np.asarray(labels)
    fig, ax = plt.subplots(figsize=(7, 5.5), dpi=110)
    for name in classes:
        mask = y == name
        ax.scatter(xy[mask, 0], xy[mask, 1], s=18, alpha=0.75, label=f"{name} ({int(mask.sum())})")
    ratio = pca.explained_variance_ratio_
    ax.set_xlabel(f"PC1 ({ratio[0]:.1%} of variance)")
    ax.set_ylabel(f"PC2 ({ratio[1]:.1%} of variance)")
    ax.set_title(title or "VGG16 features (512-d), first two principal components")
    ax.legend(loc="best")
    ax.grid(alpha=0.3)
    fig.tight_layout()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out)
    plt.close(fig)
    return out
