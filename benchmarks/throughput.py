"""Throughput benchmark for issue 5: the recipe's baseline against our pipeline, measured in the same run.

What it does (every figure that is compared is a ratio of two measurements taken in this run, because other
processes share the machine and absolute timings are noisy):

1. Makes a folder of ``--n`` 12-megapixel JPEGs (4000x3000, portrait sources 3000x4000) from the photos in
   ``../shared/data/photos`` upscaled (bicubic, quality 92, 4:2:0); every fourth one is stored sideways with
   EXIF orientation 6 (and every ninth upside down, orientation 3).
2. For ``--rounds`` rounds, runs in fresh subprocesses (each reports its own peak memory):

   a. ``baseline``: the recipe: ``keras.utils.load_img(target_size=(224, 224))`` + ``img_to_array`` +
      ``preprocess_input`` + ``VGG16(include_top=False, pooling="avg").predict`` in batches, float32, then
      the bundled SVM;
   b. ``ours``: our pipeline end to end (files to predictions: ``classify_photos``, cache off), and
   c. in the same process, our pure model throughput on pre-decoded arrays (``FeatureExtractor.extract``),
      alternated with (b) so the e2e/model ratio compares neighbouring measurements.

   Model building and graph tracing are done before timing, for both (reported separately).
   Throughput is the best round (noise from other processes only ever slows a run down).
3. Re-run: a folder of ``--rerun-n`` ordinary photos (the ../shared photos, copies made unique by a JPEG
   comment so the cache's content-hash fallback cannot serve them), ``sakura-sorter classify`` timed as a whole
   command (start-up included) twice with a private ``--feature-cache`` file.
4. Memory growth: ``sakura-sorter classify --feature-cache off`` on ``--mem-n`` ordinary photos (default 200
   and 2,000, unique copies again); peak RSS of each child from ``wait4``.

Targets checked: e2e >= 10x baseline (>= 3x with ONEDNN_MAX_CPU_ISA=AVX2); e2e >= 90% of pure model; cached re-run
>= 50x faster; peak memory of
the larger memory run within 10% of the smaller one.

Usage::

    python benchmarks/throughput.py                 # full run (~20-30 min on 2 cores)
    python benchmarks/throughput.py --quick         # a few minutes
    python benchmarks/throughput.py --workdir /tmp/bench --keep   # reuse generated photos across runs

Needs the VGG16 notop weights (``$SAKURA_SORTER_WEIGHTS``, else ``../shared/data/weights``) and the photos
in ``../shared/data/photos``. Generated photos go to a temporary folder (or ``--workdir``) and are deleted
unless ``--keep``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
PHOTOS = SHARED / "data" / "photos"
DEFAULT_WEIGHTS = SHARED / "data" / "weights" / "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5"
GENERATOR_VERSION = 2  # bump when generated photos change (folders in --workdir are reused when it matches)

#: Issue 18: e2e >= 10x the recipe on a CPU with AMX, >= 3x with oneDNN capped to AVX2 (most laptops).
TARGET_VS_BASELINE_AMX = 10.0
TARGET_VS_BASELINE_AVX2 = 3.0
TARGET_VS_MODEL = 0.90
TARGET_RERUN = 50.0
TARGET_MEMORY_GROWTH = 0.10


# ---------------------------------------------------------------------------------------------- helpers


def source_photos() -> list[Path]:
    """All JPEGs under ../shared/data/photos (sorted, every class folder)."""
    if not PHOTOS.is_dir():
        raise SystemExit(f"photos not found: {PHOTOS}")
    found = sorted(p for p in PHOTOS.rglob("*") if p.suffix.lower() in (".jpg", ".jpeg") and p.is_file())
    if not found:
        raise SystemExit(f"no JPEGs under {PHOTOS}")
    return found


def target_vs_baseline() -> float:
    capped = (os.environ.get("ONEDNN_MAX_CPU_ISA") or "").upper().startswith(("AVX2", "AVX", "SSE"))
    return TARGET_VS_BASELINE_AVX2 if capped else TARGET_VS_BASELINE_AMX


def machine_line() -> str:
    """CPU flags that decide the model's speed, the oneDNN cap, and the runtimes' versions."""
    from sakura_sorter.vision.precision import cpu_flags, library_version

    wanted = ("avx2", "avx_vnni", "avx512f", "avx512_vnni", "avx512_bf16", "amx_bf16", "amx_int8")
    flags = " ".join(f for f in wanted if f in cpu_flags())
    libs = ", ".join(f"{n} {library_version(n)}" for n in ("tensorflow", "keras", "openvino", "nncf"))
    return f"CPU flags: {flags}; ONEDNN_MAX_CPU_ISA={os.environ.get('ONEDNN_MAX_CPU_ISA') or 'none'}; {libs}"


def weights_path() -> Path:
    env = os.environ.get("SAKURA_SORTER_WEIGHTS")
    path = Path(env) if env else DEFAULT_WEIGHTS
    if not path.is_file():
        raise SystemExit(f"VGG16 weights not found: {path} (set SAKURA_SORTER_WEIGHTS)")
    return path


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM) in MiB."""
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _make_big(job: tuple[str, str, int, float]) -> int:
    import numpy as np
    from PIL import Image

    src, dest, index, grain = job
    with Image.open(src) as im:
        im = im.convert("RGB")
        size = (3000, 4000) if im.height > im.width else (4000, 3000)
        big = im.resize(size, Image.Resampling.BICUBIC)
    if grain > 0:  # sensor-like noise: camera files are bigger and slower to entropy-decode
        rng = np.random.default_rng(index)
        noise = rng.normal(0.0, grain, (big.height, big.width, 1)).astype(np.float32)
        big = Image.fromarray(np.clip(np.asarray(big, np.float32) + noise, 0, 255).astype(np.uint8))
    exif = Image.Exif()
    if index % 4 == 1:  # stored sideways: the viewer must rotate 90 degrees clockwise
        big = big.transpose(Image.Transpose.ROTATE_90)
        exif[0x0112] = 6
    elif index % 9 == 2:
        big = big.transpose(Image.Transpose.ROTATE_180)
        exif[0x0112] = 3
    big.save(dest, quality=92, subsampling=2, exif=exif.tobytes())
    return Path(dest).stat().st_size


