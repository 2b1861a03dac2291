"""Issue 17 figures: labelling the suggested photos of a new camera's folder teaches more than labelling random ones.

    python benchmarks/suggest.py [--draws 5] [--ns 5,10,20] [--weight 3] [--neighbours 0.0] [--rounds 1]

Uses the training features shipped with the bundled model (``resources/model/features.npz``: photos, photos2 and
everyday of ../shared, with each photo's source), so it needs neither the photos nor TensorFlow. In each draw:

* the sources of photos2 (46 public sources, mostly whole scenes and look-alikes) are split at random in two
  halves: the *folder* of a new person is every photo of one half; the model never sees its sources;
* the *base model* is the bundled recipe fitted on everything else (our photos, the other half, ordinary
  photos) minus a fifth of our own sakura and cosmos kept apart ("our sources", to check nothing is lost),
  with review thresholds per class calibrated on its own source-held-out predictions, as ``train`` does;
* the person labels N photos of the folder (their true label): the N that ``suggest`` ranks first, or N at
  random (several random draws); the model is refitted with the labels (as ``teach``: a label counts as
  ``--weight`` photos), ``--neighbours C`` also gives each labelled photo's near neighbours in the folder
  (cosine >= C in the features the model reads) its label at weight 1; ``--override C`` instead lets every
  photo at cosine >= C of a labelled photo take that label outright (a local correction, not a refit);
* ``--rounds K``: the N suggested photos are gathered in K rounds, each suggested by the model taught on the
  labels so far, as the window's queue is chosen again after teaching (random labels do not change);
* measured on the photos of the folder nobody labelled, at the base model's thresholds: sakura and cosmos
  sorted right, in the wrong class folder, other flowers moved into a class folder, all of them where they
  belong ("placed": sakura and cosmos in their folder, the others not moved); and our sources kept apart.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sakura_sorter.model.bundle import ModelBundle, view_features  # noqa: E402
from sakura_sorter.model.calibration import calibrate_thresholds  # noqa: E402
from sakura_sorter.model.recipes import NEITHER_RECIPE, fit_bundle  # noqa: E402
from sakura_sorter.model.suggest import random_choice, suggest, unit_rows  # noqa: E402
from sakura_sorter.model.training_features import TrainingFeatures  # noqa: E402
from sakura_sorter.model.validation import cv_groups, held_out_predictions  # noqa: E402
from sakura_sorter.results import review_threshold  # noqa: E402
from sakura_sorter.vocabulary import NEITHER  # noqa: E402

sys.path.insert(0, str(REPO / "benchmarks"))
from neither import bundled_with_sources  # noqa: E402
from suggest_candidates import balanced, typical  # noqa: E402

TARGETS = "unlabelled sakura/cosmos right >= 90%, <= 1 in the wrong folder, other flowers moved <= 10%, ours >= 97%"


def figures(
    bundle: ModelBundle, x: np.ndarray, truth: np.ndarray, limits: dict[str, float]
) -> tuple[float, int, float]:
    """(sakura+cosmos sorted right, how many in the wrong class folder, share of neither photos moved)."""
    return sorting(bundle, x, truth, limits)[:3]


def sorting(
    bundle: ModelBundle,
    x: np.ndarray,
    truth: np.ndarray,
    limits: dict[str, float],
    override: tuple[np.ndarray, np.ndarray, float] | None = None,
) -> tuple[float, int, float, float]:
    """``figures`` and the share of all the photos where they belong (sakura and cosmos in their folder, the
    others not moved). ``override`` (features of the labelled photos, their labels, cosine C): a photo whose
    nearest labelled photo is at cosine >= C takes that photo's label instead of the model's."""
    labels, conf, _ = bundle.predict(x)
    moved = np.array([lab != NEITHER and c >= review_threshold(limits, lab) for lab, c in zip(labels, conf)])
    labels = np.asarray(labels)
    if override is not None:
        taught_x, taught_y, cosine = override
        unit = [unit_rows(v) for v in (view_features(x, bundle.view), taught_x)]
        sims = unit[0] @ unit[1].T
        near = sims.max(axis=1) >= cosine
        labels = np.where(near, taught_y[sims.argmax(axis=1)], labels)
        moved = np.where(near, labels != NEITHER, moved)
    cls = truth != NEITHER
    right = float(np.mean(moved[cls] & (labels[cls] == truth[cls]))) if cls.any() else 0.0
    wrong = int(np.sum(moved[cls] & (labels[cls] != truth[cls])))
    other = float(np.mean(moved[~cls])) if (~cls).any() else 0.0
    placed = float(np.mean(np.where(cls, moved & (labels == truth), ~moved)))
    return right, wrong, other, placed


def label_weights(labels: np.ndarray, weight: float, other_weight: float | None = None) -> np.ndarray:
    """How many photos each of the person's labels counts as (``other_weight``: a label ``other`` apart)."""
    w = np.full(len(labels), weight)
    if other_weight is not None:
        w[np.asarray(labels) == NEITHER] = other_weight
    return w


