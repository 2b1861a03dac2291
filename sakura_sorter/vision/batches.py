"""Run a feature model on fixed-size batches: what every extractor (TensorFlow, int8) does with its photos."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from sakura_sorter.vision.listing import INPUT_SIZE

if TYPE_CHECKING:
    import numpy as np

#: Photos per model call (the padded batch the extractors are built for).
DEFAULT_BATCH_SIZE = 16


def _checked(images: np.ndarray) -> np.ndarray:
    import numpy as np

    images = np.asarray(images)
    if images.ndim != 4 or images.shape[1:] != (INPUT_SIZE, INPUT_SIZE, 3):
        raise ValueError(f"expected (n, {INPUT_SIZE}, {INPUT_SIZE}, 3) images, got {images.shape}")
    if images.dtype != np.uint8:
        raise ValueError(f"expected uint8 RGB images, got {images.dtype}")
    return images


def _padded(chunk: np.ndarray, size: int) -> np.ndarray:
    """``chunk`` with black images appended up to ``size``."""
    import numpy as np

    if len(chunk) == size:
        return chunk
    padded = np.zeros((size, *chunk.shape[1:]), dtype=np.uint8)
    padded[: len(chunk)] = chunk
    return padded


def extract_in_batches(
    images: np.ndarray, batch_size: int, width: int, run: Callable[[np.ndarray], np.ndarray]
) -> np.ndarray:
    """float32 (n, ``width``) from uint8 RGB (n, 224, 224, 3), ``run`` called on full batches of ``batch_size``
    (the last one padded with black images), so a compiled model sees one shape and memory stays flat."""
    return extract_in_parts(images, batch_size, 1, width, lambda parts: [run(parts[0])])


def extract_in_parts(
    images: np.ndarray,
    part_size: int,
    parts: int,
    width: int,
    run_parts: Callable[[list[np.ndarray]], list[np.ndarray]],
) -> np.ndarray:
    """As :func:`extract_in_batches` for a model run as ``parts`` requests at once: ``run_parts`` gets up to
    ``parts`` batches of ``part_size`` (the last one padded; none made only of padding) and returns their
    outputs in order."""
    import numpy as np

    images = _checked(images)
    out = np.empty((len(images), width), dtype=np.float32)
    group = part_size * parts
    for start in range(0, len(images), group):
        chunks = [images[s : s + part_size] for s in range(start, min(start + group, len(images)), part_size)]
        results = run_parts([_padded(c, part_size) for c in chunks])
        row = start
        for chunk, result in zip(chunks, results, strict=True):
            out[row : row + len(chunk)] = np.asarray(result)[: len(chunk)]
            row += len(chunk)
    return out
