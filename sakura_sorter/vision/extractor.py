"""The VGG16 feature extractor: the ImageNet conv base, average pooling of two of its blocks, whole and by region.

Each photo gives :data:`FEATURE_DIM` floats. The first 1024 (:data:`AVG_DIM`) are the average-pooled
``block4_pool`` output (512) then the average-pooled ``block5_pool`` output (512). Their second half is
exactly the recipe's ``VGG16(include_top=False, pooling="avg")`` feature; the first half is the earlier block
that CS231n recommends adding when the photos differ from ImageNet (it tells other flowers from cherry blossom
better). Then come the same two averages over each cell of a 3 x 3 grid of the photo (:data:`REGIONS`, row by
row, 1024 each): a linear model's score of the whole photo is the area-weighted mean of its scores of the
regions, so a model can also ask whether *part* of a scene is sakura (a tree at the edge of a hanami photo;
see :mod:`~sakura_sorter.model.pooling`). One forward pass gives all of it. TensorFlow is imported only when an
extractor is built, never at module import.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

import numpy as np

from sakura_sorter.errors import SakuraSorterError
from sakura_sorter.vision.batches import DEFAULT_BATCH_SIZE as DEFAULT_BATCH_SIZE
from sakura_sorter.vision.batches import extract_in_batches
from sakura_sorter.vision.feature_spec import AVG_DIM as AVG_DIM
from sakura_sorter.vision.feature_spec import BLOCK5_SIDE as BLOCK5_SIDE
from sakura_sorter.vision.feature_spec import FEATURE_DIM as FEATURE_DIM
from sakura_sorter.vision.feature_spec import FEATURE_SPEC as FEATURE_SPEC
from sakura_sorter.vision.feature_spec import LAYER_DIM as LAYER_DIM
from sakura_sorter.vision.feature_spec import LAYERS as LAYERS
from sakura_sorter.vision.feature_spec import RECIPE_COLUMNS as RECIPE_COLUMNS
from sakura_sorter.vision.feature_spec import REGION_AREAS as REGION_AREAS
from sakura_sorter.vision.feature_spec import REGION_CUTS as REGION_CUTS
from sakura_sorter.vision.feature_spec import REGIONS as REGIONS
from sakura_sorter.vision.listing import INPUT_SIZE
from sakura_sorter.vision.native import quiet_native_stderr
from sakura_sorter.vision.precision import PRECISION_ENV_VAR as PRECISION_ENV_VAR  # re-exported from there
from sakura_sorter.vision.precision import PRECISIONS as PRECISIONS
from sakura_sorter.vision.precision import choose_precision as choose_precision
from sakura_sorter.vision.precision import cpu_has_native_bf16 as cpu_has_native_bf16

#: The spec of the features before regions were added: the same first AVG_DIM numbers, so a model made then
#: (which reads only those, pooled as a mean) still works.
LEGACY_FEATURE_SPEC: dict[str, object] = {
    **{k: v for k, v in FEATURE_SPEC.items() if k != "regions"},
    "pooling": "avg, each layer, concatenated",
    "dim": AVG_DIM,
}


_build_lock = threading.Lock()


def pool_maps(tf: Any, maps: list[Any]) -> Any:
    """The features of a batch of (block4, block5) maps: their averages, then their averages per region."""
    parts = [tf.reduce_mean(m, axis=[1, 2]) for m in maps]
    for a, b in REGION_CUTS:
        for c, d in REGION_CUTS:
            for m in maps:
                k = int(m.shape[1]) // BLOCK5_SIDE  # block4 is twice as fine as block5
                parts.append(tf.reduce_mean(m[:, a * k : b * k, c * k : d * k, :], axis=[1, 2]))
    return tf.concat(parts, axis=1)


def split_features(features: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
    """(whole-photo averages (n, AVG_DIM), regions (n, REGIONS, AVG_DIM) or None for features without them)."""
    features = np.asarray(features)
    if features.ndim == 1:
        features = features[None, :]
    if features.shape[1] == AVG_DIM:
        return features, None
    return features[:, :AVG_DIM], features[:, AVG_DIM:].reshape(len(features), REGIONS, AVG_DIM)


class FeatureExtractor:
    """VGG16 (include_top=False), average-pooled ``block4_pool`` and ``block5_pool``, on fixed-size batches.

    ``extract`` takes uint8 arrays (n, 224, 224, 3) in RGB and returns float32 (n, FEATURE_DIM). Batches are
    padded to ``batch_size`` so the compiled graph is traced once and memory stays flat.
    """

    def __init__(self, weights_path: Path, batch_size: int = DEFAULT_BATCH_SIZE, precision: str = "float32"):
        if precision not in ("float32", "bfloat16"):
            raise ValueError(f"precision must be float32 or bfloat16, not {precision!r}")
        self.batch_size = int(batch_size)
        self.precision = precision
        self.weights_path = Path(weights_path)
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
        with quiet_native_stderr():
            import keras
            import tensorflow as tf

            self._build(keras, tf)

    def _build(self, keras: Any, tf: Any) -> None:
        policy = "mixed_bfloat16" if self.precision == "bfloat16" else "float32"
        with _build_lock:  # the dtype policy is global in Keras: set it only while building
            previous = keras.mixed_precision.global_policy()
            keras.mixed_precision.set_global_policy(policy)
            try:
                base = keras.applications.VGG16(
                    include_top=False, weights=str(self.weights_path), input_shape=(INPUT_SIZE, INPUT_SIZE, 3)
                )
                self.model = keras.Model(base.input, [base.get_layer(name).output for name in LAYERS])
            finally:
                keras.mixed_precision.set_global_policy(previous)
        preprocess = keras.applications.vgg16.preprocess_input
        model = self.model

        @tf.function(
            input_signature=[tf.TensorSpec([self.batch_size, INPUT_SIZE, INPUT_SIZE, 3], tf.uint8)],
            reduce_retracing=True,
        )
        def _run(batch: Any) -> Any:
            x = preprocess(tf.cast(batch, tf.float32))
            maps = [tf.cast(m, tf.float32) for m in model(x, training=False)]
            return pool_maps(tf, maps)

        self._run = _run
        try:
            self._run(np.zeros((self.batch_size, INPUT_SIZE, INPUT_SIZE, 3), np.uint8))  # trace now, quietly
        except tf.errors.OpError as exc:
            raise SakuraSorterError(
                f"The {self.precision} model cannot run on this computer ({type(exc).__name__}).",
                "Use --precision auto (it picks what runs here) or --precision float32.",
            ) from exc

    def graph_function(self) -> Any:
        """The traced TensorFlow function (uint8 batch in, features out) that ``extract`` runs, for converters."""
        return self._run.get_concrete_function()

    def extract(self, images: np.ndarray) -> np.ndarray:
        return extract_in_batches(images, self.batch_size, FEATURE_DIM, lambda batch: self._run(batch).numpy())
