"""Would fewer multiplications beat int8 under the AVX2 cap? OpenVINO int8 per layer against a Winograd probe.

Usage::

    ONEDNN_MAX_CPU_ISA=AVX2 OPENBLAS_CORETYPE=Haswell python benchmarks/winograd.py [--batch 8] [--rounds 3]

Under the AVX2 cap the int8 model is bound by its 15.3 G multiply-adds (``benchmarks/README.md``). Winograd's
F(4x4, 3x3) convolution needs 4x fewer multiplications than a direct 3x3 one, at the cost of transforming each
input and output tile. This script times, per VGG16 convolution and per photo, (1) the product's quantized model
as OpenVINO runs it (its own per-layer counters, ``PERF_COUNT``, one inference thread), and (2) a float32
Winograd F(4x4, 3x3) convolution of the same shape in NumPy (one OpenBLAS thread; ``OPENBLAS_CORETYPE=Haswell``
keeps OpenBLAS to AVX2 as the cap keeps oneDNN) beside a direct float32 one, with its error against the direct
one. CPU time per photo, one thread each, so the columns compare.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))
from precision import DEFAULT_WEIGHTS, machine_line  # noqa: E402

#: VGG16's convolutions: (name, side, input channels, output channels)
LAYERS = [
    ("block1_conv1", 224, 3, 64), ("block1_conv2", 224, 64, 64),
    ("block2_conv1", 112, 64, 128), ("block2_conv2", 112, 128, 128),
    ("block3_conv1", 56, 128, 256), ("block3_conv2", 56, 256, 256), ("block3_conv3", 56, 256, 256),
    ("block4_conv1", 28, 256, 512), ("block4_conv2", 28, 512, 512), ("block4_conv3", 28, 512, 512),
    ("block5_conv1", 14, 512, 512), ("block5_conv2", 14, 512, 512), ("block5_conv3", 14, 512, 512),
]  # fmt: skip

# Winograd F(4x4, 3x3) (Lavin and Gray, 2016): Y = A^T [(G g G^T) . (B^T d B)] A
BT = np.array(
    [[4, 0, -5, 0, 1, 0], [0, -4, -4, 1, 1, 0], [0, 4, -4, -1, 1, 0],
     [0, -2, -1, 2, 1, 0], [0, 2, -1, -2, 1, 0], [0, 4, 0, -5, 0, 1]], np.float32
)  # fmt: skip
G = np.array(
    [[1 / 4, 0, 0], [-1 / 6, -1 / 6, -1 / 6], [-1 / 6, 1 / 6, -1 / 6],
     [1 / 24, 1 / 12, 1 / 6], [1 / 24, -1 / 12, 1 / 6], [0, 0, 1]], np.float32
)  # fmt: skip
AT = np.array([[1, 1, 1, 1, 1, 0], [0, 1, -1, 2, -2, 0], [0, 1, 1, 4, 4, 0], [0, 1, -1, 8, -8, 1]], np.float32)


def winograd_weights(w: np.ndarray) -> np.ndarray:
    """3x3 kernels (3, 3, cin, cout) transformed once: (36, cin, cout), index b * 6 + a."""
    u = np.einsum("ai,ijco,bj->baco", G, w, G)
    return np.ascontiguousarray(u.reshape(36, *w.shape[2:]), dtype=np.float32)


def conv_winograd(x: np.ndarray, u: np.ndarray) -> np.ndarray:
    """'same' 3x3 convolution of NHWC ``x`` with transformed kernels ``u``, then ReLU."""
    n, h, w, c = x.shape
    th, tw = -(-h // 4), -(-w // 4)
    xp = np.zeros((n, th * 4 + 2, tw * 4 + 2, c), np.float32)
    xp[:, 1 : h + 1, 1 : w + 1] = x
    s = xp.strides
    tiles = np.lib.stride_tricks.as_strided(xp, (n, th, tw, 6, 6, c), (s[0], 4 * s[1], 4 * s[2], s[1], s[2], s[3]))
    v = np.tensordot(BT, np.tensordot(BT, tiles, axes=([1], [3])), axes=([1], [4]))  # (b, a, n, th, tw, c)
    m = np.matmul(v.reshape(36, n * th * tw, c), u).reshape(6, 6, n, th, tw, -1)
    y = np.tensordot(AT, np.tensordot(AT, m, axes=([1], [1])), axes=([1], [1]))  # (q, p, n, th, tw, cout)
    y = y.transpose(2, 3, 1, 4, 0, 5).reshape(n, th * 4, tw * 4, -1)[:, :h, :w]
    return np.maximum(y, 0)


def conv_direct(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """The same convolution as one matrix product over 3x3 patches (im2col), float32."""
    n, h, wd, c = x.shape
    xp = np.pad(x, ((0, 0), (1, 1), (1, 1), (0, 0)))
    s = xp.strides
    cols = np.lib.stride_tricks.as_strided(xp, (n, h, wd, 3, 3, c), (s[0], s[1], s[2], s[1], s[2], s[3]))
    return np.maximum((cols.reshape(n * h * wd, 9 * c) @ w.reshape(9 * c, -1)).reshape(n, h, wd, -1), 0)


def cpu_ms_per_photo(fn, n: int, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return 1000 * best / n


def openvino_layers(weights: Path, batch: int, rounds: int) -> tuple[dict[str, float], list[str]]:
    """CPU ms per photo of each convolution of the product's int8 model (OpenVINO's counters, in network
    order), and the kernels OpenVINO chose."""
    import openvino as ov

    from sakura_sorter.vision.int8 import COMPILE_CONFIG, MODEL_FILES
    from sakura_sorter.vision.settings import ExtractorSettings

    settings = ExtractorSettings(weights, "int8", batch)
    settings.build()  # quantizes into the user cache the first time
    core = ov.Core()
    model = core.read_model(str(settings.int8_folder() / MODEL_FILES[0]))
    config = {**COMPILE_CONFIG, "PERF_COUNT": True, "INFERENCE_NUM_THREADS": 1}
    request = core.compile_model(model, "CPU", config).create_infer_request()
    images = np.random.default_rng(0).integers(0, 256, (batch, 224, 224, 3), dtype=np.uint8)
    times: dict[str, float] = defaultdict(lambda: float("inf"))
    kernels: set[str] = set()
    for _ in range(rounds + 1):
        request.infer(images)
        convs = [info for info in request.get_profiling_info() if info.node_type == "Convolution"]
        if len(convs) != len(LAYERS):
            raise SystemExit(f"expected {len(LAYERS)} convolutions in the int8 model, found {len(convs)}")
        per = {lay[0]: info.cpu_time.total_seconds() * 1000 / batch for lay, info in zip(LAYERS, convs)}
        kernels.update(info.exec_type for info in convs)
        for name, ms in per.items():
            times[name] = min(times[name], ms)
    return dict(times), sorted(kernels)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--weights", type=Path, default=Path(os.environ.get("SAKURA_SORTER_WEIGHTS", DEFAULT_WEIGHTS)))
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    print(machine_line(), end="; ")
    print(f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', 'none')}; batch {args.batch}")
    ov_ms, kernels = openvino_layers(args.weights, args.batch, args.rounds)
    print("OpenVINO kernels:", ", ".join(kernels))
    rng = np.random.default_rng(0)
    totals: dict[str, float] = defaultdict(float)
    header = ("layer", "G mult-add", "int8 ms", "winograd ms", "direct f32 ms", "rel. error")
    print(f"{header[0]:13}", *(f"{h:>13}" for h in header[1:]))
    for name, side, cin, cout in LAYERS:
        x = np.maximum(rng.normal(size=(args.batch, side, side, cin)), 0).astype(np.float32)
        w = (rng.normal(size=(3, 3, cin, cout)) / np.sqrt(9 * cin)).astype(np.float32)
        u = winograd_weights(w)
        ref = conv_direct(x[:1], w)
        err = float(np.abs(conv_winograd(x[:1], u) - ref).max() / np.abs(ref).max())
        wino = cpu_ms_per_photo(lambda x=x, u=u: conv_winograd(x, u), args.batch, args.rounds)
        direct = cpu_ms_per_photo(lambda x=x, w=w: conv_direct(x, w), args.batch, args.rounds)
        int8 = ov_ms.get(name, float("nan"))
        gmac = side * side * 9 * cin * cout / 1e9
        for key, value in (("gmac", gmac), ("int8", int8), ("winograd", wino), ("direct", direct)):
            totals[key] += value
        print(f"{name:13} {gmac:13.2f} {int8:13.1f} {wino:13.1f} {direct:13.1f} {err:13.1e}")
    columns = ("gmac", "int8", "winograd", "direct")
    print(f"{'all':13}", *(f"{totals[k]:13.{2 if k == 'gmac' else 1}f}" for k in columns))


if __name__ == "__main__":
    main()
