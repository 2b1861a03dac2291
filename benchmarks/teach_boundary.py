"""Issue 17, part 2: which way of teaching moves the boundary for look-alikes, with whole sources held out.

    python benchmarks/teach_boundary.py [--draws 5] [--ns 5,10,20] [--configs margin:3:0:base,...] [--model DIR]

The set-up is ``benchmarks/suggest.py``'s (shipped training features only, no photos or TensorFlow): in each
draw a random half of photos2's sources is a new person's folder, the base model is fitted without it (and
without a fifth of our own sakura/cosmos, "ours"), and its per-class review thresholds are calibrated on its
source-held-out predictions. The person labels N photos of the folder; each *config* says how:

``RULE:WEIGHT:NEIGHBOURS:THRESHOLDS``

* RULE ``margin``: ``suggest`` as shipped (uncertainty 1 - (p1 - p2) x novelty); ``decision``: the same
  novelty, with uncertainty about the *sort decision* instead: 1 - min over classes of |p_c - t_c| / 0.5
  (photos close to a class folder's threshold, i.e. the look-alikes that would just get in or stay out);
  ``mixed``: the two lists in turn; ``moved``: novelty alone among the photos the model would move into a
  class folder (confident mistakes: look-alikes that uncertainty never asks about); ``spread``: ``margin`` and
  ``moved`` in turn; every config is also run with N random photos (3 choices, the baseline);
* WEIGHT: a person's label counts as this many training photos;
* NEIGHBOURS: photos of the folder at cosine >= this to a labelled photo share its label (weight 1), 0 = none;
* THRESHOLDS ``base``: the base model's thresholds; ``recalK``: re-calibrated after teaching on the base model's
  source-held-out predictions plus the person's labelled photos as a taught model labels them held out (3-fold
  over the labels: refit without a fold, label it), each counted K times (``recal`` = once), so that the
  thresholds see the new camera.

Measured on the folder's photos nobody labelled: sakura+cosmos sorted right, in the wrong class folder, other
flowers moved into a class folder; ours sorted right; and "lost": training photos the base model labels right
and the taught model wrong (what ``teach`` warns about).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sakura_sorter.model.bundle import ModelBundle, view_features  # noqa: E402
from sakura_sorter.model.calibration import calibrate_thresholds  # noqa: E402
from sakura_sorter.model.recipes import NEITHER_RECIPE, fit_bundle  # noqa: E402
from sakura_sorter.model.suggest import random_choice, suggest  # noqa: E402
from sakura_sorter.model.training_features import TrainingFeatures, load_training_features  # noqa: E402
from sakura_sorter.model.validation import HeldOut, cv_groups, held_out_predictions  # noqa: E402
from sakura_sorter.vocabulary import NEITHER  # noqa: E402

sys.path.insert(0, str(REPO / "benchmarks"))
from neither import with_regions  # noqa: E402
from suggest import TARGETS, figures  # noqa: E402

DEFAULT = "margin:3:0:base,decision:3:0:base,margin:10:0:base,margin:3:0.8:base,margin:3:0:recal,decision:10:0.8:recal"


def decision_scores(scores: np.ndarray, classes: list[str], limits: dict[str, float]) -> np.ndarray:
    """Scores whose ``uncertainty`` (1 - (p1 - p2)) is the closeness to the nearest class-folder threshold."""
    gaps = [np.abs(scores[:, i] - limits[c]) for i, c in enumerate(classes) if c != NEITHER]
    closeness = 1.0 - np.clip(np.min(gaps, axis=0) / 0.5, 0.0, 1.0)
    return np.stack([np.full(len(scores), 0.5 + closeness / 2), 0.5 - closeness / 2], axis=1)


@dataclass
class Draw:
    """One draw: the features, the base model's training rows, the folder's rows, the kept-apart "ours"."""

    x: np.ndarray
    y: np.ndarray
    train: np.ndarray  # row numbers
    rows: np.ndarray  # the folder's row numbers
    ours: np.ndarray  # boolean mask
    unit: np.ndarray  # the folder's features (the model's view), unit rows
    base: ModelBundle
    held_out: HeldOut
    limits: dict[str, float]
    classes: list[str]

    def fit(self, chosen: list[int], weight: float, near_c: float) -> ModelBundle:
        """The base refitted with the labels of the folder's ``chosen`` photos (and their neighbours')."""
        x, y, taught = self.x, self.y, self.rows[chosen]
        ex, ey, ew = [x[taught]], [y[taught]], [np.full(len(taught), weight)]
        if near_c > 0:
            sims = self.unit[chosen] @ self.unit.T
            near: dict[int, str] = {}
            for k in range(len(chosen)):
                for j in np.flatnonzero(sims[k] >= near_c):
                    if j not in chosen and j not in near:
                        near[int(j)] = y[taught[k]]
            if near:
                ex.append(x[self.rows[list(near)]])
                ey.append(np.array(list(near.values())))
                ew.append(np.ones(len(near)))
        fx = np.vstack([x[self.train], *ex])
        fy = [*y[self.train], *np.concatenate(ey)]
        fw = np.concatenate([np.ones(len(self.train)), *ew])
        return fit_bundle(fx, fy, NEITHER_RECIPE, fw)

    def recalibrated(self, chosen: list[int], weight: float, near_c: float, repeat: int) -> dict[str, float]:
        """Thresholds from the base's source-held-out predictions plus the labelled photos as a taught model
        labels them held out (3-fold over the labels), each counted ``repeat`` times."""
        folds = np.arange(len(chosen)) % 3
        truth, lab, conf = [], [], []
        for f in range(3):
            keep = [c for c, g in zip(chosen, folds) if g != f]
            out = [c for c, g in zip(chosen, folds) if g == f]
            if not out:
                continue
            model = self.fit(keep, weight, near_c) if keep else self.base
            pl, pc, _ = model.predict(self.x[self.rows[out]])
            truth += list(self.y[self.rows[out]]) * repeat
            lab += list(pl) * repeat
            conf += list(pc) * repeat
        return calibrate_thresholds(
            [*self.y[self.train], *truth],
            [*self.held_out.labels, *lab],
            [*self.held_out.confidence, *conf],
            self.classes,
            NEITHER,
        )

    def measure(self, chosen: list[int], weight: float, near_c: float, how: str) -> tuple[float, ...]:
        """(right, wrong, other moved) on the folder's unlabelled photos, ours right, training photos lost."""
        model = self.fit(chosen, weight, near_c)
        lim = self.recalibrated(chosen, weight, near_c, int(how[5:] or 1)) if how.startswith("recal") else self.limits
        x, y = self.x, self.y
        rest = self.rows[np.setdiff1d(np.arange(len(self.rows)), chosen)]
        base_right = np.asarray(self.base.predict(x[self.train])[0]) == y[self.train]
        lost = int(np.sum(base_right & (np.asarray(model.predict(x[self.train])[0]) != y[self.train])))
        return (*figures(model, x[rest], y[rest], lim), figures(model, x[self.ours], y[self.ours], lim)[0], lost)


