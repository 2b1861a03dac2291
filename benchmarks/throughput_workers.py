"""The two sides ``throughput.py`` runs, each in its own subprocess (``--worker baseline|ours``): the recipe as
its authors wrote it, and this product's pipeline; each returns its timings and peak memory."""

from __future__ import annotations

import os
import time
from pathlib import Path


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM) in MiB."""
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def worker_baseline(spec: dict[str, object]) -> dict[str, object]:
    """The recipe: full-size load_img, preprocess_input, VGG16.predict in batches (float32), then the SVM."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import keras
    import numpy as np
    from keras.applications.vgg16 import VGG16, preprocess_input

    from sakura_sorter.model.bundle import bundled_model_dir
    from sakura_sorter.model.recipes import RECIPE, fit_bundle
    from sakura_sorter.model.training_features import load_training_features
    from sakura_sorter.vision.extractor import FEATURE_DIM, RECIPE_COLUMNS

    paths = [Path(p) for p in spec["paths"]]  # type: ignore[union-attr]
    batch_size = int(spec["batch_size"])  # type: ignore[arg-type]
    start = time.perf_counter()
    model = VGG16(include_top=False, weights=str(spec["weights"]), input_shape=(224, 224, 3), pooling="avg")
    model.predict(np.zeros((batch_size, 224, 224, 3), np.float32), batch_size=batch_size, verbose=0)  # warm-up
    # The recipe's own two-class SVM (block5 features), fitted on the bundled model's sakura and cosmos features.
    shipped = load_training_features(bundled_model_dir())
    assert shipped is not None
    rows = [i for i, label in enumerate(shipped.labels) if label in ("sakura", "cosmos")]
    bundle = fit_bundle(shipped.features[rows], [shipped.labels[i] for i in rows], RECIPE)
    build = time.perf_counter() - start
    times = []
    labels: list[str] = []
    for _ in range(int(spec.get("repeat", 1))):  # type: ignore[arg-type]
        labels = []
        start = time.perf_counter()
        for i in range(0, len(paths), batch_size):
            chunk = paths[i : i + batch_size]
            x = np.stack([keras.utils.img_to_array(keras.utils.load_img(p, target_size=(224, 224))) for p in chunk])
            feats = model.predict(preprocess_input(x), batch_size=batch_size, verbose=0)
            wide = np.zeros((len(feats), FEATURE_DIM), np.float32)
            wide[:, RECIPE_COLUMNS] = feats  # the recipe's SVM reads only these columns
            labels.extend(bundle.predict(wide)[0])
        times.append(time.perf_counter() - start)
    return {
        "kind": "baseline",
        "n": len(paths),
        "seconds": times,
        "build_s": build,
        "peak_rss_mb": peak_rss_mb(),
        "labels": labels,
    }


def worker_ours(spec: dict[str, object]) -> dict[str, object]:
    """Our pipeline end to end, alternated with our pure model on pre-decoded arrays (same extractor)."""
    import numpy as np

    from sakura_sorter.model.bundle import load_bundle
    from sakura_sorter.vision.photos import load_for_model
    from sakura_sorter.vision.pipeline import classify_photos
    from sakura_sorter.vision.settings import ExtractorSettings

    paths = [Path(p) for p in spec["paths"]]  # type: ignore[union-attr]
    batch_size = int(spec["batch_size"])  # type: ignore[arg-type]
    kwargs: dict[str, object] = {"batch_size": batch_size, "cache": None}
    if spec.get("decode_workers"):
        kwargs["decode_workers"] = int(spec["decode_workers"])  # type: ignore[arg-type]
    if spec.get("prefetch"):
        kwargs["prefetch_batches"] = int(spec["prefetch"])  # type: ignore[arg-type]
    start = time.perf_counter()
    settings = ExtractorSettings.resolve(str(spec["weights"]), str(spec["precision"]), batch_size)
    bundle = load_bundle()
    extractor = settings.build()
    build = time.perf_counter() - start

    cpu: dict[str, list[float]] = {"e2e": [], "pure": []}  # process CPU seconds: insensitive to others' load

    def e2e() -> tuple[float, list[str | None]]:
        t0, c0 = time.perf_counter(), time.process_time()
        results: list[str | None] = []
        for step in classify_photos(paths, bundle, lambda: extractor, **kwargs):
            results += [r.label for r in step.results]
        cpu["e2e"].append(time.process_time() - c0)
        return time.perf_counter() - t0, results

    def pure(images: np.ndarray) -> float:
        t0, c0 = time.perf_counter(), time.process_time()
        feats = extractor.extract(images)
        bundle.predict(feats)
        cpu["pure"].append(time.process_time() - c0)
        return time.perf_counter() - t0

    e2e_times, pure_times = [], []
    seconds, labels = e2e()
    e2e_times.append(seconds)
    e2e_peak = peak_rss_mb()  # before the pre-decoded arrays exist
    images = np.stack([load_for_model(p) for p in paths])
    for i in range(int(spec.get("repeat", 1))):  # type: ignore[arg-type]
        pure_times.append(pure(images))
        if i + 1 < int(spec.get("repeat", 1)):  # type: ignore[arg-type]
            e2e_times.append(e2e()[0])
    return {
        "kind": "ours",
        "n": len(paths),
        "precision": settings.precision,
        "e2e_seconds": e2e_times,
        "pure_seconds": pure_times,
        "e2e_cpu_seconds": cpu["e2e"],
        "pure_cpu_seconds": cpu["pure"],
        "build_s": build,
        "e2e_peak_rss_mb": e2e_peak,
        "peak_rss_mb": peak_rss_mb(),
        "labels": labels,
    }


WORKERS = {"baseline": worker_baseline, "ours": worker_ours}
