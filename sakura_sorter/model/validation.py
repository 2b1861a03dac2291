"""Honest figures for a model: cross-validation that holds out whole sources, then the sorting rule.

A photo's source is the collection it came from (:mod:`~sakura_sorter.model.provenance`: a ``SOURCES.tsv``
repository, else the file-name prefix). Every photo of a source is held out together, whatever its class, so
no photo of the held-out camera or collection is in training. A class with fewer than
:data:`MIN_SOURCES` sources cannot lose a whole source (nothing would be left to learn it from): its
photos are held out in runs of consecutive file names within their source (frames of one recording and
photos of one shoot have neighbouring names), and photos closer than :data:`NEAR_DUPLICATE` in cosine
similarity always stay in one group. Each held-out photo then goes through the rule ``sort`` uses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from sakura_sorter.model.evaluation import SortingFigures, kind_rows, sorting_figures
from sakura_sorter.model.recipes import Recipe, fit_bundle
from sakura_sorter.vision.extractor import RECIPE_COLUMNS
from sakura_sorter.vocabulary import NEITHER

#: The review threshold of a model without a background class (the recipe's), unless one is given.
DEFAULT_REVIEW = 0.8
#: A class needs this many sources before whole sources of it are held out.
MIN_SOURCES = 3
#: Runs of consecutive names a single-source class is cut into.
RUNS_PER_SOURCE = 5
#: Photos at least this similar (cosine of the block5 features) are never split across groups.
NEAR_DUPLICATE = 0.95


def cv_groups(names: Sequence[str], sources: Sequence[str], labels: Sequence[str], features: np.ndarray) -> list[str]:
    """One group name per photo (see the module docstring)."""
    groups = list(sources)
    for label in sorted(set(labels) - {NEITHER}):
        rows = [i for i, x in enumerate(labels) if x == label]
        if len({sources[i] for i in rows}) >= MIN_SOURCES:
            continue
        for source in sorted({sources[i] for i in rows}):
            members = sorted((i for i in rows if sources[i] == source), key=lambda i: names[i])
            for rank, i in enumerate(members):
                groups[i] = f"{label}:{source}:{rank * RUNS_PER_SOURCE // len(members)}"
    return _merge_near_duplicates(groups, np.asarray(features)[:, RECIPE_COLUMNS])


def _merge_near_duplicates(groups: list[str], features: np.ndarray) -> list[str]:
    unit = features / np.clip(np.linalg.norm(features, axis=1, keepdims=True), 1e-12, None)
    parent = {g: g for g in groups}

    def root(g: str) -> str:
        while parent[g] != g:
            parent[g] = parent[parent[g]]
            g = parent[g]
        return g

    close = np.argwhere(np.triu(unit @ unit.T, k=1) >= NEAR_DUPLICATE)
    for i, j in close:
        a, b = root(groups[i]), root(groups[j])
        if a != b:
            parent[max(a, b)] = min(a, b)
    return [root(g) for g in groups]


@dataclass
class HeldOut:
    """Each photo's label and confidence from the model that did not see its group."""

    labels: list[str]
    confidence: np.ndarray
    folds: int


def held_out_predictions(features: np.ndarray, labels: Sequence[str], groups: Sequence[str], recipe: Recipe) -> HeldOut:
    """Leave-one-group-out: fit ``recipe`` without each group, then label that group."""
    y = np.asarray(labels).astype(str)
    g = np.asarray(groups)
    predicted = np.empty(len(y), dtype=object)
    confidence = np.zeros(len(y))
    folds = 0
    for group in sorted(set(g)):
        test = g == group
        train = ~test
        if len(set(y[train])) < 2:
            predicted[test], confidence[test] = NEITHER, 0.0  # nothing to learn from: it could not be sorted
            continue
        bundle = fit_bundle(features[train], y[train], recipe)
        label, conf, _ = bundle.predict(features[test])
        predicted[test], confidence[test] = label, conf
        folds += 1
    return HeldOut([str(x) for x in predicted], confidence, folds)


@dataclass
class HeldOutFigures:
    """Source-held-out sorting figures per folder (``by_folder``) and per class and kind (``by_kind``)."""

    by_folder: SortingFigures
    by_kind: SortingFigures
    held: HeldOut
    thresholds: dict[str, float]  #: the review threshold per class the figures are measured at


def source_held_out_figures(
    features: np.ndarray,
    labels: Sequence[str],
    subsets: Sequence[str],
    names: Sequence[str],
    sources: Sequence[str],
    recipe: Recipe,
    threshold: float | None,
    kinds: Sequence[Sequence[str]] | None = None,
    calibrate: bool = False,
) -> HeldOutFigures:
    """Sorting figures of ``recipe`` with sources held out (see the module docstring), at ``threshold`` for
    every class, or (``calibrate``, or no threshold) at thresholds per class calibrated on these predictions."""
    from sakura_sorter.model.calibration import calibrate_thresholds

    groups = cv_groups(names, sources, labels, features)
    held = held_out_predictions(features, labels, groups, recipe)
    conf = held.confidence.tolist()
    classes = sorted(set(labels))
    if (calibrate or threshold is None) and NEITHER in classes:
        limits = calibrate_thresholds(labels, held.labels, conf, classes, NEITHER)
    else:  # the recipe's two classes (no background): one threshold, as the recipe
        limits = {c: float(DEFAULT_REVIEW if threshold is None else threshold) for c in classes}
    rows = [kind_rows(label, k) for label, k in zip(labels, kinds or [[] for _ in labels])]
    return HeldOutFigures(
        sorting_figures(subsets, labels, held.labels, conf, limits, NEITHER),
        sorting_figures(rows, labels, held.labels, conf, limits, NEITHER),
        held,
        limits,
    )
