"""Issue 10 figures: how many labels it takes to fix a class of mistakes, and how long teaching takes.

    python benchmarks/teach.py [--draws 5] [--ks 5,10,20]

A person whose model has never seen other flowers labels k of them "other" (neither) and teaches it. Uses the
training features shipped with the bundled model (``resources/model/features.npz``; no photos, no TensorFlow):

* base model: the bundled recipe fitted on sakura, cosmos and the ordinary photos only (no other flowers);
* taught model: ``sakura_sorter.model.teach.teach`` with k random other flowers labelled ``other``;
* measured on the other flowers not taught (how many would still be sorted into a class folder at 0.8), and on
  sakura and cosmos with their groups held out as ``train`` holds them out (sorted right, wrong, kept out);
* time: the whole ``teach`` call (the comparison by cross-validation, then the final fit), on this machine.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sakura_sorter.model.bundle import ModelBundle, bundled_model_dir  # noqa: E402
from sakura_sorter.model.recipes import NEITHER_RECIPE, fit_bundle  # noqa: E402
from sakura_sorter.model.teach import TAUGHT_WEIGHT, teach, weights_of  # noqa: E402
from sakura_sorter.model.teaching import Taught  # noqa: E402
from sakura_sorter.model.training_features import TrainingFeatures, load_training_features  # noqa: E402
from sakura_sorter.model.validation import cv_groups  # noqa: E402
from sakura_sorter.vocabulary import NEITHER  # noqa: E402

THRESHOLD = 0.8


def subset(data: TrainingFeatures, keep: np.ndarray) -> TrainingFeatures:
    idx = np.flatnonzero(keep)
    return TrainingFeatures(
        data.features[idx],
        [data.labels[i] for i in idx],
        [data.subsets[i] for i in idx],
        [data.names[i] for i in idx],
        [data.sources[i] for i in idx],
        [data.kinds[i] for i in idx],
    )


def sorted_into_a_class(bundle: ModelBundle, features: np.ndarray) -> int:
    labels, conf, _ = bundle.predict(features)
    return int(sum(label != NEITHER and c >= THRESHOLD for label, c in zip(labels, conf)))


def class_figures(training: TrainingFeatures, taught: list[Taught]) -> tuple[int, int, int, int]:
    """Sakura and cosmos with their groups held out: (right, wrong folder, kept out, n)."""
    groups = np.asarray(cv_groups(training.names, training.sources, training.labels, training.features))
    labels = np.asarray(training.labels)
    right = wrong = kept = n = 0
    extra = np.stack([t.feature for t in taught]) if taught else np.empty((0, training.features.shape[1]))
    for group in sorted(set(groups[labels != NEITHER])):
        test, train = groups == group, groups != group
        x = np.vstack([training.features[train], extra])
        y = [*labels[train], *(t.label for t in taught)]
        w = np.concatenate([np.ones(int(train.sum())), np.full(len(taught), TAUGHT_WEIGHT)])
        bundle = fit_bundle(x, y, NEITHER_RECIPE, w)
        predicted, conf, _ = bundle.predict(training.features[test])
        for truth, label, c in zip(labels[test], predicted, conf):
            n += 1
            if label == NEITHER or c < THRESHOLD:
                kept += 1
            elif label == truth:
                right += 1
            else:
                wrong += 1
    return right, wrong, kept, n


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--draws", type=int, default=5, help="random choices of the taught flowers per k")
    parser.add_argument("--ks", default="5,10,20", help="how many flowers the person labels")
    parser.add_argument("--weight", type=float, help="count a person's label as this many photos (to compare)")
    args = parser.parse_args()
    if args.weight is not None:
        import sakura_sorter.model.teach as teach_module

        teach_module.TAUGHT_WEIGHT = args.weight
        globals()["TAUGHT_WEIGHT"] = args.weight
    data = load_training_features(bundled_model_dir())
    if data is None:
        print("the bundled model has no training features", file=sys.stderr)
        return 2
    flowers = np.asarray([s == "other" or s.endswith("/other") for s in data.subsets])
    base_data = subset(data, ~flowers)
    flower_rows = np.flatnonzero(flowers)
    base = fit_bundle(base_data.features, base_data.labels, NEITHER_RECIPE)
    base.card = {"name": "base without other flowers"}
    before = sorted_into_a_class(base, data.features[flower_rows])
    r, w, k_, n = class_figures(base_data, [])
    print(f"base (no other flowers in training): {before}/{len(flower_rows)} other flowers sorted into a class folder;")
    print(f"  sakura+cosmos, groups held out: {r}/{n} right, {w} wrong folder, {k_} kept out")
    print(f"a person's label counts as {TAUGHT_WEIGHT:g} training photos\n")
    rng = random.Random(10)
    for k in [int(x) for x in args.ks.split(",")]:
        still, rights, wrongs, seconds = [], [], [], []
        for _ in range(args.draws):
            chosen = rng.sample(list(flower_rows), k)
            rest = [i for i in flower_rows if i not in chosen]
            taught = [Taught(f"sha{i}", NEITHER, data.names[i], 0, data.features[i]) for i in chosen]
            started = time.perf_counter()
            lesson = teach(base, base_data, taught)
            seconds.append(time.perf_counter() - started)
            still.append(sorted_into_a_class(lesson.bundle, data.features[rest]) / len(rest))
            r, w, _kept, n = class_figures(base_data, taught)
            rights.append(r / n)
            wrongs.append(w)
        print(
            f"k={k:>2}: untaught other flowers still sorted into a class folder {np.mean(still):6.1%} "
            f"(range {min(still):.0%}-{max(still):.0%}; before {before / len(flower_rows):.0%}); "
            f"sakura+cosmos right {np.mean(rights):.1%}, wrong folder {np.mean(wrongs):.1f}; "
            f"teach took {np.median(seconds):.1f} s (median of {args.draws})"
        )
    print(f"\n({len(data.labels)} training photos; {weights_of(base_data).sum():.0f} before teaching)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
