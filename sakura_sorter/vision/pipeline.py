"""scan -> decode -> extract -> classify, as generators that yield once per batch.

Decoding (JPEG draft, EXIF orientation, resize) runs in a thread pool a few batches ahead of the model,
so inference never waits for files. Photos whose features are in the cache skip decoding and the model;
when every photo is cached the extractor (and TensorFlow) is never built. Cancellation is cooperative:
``cancel()`` is checked between batches.

Performance notes (measured with ``benchmarks/throughput.py`` on 2 cores, see issue 5):

* The extractor is built as soon as the first photo of the run has decoded, while the pool keeps decoding up
  to :data:`BUILD_PREFETCH_PHOTOS` photos ahead, so building the model (seconds) hides the first batches'
  decoding instead of following it. If no photo of the first batch decodes, nothing is built yet.
* TensorFlow's default intra-op pool (one thread per core) scales almost perfectly on VGG16 (2 threads:
  1.95 cores busy, 2.0x one thread), so its CPU time is the budget decode shares: a 12-MP JPEG costs about
  17 ms of one core (draft decode 13 ms + resize), bfloat16 inference about 135 ms of CPU per photo. Decode
  threads at normal priority interleave with inference; lowering their priority only serialises the same work.
"""

from __future__ import annotations

import hashlib
import itertools
import os
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from sakura_sorter.results import PhotoResult
from sakura_sorter.vision.listing import ImageLoadError

if TYPE_CHECKING:
    from sakura_sorter.vision.settings import Extractor


class Classifier(Protocol):
    """What the pipeline needs of a model (a :class:`~sakura_sorter.model.bundle.ModelBundle`)."""

    @property
    def classes(self) -> list[str]: ...

    def predict(self, features: np.ndarray) -> tuple[list[str], np.ndarray, np.ndarray]: ...


class FeatureStore(Protocol):
    """What the pipeline needs of a feature cache (see :mod:`sakura_sorter.vision.cache`)."""

    def lookup(self, paths: Sequence[Path], digests: dict[Path, str] | None = None) -> dict[Path, np.ndarray]:
        """Cached features of ``paths``; ``digests`` receives the content hash of each hit it knows."""

    def store(self, items: Sequence[tuple[Path, np.ndarray]], hashes: Mapping[Path, str] | None = None) -> object: ...


@dataclass
class FeatureBatch:
    """Features (or errors) for one batch of photos, with the running totals."""

    paths: list[Path]
    features: list[np.ndarray | None]
    errors: list[str | None]
    done: int
    total: int
    cached: int = 0
    hashes: dict[Path, str] = field(default_factory=dict)  #: content hashes known for this batch


@dataclass
class ClassifiedBatch:
    """One batch of classified photos and where the run stands."""

    results: list[PhotoResult]
    done: int
    total: int
    cached: int = 0


#: Files up to this size are read once, then decoded and hashed from memory (for the feature cache);
#: larger ones are decoded from disk and left for the cache to hash.
HASH_IN_MEMORY_LIMIT = 256 << 20


def _decode(path: Path, hashes: dict[Path, str] | None) -> np.ndarray | str:
    """The model input for ``path``, or the reason it cannot be read. With ``hashes`` (the feature cache is
    on), one read of the file serves both the decoder and its sha256, recorded in ``hashes``."""
    from sakura_sorter.vision.photos import load_for_model, read_photo_bytes  # Pillow only when decoding

    try:
        try:
            size = path.stat().st_size if hashes is not None else 0
        except OSError:
            size = 0  # the decoder says why it cannot be read
        if hashes is not None and 0 < size <= HASH_IN_MEMORY_LIMIT:
            data = read_photo_bytes(path)
            hashes[path] = hashlib.sha256(data).hexdigest()
            return load_for_model(path, data=data)
        return load_for_model(path)
    except ImageLoadError as exc:
        return str(exc)
    except FileNotFoundError:
        return "file not found (moved or deleted?)"
    except MemoryError:
        return "not enough memory to decode this image"
    except Exception as exc:  # a decoder bug must not stop the run
        return f"cannot decode image ({type(exc).__name__}: {exc})"


#: While the extractor is being built, decoding may run this many photos ahead (about 150 KB each).
BUILD_PREFETCH_PHOTOS = 128


def default_decode_workers() -> int:
    return max(2, min(4, os.cpu_count() or 2))


def _wait_first_decoded(futures: Sequence[Future[np.ndarray | str]], cancel: Callable[[], bool] | None) -> bool:
    """Wait until one of ``futures`` holds a decoded photo (True) or all failed or the run was cancelled (False)."""
    waiting = set(futures)
    while waiting:
        done, waiting = wait(waiting, timeout=0.25, return_when=FIRST_COMPLETED)
        if any(not isinstance(f.result(), str) for f in done):
            return True
        if cancel is not None and cancel():
            return False
    return False


