"""Issue 18: ONNX Runtime (float32, int8) against TensorFlow and OpenVINO int8, in one process, alternating.

Usage::

    python benchmarks/onnxruntime.py [--n 64] [--rounds 3] [--ort-path /work/ort-pkgs]
    ONEDNN_MAX_CPU_ISA=AVX2 python benchmarks/onnxruntime.py      # the laptop emulation

A benchmark, not a product path: ``onnxruntime``, ``tf2onnx`` and ``onnx`` are not dependencies; install them
into a separate folder (``pip install --target DIR onnxruntime tf2onnx onnx``) and pass it as ``--ort-path``
(appended to ``sys.path``, so the project's own NumPy and protobuf win). The product's float32 extractor's traced
function is converted with ``tf2onnx.convert.from_function`` (opset 17); ONNX Runtime int8 is
``onnxruntime.quantization.quantize_static`` (QDQ, per-channel, int8 weights and activations) calibrated on every
fourth photo of the set (the first batch when fewer), and ``quantize_dynamic`` (int8 weights). On ``--n``
photos of ../shared (decoded once with ``load_for_model``), each candidate runs batch 16 in turn, ``--rounds``
times; photos/s is the best round.
Features are compared with TF float32 (min and median cosine, all 10240 numbers and the first 1024) and the
bundled model's labels with TF float32's. ONNX Runtime (MLAS) does not read ``ONEDNN_MAX_CPU_ISA``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
DEFAULT_WEIGHTS = SHARED / "weights" / "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5"


def cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    a64, b64 = a.astype(np.float64), b.astype(np.float64)
    return (a64 * b64).sum(1) / (np.linalg.norm(a64, axis=1) * np.linalg.norm(b64, axis=1))


def ort_runner(path: Path, batch: int) -> Callable[[np.ndarray], np.ndarray]:
    """A function running the ONNX model at ``path`` on uint8 images, in padded batches."""
    import onnxruntime as ort

    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    name = session.get_inputs()[0].name

    def run(images: np.ndarray) -> np.ndarray:
        out = []
        for start in range(0, len(images), batch):
            chunk = images[start : start + batch]
            n = len(chunk)
            if n < batch:
                chunk = np.concatenate([chunk, np.zeros((batch - n, *chunk.shape[1:]), np.uint8)])
            out.append(session.run(None, {name: chunk})[0][:n])
        return np.concatenate(out)

    return run


def quantize_static(src: Path, dest: Path, calibration: np.ndarray, batch: int, reduce_range: bool = False) -> None:
    """ONNX Runtime's static QDQ int8, weights per channel; ``reduce_range`` quantizes the weights to 7 bits, which
    keeps AVX2's ``vpmaddubsw`` (two u8 x s8 products summed into int16) from saturating on CPUs without VNNI."""
    import onnx
    from onnxruntime.quantization import CalibrationDataReader, QuantFormat, QuantType, quantize_static
    from onnxruntime.quantization.shape_inference import quant_pre_process

    name = onnx.load(str(src), load_external_data=False).graph.input[0].name
    chunks = [calibration[i : i + batch] for i in range(0, len(calibration) - batch + 1, batch)]

    class Reader(CalibrationDataReader):
        def __init__(self) -> None:
            self._it = iter([{name: c} for c in chunks])

        def get_next(self) -> dict[str, np.ndarray] | None:
            return next(self._it, None)

    pre = dest.with_suffix(".pre.onnx")
    quant_pre_process(str(src), str(pre), skip_symbolic_shape=True)  # no sympy needed
    quantize_static(
        str(pre), str(dest), Reader(), quant_format=QuantFormat.QDQ, per_channel=True,
        activation_type=QuantType.QInt8, weight_type=QuantType.QInt8, reduce_range=reduce_range,
    )  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--photos", type=Path, default=SHARED / "photos")
    parser.add_argument("--ort-path", type=Path, default=Path("/work/ort-pkgs"))
    parser.add_argument("--skip", default="", help="comma-separated candidates to leave out")
    args = parser.parse_args(argv)
    here = Path(__file__).resolve().parent  # this file is named onnxruntime.py: not the package to import
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != here] + [str(REPO), str(args.ort_path)]
    os.environ.setdefault("SAKURA_SORTER_WEIGHTS", str(DEFAULT_WEIGHTS))
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="sakura-ort-")  # quantize OpenVINO afresh, privately
    work = Path(tempfile.mkdtemp(prefix="sakura-ort-models-"))

    import onnxruntime as ort
    import tensorflow as tf
    import tf2onnx

    from benchmarks.precision import machine_line
    from sakura_sorter.model.bundle import load_bundle
    from sakura_sorter.vision.extractor import FeatureExtractor
    from sakura_sorter.vision.photos import find_photos, load_for_model
    from sakura_sorter.vision.precision import library_version
    from sakura_sorter.vision.settings import ExtractorSettings
    from sakura_sorter.vision.weights import resolve_weights

    print(machine_line(), flush=True)
    runtimes = f"onnxruntime {library_version('onnxruntime')} {ort.get_available_providers()}"
    print(f"{runtimes}, tf2onnx {library_version('tf2onnx')}; load average {os.getloadavg()[0]:.2f}", flush=True)
    paths = find_photos(args.photos, recursive=True)[:: max(1, len(find_photos(args.photos, recursive=True)) // args.n)]
    images = np.stack([load_for_model(p) for p in paths[: args.n]])
    b = args.batch_size
    weights = resolve_weights(None).path
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    candidates: dict[str, Callable[[np.ndarray], np.ndarray]] = {}
    f32 = FeatureExtractor(weights, b, "float32")
    candidates["TF float32"] = f32.extract
    if "bfloat16" not in skip:
        try:
            candidates["TF bfloat16"] = FeatureExtractor(weights, b, "bfloat16").extract
        except Exception as exc:
            print(f"TF bfloat16: cannot run ({exc})")
    start = time.perf_counter()
    candidates["OpenVINO int8"] = ExtractorSettings(weights, "int8", b).build().extract
    print(f"OpenVINO int8 built (quantized) in {time.perf_counter() - start:.1f} s", flush=True)
    start = time.perf_counter()
    src = work / "f32.onnx"
    spec = [tf.TensorSpec([b, *images.shape[1:]], tf.uint8)]
    tf2onnx.convert.from_function(f32._run, input_signature=spec, opset=17, output_path=str(src))
    print(f"tf2onnx.convert.from_function: {time.perf_counter() - start:.1f} s", flush=True)
    candidates["ORT float32"] = ort_runner(src, b)
    if "dynamic" not in skip:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        try:
            quantize_dynamic(str(src), str(work / "dyn.onnx"), weight_type=QuantType.QInt8, per_channel=True)
            candidates["ORT int8 dynamic"] = ort_runner(work / "dyn.onnx", b)
        except Exception as exc:
            print(f"ORT int8 dynamic: failed ({type(exc).__name__}: {exc})")
    if "static" not in skip:
        start = time.perf_counter()
        try:
            calibration = images[::4] if len(images) >= 4 * b else images[:b]  # at least one batch
            quantize_static(src, work / "static.onnx", calibration, b)
            candidates["ORT int8 static QDQ"] = ort_runner(work / "static.onnx", b)
            print(f"ORT static quantization: {time.perf_counter() - start:.1f} s", flush=True)
            quantize_static(src, work / "static7.onnx", calibration, b, reduce_range=True)
            candidates["ORT int8 static QDQ, 7-bit weights"] = ort_runner(work / "static7.onnx", b)
        except Exception as exc:
            print(f"ORT int8 static: failed ({type(exc).__name__}: {exc})")
    features = {name: run(images[:b]) for name, run in candidates.items()}  # warm-up
    best = dict.fromkeys(candidates, 0.0)
    for r in range(args.rounds):
        for name, run in candidates.items():
            start = time.perf_counter()
            features[name] = run(images)
            best[name] = max(best[name], len(images) / (time.perf_counter() - start))
        print(f"round {r + 1}: " + ", ".join(f"{k} {v:.1f}" for k, v in best.items()), flush=True)
    bundle = load_bundle()
    ref = features["TF float32"]
    labels_ref = bundle.predict(ref)[0]
    print(f"\n{len(images)} photos, batch {b}, best of {args.rounds}; load average {os.getloadavg()[0]:.2f}")
    print("| candidate | photos/s | vs TF float32 | cosine min / median (10240) | (first 1024) | labels same |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, feats in features.items():
        cos, cos1 = cosine(ref, feats), cosine(ref[:, :1024], feats[:, :1024])
        same = np.mean([a == c for a, c in zip(labels_ref, bundle.predict(feats)[0])])
        print(
            f"| {name} | {best[name]:.1f} | {best[name] / best['TF float32']:.2f}x | {cos.min():.5f} / "
            f"{np.median(cos):.5f} | {cos1.min():.5f} / {np.median(cos1):.5f} | {same:.1%} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
