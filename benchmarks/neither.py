"""Issue 9 and 16 figures: what ``sort`` would do with photos whose source the model never saw, before and after.

    python benchmarks/neither.py [--model DIR] [--data ../shared/data] [--averages-only]

Reads the training features shipped with a model (``resources/model/features.npz``, made by ``train`` from
../shared/data: photos, photos2 and everyday: sakura, cosmos, other flowers and ordinary photos, with each
photo's source and kinds). That file keeps only each photo's averages, so the regions the model pools are
read again from the photos in ``--data`` through the product's feature cache (the first run extracts them,
about 4 minutes on 2 cores; later runs take seconds); ``--averages-only`` skips that and measures the
models read as a mean, without photos or TensorFlow. Cross-validation holds out every
photo of a source together, as ``train`` does (``sakura_sorter.model.validation``), then applies the sorting
rule. Compares, on the same folds:

* the recipe's two-class SVM (sakura vs cosmos, block5 features), which has no "neither", at 0.8;
* the model that knows "neither" at one threshold, 0.8, for every class (the rule before issue 16);
* the same model at the review thresholds per class calibrated on these held-out predictions (the rule after;
  chosen and measured on the same predictions, so slightly optimistic).

Prints, per folder, per class and per kind of photo: sorted right / wrong folder / review / left as neither,
and the misses by source.
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

from sakura_sorter.model.bundle import bundled_model_dir  # noqa: E402
from sakura_sorter.model.calibration import calibrate_thresholds  # noqa: E402
from sakura_sorter.model.evaluation import SortingFigures, kind_rows, sorting_figures  # noqa: E402
from sakura_sorter.model.recipes import NEITHER_RECIPE, RECIPE, fit_bundle  # noqa: E402
from sakura_sorter.model.training_features import TrainingFeatures, load_training_features  # noqa: E402
from sakura_sorter.model.validation import cv_groups, held_out_predictions  # noqa: E402
from sakura_sorter.results import Threshold, review_threshold  # noqa: E402
from sakura_sorter.vocabulary import NEITHER  # noqa: E402

TARGETS = (
    "issue 16: sakura+cosmos right >= 85% (whole scenes >= 75%), wrong folder <= 1%, other flowers moved <= 20%, "
    "ordinary photos moved <= 1%, review <= 15%"
)


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


def show(title: str, figures: SortingFigures, totals: bool = True) -> None:
    limits = figures.per_class or figures.threshold
    print(f"\n{title} ({limits})")
    for subset, row in figures.subsets.items():
        n, right, wrong, review = row["n"], row["right"], row["wrong"], row.get("review", 0)
        if subset in figures.background:
            print(f"  {subset:>28}: {wrong:>3}/{n} into a class folder ({wrong / n:6.1%}), {review} review")
        else:
            print(f"  {subset:>28}: {right:>3}/{n} right ({right / n:6.1%}), {review} review, {wrong} wrong")
    if totals and figures.background:
        classes = figures.totals(background=False)
        rate, wrong_folder = figures.class_right_rate, figures.class_wrong
        print(
            f"  sakura+cosmos right: {classes['right']}/{classes['n']} ({rate:.1%}), wrong folder: {wrong_folder}; "
            f"review (all photos): {figures.review_rate:.1%}"
        )


def misses_by_source(
    subsets: list[str], sources: list[str], truth: list[str], labels: list[str], conf: np.ndarray, limit: Threshold
) -> None:
    misses: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    for subset, source, t, label, c in zip(subsets, sources, truth, labels, conf):
        key = f"{subset}/{source}"
        totals[key] += 1
        moved = label != NEITHER and c >= review_threshold(limit, label)
        misses[key] += moved if t == NEITHER else not (moved and label == t)
    print("  misses by source: " + ", ".join(f"{k} {misses[k]}/{totals[k]}" for k in sorted(totals) if misses[k]))


def seen_source_predictions(features: np.ndarray, labels: list[str]) -> tuple[list[str], np.ndarray]:
    """Photos held out by stratified 5-fold CV, so other photos of their source train the model (as a new photo
    of a camera the model knows)."""
    from sakura_sorter.model.recipes import stratified_folds

    y = np.asarray(labels)
    predicted = np.empty(len(y), dtype=object)
    confidence = np.zeros(len(y))
    for train, test in stratified_folds(y).split(features, y):
        label, conf, _ = fit_bundle(features[train], list(y[train]), NEITHER_RECIPE).predict(features[test])
        predicted[test], confidence[test] = label, conf
    return [str(x) for x in predicted], confidence


def report(title: str, data: tuple, labels: list[str], conf: np.ndarray, limit: Threshold) -> None:
    subsets, truth, kinds, sources = data
    show(title, sorting_figures(subsets, truth, labels, conf.tolist(), limit, NEITHER))
    rows = [kind_rows(t, k) for t, k in zip(truth, kinds)]
    by_kind = sorting_figures(rows, truth, labels, conf.tolist(), limit, NEITHER)
    show("  the same per class and kind", by_kind, totals=False)
    misses_by_source(subsets, sources, truth, labels, conf, limit)


def with_regions(names: list[str], labels: list[str], root: Path) -> np.ndarray:
    """The features (averages and regions) of the training photos, found by name under ``root``, as ``train``
    reads them: through the product's feature cache, float32."""
    from sakura_sorter.jobs import Jobs, Options
    from sakura_sorter.progress import drain

    found = {p.name: p for p in root.rglob("*") if p.is_file()}
    missing = [n for n in names if n not in found]
    if missing:
        raise SystemExit(
            f"{len(missing)} training photos are not under {root} (e.g. {missing[0]}); try --averages-only"
        )
    paths = [found[n] for n in names]
    got = drain(Jobs(Options(precision="float32")).labelled_features(paths, labels))
    row = {p: i for i, p in enumerate(got.paths)}
    if len(row) != len(paths):
        raise SystemExit(f"{len(paths) - len(row)} training photos could not be read: {got.skipped[:3]}")
    return np.stack([got.features[row[p]] for p in paths])


