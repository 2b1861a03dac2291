"""bfloat16 against float32 with the real VGG16 weights: same labels, features within the measured tolerance.

Tolerance: ``benchmarks/precision.py`` on all 271 photos of ../shared/data/photos (avx512_bf16 CPU, Keras
``mixed_bfloat16``) measured a minimum cosine similarity of 0.999862 between the two precisions' features
(median 0.99999), the largest change of an SVM class score 0.0037, and no label differing. The test allows
a cosine down to 0.9995, a few times that gap, so a different CPU kernel does not make it flaky.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

pytestmark = pytest.mark.e2e

MIN_COSINE = 0.9995


def test_bfloat16_matches_float32(weights_path: Path, photo_batch: tuple[list[Path], np.ndarray]) -> None:
    from sakura_sorter.model.bundle import load_bundle
    from sakura_sorter.vision.extractor import FEATURE_DIM, FeatureExtractor

    paths, images = photo_batch
    f32 = FeatureExtractor(weights_path, batch_size=16, precision="float32").extract(images)
    bf16 = FeatureExtractor(weights_path, batch_size=16, precision="bfloat16").extract(images)
    assert f32.shape == bf16.shape == (len(paths), FEATURE_DIM)
    assert f32.dtype == bf16.dtype == np.float32

    a, b = f32.astype(np.float64), bf16.astype(np.float64)
    cosine = (a * b).sum(1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))
    worst = int(np.argmin(cosine))
    assert cosine.min() >= MIN_COSINE, f"{paths[worst].name}: cosine {cosine.min():.6f}"
    assert not np.allclose(f32, bf16), "bfloat16 gave float32's exact features: mixed precision is not in effect"

    bundle = load_bundle()
    labels32 = bundle.predict(f32)[0]
    labels16 = bundle.predict(bf16)[0]
    differ = [(p.name, x, y) for p, x, y in zip(paths, labels32, labels16) if x != y]
    assert not differ
