"""The ``int8`` extractor: the Keras extractor's own graph, converted to OpenVINO and quantized to 8 bits by NNCF.

Generic over what the extractor computes: the traced TensorFlow function of the float32
:class:`~sakura_sorter.vision.extractor.FeatureExtractor` (its preprocessing, its Keras model, its pooling) is
converted whole with ``openvino.convert_model``, so a change of layers, pooling or columns there needs no
change here. NNCF's post-training quantization (8-bit weights per channel, 8-bit activations, each activation's
range the whole min..max seen) is calibrated on :func:`synthetic_calibration` images: smooth random colour
fields made from a fixed seed, not photos, so the quantized model is the same on every machine and needs no data
set. (Against calibration on the shared photos, ``benchmarks/precision.py --calibration-check``: min cosine with
float32 0.9957 against 0.9976 on 753 photos.)

The quantized model is saved once, as OpenVINO IR, in the user cache folder
(``<cache>/sakura-sorter/models/<key>/``, the key made of everything that could change it: weights content,
feature spec, batch size, library versions, calibration), with the sha256 of its files; later runs load it
without importing TensorFlow at all. It always runs with ``INFERENCE_PRECISION_HINT=f32`` for the layers that
are not quantized: the same numbers on every CPU, and OpenVINO's bfloat16 default crashes when oneDNN is capped
below the CPU's own instruction set (``ONEDNN_MAX_CPU_ISA=AVX2`` on an AMX CPU). On 2 cores or more it is
compiled for half a batch and each batch runs as two requests at once (:func:`inference_streams`).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import logging
import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sakura_sorter.vision.batches import extract_in_batches, extract_in_parts
from sakura_sorter.vision.listing import INPUT_SIZE
from sakura_sorter.vision.native import quiet_native_stderr
from sakura_sorter.vision.precision import library_version

if TYPE_CHECKING:
    import numpy as np

    from sakura_sorter.vision.extractor import FeatureExtractor

#: Bump when the calibration images or the quantization settings change (changes the features' identity).
#: Version 2: 64 images (was 32) and activation ranges from their whole min..max (was NNCF's default, the
#: mean of per-batch ranges): on the 753 shared photos the min cosine with float32 rose from 0.9931 to 0.9957
#: (``benchmarks/precision.py``), at 8 s to quantize once per machine instead of 5. (128 or 256 images:
#: 0.9957 and 0.9960, at 14 and 25 s; NNCF's histogram ranges: 0.970.)
CALIBRATION_VERSION = 2
CALIBRATION_IMAGES = 64
CALIBRATION_SEED = 20260418
#: OpenVINO compile options: float32 for the layers left unquantized, on every CPU.
COMPILE_CONFIG = {"INFERENCE_PRECISION_HINT": "f32"}
MODELS_DIR_NAME = "models"
#: The saved quantized model: OpenVINO IR (its graph, its weights) and the sha256 of each.
MODEL_FILES = ("model.xml", "model.bin")
MARKER_NAME = "model.sha256.json"


def precision_label() -> str:
    """The precision as it keys the feature cache: int8 plus what decides the quantized numbers."""
    versions = "-".join(f"{name}{library_version(name)}" for name in ("openvino", "nncf", "numpy"))
    return f"int8-{versions}-cal{CALIBRATION_VERSION}x{CALIBRATION_IMAGES}"


def synthetic_calibration(
    n: int = CALIBRATION_IMAGES, size: int = INPUT_SIZE, seed: int = CALIBRATION_SEED
) -> np.ndarray:
    """``n`` uint8 RGB images (n, size, size, 3): random colour fields summed over scales (coarse blobs to fine
    texture, as photos have), stretched to 0..255. NumPy only, from a fixed seed: the same on every machine."""
    import numpy as np

    rng = np.random.default_rng(seed)
    grid = np.linspace(0.0, 1.0, size)
    out = np.empty((n, size, size, 3), np.uint8)
    for k in range(n):
        acc = np.zeros((size, size, 3))
        for cells in (4, 8, 16, 32, 64):
            coarse = rng.normal(size=(cells, cells, 3))
            pos = grid * (cells - 1)
            lo = np.minimum(pos.astype(int), cells - 2)
            frac = (pos - lo)[:, None]
            rows = coarse[lo] * (1 - frac[:, :, None]) + coarse[lo + 1] * frac[:, :, None]  # (size, cells, 3)
            field = rows[:, lo] * (1 - frac[None, :, :]) + rows[:, lo + 1] * frac[None, :, :]
            acc += field * np.sqrt(64 / cells)
        acc -= acc.min()
        out[k] = np.round(255 * acc / max(float(acc.max()), 1e-9)).astype(np.uint8)
    return out


def model_key(weights_sha256: str, batch_size: int, feature_spec: dict[str, object]) -> str:
    """Names the cached quantized model: changes whenever the model could come out different."""
    parts = {
        "weights": weights_sha256,
        "batch_size": int(batch_size),
        "feature_spec": feature_spec,
        "precision": precision_label(),
        "tensorflow": library_version("tensorflow"),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:32]


def _digest(path: Path) -> str:
    from sakura_sorter.digest import sha256_of

    return sha256_of(path)


def saved_model_exists(folder: Path) -> bool:
    """Whether a quantized model was saved in ``folder`` (cheap: its files are checked only when it is loaded)."""
    return all((folder / name).is_file() for name in (MARKER_NAME, *MODEL_FILES))


def _cached_model(folder: Path, core: Any) -> Any | None:
    """The quantized model saved in ``folder`` when its files are whole (their sha256 as recorded), else None."""
    try:
        marker = json.loads((folder / MARKER_NAME).read_text(encoding="utf-8"))
        if any(_digest(folder / name) != marker.get(name) for name in MODEL_FILES):
            return None
        return core.read_model(str(folder / MODEL_FILES[0]))
    except (OSError, ValueError, RuntimeError):
        return None


def quantize(reference: FeatureExtractor) -> Any:
    """The extractor's traced graph as an OpenVINO model, quantized to int8 on the synthetic images."""
    import nncf
    import numpy as np
    import openvino as ov
    from nncf.quantization.advanced_parameters import AdvancedQuantizationParameters
    from nncf.quantization.range_estimator import RangeEstimatorParametersSet

    nncf.set_log_level(logging.ERROR)
    model = ov.convert_model(reference.graph_function())
    images = synthetic_calibration()
    b = reference.batch_size
    if b > len(images):  # a batch larger than the calibration set: repeat it
        images = np.resize(images, (b, *images.shape[1:]))
    batches = [images[i : i + b] for i in range(0, len(images) - b + 1, b)]
    with contextlib.redirect_stdout(io.StringIO()):  # NNCF draws progress bars
        return nncf.quantize(
            model,
            nncf.Dataset(batches),
            subset_size=len(batches),
            advanced_parameters=AdvancedQuantizationParameters(
                disable_bias_correction=True,
                activations_range_estimator_params=RangeEstimatorParametersSet.MINMAX,
            ),
        )


