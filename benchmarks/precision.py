"""bfloat16 against float32 features on every photo in ../shared/data/photos: cosine, labels, SVM margins.

Usage::

    python benchmarks/precision.py [--photos DIR] [--batch-size 16] [--json OUT]

Prints the minimum and percentiles of the per-photo cosine similarity between the two precisions' 512-float
features, the largest absolute and relative feature difference, how many bundled-SVM labels differ, and the
largest change of the SVM score. ``tests/e2e/test_precision.py`` uses the tolerance measured here.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
PHOTOS = SHARED / "data" / "photos"
DEFAULT_WEIGHTS = SHARED / "data" / "weights" / "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5"


def cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    a64, b64 = a.astype(np.float64), b.astype(np.float64)
    return (a64 * b64).sum(1) / (np.linalg.norm(a64, axis=1) * np.linalg.norm(b64, axis=1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--photos", type=Path, default=PHOTOS)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)

    os.environ.setdefault("SAKURA_SORTER_WEIGHTS", str(DEFAULT_WEIGHTS))
    from sakura_sorter.model.bundle import load_bundle
    from sakura_sorter.vision.extractor import FeatureExtractor
    from sakura_sorter.vision.photos import ImageLoadError, find_photos, load_for_model
    from sakura_sorter.vision.weights import resolve_weights

    weights = resolve_weights(None).path
    paths = find_photos(args.photos, recursive=True)
    images, kept = [], []
    for p in paths:
        try:
            images.append(load_for_model(p))
            kept.append(p)
        except ImageLoadError as exc:
            print(f"skipped {p}: {exc}", file=sys.stderr)
    batch = np.stack(images)
    feats = {}
    for precision in ("float32", "bfloat16"):
        start = time.perf_counter()
        extractor = FeatureExtractor(weights, batch_size=args.batch_size, precision=precision)
        feats[precision] = extractor.extract(batch)
        print(f"{precision}: {len(kept)} photos in {time.perf_counter() - start:.1f} s (build included)", flush=True)
        del extractor
    f32, bf16 = feats["float32"], feats["bfloat16"]
    cos = cosine(f32, bf16)
    abs_diff = np.abs(f32 - bf16)
    rel = abs_diff.max(1) / np.abs(f32).max(1)
    bundle = load_bundle()
    labels32, _, scores32 = bundle.predict(f32)
    labels16, _, scores16 = bundle.predict(bf16)
    differ = [str(p) for p, a, b in zip(kept, labels32, labels16) if a != b]
    score_change = float(np.abs(scores32 - scores16).max())
    margin = bundle.scores(f32)
    worst = int(np.argmin(cos))
    summary = {
        "photos": len(kept),
        "cosine_min": float(cos.min()),
        "cosine_p01": float(np.percentile(cos, 1)),
        "cosine_median": float(np.median(cos)),
        "worst_photo": str(kept[worst]),
        "max_abs_diff": float(abs_diff.max()),
        "max_rel_diff_of_row_max": float(rel.max()),
        "labels_differ": differ,
        "max_score_change": score_change,
        "min_confidence_float32": float(margin.max(1).min()),
    }
    print(f"photos: {len(kept)}")
    print(
        f"cosine(float32, bfloat16): min {cos.min():.6f}  1st percentile {np.percentile(cos, 1):.6f}  "
        f"median {np.median(cos):.6f}  (worst: {kept[worst].name})"
    )
    print(f"max |diff| {abs_diff.max():.4g}; max |diff| / max |feature| per photo {rel.max():.4g}")
    print(f"labels that differ: {len(differ)} {differ[:5]}")
    print(f"max change of a class score: {score_change:.4g}; least confident float32 score {margin.max(1).min():.4f}")
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