#: How many photos each look-up of the feature cache takes, one after another (the last size repeats): the
#: first photos of a big folder seen before show at once, not after every photo of it was looked up (2,000
#: photos: 0.4 s of look-up and 0.25 s of scoring before the first result, ``benchmarks/first_result.py``).
CACHED_CHUNKS = (64, 256, 1024)


def _cached_chunks(paths: Sequence[Path]) -> Iterator[Sequence[Path]]:
    start = 0
    for size in itertools.chain(CACHED_CHUNKS, itertools.repeat(CACHED_CHUNKS[-1])):
        if start >= len(paths):
            return
        yield paths[start : start + size]
        start += size


def iter_features(
    paths: Sequence[Path],
    get_extractor: Callable[[], Extractor],
    *,
    batch_size: int = 16,
    cache: FeatureStore | None = None,
    cancel: Callable[[], bool] | None = None,
    decode_workers: int | None = None,
    prefetch_batches: int = 3,
) -> Iterator[FeatureBatch]:
    """Yield features for ``paths`` batch by batch: the cached ones first, in batches that grow
    (:data:`CACHED_CHUNKS`), then the others, ``batch_size`` at a time."""
    paths = [Path(p) for p in paths]
    total = len(paths)
    done = 0
    todo = paths
    if cache is not None:
        todo = []
        for chunk in _cached_chunks(paths):
            if cancel is not None and cancel():
                return
            known: dict[Path, str] = {}  # content hashes of the cached photos, from the same lookup
            cached = cache.lookup(chunk, known)
            todo.extend(p for p in chunk if p not in cached)
            hits = [p for p in chunk if p in cached]
            if hits:
                done += len(hits)
                yield FeatureBatch(hits, [cached[p] for p in hits], [None] * len(hits), done, total, len(hits), known)
    if not todo:
        return
    extractor: Extractor | None = None
    hashes: dict[Path, str] | None = {} if cache is not None else None
    batches = [todo[i : i + batch_size] for i in range(0, len(todo), batch_size)]
    with ThreadPoolExecutor(decode_workers or default_decode_workers(), thread_name_prefix="decode") as pool:
        pending: deque[list[Future[np.ndarray | str]]] = deque()
        next_batch = 0

        def fill(depth: int = prefetch_batches) -> None:
            nonlocal next_batch
            while next_batch < len(batches) and len(pending) < depth:
                pending.append([pool.submit(_decode, p, hashes) for p in batches[next_batch]])
                next_batch += 1

        try:
            # Build the model while the pool decodes ahead, once a photo is known to decode.
            fill(max(prefetch_batches, -(-BUILD_PREFETCH_PHOTOS // max(1, batch_size))))
            if _wait_first_decoded(pending[0], cancel) and not (cancel is not None and cancel()):
                extractor = get_extractor()
            for batch_paths in batches:
                if cancel is not None and cancel():
                    return
                decoded = [f.result() for f in pending.popleft()]
                batch_hashes = {p: hashes.pop(p) for p in batch_paths if p in hashes} if hashes else {}
                fill()
                ok = [i for i, d in enumerate(decoded) if not isinstance(d, str)]
                feats: list[np.ndarray | None] = [None] * len(batch_paths)
                errors: list[str | None] = [d if isinstance(d, str) else None for d in decoded]
                if ok:
                    if extractor is None:
                        extractor = get_extractor()
                    computed = extractor.extract(np.stack([decoded[i] for i in ok]))
                    for row, i in enumerate(ok):
                        feats[i] = computed[row]
                    if cache is not None:
                        items = [(batch_paths[i], computed[row]) for row, i in enumerate(ok)]
                        cache.store(items, {p: batch_hashes[p] for p, _ in items if p in batch_hashes})
                done += len(batch_paths)
                yield FeatureBatch(batch_paths, feats, errors, done, total, hashes=batch_hashes)
        finally:
            for futures in pending:
                for f in futures:
                    f.cancel()


def classify_photos(
    paths: Sequence[Path],
    bundle: Classifier,
    get_extractor: Callable[[], Extractor],
    **kwargs: Any,
) -> Iterator[ClassifiedBatch]:
    """Yield a :class:`ClassifiedBatch` per batch (cached photos first, see :func:`iter_features`).

    Keyword arguments are those of :func:`iter_features` (batch_size, cache, cancel, ...).
    """
    cached_total = 0
    for batch in iter_features(paths, get_extractor, **kwargs):
        results = [
            PhotoResult(path=p, error=e, sha256=batch.hashes.get(p), feature=f)
            for p, e, f in zip(batch.paths, batch.errors, batch.features)
        ]
        ok = [i for i, f in enumerate(batch.features) if f is not None]
        if ok:
            labels, confidences, scores = bundle.predict(np.stack([f for f in batch.features if f is not None]))
            classes = bundle.classes
            for row, i in enumerate(ok):
                results[i].label = labels[row]
                results[i].confidence = float(confidences[row])
                results[i].scores = {c: float(s) for c, s in zip(classes, scores[row])}
        cached_total += batch.cached
        yield ClassifiedBatch(results, batch.done, batch.total, cached=cached_total)
