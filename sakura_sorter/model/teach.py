"""Teach: refit the model on its own training features plus the labels a person gave, and say what changed.

The new model is fitted by the recipe of the model it starts from (``NEITHER_RECIPE`` for the bundled one) on
the base model's training features (shipped with it, no photos needed) plus the teaching set. Before anyone
switches to it, old and new are compared by stratified 5-fold cross-validation on the combined photos: in each
fold the old model is refitted without the person's labels, the new one with them, and both label the held-out
photos. A new model that is clearly worse on the base photos (its labels contradict them) is refused.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from sakura_sorter.errors import SakuraSorterError
from sakura_sorter.model.bundle import ModelBundle, TrainingFeatures, library_versions, save_training_features
from sakura_sorter.model.recipes import Recipe, choose_recipe, fit_bundle, stratified_folds
from sakura_sorter.model.teaching import Taught
from sakura_sorter.vision.extractor import AVG_DIM

#: The new model is refused when it labels this much more of the base photos wrongly (held out).
WORSE_BY = 0.02
TAUGHT = "taught"
#: A label a person gave counts as this many training photos: it is a deliberate correction, usually of a
#: photo the model got wrong with confidence, so a few of them must move the boundary. 3 was chosen with
#: benchmarks/teach.py (1, 3 and 10 compared): 20 taught flowers cut the untaught flowers sorted into a class
#: folder from 66% to 20% while sakura/cosmos stay >= 97% right; 10 costs sakura (92.7% right with 20
#: labels), 1 moves the boundary too little (35% still sorted).
TAUGHT_WEIGHT = 3.0


def weights_of(data: TrainingFeatures) -> np.ndarray:
    return np.where(np.asarray(data.subsets) == TAUGHT, TAUGHT_WEIGHT, 1.0)


class TeachError(SakuraSorterError):
    """Teaching cannot make a usable model from these labels."""


@dataclass
class Comparison:
    """Held-out accuracy of the old and the new model on the combined photos, on the base photos alone, and on
    the person's labels alone."""

    old_all: float
    new_all: float
    old_base: float
    new_base: float
    old_taught: float
    new_taught: float

    @property
    def clearly_worse(self) -> bool:
        return self.new_base < self.old_base - WORSE_BY

    def describe(self) -> str:
        return (
            f"was {self.old_all:.1%}, now {self.new_all:.1%} (cross-validation on all photos); "
            f"your labels: {self.old_taught:.0%} -> {self.new_taught:.0%}; "
            f"the model's own training photos: {self.old_base:.1%} -> {self.new_base:.1%}"
        )


@dataclass
class TaughtModel:
    """A model taught by :func:`teach`: the SVMs, what they were trained on, the comparison, the time it took."""

    bundle: ModelBundle
    training: TrainingFeatures
    comparison: Comparison
    seconds: float


def combined(base: TrainingFeatures, taught: Sequence[Taught], classes: Sequence[str]) -> TrainingFeatures:
    """The base training features plus the person's labels that have features and a known class."""
    usable = [t for t in taught if t.feature is not None and t.label in classes]
    if not usable:
        raise TeachError(
            "None of your labels can be taught: no label with features and one of the model's classes "
            f"({', '.join(classes)}).",
            "Label some photos in the window's review, or give a report with a human_label column.",
        )
    mine = np.stack([np.asarray(t.feature, np.float32) for t in usable])
    if mine.shape[1] != base.features.shape[1]:  # training features saved before regions: the averages only
        mine, base_rows = mine[:, :AVG_DIM], base.features[:, :AVG_DIM]
    else:
        base_rows = base.features
    features = np.vstack([base_rows, mine])
    return TrainingFeatures(
        features,
        [*base.labels, *(t.label for t in usable)],
        [*base.subsets, *([TAUGHT] * len(usable))],
        [*base.names, *(Path(t.path).name for t in usable)],
    )


def compare(data: TrainingFeatures, recipe: Recipe) -> Comparison:
    """Old (without the person's labels) against new (with them), held out by stratified 5-fold CV."""
    y = np.asarray(data.labels)
    mine = np.asarray(data.subsets) == TAUGHT
    weights = weights_of(data)
    right_old = np.zeros(len(y), bool)
    right_new = np.zeros(len(y), bool)
    for train, test in stratified_folds(y).split(data.features, y):
        base_train = train[~mine[train]]
        old = fit_bundle(data.features[base_train], list(y[base_train]), recipe)
        new = fit_bundle(data.features[train], list(y[train]), recipe, weights[train])
        right_old[test] = np.asarray(old.predict(data.features[test])[0]) == y[test]
        right_new[test] = np.asarray(new.predict(data.features[test])[0]) == y[test]

    def share(mask: np.ndarray, right: np.ndarray) -> float:
        return float(right[mask].mean()) if mask.any() else 0.0

    every = np.ones(len(y), bool)
    return Comparison(
        share(every, right_old),
        share(every, right_new),
        share(~mine, right_old),
        share(~mine, right_new),
        share(mine, right_old),
        share(mine, right_new),
    )


def teach(base: ModelBundle, base_training: TrainingFeatures | None, taught: Sequence[Taught]) -> TaughtModel:
    """A new model from ``base``'s training features and the person's labels; refused when clearly worse."""
    if base_training is None:
        raise TeachError(
            f"The model {base.name!r} has no training features (features.npz), so it cannot be taught.",
            "Teach the bundled model, or a model trained by this version.",
        )
    started = time.perf_counter()
    data = combined(base_training, taught, base.classes)
    recipe = choose_recipe(base.classes)
    comparison = compare(data, recipe)
    if comparison.clearly_worse:
        raise TeachError(
            "The taught model would be clearly worse on the photos the model was trained on "
            f"({comparison.old_base:.1%} -> {comparison.new_base:.1%}): some of your labels contradict them.",
            "Check the labels you gave (a sakura labelled cosmos?), correct them and teach again.",
        )
    bundle = fit_bundle(data.features, data.labels, recipe, weights_of(data))
    taught_counts = Counter(label for label, s in zip(data.labels, data.subsets) if s == TAUGHT)
    bundle.card = {
        "name": "",
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "taught_from": base.name,
        "recipe": recipe.describe(),
        "training_data": {
            "classes": base.classes,
            "counts": dict(Counter(data.labels)),
            "labels_from_the_person": sum(taught_counts.values()),
            "labels_from_the_person_per_class": dict(taught_counts),
            "weight_of_a_persons_label": TAUGHT_WEIGHT,
        },
        "metrics": {
            "comparison": {
                "method": "stratified 5-fold cross-validation on the combined photos; old = refitted without "
                "the person's labels, new = with them",
                **comparison.__dict__,
            },
            "base_metrics": base.card.get("metrics", {}),
        },
        "versions_at_teaching": library_versions(),
    }
    return TaughtModel(bundle, data, comparison, time.perf_counter() - started)


def save_taught(model: TaughtModel, folder: Path, name: str) -> Path:
    """Write the taught model's folder (card, SVMs, training features)."""
    model.bundle.card["name"] = name
    card = model.bundle.save(folder)
    save_training_features(folder, model.training)
    return card
