"""Issue 16 study: which VGG16 features find sakura anywhere in a photo, measured with whole sources held out.

    python benchmarks/pooling.py [--data ../shared/data] [--only base,s448,...]

Extracts once (cached in benchmarks/out/pooling.npz; about 20 minutes on 2 cores) block3/4/5 of VGG16 for every
photo of ../shared (photos, photos2, everyday) at the product's 224 x 224 input and at 448 x 448 (VGG16 is
fully convolutional: a 448 input sees the blossoms of a whole scene four times larger), with average, max and
GeM (p=3) pooling, the block4/block5 maps, and the 224 input mirrored. Then fits, for each candidate, the
bundled recipe's one-vs-rest linear SVMs (C=1, balanced) leaving out every photo of one source at a time, and
prints the sorting figures at review thresholds 0.5-0.8 (see benchmarks/README.md for the results).

Then location scores: a linear SVM on average-pooled features scores the mean of its scores of the 7 x 7
positions of the maps (block4 averaged 2 x 2 onto block5's grid), so the bundled SVMs, fitted on the averages
with each source held out, also score every position of the held-out photos. The flower classes' margins are
then pooled by rules (mean, top-k of the 49 positions, soft maximum, the best regions of a 2 x 2 or 3 x 3 grid,
each alone or mixed half and half with the mean; "other" keeps the mean) and measured at per-class
thresholds calibrated as ``train`` calibrates them (``--locations-only`` skips the feature candidates).
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sakura_sorter.model.confidence import fit_slope, margins_to_scores  # noqa: E402
from sakura_sorter.model.provenance import Provenance, kinds_of, note_tags  # noqa: E402
from sakura_sorter.vision.photos import load_for_model  # noqa: E402

ORDER = ["cosmos", "other", "sakura"]
OUT = REPO / "benchmarks" / "out" / "pooling.npz"


def rows_of(data: Path) -> list[dict[str, str]]:
    rows = []
    for sub in ("photos", "photos2", "everyday"):
        with open(data / sub / "SOURCES.tsv", encoding="utf-8") as handle:
            for r in csv.DictReader(handle, delimiter="\t"):
                cls = r.get("class") or "other"
                tags = ";".join(note_tags(r.get("note") or ""))
                path = data / sub / r["file"]
                if path.is_file():
                    rows.append(
                        {
                            "path": str(path),
                            "cls": cls,
                            "repo": r["repo"],
                            "sub": sub,
                            "tags": tags,
                            "category": r.get("category", ""),
                        }
                    )
    return rows


def extract(rows: list[dict[str, str]], weights: str) -> dict[str, np.ndarray]:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import keras
    import tensorflow as tf

    base = keras.applications.VGG16(include_top=False, weights=weights, input_shape=(None, None, 3))
    model = keras.Model(base.input, [base.get_layer(n).output for n in ("block3_pool", "block4_pool", "block5_pool")])
    pre = keras.applications.vgg16.preprocess_input
    run = tf.function(lambda x: model(pre(tf.cast(x, tf.float32)), training=False), reduce_retracing=True)
    out: dict[str, list[np.ndarray]] = {}
    started = time.time()
    for size in (224, 448):
        for i, r in enumerate(rows):
            x = load_for_model(Path(r["path"]), size)[None]
            maps = [o.numpy()[0] for o in run(x)]
            for name, m in zip(("b3", "b4", "b5"), maps):
                out.setdefault(f"{name}_avg_{size}", []).append(m.mean((0, 1)))
                out.setdefault(f"{name}_max_{size}", []).append(m.max((0, 1)))
                out.setdefault(f"{name}_gem_{size}", []).append((np.clip(m, 0, None) ** 3).mean((0, 1)) ** (1 / 3))
            out.setdefault(f"b5map_{size}", []).append(maps[2].astype(np.float16))
            out.setdefault(f"b4map_{size}", []).append(maps[1].astype(np.float16))
            if size == 224:
                flipped = [o.numpy()[0] for o in run(x[:, :, ::-1, :])]
                out.setdefault("b4_avg_224flip", []).append(flipped[1].mean((0, 1)))
                out.setdefault("b5_avg_224flip", []).append(flipped[2].mean((0, 1)))
            if i % 100 == 0:
                print(f"  {size}px {i}/{len(rows)} ({time.time() - started:.0f} s)", flush=True)
    return {k: np.stack(v) for k, v in out.items()}


def l2(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, np.float64)
    return x / np.clip(np.linalg.norm(x, axis=1, keepdims=True), 1e-12, None)


def rmac(maps: np.ndarray) -> np.ndarray:
    """Regional max pooling (1x1, 2x2, 3x3 grids), each region L2-normalised, summed, then L2."""
    maps = maps.astype(np.float32)
    n, h, w, c = maps.shape
    acc = np.zeros((n, c))
    for level in (1, 2, 3):
        hs, ws = np.linspace(0, h, level + 1).astype(int), np.linspace(0, w, level + 1).astype(int)
        for i in range(level):
            for j in range(level):
                acc += l2(maps[:, hs[i] : hs[i + 1], ws[j] : ws[j + 1], :].max((1, 2)))
    return l2(acc)


def candidates(f: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    def cat(*names: str) -> np.ndarray:
        return np.hstack([l2(f[n]) for n in names])

    return {
        "base (bundled: b4+b5 avg, 224)": cat("b4_avg_224", "b5_avg_224"),
        "flip-averaged": np.hstack(
            [l2(f["b4_avg_224"] + f["b4_avg_224flip"]), l2(f["b5_avg_224"] + f["b5_avg_224flip"])]
        ),
        "b3+b4+b5 avg": cat("b3_avg_224", "b4_avg_224", "b5_avg_224"),
        "448 input": cat("b4_avg_448", "b5_avg_448"),
        "224 + 448": cat("b4_avg_224", "b5_avg_224", "b4_avg_448", "b5_avg_448"),
        "GeM 448": cat("b4_gem_448", "b5_gem_448"),
        "avg + max 224": cat("b4_avg_224", "b5_avg_224", "b4_max_224", "b5_max_224"),
        "avg + max 448": cat("b4_avg_448", "b5_avg_448", "b4_max_448", "b5_max_448"),
        "base + R-MAC b5 448": np.hstack([cat("b4_avg_224", "b5_avg_224"), rmac(f["b5map_448"])]),
    }


def held_out_margins(x: np.ndarray, y: np.ndarray, groups: np.ndarray) -> np.ndarray:
    from joblib import Parallel, delayed
    from sklearn.svm import SVC

    def fold(test: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        train, m = ~test, np.zeros((int(test.sum()), 3))
        for j, c in enumerate(ORDER):
            side = (y[train] == c).astype(int)
            w = {k: len(side) / (2.0 * max(1, int((side == k).sum()))) for k in (0, 1)}
            m[:, j] = SVC(kernel="linear", C=1.0, class_weight=w).fit(x[train], side).decision_function(x[test])
        return test, m

    out = np.zeros((len(y), 3))
    for test, m in Parallel(n_jobs=2)(delayed(fold)(groups == g) for g in np.unique(groups)):
        out[test] = m
    return out


def summary(
    margins: np.ndarray, y: np.ndarray, scenes: np.ndarray, flowers: np.ndarray, threshold: float | None
) -> str:
    """The sorting figures at one review ``threshold``, or (None) at per-class ones calibrated as ``train``
    calibrates them."""
    from sakura_sorter.model.calibration import calibrate_thresholds

    slope = fit_slope(margins, np.array([ORDER.index(v) for v in y]), 3)
    scores = margins_to_scores(margins, slope, 3)
    label, conf = np.array(ORDER)[scores.argmax(1)], scores.max(1)
    said = ""
    if threshold is None:
        limits = calibrate_thresholds(y, label, conf, ORDER, "other")
        need = np.array([limits[v] for v in label])
        said = f"thresholds {limits['cosmos']:.2f}/{limits['sakura']:.2f}: "
    else:
        need = np.full(len(y), threshold)
    moved = (conf >= need) & (label != "other")
    cls = y != "other"
    right = moved & (label == y) & cls
    review = conf < need
    ordinary = ~cls & ~flowers
    return (
        f"{said}right {right[cls].mean():6.1%}, wrong {int((moved & (label != y) & cls).sum())}, "
        f"scenes {right[scenes].mean():4.0%}, other flowers moved {moved[flowers].mean():5.1%}, "
        f"ordinary moved {moved[ordinary].mean():4.1%}, review (flowers) {review[cls | flowers].mean():5.1%}"
    )


def location_margins(f: dict[str, np.ndarray], y: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """(n, 3 classes, 49 positions) scores of the base SVMs, fitted on the averages without the photo's source."""
    from joblib import Parallel, delayed
    from sklearn.svm import SVC

    b5 = f["b5map_224"].astype(np.float32)
    n, h, w, c = b5.shape
    b4 = f["b4map_224"].astype(np.float32).reshape(n, h, 2, w, 2, c).mean((2, 4))
    n4 = np.linalg.norm(f["b4_avg_224"], axis=1)[:, None, None]
    n5 = np.linalg.norm(f["b5_avg_224"], axis=1)[:, None, None]
    x = np.hstack([l2(f["b4_avg_224"]), l2(f["b5_avg_224"])])

    def fold(test: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        train, out = ~test, np.zeros((int(test.sum()), 3, h * w))
        for j, cls in enumerate(ORDER):
            side = (y[train] == cls).astype(int)
            cw = {k: len(side) / (2.0 * max(1, int((side == k).sum()))) for k in (0, 1)}
            svm = SVC(kernel="linear", C=1.0, class_weight=cw).fit(x[train], side)
            coef, b = svm.coef_.ravel(), svm.intercept_[0]
            loc = (b4[test] @ coef[:c]) / n4[test] + (b5[test] @ coef[c:]) / n5[test] + b
            out[:, j] = loc.reshape(int(test.sum()), -1)
        return test, out

    margins = np.zeros((n, 3, h * w))
    for test, m in Parallel(n_jobs=2)(delayed(fold)(groups == g) for g in np.unique(groups)):
        margins[test] = m
    return margins


def pooling_rules(loc: np.ndarray) -> dict[str, np.ndarray]:
    """Margins (n, 3) per rule; only the flower classes (cosmos, sakura) are pooled."""
    n = len(loc)
    grid = loc.reshape(n, 3, 7, 7)
    mean = loc.mean(2)

    def regions(cuts: list[tuple[int, int]]) -> np.ndarray:
        return np.stack([grid[:, :, a:b, c:d].mean((2, 3)) for a, b in cuts for c, d in cuts], 2)

    def top(values: np.ndarray, k: int) -> np.ndarray:
        return np.sort(values, axis=2)[:, :, -k:].mean(2)

    pooled: dict[str, np.ndarray] = {"mean (bundled before)": mean}
    r2, r3 = regions([(0, 4), (3, 7)]), regions([(0, 2), (2, 5), (5, 7)])
    scores = {
        "max of 49": top(loc, 1),
        "top 3 of 49": top(loc, 3),
        "top 12 of 49": top(loc, 12),
        "top 24 of 49": top(loc, 24),
        "soft max (T=1)": np.log(np.exp(loc).mean(2)),
        "best of 2x2": top(r2, 1),
        "top 2 of 2x2": top(r2, 2),
        "best of 3x3": top(r3, 1),
        "top 3 of 3x3": top(r3, 3),
        "top 4 of 3x3": top(r3, 4),
    }
    for name, value in scores.items():
        for mix in (0.0, 0.5):
            m = mean.copy()
            m[:, [0, 2]] = mix * mean[:, [0, 2]] + (1 - mix) * value[:, [0, 2]]
            pooled[name if mix == 0 else f"{name}, half mean"] = m
    return pooled


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--locations-only", action="store_true", help="only the location-score pooling rules")
    args = parser.parse_args()
    rows = rows_of(args.data)
    if OUT.is_file():
        feats = dict(np.load(OUT))
    else:
        feats = extract(rows, str(args.data / "weights" / "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5"))
        OUT.parent.mkdir(parents=True, exist_ok=True)
        np.savez(OUT, **feats)
    y = np.array(["other" if r["sub"] == "everyday" else r["cls"] for r in rows])
    groups = np.array([r["repo"] for r in rows])
    kinds = [
        kinds_of(y[i], Provenance(r["repo"], tuple(t for t in r["tags"].split(";") if t), r["category"]))
        for i, r in enumerate(rows)
    ]
    scenes = np.array(["whole scene" in k for k in kinds])
    flowers = np.array([r["sub"] != "everyday" and r["cls"] == "other" for r in rows])
    print(f"{len(rows)} photos, {len(set(groups))} sources; {scenes.sum()} whole scenes, {flowers.sum()} other flowers")
    for name, x in ({} if args.locations_only else candidates(feats)).items():
        margins = held_out_margins(x, y, groups)
        for threshold in (0.5, 0.6, 0.7, 0.8):
            print(f"{name:>30} ({x.shape[1]:4d}) @{threshold}: {summary(margins, y, scenes, flowers, threshold)}")
    if "b4map_224" not in feats:
        print(f"{OUT} was made before block4 maps were kept: delete it to measure location pooling.")
        return 0
    print("Location-score pooling of the base SVMs (sources held out, per-class thresholds calibrated):")
    for name, margins in pooling_rules(location_margins(feats, y, groups)).items():
        print(f"{name:>30}: {summary(margins, y, scenes, flowers, None)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
