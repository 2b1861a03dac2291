"""Issue 16 study: which VGG16 features find sakura anywhere in a photo, measured with whole sources held out.

    python benchmarks/pooling.py [--data ../shared/data] [--only base,s448,...]

Extracts once (cached in benchmarks/out/pooling.npz; about 20 minutes on 2 cores) block3/4/5 of VGG16 for every
photo of ../shared (photos, photos2, everyday) at the product's 224 x 224 input and at 448 x 448 (VGG16 is
fully convolutional: a 448 input sees the blossoms of a whole scene four times larger), with average, max and
GeM (p=3) pooling, the block4/block5 maps, and the 224 input mirrored. Then fits, for each candidate, the
bundled recipe's one-vs-rest linear SVMs (C=1, balanced) leaving out every photo of one source at a time, and
prints the sorting figures at review thresholds 0.5-0.8 (see benchmarks/README.md for the results).
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

from sakura_sorter.model.bundle import fit_slope, margins_to_scores  # noqa: E402
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


def summary(margins: np.ndarray, y: np.ndarray, scenes: np.ndarray, flowers: np.ndarray, threshold: float) -> str:
    slope = fit_slope(margins, np.array([ORDER.index(v) for v in y]), 3)
    scores = margins_to_scores(margins, slope, 3)
    label, conf = np.array(ORDER)[scores.argmax(1)], scores.max(1)
    moved = (conf >= threshold) & (label != "other")
    cls = y != "other"
    right = moved & (label == y) & cls
    review = conf < threshold
    ordinary = ~cls & ~flowers
    return (
        f"right {right[cls].mean():6.1%}, wrong {int((moved & (label != y) & cls).sum())}, "
        f"scenes {right[scenes].mean():4.0%}, other flowers moved {moved[flowers].mean():5.1%}, "
        f"ordinary moved {moved[ordinary].mean():4.1%}, review (flowers) {review[cls | flowers].mean():5.1%}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
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
    for name, x in candidates(feats).items():
        margins = held_out_margins(x, y, groups)
        for threshold in (0.5, 0.6, 0.7, 0.8):
            print(f"{name:>30} ({x.shape[1]:4d}) @{threshold}: {summary(margins, y, scenes, flowers, threshold)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
