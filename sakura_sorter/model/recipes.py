"""How a model is fitted on features: the recipe's two-class SVM, or the model that also knows "neither".

Both keep the recipe's core, a linear ``SVC``. They differ in what they read and how many SVMs they fit:

* ``RECIPE`` (two classes, no background): the published recipe as it is: the 512 average-pooled block5
  numbers, one ``SVC(kernel="linear")``.
* ``NEITHER_RECIPE`` (a background class ``other``, or three or more classes): block4 and block5, each
  scaled to unit length (1024 numbers), one linear SVM per class (one-vs-rest, ``C=1``, balanced class
  weights). With three classes, ``SVC.decision_function`` returns one-vs-one *vote counts*, whose softmax
  is about 0.95 for every photo, so nothing would ever go to review; one-vs-rest SVMs give real margins.
  Chosen by source-held-out cross-validation among 34 candidates (see ``benchmarks/neither.py``).

The confidence slope is fitted on margins held out by stratified 5-fold cross-validation, then the SVMs
are refitted on all photos.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from sakura_sorter.model.bundle import ModelBundle, view_features
from sakura_sorter.model.confidence import fit_slope
from sakura_sorter.model.datasets import DatasetError
from sakura_sorter.model.pooling import REGION_TOP
from sakura_sorter.vocabulary import NEITHER

RANDOM_STATE = 3  # the recipe's random_state, used for every split
CV_FOLDS = 5


@dataclass(frozen=True)
class Recipe:
    """A way to fit a model: which features it reads (``view``) and its SVMs."""

    name: str
    view: str
    one_vs_rest: bool
    C: float = 1.0
    class_weight: str | None = None
    why: str = ""
    pooling: str = "mean"  #: how the margins of a photo's regions are read (:mod:`~sakura_sorter.model.pooling`)

    def make_svm(self) -> Any:
        """The classifier, unfitted."""
        if self.one_vs_rest:
            return OneVsRestSVC(C=self.C, class_weight=self.class_weight)
        from sklearn.svm import SVC

        return SVC(kernel="linear", C=self.C, class_weight=self.class_weight)

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "feature_view": self.view,
            "classifier": ("one-vs-rest " if self.one_vs_rest else "") + "SVC(kernel='linear')",
            "C": self.C,
            "class_weight": self.class_weight,
            "pooling": self.pooling,
            "why": self.why,
        }


class OneVsRestSVC:
    """One ``SVC(kernel="linear")`` per class against the rest, fitted with optional sample weights.

    As ``OneVsRestClassifier(SVC(...))`` (each binary SVM balances its own two sides when ``class_weight`` is
    ``"balanced"``), but ``fit`` takes ``sample_weight``: a label a person gave counts as several photos.
    With two classes it is one SVM whose margin is positive for ``classes_[1]``, as ``SVC``'s.
    """

    def __init__(self, C: float = 1.0, class_weight: str | None = None):
        self.C = C
        self.class_weight = class_weight

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        return {"C": self.C, "class_weight": self.class_weight}

    def set_params(self, **params: Any) -> OneVsRestSVC:
        for key, value in params.items():
            setattr(self, key, value)
        return self

    def fit(self, X: np.ndarray, y: Sequence[str], sample_weight: np.ndarray | None = None) -> OneVsRestSVC:
        from sklearn.svm import SVC

        labels = np.asarray(y)
        self.classes_ = np.unique(labels)
        targets = self.classes_[1:] if len(self.classes_) == 2 else self.classes_
        self.estimators_ = []
        for c in targets:
            side = (labels == c).astype(int)
            weights = None
            if self.class_weight == "balanced":
                weights = {k: len(side) / (2.0 * max(1, int((side == k).sum()))) for k in (0, 1)}
            svc = SVC(kernel="linear", C=self.C, class_weight=weights)
            self.estimators_.append(svc.fit(X, side, sample_weight=sample_weight))
        return self

    def decision_function(self, X: np.ndarray) -> np.ndarray:
        margins = np.column_stack([e.decision_function(X) for e in self.estimators_])
        return margins[:, 0] if len(self.classes_) == 2 else margins

    def predict(self, X: np.ndarray) -> np.ndarray:
        margins = self.decision_function(X)
        if margins.ndim == 1:
            return np.asarray(self.classes_[(margins > 0).astype(int)])
        return np.asarray(self.classes_[margins.argmax(axis=1)])

    def score(self, X: np.ndarray, y: Sequence[str]) -> float:
        return float(np.mean(self.predict(X) == np.asarray(y)))


RECIPE = Recipe(
    "recipe: block5, SVC(kernel='linear')", "recipe", False, why="two classes and no background: the published recipe"
)
NEITHER_RECIPE = Recipe(
    "block4+block5 (L2 each), one-vs-rest linear SVCs, balanced",
    "block4+block5/l2",
    True,
    1.0,
    "balanced",
    why=(
        "chosen among 34 candidates by cross-validation holding out whole sources (summary in README; "
        "benchmarks/neither.py measures it against the recipe): "
        "the only change that improved both other flowers kept out and sakura/cosmos sorted right; one-vs-rest "
        "because SVC's three-class decision values are vote counts (confidence ~0.95 for every photo); "
        "kNN novelty gates, Platt scaling and per-class thresholds each cost more sakura than they saved flowers; "
        "the flower classes' margins pooled over the photo's regions (half mean, half the 4 best of 3x3) sort "
        "more whole scenes right with sources held out (benchmarks/pooling.py)"
    ),
    pooling=REGION_TOP,
)


def choose_recipe(classes: Sequence[str]) -> Recipe:
    """The recipe for these classes: the published one for two classes, else the one that knows neither."""
    return NEITHER_RECIPE if NEITHER in classes or len(classes) > 2 else RECIPE


def stratified_folds(y: np.ndarray) -> Any:
    """The product's stratified k-fold split (fewer folds when a class has fewer photos)."""
    from sklearn.model_selection import StratifiedKFold

    smallest = min(int((y == c).sum()) for c in np.unique(y))
    if smallest < 2:
        raise DatasetError(
            "Each class needs at least two photos for cross-validation.", "Add photos to the smallest class."
        )
    return StratifiedKFold(n_splits=min(CV_FOLDS, smallest), shuffle=True, random_state=RANDOM_STATE)


