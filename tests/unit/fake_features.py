"""A Qt-free stand-in for VGG16 with features as wide as the real ones (1024), for training and teaching tests.

Feature 0 is the photo's mean red, feature 1 its mean green (0..1), as the window's fake extractor gives, so
the window's fake model reads them the same way; the rest are the mean colours of a 4 x 4 grid of the photo,
repeated, so that a linear SVM can tell painted "classes" apart.
"""

from __future__ import annotations

import time
import types
from pathlib import Path

import numpy as np
from PIL import Image

from sakura_sorter.jobs import Jobs, Options

WIDTH = 1024


class WideExtractor:
    """Features of ``WIDTH`` numbers; optionally slow (seconds per batch), to test stopping."""

    def __init__(self, delay: float = 0.0):
        self.delay = delay
        self.calls = 0

    def extract(self, images: np.ndarray) -> np.ndarray:
        self.calls += 1
        if self.delay:
            time.sleep(self.delay)
        n, h, w, c = images.shape
        grid = images.reshape(n, 4, h // 4, 4, w // 4, c).mean(axis=(2, 4)).reshape(n, -1) / 255.0
        head = images.reshape(n, -1, c)[..., :2].mean(axis=1) / 255.0
        body = np.tile(grid, (1, WIDTH // grid.shape[1] + 1))[:, : WIDTH - 2]
        return np.hstack([head, body]).astype(np.float32)


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