def _ready(folder: Path, manifest: dict[str, object]) -> bool:
    marker = folder / ".manifest.json"
    try:
        return json.loads(marker.read_text()) == manifest
    except (OSError, ValueError):
        return False


def _mark(folder: Path, manifest: dict[str, object]) -> None:
    (folder / ".manifest.json").write_text(json.dumps(manifest))


def make_big_folder(folder: Path, n: int, grain: float) -> Path:
    """``n`` 12-MP JPEGs made from the shared photos (reused when ``folder`` already holds the same set)."""
    manifest = {"kind": "big", "n": n, "grain": grain, "version": GENERATOR_VERSION}
    if _ready(folder, manifest):
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    sources = source_photos()
    jobs = [(str(sources[i % len(sources)]), str(folder / f"big_{i:05d}.jpg"), i, grain) for i in range(n)]
    start = time.perf_counter()
    with ProcessPoolExecutor(max(1, min(2, os.cpu_count() or 1))) as pool:
        sizes = list(pool.map(_make_big, jobs, chunksize=4))
    print(
        f"  made {n} 12-MP JPEGs in {time.perf_counter() - start:.0f} s "
        f"(mean {statistics.mean(sizes) / 1e6:.2f} MB, grain {grain})",
        flush=True,
    )
    _mark(folder, manifest)
    return folder


def unique_copy(data: bytes, tag: str) -> bytes:
    """The same JPEG with a comment segment after SOI: same pixels, different bytes (and sha256)."""
    if data[:2] != b"\xff\xd8":
        raise ValueError("not a JPEG")
    comment = f"sakura-sorter benchmark copy {tag}".encode()
    return data[:2] + b"\xff\xfe" + (len(comment) + 2).to_bytes(2, "big") + comment + data[2:]