def _save(model: Any, folder: Path) -> None:
    """Write the IR into ``folder`` whole or not at all (a temporary folder, then a rename)."""
    import openvino as ov

    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = folder.with_name(f"{folder.name}.{os.getpid()}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    ov.save_model(model, str(tmp / MODEL_FILES[0]), compress_to_fp16=False)
    marker = {name: _digest(tmp / name) for name in MODEL_FILES}
    (tmp / MARKER_NAME).write_text(json.dumps(marker), encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    os.replace(tmp, folder)


def inference_streams() -> int:
    """How many inference requests run at once, each on its share of the cores: 2 wherever there are 2 cores
    or more. On a 2-core AVX2 CPU two streams of half a batch each beat one stream of the whole batch on both
    cores in every round measured (``benchmarks/README.md``, issue 18 on a CPU with AVX2 only)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return 2 if cores >= 2 else 1


def part_size(batch_size: int, streams: int) -> int:
    """Photos per request when a batch of ``batch_size`` runs as ``streams`` requests at once."""
    return -(-int(batch_size) // max(1, int(streams)))


def compile_config(streams: int) -> dict[str, str]:
    """OpenVINO compile options for ``streams`` requests at once (one: OpenVINO's latency default)."""
    if streams <= 1:
        return dict(COMPILE_CONFIG)
    return {**COMPILE_CONFIG, "PERFORMANCE_HINT": "THROUGHPUT", "NUM_STREAMS": str(streams)}


class Int8Extractor:
    """Same contract as :class:`~sakura_sorter.vision.extractor.FeatureExtractor`: uint8 RGB (n, 224, 224, 3) in,
    float32 (n, FEATURE_DIM) out, in padded batches of ``batch_size``.

    With ``streams`` > 1 the model is compiled for ``batch_size / streams`` photos and each batch is cut into
    that many parts that run at once (parts holding only padding are not run); the features are the same,
    bit for bit, as one call on the whole batch."""

    precision = "int8"

    def __init__(self, compiled: Any, batch_size: int, built_from_cache: bool, streams: int = 1):
        self._compiled = compiled
        self.streams = max(1, int(streams))
        self.batch_size = int(batch_size)
        #: photos per request: what the model was compiled for
        self.part_size = part_size(self.batch_size, self.streams)
        #: True when the quantized model came from the user cache (TensorFlow was not imported for it)
        self.built_from_cache = built_from_cache
        self.feature_dim = int(compiled.outputs[0].get_partial_shape()[1].get_length())
        self._requests = [compiled.create_infer_request() for _ in range(self.streams)] if self.streams > 1 else []
        self._lock = threading.Lock()  # the requests are reused: one extract at a time

    def extract(self, images: np.ndarray) -> np.ndarray:
        import numpy as np

        if self.streams == 1:
            return extract_in_batches(
                images, self.batch_size, self.feature_dim, lambda b: self._compiled(np.ascontiguousarray(b))[0]
            )
        with self._lock:
            return extract_in_parts(images, self.part_size, self.streams, self.feature_dim, self._run_parts)

    def _run_parts(self, parts: list[np.ndarray]) -> list[np.ndarray]:
        """Run up to ``streams`` padded parts at once, one request each; their outputs in order."""
        import numpy as np

        for request, part in zip(self._requests, parts, strict=False):
            request.start_async(np.ascontiguousarray(part))
        used = self._requests[: len(parts)]
        for request in used:
            request.wait()
        return [request.get_output_tensor(0).data.copy() for request in used]


def _set_batch(model: Any, batch: int) -> None:
    """Give ``model``'s input (and so the whole graph) a first dimension of ``batch``."""
    shape = model.inputs[0].get_partial_shape()
    if shape[0].is_static and shape[0].get_length() == batch:
        return
    shape[0] = batch
    model.reshape(shape)


def build_int8_extractor(
    folder: Path, batch_size: int, make_reference: Callable[[], FeatureExtractor], streams: int | None = None
) -> Int8Extractor:
    """Load the quantized model from ``folder``, or quantize ``make_reference()`` (the float32 TensorFlow
    extractor, built only then) and save it there; compile it for this CPU, for ``streams`` requests at once
    (default :func:`inference_streams`)."""
    streams = max(1, min(int(batch_size), inference_streams() if streams is None else int(streams)))
    with quiet_native_stderr():
        import openvino as ov

        core = ov.Core()
        model = _cached_model(folder, core)
        from_cache = model is not None
        if model is None:
            model = quantize(make_reference())
            with contextlib.suppress(OSError):  # a read-only cache: quantize again next time
                _save(model, folder)
        if streams > 1:
            _set_batch(model, part_size(batch_size, streams))
        compiled = core.compile_model(model, "CPU", compile_config(streams))
    return Int8Extractor(compiled, batch_size, from_cache, streams)
