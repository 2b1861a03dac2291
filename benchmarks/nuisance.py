"""Issue 16 research: does removing the directions in which sources differ keep more look-alikes out?

    python benchmarks/nuisance.py [--ks 0,2,5,10,20,40]

Nuisance attribute projection (Solomonoff, Campbell & Boardman, 2005: channel compensation for speaker
recognition): the SVMs are fitted with their weights kept orthogonal to the K directions that best explain
how one source's photos of a class differ from that class's photos of every source (the mean per class and
source minus the class mean, each scaled by the square root of its count; the top K singular vectors). A
source's camera, processing and framing would then no longer count. Since the weights are orthogonal to
those directions, the model reads the photos (and their regions) exactly as the bundled one does. Measured
as ``neither.py`` measures the bundled recipe: every source held out, review thresholds calibrated per
class on the held-out predictions; the directions come from each fold's training photos only. K = 0 is the
bundled recipe.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from neither import bundled_with_sources, report  # noqa: E402

from sakura_sorter.model.bundle import view_features  # noqa: E402
from sakura_sorter.model.calibration import calibrate_thresholds  # noqa: E402
from sakura_sorter.model.recipes import NEITHER_RECIPE, OneVsRestSVC, Recipe  # noqa: E402
from sakura_sorter.model.validation import cv_groups, held_out_predictions  # noqa: E402
from sakura_sorter.vocabulary import NEITHER  # noqa: E402


def source_directions(X: np.ndarray, y: np.ndarray, sources: np.ndarray, k: int) -> np.ndarray:
    """The ``k`` unit directions (columns) along which sources differ within a class."""
    rows = []
    for c in np.unique(y):
        mean = X[y == c].mean(axis=0)
        for s in np.unique(sources[y == c]):
            part = (y == c) & (sources == s)
            rows.append((X[part].mean(axis=0) - mean) * np.sqrt(part.sum()))
    return np.linalg.svd(np.array(rows), full_matrices=False)[2][:k].T


class ProjectedSVC(OneVsRestSVC):
    """The recipe's SVMs fitted on features with the source directions removed (found by each row's source)."""

    def __init__(self, k: int, source_of: dict[bytes, str], **params: Any):
        super().__init__(**params)
        self.k, self.source_of = k, source_of

    def fit(self, X: np.ndarray, y: Any, sample_weight: np.ndarray | None = None) -> ProjectedSVC:
        X = np.asarray(X)
        if self.k > 0:
            sources = np.array([self.source_of[row.tobytes()] for row in X])
            away = source_directions(X, np.asarray(y).astype(str), sources, self.k)
            X = X - (X @ away) @ away.T
        super().fit(X, y, sample_weight)
        return self


@dataclass(frozen=True)
class ProjectedRecipe(Recipe):
    k: int = 0
    source_of: dict[bytes, str] | None = None

    def make_svm(self) -> Any:
        return ProjectedSVC(self.k, self.source_of or {}, C=self.C, class_weight=self.class_weight)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ks", default="0,2,5,10,20,40", help="how many source directions to remove")
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data", help="the photos trained on")
    args = parser.parse_args()
    data = bundled_with_sources(args.data)
    features, labels = data.features, data.labels
    viewed = view_features(features, NEITHER_RECIPE.view)
    source_of = {row.tobytes(): s for row, s in zip(viewed, data.sources)}
    groups = cv_groups(data.names, data.sources, labels, features)
    for k in (int(v) for v in args.ks.split(",")):
        recipe = ProjectedRecipe(
            f"{NEITHER_RECIPE.name}, {k} source directions removed",
            NEITHER_RECIPE.view,
            True,
            NEITHER_RECIPE.C,
            NEITHER_RECIPE.class_weight,
            pooling=NEITHER_RECIPE.pooling,
            k=k,
            source_of=source_of,
        )
        held = held_out_predictions(features, labels, groups, recipe)
        limits = calibrate_thresholds(labels, held.labels, held.confidence.tolist(), sorted(set(labels)), NEITHER)
        report(recipe.name, (data.subsets, labels, data.kinds, data.sources), held.labels, held.confidence, limits)
    return 0


if __name__ == "__main__":
    sys.exit(main())
