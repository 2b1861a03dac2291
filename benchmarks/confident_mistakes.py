"""Issue 17: can anything find the photos a model moves confidently and wrongly, and would labelling them teach?

    python benchmarks/confident_mistakes.py [--draws 5] [--members 10]

Same draws as ``suggest.py`` (a new person's folder = half of the photos2 sources, never seen). For each draw:

* **signals**: among the photos the base model would put into a class folder (at its review thresholds), the
  ROC AUC of "it is the wrong folder" for low confidence, distance to the nearest training photo, the share of
  the 10 nearest training photos of another class, nearest other class minus nearest same class (cosine), and
  a committee of ``--members`` models each fitted on 60% of the training sources (share voting otherwise,
  spread of the predicted class's margin). 0.5 is chance;
* **oracle**: teaching the N photos it moves most confidently and wrongly (true labels, weight 3), against N
  random photos: the share of the rest placed where they belong, sakura/cosmos right, other flowers moved.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from neither import bundled_with_sources  # noqa: E402
from suggest import folder_draw, label_weights, refit, sorting  # noqa: E402

from sakura_sorter.model.bundle import ModelBundle, view_features  # noqa: E402
from sakura_sorter.model.recipes import NEITHER_RECIPE  # noqa: E402
from sakura_sorter.model.suggest import random_choice, unit_rows  # noqa: E402
from sakura_sorter.results import review_threshold  # noqa: E402
from sakura_sorter.vocabulary import NEITHER  # noqa: E402

NEAREST = 10


def auc(positive: np.ndarray, score: np.ndarray) -> float:
    """ROC AUC of ``score`` for the boolean ``positive`` (ties count half); nan when one side is empty."""
    pos, neg = score[positive], score[~positive]
    if not len(pos) or not len(neg):
        return float("nan")
    greater = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    return float(greater / (len(pos) * len(neg)))


def committee(
    x: np.ndarray,
    y: np.ndarray,
    sources: np.ndarray,
    train: np.ndarray,
    rows: np.ndarray,
    labels: np.ndarray,
    members: int,
    seed: int,
) -> tuple[np.ndarray, np.ndarray]:
    """(share of members voting other than ``labels``, spread of their margin for ``labels``) per folder photo;
    each member is the recipe fitted on 60% of the training sources (redrawn until every class is there)."""
    rng = np.random.default_rng(seed)
    index = np.flatnonzero(train)
    names = np.unique(sources[index])
    votes, margins = [], []
    for _ in range(100 * members):  # a draw lacking a class is drawn again
        if len(votes) == members:
            break
        keep = index[np.isin(sources[index], rng.choice(names, int(0.6 * len(names)), replace=False))]
        if len(set(y[keep])) < len(set(y[train])):
            continue
        svm = NEITHER_RECIPE.make_svm().fit(view_features(x[keep], NEITHER_RECIPE.view), y[keep].astype(str))
        member = ModelBundle(svm=svm, view=NEITHER_RECIPE.view, pooling=NEITHER_RECIPE.pooling)
        decision = member.decision(x[rows])
        classes = [str(c) for c in svm.classes_]
        votes.append(np.asarray(classes)[decision.argmax(axis=1)])
        margins.append(decision[np.arange(len(rows)), [classes.index(v) for v in labels]])
    if len(votes) < members:
        raise SystemExit(f"could not draw {members} committee members with every class")
    return np.mean(np.array(votes) != labels[None, :], axis=0), np.std(np.array(margins), axis=0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--draws", type=int, default=5)
    parser.add_argument("--ns", default="5,10,20")
    parser.add_argument("--members", type=int, default=10, help="models in the committee")
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data", help="the photos trained on")
    args = parser.parse_args()
    data = bundled_with_sources(args.data)
    x, y, sources = data.features, np.asarray(data.labels), np.asarray(data.sources)
    ns = [int(n) for n in args.ns.split(",")]
    for draw in range(args.draws):
        _held, rows, train, _ours, limits, base = folder_draw(draw, data, x, y)
        labels, conf, _ = base.predict(x[rows])
        labels, conf, truth = np.asarray(labels), np.asarray(conf), y[rows]
        moved = np.array([lab != NEITHER and c >= review_threshold(limits, lab) for lab, c in zip(labels, conf)])
        wrong = labels != truth
        seen = unit_rows(view_features(x[rows], base.view))
        known = unit_rows(view_features(x[train], base.view))
        sims, known_y = seen @ known.T, y[train]
        nearest = np.argsort(-sims, axis=1)[:, :NEAREST]
        same = np.where(known_y[None, :] == labels[:, None], sims, -2.0).max(axis=1)
        other = np.where(known_y[None, :] != labels[:, None], sims, -2.0).max(axis=1)
        votes, spread = committee(x, y, sources, train, rows, labels, args.members, seed=draw)
        signals = {
            "low confidence": -conf,
            "distance to nearest training photo": 1.0 - sims.max(axis=1),
            f"share of {NEAREST} nearest of another class": np.mean(known_y[nearest] != labels[:, None], axis=1),
            "nearest other class - nearest same class": other - same,
            "committee: share voting otherwise": votes,
            "committee: spread of margin": spread,
        }
        print(f"\ndraw {draw + 1}: {len(rows)} photos, {int(moved.sum())} moved, {int((moved & wrong).sum())} wrongly")
        for name, score in signals.items():
            print(f"  AUC {auc(wrong[moved], score[moved]):.3f}  {name}")
        mistakes = np.flatnonzero(moved & wrong)
        mistakes = mistakes[np.argsort(-conf[mistakes])]
        for n in ns:
            got = {}
            choices = {"oracle": [list(mistakes[:n])]}
            choices["random"] = [random_choice(len(rows), n, seed=1000 * draw + 10 * n + r) for r in range(3)]
            for how, picks in choices.items():
                runs = []
                for chosen in picks:
                    taught = rows[chosen]
                    model = refit(x, y, train, [(x[taught], y[taught], label_weights(y[taught], 3.0))])
                    rest = rows[np.setdiff1d(np.arange(len(rows)), chosen)]
                    runs.append(sorting(model, x[rest], y[rest], limits))
                got[how] = np.mean(np.array(runs, dtype=float), axis=0)
            o, r = got["oracle"], got["random"]
            print(
                f"  N={n:>2} ({len(choices['oracle'][0])} mistakes labelled): oracle placed {o[3]:.1%} "
                f"(right {o[0]:.1%}, wrong {o[1]:.1f}, other moved {o[2]:.1%}) | random placed {r[3]:.1%} "
                f"(right {r[0]:.1%}, wrong {r[1]:.1f}, other moved {r[2]:.1%})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