def refit(
    x: np.ndarray, y: np.ndarray, train: np.ndarray, extra: list[tuple[np.ndarray, np.ndarray, np.ndarray]]
) -> ModelBundle:
    """The recipe fitted on the training photos plus ``extra`` (features, labels, weights) blocks, as ``teach``."""
    fx = np.vstack([x[train], *(f for f, _, _ in extra)])
    fy = [*y[train], *np.concatenate([lab for _, lab, _ in extra])]
    fw = np.concatenate([np.ones(int(train.sum())), *(w for _, _, w in extra)])
    return fit_bundle(fx, fy, NEITHER_RECIPE, fw)


def would_move(rows: Sequence[int], labels: Sequence[str], conf: np.ndarray, limits: dict[str, float]) -> list[int]:
    """Those of ``rows`` that the model would move into a class folder (its label a class, at its threshold)."""
    return [j for j in rows if labels[j] != NEITHER and conf[j] >= review_threshold(limits, labels[j])]


def most_novel_moves(
    seen: np.ndarray, labels: list[str], conf: np.ndarray, known: np.ndarray, limits: dict[str, float], count: int
) -> list[int]:
    """Research (``--probe``): the ``count`` photos the model would move that are least like any known photo."""
    moves = would_move(range(len(labels)), labels, conf, limits)
    if not moves or count <= 0:
        return []
    far = 1.0 - (unit_rows(seen[moves]) @ unit_rows(known).T).max(axis=1)
    return [moves[j] for j in np.argsort(-far)[:count]]


def _pick(chosen: list[int], guessed: list[str], labels: list[str], avail: np.ndarray, take: list[int]) -> np.ndarray:
    """Add ``take`` (rows of the folder) to ``chosen`` with the model's current guesses; the rows still free."""
    chosen.extend(take)
    guessed.extend(labels[j] for j in take)
    return np.setdiff1d(avail, take)


@dataclass(frozen=True)
class Research:
    """Research options of the rounds (none in the product), per round: ``probe``: that many asked about are the
    most novel photos the model would move; ``explore``: that many are drawn at random; ``follow``: that many
    are the photos it would still move nearest to a photo whose label corrected its guess (none in the first
    round); ``other_weight``: a label ``other`` counts as this many photos (None: as any label); ``adaptive``:
    from the second round, when the labels so far corrected the model more often than its confidence said they
    would (the excess: the share wrong minus the mean of 1 - confidence), that share of the round's photos are
    drawn at random among the photos it would move (it may be sure and wrong there too)."""

    probe: int = 0
    explore: int = 0
    follow: int = 0
    other_weight: float | None = None
    adaptive: bool = False

    @property
    def any_pick(self) -> bool:
        return bool(self.probe or self.explore or self.follow or self.adaptive)


