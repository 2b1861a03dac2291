"""Run a feature model on fixed-size batches: what every extractor (TensorFlow, int8) does with its photos."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from sakura_sorter.vision.listing import INPUT_SIZE

if TYPE_CHECKING:
    import numpy as np

#: Photos per model call (the padded batch the extractors are built for).
DEFAULT_BATCH_SIZE = 16


def extract_in_batches(
    images: np.ndarray, batch_size: int, width: int, run: Callable[[np.ndarray], np.ndarray]
) -> np.ndarray:
    """float32 (n, ``width``) from uint8 RGB (n, 224, 224, 3), ``run`` called on full batches of ``batch_size``
    (the last one padded with black images), so a compiled model sees one shape and memory stays flat."""
    import numpy as np

    images = np.asarray(images)
    if images.ndim != 4 or images.shape[1:] != (INPUT_SIZE, INPUT_SIZE, 3):
        raise ValueError(f"expected (n, {INPUT_SIZE}, {INPUT_SIZE}, 3) images, got {images.shape}")
    if images.dtype != np.uint8:
        raise ValueError(f"expected uint8 RGB images, got {images.dtype}")
    out = np.empty((len(images), width), dtype=np.float32)
    for start in range(0, len(images), batch_size):
        chunk = images[start : start + batch_size]
        n = len(chunk)
        if n < batch_size:
            padded = np.zeros((batch_size, *chunk.shape[1:]), dtype=np.uint8)
            padded[:n] = chunk
            chunk = padded
        out[start : start + n] = np.asarray(run(chunk))[:n]
    return out
