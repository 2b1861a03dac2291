"""The photos ``throughput.py`` measures on, generated from ../shared/data/photos into its work folder (and
reused there while their manifest matches): 12-MP JPEGs with EXIF rotations, ordinary photos, camera-size
copies; copies carry a JPEG comment so that every file has its own bytes (the cache cannot serve a copy)."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

PHOTOS = Path(__file__).resolve().parents[2] / "shared" / "data" / "photos"
GENERATOR_VERSION = 2  # bump when generated photos change (folders in --workdir are reused when it matches)


def source_photos() -> list[Path]:
    """All JPEGs under ../shared/data/photos (sorted, every class folder)."""
    if not PHOTOS.is_dir():
        raise SystemExit(f"photos not found: {PHOTOS}")
    found = sorted(p for p in PHOTOS.rglob("*") if p.suffix.lower() in (".jpg", ".jpeg") and p.is_file())
    if not found:
        raise SystemExit(f"no JPEGs under {PHOTOS}")
    return found


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