def make_draw(data: TrainingFeatures, draw: int) -> Draw:
    x, y = data.features, np.asarray(data.labels)
    subsets, sources = np.asarray(data.subsets).astype(str), np.asarray(data.sources)
    new = np.char.startswith(subsets, "photos2/")
    rng = np.random.default_rng(100 + draw)
    new_sources = sorted(set(sources[new]))
    held = set(rng.choice(new_sources, len(new_sources) // 2, replace=False))
    folder = np.isin(sources, list(held)) & new
    ours = np.char.startswith(subsets, "photos/") & (y != NEITHER) & (rng.random(len(y)) < 0.2)
    tr = np.flatnonzero(~folder & ~ours)
    groups = cv_groups([data.names[i] for i in tr], list(sources[tr]), list(y[tr]), x[tr])
    held_out = held_out_predictions(x[tr], list(y[tr]), groups, NEITHER_RECIPE)
    classes = sorted(set(y))
    limits = calibrate_thresholds(list(y[tr]), held_out.labels, held_out.confidence.tolist(), classes, NEITHER)
    base = fit_bundle(x[tr], list(y[tr]), NEITHER_RECIPE)
    rows = np.flatnonzero(folder)
    seen = view_features(x[rows], base.view)
    unit = seen / np.linalg.norm(seen, axis=1, keepdims=True)
    return Draw(x, y, tr, rows, ours, unit, base, held_out, limits, classes)


def picks_by_rule(d: Draw, n: int) -> dict[str, list[int]]:
    seen = d.unit
    _l, _c, scores = d.base.predict(d.x[d.rows])
    reference = view_features(d.x[d.train], d.base.view)
    margin = [s.index for s in suggest(seen, scores, reference, n)]
    decision = [s.index for s in suggest(seen, decision_scores(scores, d.classes, d.limits), reference, n)]
    mixed = list(dict.fromkeys(i for pair in zip(margin, decision) for i in pair))[:n]
    labels, conf, _ = d.base.predict(d.x[d.rows])
    would_move = np.array([lab != NEITHER and c >= d.limits[lab] for lab, c in zip(labels, conf)])
    # novelty alone among the photos the model would move (the confident mistakes uncertainty never finds)
    flat = np.where(would_move[:, None], [0.5, 0.5], [1.0, 0.0])
    moved = [s.index for s in suggest(seen, flat, reference, n) if would_move[s.index]]
    spread = list(dict.fromkeys(i for pair in zip(margin, moved + margin) for i in pair))[:n]
    return {"margin": margin, "decision": decision, "mixed": mixed, "moved": moved or margin, "spread": spread}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--draws", type=int, default=5)
    parser.add_argument("--ns", default="5,10,20")
    parser.add_argument("--configs", default=DEFAULT)
    parser.add_argument("--randoms", type=int, default=3)
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data", help="the photos trained on")
    parser.add_argument("--averages-only", action="store_true", help="no regions: every model read as a mean")
    parser.add_argument("--model", type=Path, default=REPO / "resources" / "model", help="folder with features.npz")
    args = parser.parse_args()
    data = load_training_features(args.model)
    assert data is not None and data.sources, f"{args.model} has no training features with sources"
    if not args.averages_only:  # the regions the models pool, as the product reads them
        data.features = with_regions(data.names, data.labels, args.data)
    ns = [int(n) for n in args.ns.split(",")]
    configs = [c.split(":") for c in args.configs.split(",")]
    names = [":".join(c) for c in configs]
    table: dict[tuple[str, int], list[tuple[float, ...]]] = {}
    randoms: dict[tuple[str, int], list[tuple[float, ...]]] = {}
    print(f"{args.model}: {len(data.labels)} photos, {data.features.shape[1]} numbers each; {args.draws} draws.")
    print(f"Targets: {TARGETS}")
    for draw in range(args.draws):
        d = make_draw(data, draw)
        before = figures(d.base, d.x[d.rows], d.y[d.rows], d.limits)
        ours = figures(d.base, d.x[d.ours], d.y[d.ours], d.limits)[0]
        print(
            f"\ndraw {draw + 1}: folder of {len(d.rows)} photos; thresholds "
            + ", ".join(f"{k} {v:.2f}" for k, v in d.limits.items())
            + f"\n  before: right {before[0]:.1%}, wrong {before[1]}, other moved {before[2]:.1%}, ours {ours:.1%}"
        )
        for n in ns:
            by_rule = picks_by_rule(d, n)
            picks = [random_choice(len(d.rows), n, seed=1000 * draw + 10 * n + r) for r in range(args.randoms)]
            for name, (rule, w, c, how) in zip(names, configs):
                got = d.measure(by_rule[rule], float(w), float(c), how)
                rnd = tuple(np.mean([d.measure(p, float(w), float(c), how) for p in picks], axis=0))
                table.setdefault((name, n), []).append(got)
                randoms.setdefault((name, n), []).append(rnd)
                print(
                    f"  N={n:>2} {name:<22} suggested: right {got[0]:.1%}, wrong {got[1]:.0f}, other moved "
                    f"{got[2]:.1%}, ours {got[3]:.1%}, lost {got[4]:.0f} | random: right {rnd[0]:.1%}, wrong "
                    f"{rnd[1]:.1f}, other moved {rnd[2]:.1%}, ours {rnd[3]:.1%}, lost {rnd[4]:.1f}"
                    + ("  BEATS" if got[0] - got[2] > rnd[0] - rnd[2] else ""),
                    flush=True,
                )
    print("\nsummary (mean over draws; beats = draws where suggested right - other moved > random's):")
    for name in names:
        for n in ns:
            s, r = np.array(table[(name, n)]), np.array(randoms[(name, n)])
            beats = int(np.sum(s[:, 0] - s[:, 2] > r[:, 0] - r[:, 2]))
            met = int(np.sum((s[:, 0] >= 0.9) & (s[:, 1] <= 1) & (s[:, 2] <= 0.1) & (s[:, 3] >= 0.97)))
            m = s.mean(axis=0)
            print(
                f"  {name:<22} N={n:>2}: beats {beats}/{len(s)}, targets met {met}/{len(s)}; right {m[0]:.1%}, "
                f"wrong {m[1]:.1f}, other moved {m[2]:.1%}, ours {m[3]:.1%}, lost {m[4]:.1f} | random right "
                f"{r[:, 0].mean():.1%}, other moved {r[:, 2].mean():.1%}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