def make_ordinary_folder(folder: Path, n: int) -> Path:
    """``n`` ordinary-size photos: the shared photos, then unique copies of them (see :func:`unique_copy`)."""
    manifest = {"kind": "ordinary", "n": n, "version": GENERATOR_VERSION}
    if _ready(folder, manifest):
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    sources = source_photos()
    for i in range(n):
        src = sources[i % len(sources)]
        data = src.read_bytes()
        if i >= len(sources):
            data = unique_copy(data, str(i))
        (folder / f"p{i:05d}_{src.name}").write_bytes(data)
    _mark(folder, manifest)
    return folder


def make_camera_folder(folder: Path, n: int, big: Path) -> Path:
    """``n`` camera-size photos: the 12-MP JPEGs of ``big``, then unique copies of them."""
    manifest = {"kind": "camera", "n": n, "from": big.name, "version": GENERATOR_VERSION}
    if _ready(folder, manifest):
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    sources = sorted(big.glob("*.jpg"))
    for i in range(n):
        data = sources[i % len(sources)].read_bytes()
        (folder / f"c{i:05d}.jpg").write_bytes(unique_copy(data, str(i)) if i >= len(sources) else data)
    _mark(folder, manifest)
    return folder


def run_child(cmd: Sequence[str], log: Path, env: dict[str, str] | None = None) -> tuple[int, float, float]:
    """Run ``cmd``; returns (exit status, wall seconds, the child's own peak RSS in MiB from wait4)."""
    with open(log, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(list(cmd), stdout=out, stderr=subprocess.STDOUT, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, wall, usage.ru_maxrss / 1024


def run_worker(kind: str, spec: dict[str, object], workdir: Path, tag: str) -> dict[str, object]:
    out = workdir / f"result-{tag}.json"
    log = workdir / f"log-{tag}.txt"
    out.unlink(missing_ok=True)
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", kind, "--spec", json.dumps(spec)]
    cmd += ["--out", str(out)]
    status, wall, rss = run_child(cmd, log)
    if status != 0 or not out.exists():
        sys.stderr.write(log.read_text(errors="replace")[-4000:])
        raise SystemExit(f"worker {kind} failed (status {status}); log: {log}")
    result = json.loads(out.read_text())
    result["child_wall_s"] = wall
    result["child_peak_rss_mb"] = rss
    return result


# ---------------------------------------------------------------------------------------------- workers


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


# ---------------------------------------------------------------------------------------------- phases


def fmt_ok(ok: bool) -> str:
    return "MET" if ok else "NOT MET"


def phase_throughput(args: argparse.Namespace, workdir: Path, weights: Path, report: dict[str, object]) -> None:
    print(f"\n== Throughput on {args.n} 12-MP JPEGs ({args.rounds} rounds, batch {args.batch_size}) ==", flush=True)
    folder = make_big_folder(args.workdir_photos / f"big-{args.n}-g{args.grain:g}", args.n, args.grain)
    paths = sorted(str(p) for p in folder.glob("*.jpg"))
    common = {"paths": paths, "weights": str(weights), "batch_size": args.batch_size}
    base_rates, e2e_rates, pure_rates, pair_ratios = [], [], [], []
    e2e_cpu: list[float] = []
    pure_cpu: list[float] = []
    base_peak = ours_peak = ours_total_peak = 0.0
    base_labels = ours_labels = None
    precision = "?"
    for r in range(args.rounds):
        base = run_worker("baseline", {**common, "repeat": 1}, workdir, f"baseline{r}")
        ours = run_worker(
            "ours",
            {
                **common,
                "precision": args.precision,
                "repeat": args.inner,
                "decode_workers": args.decode_workers,
                "prefetch": args.prefetch,
            },
            workdir,
            f"ours{r}",
        )
        precision = str(ours["precision"])
        n = len(paths)
        b = [n / s for s in base["seconds"]]  # type: ignore[union-attr]
        e = [n / s for s in ours["e2e_seconds"]]  # type: ignore[union-attr]
        p = [n / s for s in ours["pure_seconds"]]  # type: ignore[union-attr]
        base_rates += b
        e2e_rates += e
        pure_rates += p
        pair_ratios += [ei / pi for ei, pi in zip(e, p)]
        e2e_cpu += [c / n for c in ours["e2e_cpu_seconds"]]  # type: ignore[union-attr]
        pure_cpu += [c / n for c in ours["pure_cpu_seconds"]]  # type: ignore[union-attr]
        base_peak = max(base_peak, float(base["child_peak_rss_mb"]))  # type: ignore[arg-type]
        ours_peak = max(ours_peak, float(ours["e2e_peak_rss_mb"]))  # type: ignore[arg-type]
        ours_total_peak = max(ours_total_peak, float(ours["child_peak_rss_mb"]))  # type: ignore[arg-type]
        base_labels, ours_labels = base["labels"], ours["labels"]
        print(
            f"  round {r + 1}: baseline {' '.join(f'{x:.2f}' for x in b)}  e2e {' '.join(f'{x:.2f}' for x in e)}  "
            f"model {' '.join(f'{x:.2f}' for x in p)} photos/s  (build: baseline {base['build_s']:.1f} s, "
            f"ours {ours['build_s']:.1f} s)",
            flush=True,
        )
    best_b, best_e, best_p = max(base_rates), max(e2e_rates), max(pure_rates)
    vs_base, vs_model = best_e / best_b, best_e / best_p
    agree = sum(a == b for a, b in zip(base_labels or [], ours_labels or []))
    print(f"  precision: {precision}")
    print(f"  (a) recipe baseline, float32     : {best_b:6.2f} photos/s   peak RSS {base_peak:7.0f} MiB")
    print(f"  (b) ours end to end              : {best_e:6.2f} photos/s   peak RSS {ours_peak:7.0f} MiB")
    print(f"  (c) ours pure model (pre-decoded): {best_p:6.2f} photos/s   (process peak {ours_total_peak:.0f} MiB)")
    target = target_vs_baseline()
    print(f"  e2e / baseline = {vs_base:.2f}x  (target >= {target:g}x: {fmt_ok(vs_base >= target)})")
    print(
        f"  e2e / model    = {vs_model:.1%}  (target >= {TARGET_VS_MODEL:.0%}: {fmt_ok(vs_model >= TARGET_VS_MODEL)}); "
        f"neighbouring pairs: median {statistics.median(pair_ratios):.1%}, "
        f"range {min(pair_ratios):.1%}-{max(pair_ratios):.1%}"
    )
    cpu_e, cpu_p = statistics.median(e2e_cpu), statistics.median(pure_cpu)
    print(
        f"  CPU per photo (load-insensitive): e2e {cpu_e * 1000:.0f} ms, model {cpu_p * 1000:.0f} ms; decode adds "
        f"{(cpu_e - cpu_p) * 1000:.0f} ms, so with every core busy e2e/model cannot exceed {cpu_p / cpu_e:.1%}"
    )
    print(
        f"  labels: ours and the recipe agree on {agree}/{len(paths)} (resize differs: draft + EXIF vs full, no EXIF)"
    )
    report["throughput"] = {
        "n": len(paths),
        "precision": precision,
        "baseline_rates": base_rates,
        "e2e_rates": e2e_rates,
        "model_rates": pure_rates,
        "pair_ratios": pair_ratios,
        "cpu_ms_per_photo": {"e2e": cpu_e * 1000, "model": cpu_p * 1000},
        "best": {"baseline": best_b, "e2e": best_e, "model": best_p},
        "e2e_vs_baseline": vs_base,
        "e2e_vs_model": vs_model,
        "peak_rss_mb": {"baseline": base_peak, "e2e": ours_peak, "ours_process": ours_total_peak},
        "label_agreement": [agree, len(paths)],
    }


def cli_cmd(folder: Path, cache: str, report_csv: Path, args: argparse.Namespace, weights: Path) -> list[str]:
    cmd = [sys.executable, "-m", "sakura_sorter", "classify", str(folder), "--feature-cache", cache]
    cmd += ["--report", str(report_csv), "--weights", str(weights), "--batch-size", str(args.batch_size)]
    if args.precision != "auto":
        cmd += ["--precision", args.precision]
    return cmd


def phase_rerun(args: argparse.Namespace, workdir: Path, weights: Path, report: dict[str, object]) -> None:
    for kind in args.rerun_photos.split(","):
        rerun_one(args, workdir, weights, report, kind.strip())


def rerun_one(args: argparse.Namespace, workdir: Path, weights: Path, report: dict[str, object], kind: str) -> None:
    n = args.rerun_n
    print(f"\n== Cached re-run: sakura-sorter classify on {n} {kind} photos, whole command timed ==", flush=True)
    if kind == "camera":
        big = make_big_folder(args.workdir_photos / f"big-{args.n}-g{args.grain:g}", args.n, args.grain)
        folder = make_camera_folder(args.workdir_photos / f"camera-{n}", n, big)
    else:
        folder = make_ordinary_folder(args.workdir_photos / f"ordinary-{n}", n)
    cache = workdir / f"rerun-cache-{kind}.sqlite3"
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{cache}{suffix}").unlink(missing_ok=True)
    runs = []
    for i in range(2 + args.extra_reruns):
        log = workdir / f"rerun-{kind}{i}.log"
        status, wall, rss = run_child(cli_cmd(folder, str(cache), workdir / f"rerun-{kind}{i}.csv", args, weights), log)
        if status not in (0, 1):
            sys.stderr.write(log.read_text(errors="replace")[-4000:])
            raise SystemExit(f"classify failed with status {status}")
        runs.append((wall, rss))
        label = "first (cold cache)" if i == 0 else f"re-run {i}"
        print(f"  {label:20s}: {wall:7.2f} s   ({n / wall:7.1f} photos/s)   peak RSS {rss:6.0f} MiB", flush=True)
    first = runs[0][0]
    rerun = min(w for w, _ in runs[1:])
    same = (workdir / f"rerun-{kind}0.csv").read_text() == (workdir / f"rerun-{kind}1.csv").read_text()
    ratio = first / rerun
    print(
        f"  first / re-run = {ratio:.1f}x  (target >= {TARGET_RERUN:g}x: {fmt_ok(ratio >= TARGET_RERUN)}); "
        f"reports identical: {same}"
    )
    report[f"rerun-{kind}"] = {"n": n, "runs": runs, "ratio": ratio, "reports_identical": same}


def phase_memory(args: argparse.Namespace, workdir: Path, weights: Path, report: dict[str, object]) -> None:
    sizes = sorted(args.mem_n)
    print(f"\n== Memory growth: sakura-sorter classify --feature-cache off on {sizes} ordinary photos ==", flush=True)
    peaks = []
    for n in sizes:
        folder = make_ordinary_folder(args.workdir_photos / f"ordinary-{n}", n)
        status, wall, rss = run_child(
            cli_cmd(folder, "off", workdir / f"mem{n}.csv", args, weights), workdir / f"mem{n}.log"
        )
        if status not in (0, 1):
            sys.stderr.write((workdir / f"mem{n}.log").read_text(errors="replace")[-4000:])
            raise SystemExit(f"classify failed with status {status}")
        peaks.append(rss)
        print(f"  {n:6d} photos: {wall:7.1f} s ({n / wall:5.1f} photos/s)   peak RSS {rss:7.0f} MiB", flush=True)
    growth = peaks[-1] / peaks[0] - 1
    ok = growth <= TARGET_MEMORY_GROWTH
    print(f"  growth {sizes[0]} -> {sizes[-1]}: {growth:+.1%}  (target <= +{TARGET_MEMORY_GROWTH:.0%}: {fmt_ok(ok)})")
    report["memory"] = {"sizes": sizes, "peak_rss_mb": peaks, "growth": growth}


# ---------------------------------------------------------------------------------------------- main


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, help="12-MP photos for the throughput phase (default 160, quick 48)")
    parser.add_argument("--quick", action="store_true", help="smaller sizes: finishes in a few minutes")
    parser.add_argument("--rounds", type=int, help="baseline/ours subprocess pairs (default 3, quick 1)")
    parser.add_argument("--inner", type=int, help="e2e/model alternations inside each 'ours' process (default 3)")
    parser.add_argument("--rerun-n", type=int, help="photos for the cached re-run (default 600, quick 300)")
    parser.add_argument(
        "--rerun-photos",
        default="ordinary",
        help="re-run folders, comma-separated: ordinary (the shared photos, mostly under 1 MP, and unique copies)"
        " and/or camera (unique copies of the 12-MP JPEGs of the throughput phase)",
    )
    parser.add_argument("--extra-reruns", type=int, default=1, help="more cached re-runs (the best is used)")
    parser.add_argument(
        "--mem-n", type=int, nargs=2, metavar=("SMALL", "LARGE"), help="default 200 2000; quick 100 600"
    )
    parser.add_argument("--phases", default="throughput,rerun,memory", help="comma-separated subset to run")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--precision", default="auto", choices=("auto", "int8", "float32", "bfloat16"))
    parser.add_argument("--decode-workers", type=int, help="override the pipeline's decode worker count")
    parser.add_argument("--prefetch", type=int, help="override the pipeline's prefetch depth (batches)")
    parser.add_argument("--grain", type=float, default=0.0, help="sensor-like noise sigma for the 12-MP JPEGs")
    parser.add_argument("--workdir", type=Path, help="folder for generated photos and logs (default: a temp folder)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (generated photos are reused)")
    parser.add_argument("--json", type=Path, help="also write all figures here")
    parser.add_argument("--worker", choices=sorted(WORKERS), help=argparse.SUPPRESS)
    parser.add_argument("--spec", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    quick = args.quick
    args.n = args.n or (48 if quick else 160)
    args.rounds = args.rounds or (1 if quick else 3)
    args.inner = args.inner or (2 if quick else 3)
    args.rerun_n = args.rerun_n or (300 if quick else 600)
    args.mem_n = args.mem_n or ([100, 600] if quick else [200, 2000])
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.worker:
        result = WORKERS[args.worker](json.loads(args.spec))
        args.out.write_text(json.dumps(result))
        return 0
    weights = weights_path()
    os.environ["SAKURA_SORTER_WEIGHTS"] = str(weights)
    # Everything goes into a folder of our own, so only it is deleted afterwards (unless --keep).
    if args.workdir is None:
        workdir = Path(tempfile.mkdtemp(prefix="sakura-bench-"))
    else:
        workdir = args.workdir.resolve() / "sakura-bench"
        workdir.mkdir(parents=True, exist_ok=True)
    args.workdir_photos = workdir / "photos"
    # The quantized int8 model and the precision probes go into the work folder, not the user's cache: the first
    # "ours" worker quantizes (its build time, printed, excluded from the rates), later children reuse it.
    os.environ["XDG_CACHE_HOME"] = str(workdir / "xdg-cache")
    report: dict[str, object] = {"argv": sys.argv[1:], "cpu_count": os.cpu_count()}
    print(f"work folder: {workdir}   cpus: {os.cpu_count()}   load average: {os.getloadavg()}", flush=True)
    print(machine_line(), flush=True)
    report["machine"] = machine_line()
    start = time.perf_counter()
    try:
        phases = {p.strip() for p in args.phases.split(",")}
        if "throughput" in phases:
            phase_throughput(args, workdir, weights, report)
        if "rerun" in phases:
            phase_rerun(args, workdir, weights, report)
        if "memory" in phases:
            phase_memory(args, workdir, weights, report)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    report["total_s"] = time.perf_counter() - start
    print(f"\nTotal {report['total_s'] / 60:.1f} min; load average now {os.getloadavg()}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
