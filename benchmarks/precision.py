"""Each faster precision against TensorFlow float32 on every shared photo: cosine, labels, sorting outcomes.

Usage::

    python benchmarks/precision.py [--precisions bfloat16,int8] [--photos DIR ...] [--batch-size 16] [--json OUT]
    ONEDNN_MAX_CPU_ISA=AVX2 python benchmarks/precision.py      # what a laptop without AVX-512 computes

For each precision (``bfloat16``: Keras mixed precision; ``int8``: OpenVINO + NNCF, calibrated on the synthetic
images of ``sakura_sorter.vision.int8``, quantized into a private cache folder) prints the minimum, 1st
percentile and median per-photo cosine similarity with the float32 features, the bundled model's labels that
differ, the largest change of a class score, and what ``sort`` would do at the default threshold per folder
(right / wrong folder / left in place), float32 beside the precision. A precision that cannot run here is
reported as such (the probe of ``--precision auto``). ``--calibration-check`` also quantizes on real photos (a
quarter of them, every fourth) to compare with the synthetic calibration. Prints the CPU flags and runtimes.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
DEFAULT_PHOTOS = [SHARED / "photos", SHARED / "photos2", SHARED / "everyday"]
DEFAULT_WEIGHTS = SHARED / "weights" / "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5"
THRESHOLD = 0.8


def cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    a64, b64 = a.astype(np.float64), b.astype(np.float64)
    return (a64 * b64).sum(1) / (np.linalg.norm(a64, axis=1) * np.linalg.norm(b64, axis=1))


def machine_line() -> str:
    from sakura_sorter.vision.precision import cpu_flags, library_version

    wanted = ("avx2", "avx_vnni", "avx512f", "avx512_vnni", "avx512_bf16", "amx_bf16", "amx_int8")
    flags = " ".join(f for f in wanted if f in cpu_flags())
    libs = ", ".join(f"{n} {library_version(n)}" for n in ("tensorflow", "keras", "openvino", "nncf"))
    cap = os.environ.get("ONEDNN_MAX_CPU_ISA") or "none"
    return f"CPU flags: {flags}; ONEDNN_MAX_CPU_ISA={cap}; {platform.processor() or platform.machine()}; {libs}"


def truth_of(path: Path) -> str:
    """The folder class of a shared photo: sakura, cosmos, else other (other flowers, everyday photos)."""
    parts = {p.lower() for p in path.parts}
    return "sakura" if "sakura" in parts else "cosmos" if "cosmos" in parts else "other"


def outcomes(labels: list[str], confidence: np.ndarray, truth: list[str]) -> Counter[tuple[str, str]]:
    """(true folder, right | wrong | stays) as sort would place each photo at THRESHOLD."""
    out: Counter[tuple[str, str]] = Counter()
    for label, conf, true in zip(labels, confidence, truth):
        if label == "other" or conf < THRESHOLD:
            out[(true, "stays" if true != "other" else "right")] += 1
        else:
            out[(true, "right" if label == true else "wrong")] += 1
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--precisions", default="bfloat16,int8")
    parser.add_argument("--photos", type=Path, nargs="+", default=DEFAULT_PHOTOS)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--calibration-check", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)

    os.environ.setdefault("SAKURA_SORTER_WEIGHTS", str(DEFAULT_WEIGHTS))
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="sakura-precision-")  # quantize afresh, privately
    from sakura_sorter.model.bundle import load_bundle
    from sakura_sorter.vision.extractor import FeatureExtractor
    from sakura_sorter.vision.photos import ImageLoadError, find_photos, load_for_model
    from sakura_sorter.vision.precision import can_run
    from sakura_sorter.vision.settings import ExtractorSettings
    from sakura_sorter.vision.weights import resolve_weights

    print(machine_line(), flush=True)
    weights = resolve_weights(None).path
    images, kept = [], []
    for folder in args.photos:
        for p in find_photos(folder, recursive=True):
            try:
                images.append(load_for_model(p))
                kept.append(p)
            except ImageLoadError as exc:
                print(f"skipped {p}: {exc}", file=sys.stderr)
    batch = np.stack(images)
    truth = [truth_of(p) for p in kept]
    bundle = load_bundle()
    start = time.perf_counter()
    reference = FeatureExtractor(weights, batch_size=args.batch_size, precision="float32")
    f32 = reference.extract(batch)
    print(f"float32: {len(kept)} photos in {time.perf_counter() - start:.1f} s (build included)", flush=True)
    labels32, conf32, scores32 = bundle.predict(f32)
    place32 = outcomes(labels32, conf32, truth)
    summary: dict[str, object] = {"photos": len(kept), "machine": machine_line()}
    candidates: dict[str, object] = {}
    for precision in [p.strip() for p in args.precisions.split(",") if p.strip()]:
        if not can_run(precision):
            print(f"\n{precision}: cannot run on this machine (probe failed or library missing)")
            continue
        start = time.perf_counter()
        settings = ExtractorSettings(weights, precision, args.batch_size)
        candidates[precision] = settings.build().extract(batch)
        print(f"{precision}: {len(kept)} photos in {time.perf_counter() - start:.1f} s (build included)", flush=True)
    if args.calibration_check and "int8" in candidates:
        from sakura_sorter.vision import int8

        start = time.perf_counter()
        real = int8.synthetic_calibration
        int8.synthetic_calibration = lambda *a, **k: batch[::4][: int8.CALIBRATION_IMAGES * 4]  # type: ignore
        try:
            import openvino as ov

            model = int8.quantize(reference)
            compiled = ov.Core().compile_model(model, "CPU", int8.COMPILE_CONFIG)
            candidates["int8, calibrated on photos"] = int8.Int8Extractor(compiled, args.batch_size, False).extract(
                batch
            )
        finally:
            int8.synthetic_calibration = real
        print(f"int8 calibrated on photos: {time.perf_counter() - start:.1f} s", flush=True)
    for name, feats in candidates.items():
        cos = cosine(f32, feats)  # type: ignore[arg-type]
        labels, conf, scores = bundle.predict(feats)  # type: ignore[arg-type]
        differ = [str(p) for p, a, b in zip(kept, labels32, labels) if a != b]
        place = outcomes(labels, conf, truth)
        worst = int(np.argmin(cos))
        print(f"\n== {name} vs float32 on {len(kept)} photos ==")
        print(
            f"cosine: min {cos.min():.6f}  1st percentile {np.percentile(cos, 1):.6f}  median {np.median(cos):.6f}"
            f"  (worst: {kept[worst].name}; target min >= 0.995: {'MET' if cos.min() >= 0.995 else 'NOT MET'})"
        )
        agree = 1 - len(differ) / len(kept)
        print(
            f"labels identical: {len(kept) - len(differ)}/{len(kept)} = {agree:.2%} "
            f"(target >= 99.5%: {'MET' if agree >= 0.995 else 'NOT MET'}); differ: {differ[:6]}"
        )
        print(f"max change of a class score: {np.abs(scores32 - scores).max():.4g}")
        print(f"sort at threshold {THRESHOLD}, per true folder: float32 -> {name}")
        for true in ("sakura", "cosmos", "other"):
            row = "  ".join(f"{k} {place32[(true, k)]}->{place[(true, k)]}" for k in ("right", "wrong", "stays"))
            print(f"  {true:7s} {row}")
        moved = sum(abs(place32[k] - place[k]) for k in set(place32) | set(place)) // 2
        print(f"  photos whose sorting outcome changed: {moved}")
        candidates[name] = None
        summary[name] = {
            "cosine_min": float(cos.min()),
            "cosine_p01": float(np.percentile(cos, 1)),
            "cosine_median": float(np.median(cos)),
            "labels_differ": differ,
            "max_score_change": float(np.abs(scores32 - scores).max()),
            "outcomes_float32": {f"{a}/{b}": n for (a, b), n in place32.items()},
            "outcomes": {f"{a}/{b}": n for (a, b), n in place.items()},
        }
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
