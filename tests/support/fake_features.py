"""Qt-free stand-ins for VGG16: the window's fake extractor, and one with features as wide as the real ones
(1024), for training and teaching tests.

The window's fake extractor gives a photo's mean red and mean green (0..1). The wide one starts with these two,
so the window's fake model reads them the same way; the rest are the mean colours of a 4 x 4 grid of the photo,
repeated, so that a linear SVM can tell painted "classes" apart.
"""

from __future__ import annotations

import time
import types
from pathlib import Path

import numpy as np
from PIL import Image

from sakura_sorter.jobs import Jobs, Options
from sakura_sorter.model.bundle import ModelBundle
from sakura_sorter.model.recipes import NEITHER_RECIPE, fit_bundle
from sakura_sorter.model.training_features import TrainingFeatures

WIDTH = 1024


class FakeExtractor:
    """Features = mean red and green / 255 (what the window's fake model reads); optionally slow (seconds per
    batch), to test cancelling, stopping and responsiveness."""

    def __init__(self, delay: float = 0.0):
        self.delay = delay
        self.calls = 0

    def extract(self, images: np.ndarray) -> np.ndarray:
        self.calls += 1
        if self.delay:
            time.sleep(self.delay)
        return self.features(images)

    def features(self, images: np.ndarray) -> np.ndarray:
        flat = images.reshape(len(images), -1, images.shape[-1])
        return flat[..., :2].mean(axis=1) / 255.0


class WideExtractor(FakeExtractor):
    """Features of ``WIDTH`` numbers: the fake extractor's two, then the mean colours of a 4 x 4 grid."""

    def features(self, images: np.ndarray) -> np.ndarray:
        n, h, w, c = images.shape
        grid = images.reshape(n, 4, h // 4, 4, w // 4, c).mean(axis=(2, 4)).reshape(n, -1) / 255.0
        body = np.tile(grid, (1, WIDTH // grid.shape[1] + 1))[:, : WIDTH - 2]
        return np.hstack([super().features(images), body]).astype(np.float32)


class WideJobs(Jobs):
    """The real jobs with the wide fake extractor, no feature cache and no weights file."""

    def __init__(self, delay: float = 0.0, batch_size: int = 8):
        super().__init__(Options(batch_size=batch_size), extractor=WideExtractor(delay))  # type: ignore[arg-type]

    def settings(self):  # type: ignore[no-untyped-def]
        return types.SimpleNamespace(precision="float32", identity="fake")

    def extractor(self):  # type: ignore[no-untyped-def]
        return self._extractor

    def open_cache(self):  # type: ignore[no-untyped-def]
        return None

    def loading_notice(self):  # type: ignore[no-untyped-def]
        return None


def paint_class(folder: Path, prefix: str, colour: tuple[int, int, int], count: int, seed: int = 0) -> list[Path]:
    """``count`` photos of one colour with a little noise, named ``<prefix><source>_<i>.jpg`` (three sources)."""
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(count):
        pixels = np.clip(rng.normal(colour, 18.0, size=(48, 64, 3)), 0, 255).astype(np.uint8)
        path = folder / f"{prefix}{i % 3}_{i}.jpg"
        Image.fromarray(pixels).save(path, quality=92)
        out.append(path)
    return out


# --- synthetic training sets (no photos) ---------------------------------------------------------

THREE_CLASSES = ("cosmos", "other", "sakura")


def blobs(seed: int = 0, n: int = 30) -> TrainingFeatures:
    """Three well-separated classes of synthetic 1024-number features."""
    rng = np.random.default_rng(seed)
    rows, labels = [], []
    for k, label in enumerate(THREE_CLASSES):
        for _ in range(n):
            row = rng.normal(size=1024)
            row[40 * k : 40 * k + 20] += 5.0
            row[512 + 40 * k : 512 + 40 * k + 20] += 5.0
            rows.append(row)
            labels.append(label)
    names = [f"src{i % 5}_{i}.jpg" for i in range(len(labels))]
    return TrainingFeatures(np.array(rows, np.float32), labels, list(labels), names)


def base_model(data: TrainingFeatures) -> ModelBundle:
    bundle = fit_bundle(data.features, data.labels, NEITHER_RECIPE)
    bundle.card = {"name": "base"}
    return bundle
