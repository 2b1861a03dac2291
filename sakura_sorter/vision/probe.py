"""``python -m sakura_sorter.vision.probe PRECISION``: build and run a tiny model of that kind; prints ``ok``.

Run in a child process by :mod:`sakura_sorter.vision.precision`, so that a library that aborts or hangs on this
CPU (TensorFlow's bfloat16 kernels with oneDNN capped to AVX2 fail when the graph first runs) cannot take the
program down. Exit status 0 and ``ok`` on the last line: the precision runs here.
"""

from __future__ import annotations

import os
import sys

import numpy as np


def probe_bfloat16() -> np.ndarray:
    """A convolution + ReLU + pooling under Keras ``mixed_bfloat16``, as the extractor builds it."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import keras
    import tensorflow as tf

    keras.mixed_precision.set_global_policy("mixed_bfloat16")
    inputs = keras.Input((16, 16, 3))
    x = keras.layers.Conv2D(8, 3, activation="relu")(inputs)
    x = keras.layers.MaxPooling2D()(x)
    model = keras.Model(inputs, keras.layers.GlobalAveragePooling2D()(x))
    run = tf.function(lambda batch: tf.cast(model(batch, training=False), tf.float32))
    return np.asarray(run(tf.ones((2, 16, 16, 3))))


def probe_int8() -> np.ndarray:
    """An 8-bit quantized convolution (FakeQuantize on data and weights, as NNCF writes) compiled by OpenVINO."""
    import openvino as ov
    from openvino import opset13 as ops

    from sakura_sorter.vision.int8 import COMPILE_CONFIG

    def fake_quantize(node: object, low: float, high: float) -> object:
        lo, hi = ops.constant(np.float32(low)), ops.constant(np.float32(high))
        return ops.fake_quantize(node, lo, hi, lo, hi, 256)

    data = ops.parameter([2, 3, 16, 16], np.float32, name="x")
    weights = np.random.default_rng(0).normal(size=(8, 3, 3, 3)).astype(np.float32)
    conv = ops.convolution(
        fake_quantize(data, 0.0, 4.0), fake_quantize(ops.constant(weights), -3.0, 3.0), [1, 1], [0, 0], [0, 0], [1, 1]
    )
    model = ov.Model([ops.relu(conv)], [data], "probe")
    compiled = ov.Core().compile_model(model, "CPU", COMPILE_CONFIG)  # as the int8 extractor compiles
    return np.asarray(compiled(np.ones((2, 3, 16, 16), np.float32))[0])


PROBES = {"bfloat16": probe_bfloat16, "int8": probe_int8}


def main(argv: list[str]) -> int:
    if len(argv) != 1 or argv[0] not in PROBES:
        print(f"usage: python -m sakura_sorter.vision.probe {{{','.join(PROBES)}}}", file=sys.stderr)
        return 2
    out = PROBES[argv[0]]()
    if out.size == 0 or not np.all(np.isfinite(out)):
        print("the probe model gave no finite numbers")
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