def suggest_in_rounds(
    x: np.ndarray,
    y: np.ndarray,
    train: np.ndarray,
    rows: np.ndarray,
    base: ModelBundle,
    n: int,
    rounds: int,
    weight: float,
    limits: dict[str, float],
    research: Research = Research(),
    seed: int = 0,
) -> list[int]:
    """The ``n`` photos of the folder (``rows``) to label, gathered in ``rounds`` rounds: each round suggests
    with the model taught on the labels so far (its training photos plus those labels as the known photos),
    as the window's queue is chosen again after teaching (``research``: see :class:`Research`; ``seed`` for
    its random draws)."""
    chosen: list[int] = []
    guessed: list[str] = []  # the model's guess for each chosen photo when it was chosen
    sure: dict[int, float] = {}  # its confidence in that guess
    rng = np.random.default_rng(seed)
    model = base
    seen = view_features(x[rows], base.view)
    unit = unit_rows(seen)
    for r in range(rounds):
        target = n * (r + 1) // rounds  # photos chosen by the end of this round
        if target <= len(chosen):
            continue
        labels, conf, scores = model.predict(x[rows])
        avail = np.setdiff1d(np.arange(len(rows)), chosen)
        if research.follow:
            wrong = [j for j, g in zip(chosen, guessed) if g != y[rows[j]]]
            moves = would_move(avail, labels, conf, limits)
            if wrong and moves:
                near = (unit[moves] @ unit[wrong].T).max(axis=1)
                take = [moves[i] for i in np.argsort(-near)[: min(research.follow, target - len(chosen))]]
                avail = _pick(chosen, guessed, labels, avail, take)
        if research.probe and target - len(chosen) > 1:
            known = view_features(np.vstack([x[train], x[rows[chosen]]]), base.view)
            take = most_novel_moves(seen[avail], [labels[j] for j in avail], conf[avail], known, limits, research.probe)
            avail = _pick(chosen, guessed, labels, avail, [int(avail[i]) for i in take[: target - len(chosen) - 1]])
        if research.adaptive and chosen:
            wrong = np.mean([g != y[rows[j]] for j, g in zip(chosen, guessed)])
            excess = wrong - np.mean([1.0 - sure[j] for j in chosen])
            moves = would_move(avail, labels, conf, limits)
            count = min(round(max(excess, 0.0) * (target - len(chosen))), len(moves))
            if count:
                take = [int(j) for j in rng.choice(moves, count, replace=False)]
                avail = _pick(chosen, guessed, labels, avail, take)
                sure.update((j, float(conf[j])) for j in take)
        if research.explore and target - len(chosen) > 1:
            draw = rng.choice(len(avail), min(research.explore, target - len(chosen) - 1, len(avail)), replace=False)
            avail = _pick(chosen, guessed, labels, avail, [int(avail[i]) for i in draw])
        if target > len(chosen):
            known = view_features(np.vstack([x[train], x[rows[chosen]]]), base.view)
            ranked = suggest(seen[avail], scores[avail], known, target - len(chosen))
            take = [int(avail[g.index]) for g in ranked]
            avail = _pick(chosen, guessed, labels, avail, take)
            sure.update((j, float(conf[j])) for j in take)
        if r < rounds - 1:
            taught = rows[chosen]
            model = refit(
                x, y, train, [(x[taught], y[taught], label_weights(y[taught], weight, research.other_weight))]
            )
    return chosen


