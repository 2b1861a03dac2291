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

from sakura_sorter.model.bundle import ModelBundle, fit_slope, view_features
from sakura_sorter.model.datasets import DatasetError
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

    def make_svm(self) -> Any:
        """The classifier, unfitted."""
        from sklearn.svm import SVC

        svc = SVC(kernel="linear", C=self.C, class_weight=self.class_weight)
        if not self.one_vs_rest:
            return svc
        from sklearn.multiclass import OneVsRestClassifier

        return OneVsRestClassifier(svc)

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "feature_view": self.view,
            "classifier": ("one-vs-rest " if self.one_vs_rest else "") + "SVC(kernel='linear')",
            "C": self.C,
            "class_weight": self.class_weight,
            "why": self.why,
        }


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
        "kNN novelty gates, Platt scaling and per-class thresholds each cost more sakura than they saved flowers"
    ),
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


def fit_bundle(features: np.ndarray, labels: Sequence[str], recipe: Recipe) -> ModelBundle:
    """Fit ``recipe`` on the extractor's ``features``: confidence slope from held-out margins, then all photos."""
    from sklearn.model_selection import cross_val_predict

    X = view_features(features, recipe.view)
    y = np.asarray(labels).astype(str)
    held_out = cross_val_predict(recipe.make_svm(), X, y, cv=stratified_folds(y), method="decision_function")
    final = recipe.make_svm().fit(X, y)
    order = [str(c) for c in final.classes_]
    slope = fit_slope(held_out, np.array([order.index(v) for v in y]), len(order))
    return ModelBundle(svm=final, slope=slope, view=recipe.view)