def fit_bundle(
    features: np.ndarray,
    labels: Sequence[str],
    recipe: Recipe,
    weights: np.ndarray | None = None,
    slope: float | None = None,
) -> ModelBundle:
    """Fit ``recipe`` on the extractor's ``features``: confidence slope from held-out margins, then all photos.

    ``weights``: how many photos each one counts as (a person's label counts more; the recipe's SVC takes none).
    ``slope``: keep this confidence slope instead of fitting one (a taught model keeps its base's, with which
    its review thresholds were calibrated; a model whose confidence is never read needs none).
    """
    X = view_features(features, recipe.view)
    y = np.asarray(labels).astype(str)
    final = _fit(recipe, X, y, weights)
    if slope is None:
        held_out: np.ndarray | None = None
        for train, test in stratified_folds(y).split(X, y):
            fold = _fit(recipe, X[train], y[train], None if weights is None else weights[train])
            margins = ModelBundle(svm=fold, view=recipe.view, pooling=recipe.pooling).decision(features[test])
            if held_out is None:
                held_out = np.zeros((len(y), *margins.shape[1:]))
            held_out[test] = margins
        assert held_out is not None
        order = [str(c) for c in final.classes_]
        slope = fit_slope(held_out, np.array([order.index(v) for v in y]), len(order))
    return ModelBundle(svm=final, slope=slope, view=recipe.view, pooling=recipe.pooling)


def _fit(recipe: Recipe, X: np.ndarray, y: np.ndarray, weights: np.ndarray | None) -> Any:
    svm = recipe.make_svm()
    return svm.fit(X, y) if weights is None else svm.fit(X, y, sample_weight=weights)