def folder_draw(
    draw: int, data: TrainingFeatures, x: np.ndarray, y: np.ndarray
) -> tuple[set[str], np.ndarray, np.ndarray, np.ndarray, dict[str, float], ModelBundle]:
    """Draw ``draw``'s split: (held-out photos2 sources, the folder's rows, the training mask, the mask of our
    own sakura/cosmos kept apart, review thresholds calibrated with sources held out, the base model)."""
    subsets, sources = np.asarray(data.subsets).astype(str), np.asarray(data.sources)
    new = np.char.startswith(subsets, "photos2/")
    ours_cls = np.char.startswith(subsets, "photos/") & (y != NEITHER)
    rng = np.random.default_rng(100 + draw)
    new_sources = sorted(set(sources[new]))
    held = set(rng.choice(new_sources, len(new_sources) // 2, replace=False))
    folder = np.isin(sources, list(held)) & new
    ours_test = ours_cls & (rng.random(len(y)) < 0.2)
    train = ~folder & ~ours_test
    groups = cv_groups([data.names[i] for i in np.flatnonzero(train)], list(sources[train]), list(y[train]), x[train])
    held_out = held_out_predictions(x[train], list(y[train]), groups, NEITHER_RECIPE)
    limits = calibrate_thresholds(
        list(y[train]), held_out.labels, held_out.confidence.tolist(), sorted(set(y)), NEITHER
    )
    base = fit_bundle(x[train], list(y[train]), NEITHER_RECIPE)
    return held, np.flatnonzero(folder), train, ours_test, limits, base


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--draws", type=int, default=5)
    parser.add_argument("--ns", default="5,10,20")
    parser.add_argument("--weight", type=float, default=3.0, help="a person's label counts as this many photos")
    parser.add_argument("--neighbours", type=float, default=0.0, help="cosine for neighbours to share a label")
    parser.add_argument(
        "--override",
        type=float,
        default=0.0,
        help="after teaching, a photo at cosine >= C of a labelled photo takes its label (0: off)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="gather the N suggested labels in this many rounds, teaching after each and suggesting again "
        "with the taught model (as the window's queue refreshes after teaching)",
    )
    parser.add_argument(
        "--probe", type=int, default=0, help="research: per round, also the K most novel photos it would move"
    )
    parser.add_argument(
        "--explore", type=int, default=0, help="research: per round, also E photos drawn at random (exploration)"
    )
    parser.add_argument(
        "--follow",
        type=int,
        default=0,
        help="research: per round, also F photos it would still move nearest to a label that corrected it",
    )
    parser.add_argument("--other-weight", type=float, default=None, help="research: weight of a label 'other'")
    parser.add_argument(
        "--adaptive",
        action="store_true",
        help="research: explore among the photos it would move as far as the labels so far corrected it more "
        "often than its confidence said",
    )
    parser.add_argument("--randoms", type=int, default=3, help="random choices per draw and N")
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data", help="the photos trained on")
    parser.add_argument("--averages-only", action="store_true", help="no regions: every model read as a mean")
    parser.add_argument(
        "--rule",
        default="shipped",
        choices=("shipped", "typical", "typical-unsure", "balanced"),
        help="see suggest_candidates.py",
    )
    args = parser.parse_args()
    research = Research(args.probe, args.explore, args.follow, args.other_weight, args.adaptive)
    data = bundled_with_sources(args.data, regions=not args.averages_only)
    x, y = data.features, np.asarray(data.labels)
    ns = [int(n) for n in args.ns.split(",")]
    print(f"{len(y)} photos; folder = half of the photos2 sources; {args.draws} draws. Targets: {TARGETS}")
    wins = {n: 0 for n in ns}
    placed_wins = {n: 0 for n in ns}
    for draw in range(args.draws):
        held, rows, train, ours_test, limits, base = folder_draw(draw, data, x, y)
        before = figures(base, x[rows], y[rows], limits)
        print(f"\ndraw {draw + 1}: folder of {len(rows)} photos from {len(held)} sources; thresholds {limits}")
        print(f"  before teaching: right {before[0]:.1%}, wrong {before[1]}, other moved {before[2]:.1%}")
        seen = view_features(x[rows], base.view)
        _labels, _conf, scores = base.predict(x[rows])
        reference = view_features(x[train], base.view)
        for n in ns:
            if args.rule == "shipped" and (args.rounds > 1 or research.any_pick):
                ranked = suggest_in_rounds(
                    x, y, train, rows, base, n, args.rounds, args.weight, limits, research, seed=7 * draw + n
                )
            elif args.rule == "shipped":
                ranked = [s.index for s in suggest(seen, scores, reference, n)]
            elif args.rule == "balanced":
                ranked = balanced([s.index for s in suggest(seen, scores, reference, len(rows))], scores, n)
            else:
                ranked = typical(seen, scores, n, seed=draw, unsure=args.rule == "typical-unsure")
            picks = {"suggested": [ranked]}
            picks["random"] = [random_choice(len(rows), n, seed=1000 * draw + 10 * n + r) for r in range(args.randoms)]
            result = {}
            for how, choices in picks.items():
                got = []
                for chosen in choices:
                    taught = rows[chosen]
                    extra = [(x[taught], y[taught], label_weights(y[taught], args.weight, research.other_weight))]
                    if args.neighbours > 0:
                        unit = unit_rows(seen)
                        sims = unit[chosen] @ unit.T
                        near = [
                            (j, y[taught[k]])
                            for k in range(len(chosen))
                            for j in np.flatnonzero(sims[k] >= args.neighbours)
                            if j not in chosen
                        ]
                        if near:
                            js = [j for j, _ in near]
                            extra.append((x[rows[js]], np.array([lab for _, lab in near]), np.ones(len(near))))
                    taught_model = refit(x, y, train, extra)
                    rest = np.setdiff1d(np.arange(len(rows)), chosen)
                    near = None
                    if args.override > 0:
                        near = (view_features(x[taught], base.view), y[taught], args.override)
                    got.append(
                        (
                            *sorting(taught_model, x[rows[rest]], y[rows[rest]], limits, near),
                            sorting(taught_model, x[ours_test], y[ours_test], limits, near)[0],
                        )
                    )
                result[how] = np.mean(np.array(got), axis=0)
            s, r = result["suggested"], result["random"]
            wins[n] += int(s[0] - s[2] > r[0] - r[2])
            placed_wins[n] += int(s[3] > r[3])
            print(
                f"  N={n:>2}: suggested: right {s[0]:.1%}, wrong {s[1]:.1f}, other moved {s[2]:.1%}, "
                f"placed {s[3]:.1%}, ours {s[4]:.1%} | random (mean of {args.randoms}): right {r[0]:.1%}, "
                f"wrong {r[1]:.1f}, other moved {r[2]:.1%}, placed {r[3]:.1%}, ours {r[4]:.1%}"
            )
    print(
        "\nsuggested beat random (right minus other moved) in "
        + ", ".join(f"N={n}: {wins[n]}/{args.draws}" for n in ns)
        + "; in photos of the rest where they belong in "
        + ", ".join(f"N={n}: {placed_wins[n]}/{args.draws}" for n in ns)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