def bundled_with_sources(root: Path, regions: bool = True) -> TrainingFeatures:
    """The bundled model's training features with each photo's source, and (``regions``) their regions read
    from the photos under ``root``; exits with a message when the model has none."""
    data = load_training_features(bundled_model_dir())
    if data is None or not data.sources:
        raise SystemExit("the bundled model has no training features with sources")
    if regions:
        data.features = with_regions(data.names, data.labels, root)
    return data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path, default=bundled_model_dir(), help="model folder with features.npz")
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data", help="the photos trained on")
    parser.add_argument("--averages-only", action="store_true", help="no regions: every model read as a mean")
    args = parser.parse_args()
    data = load_training_features(args.model)
    if data is None:
        print(f"{args.model} has no training features (features.npz)", file=sys.stderr)
        return 2
    features, labels, subsets, names = data.features, data.labels, data.subsets, data.names
    if not args.averages_only:
        features = with_regions(names, labels, args.data)
    groups = cv_groups(names, data.sources, labels, features)
    print(f"{len(labels)} photos: " + ", ".join(f"{s} {n}" for s, n in Counter(subsets).items()))
    print(f"{len(set(data.sources))} sources, {len(set(groups))} held-out groups. Targets: {TARGETS}")
    both = (subsets, labels, data.kinds, data.sources)

    started = time.perf_counter()
    before_labels, before_conf = before_predictions(features, labels, groups)
    report("RECIPE: the two-class SVM, threshold 0.8", both, before_labels, before_conf, 0.8)

    held = held_out_predictions(features, labels, groups, NEITHER_RECIPE)
    report(f"BEFORE: {NEITHER_RECIPE.name}, one threshold 0.8", both, held.labels, held.confidence, 0.8)
    limits = calibrate_thresholds(labels, held.labels, held.confidence.tolist(), sorted(set(labels)), NEITHER)
    report("AFTER: the same SVMs, review thresholds per class", both, held.labels, held.confidence, limits)
    seen = seen_source_predictions(features, labels)
    report("HIDDEN-STYLE: photos held out, their sources seen (stratified 5-fold)", both, *seen, limits)
    print(f"\n({held.folds} folds each, {time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
