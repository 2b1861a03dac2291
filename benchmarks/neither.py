"""Issue 9 figures: what ``sort`` would do with photos whose source the model never saw, before and after.

    python benchmarks/neither.py [--model DIR] [--threshold 0.8]

Reads the training features shipped with a model (``resources/model/features.npz``, made by ``train`` from
../shared/data: sakura, cosmos, other flowers and ordinary photos), so it needs neither the photos nor
TensorFlow. Cross-validation holds out whole sources as ``train`` does (``sakura_sorter.model.validation``),
then applies the sorting rule at the threshold. Compares, on the same folds:

* before: the recipe's two-class SVM (sakura vs cosmos, block5 features), which has no "neither";
* after: the model that knows "neither" (the recipe ``train`` chooses when a background class is given).

Prints, per folder of photos: how many would be sorted into a class folder (right / wrong) or stay, the
targets of issue 9, and the misses by source.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sakura_sorter.model.bundle import bundled_model_dir, load_training_features  # noqa: E402
from sakura_sorter.model.datasets import source_of  # noqa: E402
from sakura_sorter.model.evaluation import SortingFigures, sorting_figures  # noqa: E402
from sakura_sorter.model.recipes import NEITHER_RECIPE, RECIPE, fit_bundle  # noqa: E402
from sakura_sorter.model.validation import cv_groups, held_out_predictions  # noqa: E402
from sakura_sorter.vocabulary import NEITHER  # noqa: E402

TARGETS = "ordinary photos into a class folder <= 1%; other flowers <= 30%; sakura+cosmos right >= 97%, 0 wrong"


def before_predictions(features: np.ndarray, labels: list[str], groups: list[str]) -> tuple[list[str], np.ndarray]:
    """The two-class recipe on the same folds: trained on the class photos of the other groups only."""
    y, g = np.asarray(labels), np.asarray(groups)
    predicted = np.empty(len(y), dtype=object)
    confidence = np.zeros(len(y))
    for group in sorted(set(g)):
        test, train = g == group, (g != group) & (y != NEITHER)
        bundle = fit_bundle(features[train], list(y[train]), RECIPE)
        label, conf, _ = bundle.predict(features[test])
        predicted[test], confidence[test] = label, conf
    return [str(x) for x in predicted], confidence


def show(title: str, figures: SortingFigures) -> None:
    print(f"\n{title} (threshold {figures.threshold:g})")
    for subset, row in figures.subsets.items():
        n, right, wrong, stay = row["n"], row["right"], row["wrong"], row["stay"]
        if subset in figures.background:
            print(f"  {subset:>9}: {wrong:>3}/{n} into a class folder ({wrong / n:6.1%}), {stay} stay")
        else:
            print(f"  {subset:>9}: {right:>3}/{n} right ({right / n:6.1%}), {stay} stay, {wrong} wrong")
    classes = figures.totals(background=False)
    rate, wrong_folder = figures.class_right_rate, figures.class_wrong
    print(f"  sakura+cosmos right: {classes['right']}/{classes['n']} ({rate:.1%}), wrong folder: {wrong_folder}")


def misses_by_source(
    subsets: list[str], names: list[str], truth: list[str], labels: list[str], conf: np.ndarray, threshold: float
) -> None:
    misses: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    for subset, name, t, label, c in zip(subsets, names, truth, labels, conf):
        key = f"{subset}/{source_of(Path(name))}"
        totals[key] += 1
        moved = label != NEITHER and c >= threshold
        misses[key] += moved if t == NEITHER else not (moved and label == t)
    print("  misses by source: " + ", ".join(f"{k} {misses[k]}/{totals[k]}" for k in sorted(totals) if misses[k]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path, default=bundled_model_dir(), help="model folder with features.npz")
    parser.add_argument("--threshold", type=float, default=0.8)
    args = parser.parse_args()
    data = load_training_features(args.model)
    if data is None:
        print(f"{args.model} has no training features (features.npz)", file=sys.stderr)
        return 2
    features, labels, subsets, names = data.features, data.labels, data.subsets, data.names
    sources = [source_of(Path(n)) for n in names]
    groups = cv_groups(names, sources, labels, features)
    print(f"{len(labels)} photos: " + ", ".join(f"{s} {n}" for s, n in Counter(subsets).items()))
    print(f"{len(set(groups))} held-out groups (whole sources for photos of neither class). Targets: {TARGETS}")

    started = time.perf_counter()
    before_labels, before_conf = before_predictions(features, labels, groups)
    before = sorting_figures(subsets, labels, before_labels, before_conf.tolist(), args.threshold, NEITHER)
    show("BEFORE: the recipe's two-class SVM", before)
    misses_by_source(subsets, names, labels, before_labels, before_conf, args.threshold)

    held = held_out_predictions(features, labels, groups, NEITHER_RECIPE)
    after = sorting_figures(subsets, labels, held.labels, held.confidence.tolist(), args.threshold, NEITHER)
    show(f"AFTER: {NEITHER_RECIPE.name}", after)
    misses_by_source(subsets, names, labels, held.labels, held.confidence, args.threshold)
    print(f"\n({held.folds} folds each, {time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
