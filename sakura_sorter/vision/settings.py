"""Which extractor to build, resolved without importing TensorFlow: the weights file, the precision (``int8``:
OpenVINO's quantized copy, :mod:`.int8`; else TensorFlow, :mod:`.extractor`), the batch size, and the feature
identity that keys the feature cache.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from sakura_sorter.vision.batches import DEFAULT_BATCH_SIZE
from sakura_sorter.vision.feature_spec import FEATURE_SPEC, LAYERS
from sakura_sorter.vision.listing import INPUT_SIZE, RESIZE_POLICY
from sakura_sorter.vision.precision import choose_precision

if TYPE_CHECKING:
    import numpy as np


class Extractor(Protocol):
    """What the pipeline needs of an extractor: :class:`FeatureExtractor` (TensorFlow) or the int8 one."""

    batch_size: int
    precision: str

    def extract(self, images: np.ndarray) -> np.ndarray:
        """uint8 RGB (n, 224, 224, 3) -> float32 (n, FEATURE_DIM)."""
        ...


def extractor_identity(precision: str, weights_sha256: str) -> str:
    """A string that changes whenever the features could change (keys the feature cache)."""
    layers = "+".join(LAYERS)
    return f"vgg16-notop-{layers}-avg+regions3x3|{weights_sha256[:16]}|{INPUT_SIZE}|{RESIZE_POLICY}|{precision}"


@functools.lru_cache(maxsize=8)
def _weights_digest(path: str, size: int, mtime_ns: int) -> str:
    """sha256 of the weights file, remembered per (path, size, mtime) for this process (and across runs)."""
    from sakura_sorter.vision.weights import weights_sha256

    return weights_sha256(Path(path))


@dataclass(frozen=True)
class ExtractorSettings:
    """Everything needed to build the extractor, resolved without importing TensorFlow."""

    weights_path: Path
    precision: str
    batch_size: int = DEFAULT_BATCH_SIZE

    @classmethod
    def resolve(
        cls,
        weights: str | os.PathLike[str] | None = None,
        precision: str | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
    ) -> ExtractorSettings:
        """Find the weights (see :mod:`sakura_sorter.vision.weights`) and the precision; raises ``WeightsError``."""
        from sakura_sorter.vision.weights import resolve_weights

        return cls(resolve_weights(weights).path, choose_precision(precision), int(batch_size))

    @property
    def weights_sha256(self) -> str:
        st = self.weights_path.stat()
        return _weights_digest(str(self.weights_path), st.st_size, st.st_mtime_ns)

    @property
    def identity(self) -> str:
        """The feature identity: weights content, input policy and precision (keys the feature cache)."""
        precision = self.precision
        if precision == "int8":
            from sakura_sorter.vision.int8 import precision_label

            precision = precision_label()
        return extractor_identity(precision, self.weights_sha256)

    def build(self) -> Extractor:
        """The extractor: for ``int8``, OpenVINO's quantized copy of the float32 one (from the user cache when it
        was made before: then TensorFlow is not imported)."""
        from sakura_sorter.vision.extractor import FeatureExtractor

        if self.precision == "int8":
            from sakura_sorter.vision.int8 import build_int8_extractor

            return build_int8_extractor(
                self.int8_folder(),
                self.batch_size,
                lambda: FeatureExtractor(self.weights_path, self.batch_size, "float32"),
            )
        return FeatureExtractor(self.weights_path, batch_size=self.batch_size, precision=self.precision)

    def int8_folder(self) -> Path:
        """Where the quantized model of these settings is kept, in the user cache."""
        from sakura_sorter.userdirs import user_cache_dir
        from sakura_sorter.vision.int8 import MODELS_DIR_NAME, model_key

        return user_cache_dir() / MODELS_DIR_NAME / model_key(self.weights_sha256, self.batch_size, FEATURE_SPEC)

    @property
    def needs_preparing(self) -> bool:
        """True when building must first quantize the model for this computer (int8, not in the user cache yet):
        half a minute or so, once, instead of a second or two."""
        from sakura_sorter.vision.int8 import saved_model_exists

        return self.precision == "int8" and not saved_model_exists(self.int8_folder())
