"""The pipeline generator with a fake extractor: batching, errors, cancellation, the cache short-cut."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image
from sklearn.svm import SVC

from sakura_sorter.model.bundle import ModelBundle
from sakura_sorter.vision.pipeline import classify_photos, iter_features


class FakeExtractor:
    """Mean colour as a 'feature': red photos and blue photos separate on feature 0 vs 2."""

    batch_size = 4

    def __init__(self) -> None:
        self.calls = 0

    def extract(self, images: np.ndarray) -> np.ndarray:
        self.calls += 1
        out = np.zeros((len(images), 1024), np.float32)
        out[:, 512:515] = images.reshape(len(images), -1, 3).mean(axis=1) / 255.0  # the recipe's columns
        return out


class DictCache:
    def __init__(self) -> None:
        self.data: dict[Path, np.ndarray] = {}
        self.hashes: dict[Path, str] = {}

    def lookup(self, paths, digests=None):  # type: ignore[no-untyped-def]
        if digests is not None:
            digests.update({p: self.hashes[p] for p in paths if p in self.data and p in self.hashes})
        return {p: self.data[p] for p in paths if p in self.data}

    def store(self, items, hashes=None):  # type: ignore[no-untyped-def]
        self.data.update(items)
        self.hashes.update(hashes or {})


def make_folder(tmp_path: Path, n_red: int, n_blue: int, broken: int = 0) -> list[Path]:
    paths = []
    for i in range(n_red):
        p = tmp_path / f"red{i:02d}.jpg"
        Image.new("RGB", (60, 40), (230, 10, 10)).save(p)
        paths.append(p)
    for i in range(n_blue):
        p = tmp_path / f"blue{i:02d}.png"
        Image.new("RGB", (40, 60), (10, 10, 230)).save(p)
        paths.append(p)
    for i in range(broken):
        p = tmp_path / f"broken{i}.jpg"
        p.write_text("not a photo")
        paths.append(p)
    return paths


def colour_bundle() -> ModelBundle:
    x = np.zeros((4, 512))
    x[:2, 0] = 0.9
    x[2:, 2] = 0.9
    return ModelBundle(svm=SVC(kernel="linear").fit(x, ["sakura", "sakura", "cosmos", "cosmos"]), slope=5.0)


def test_every_photo_gets_one_result_and_errors_do_not_stop_the_run(tmp_path: Path) -> None:
    paths = make_folder(tmp_path, 5, 6, broken=2)
    fake = FakeExtractor()
    steps = list(classify_photos(paths, colour_bundle(), lambda: fake, batch_size=4))
    results = [r for step in steps for r in step.results]
    assert [r.path for r in results] == paths
    assert [s.done for s in steps] == [4, 8, 12, 13]
    by_name = {r.path.name: r for r in results}
    assert all(by_name[f"red{i:02d}.jpg"].label == "sakura" for i in range(5))
    assert all(by_name[f"blue{i:02d}.png"].label == "cosmos" for i in range(6))
    broken = [r for r in results if not r.ok]
    assert [r.path.name for r in broken] == ["broken0.jpg", "broken1.jpg"]
    assert all(r.status == "error" and "not an image" in (r.error or "") for r in broken)
    assert all(0.5 <= (r.confidence or 0) <= 1 for r in results if r.ok)


def test_cancel_stops_between_batches(tmp_path: Path) -> None:
    paths = make_folder(tmp_path, 10, 10)
    seen = []
    cancelled = False

    def cancel() -> bool:
        return cancelled

    for step in classify_photos(paths, colour_bundle(), FakeExtractor, batch_size=4, cancel=cancel):
        seen.append(step.done)
        if step.done >= 8:
            cancelled = True
    assert seen == [4, 8]


def test_fully_cached_run_never_builds_the_extractor(tmp_path: Path) -> None:
    paths = make_folder(tmp_path, 3, 3)
    cache = DictCache()
    first = list(iter_features(paths, FakeExtractor, batch_size=4, cache=cache))
    assert sum(b.cached for b in first) == 0 and len(cache.data) == 6

    def must_not_build() -> FakeExtractor:
        raise AssertionError("the extractor was built although every photo is cached")

    second = list(iter_features(paths, must_not_build, batch_size=4, cache=cache))
    assert len(second) == 1 and second[0].cached == 6
    assert all(np.array_equal(f, cache.data[p]) for p, f in zip(second[0].paths, second[0].features))


def test_partly_cached_run_computes_only_the_rest(tmp_path: Path) -> None:
    paths = make_folder(tmp_path, 4, 4)
    cache = DictCache()
    list(iter_features(paths[:5], FakeExtractor, batch_size=4, cache=cache))
    fake = FakeExtractor()
    batches = list(iter_features(paths, lambda: fake, batch_size=4, cache=cache))
    assert batches[0].cached == 5 and sum(len(b.paths) for b in batches[1:]) == 3
    assert fake.calls == 1


def test_a_big_cached_folder_comes_in_growing_batches_the_first_before_the_rest_is_looked_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sakura_sorter.vision.pipeline.CACHED_CHUNKS", (3, 5))
    paths = make_folder(tmp_path, 9, 8)  # 17 photos, 15 of them cached
    cache = DictCache()
    cache.data = {p: np.full(1024, i, np.float32) for i, p in enumerate(paths) if i not in (4, 12)}
    looked_up: list[int] = []
    lookup = cache.lookup

    def counting(paths, digests=None):  # type: ignore[no-untyped-def]
        looked_up.append(len(paths))
        return lookup(paths, digests)

    cache.lookup = counting  # type: ignore[method-assign]
    batches = iter_features(paths, FakeExtractor, batch_size=4, cache=cache)
    first = next(batches)
    assert looked_up == [3] and first.paths == paths[:3] and first.cached == 3  # nothing else read yet
    rest = list(batches)
    assert looked_up == [3, 5, 5, 4]
    assert [len(b.paths) for b in rest] == [4, 4, 4, 2] and [b.cached for b in rest] == [4, 4, 4, 0]
    cached = [p for b in [first, *rest] if b.cached for p in b.paths]
    assert cached == [p for i, p in enumerate(paths) if i not in (4, 12)]  # in the folder's order, then the rest
    assert rest[-1].paths == [paths[4], paths[12]] and rest[-1].done == 17
    assert all(np.array_equal(f, cache.data[p]) for b in [first, *rest[:-1]] for p, f in zip(b.paths, b.features))


def test_with_a_cache_each_file_is_read_once_for_decoding_and_hashing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hashlib

    from sakura_sorter import digest
    from sakura_sorter.vision import photos

    paths = make_folder(tmp_path, 3, 2, broken=1)
    opened: list[Path] = []
    real_open = digest.open_regular  # every read of a photo, to decode or to hash, goes through it

    def counting_open(path: Path, *args: Any, **kwargs: Any) -> Any:
        opened.append(Path(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(photos, "open_regular", counting_open)
    monkeypatch.setattr(digest, "open_regular", counting_open)
    cache = DictCache()
    list(iter_features(paths, FakeExtractor, batch_size=4, cache=cache))
    monkeypatch.undo()
    good = paths[:5]
    assert cache.hashes == {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in good}
    assert sorted(opened) == sorted(paths)  # one read per file (the broken one too), none for hashing


def test_every_result_carries_its_content_hash_and_features(tmp_path: Path) -> None:
    """With the cache on, a fresh run hashes each photo while decoding it and a cached run takes the hash
    recorded in the cache (the person's labels are keyed by it); both keep the features for teaching."""
    import hashlib

    paths = make_folder(tmp_path, 3, 2, broken=1)
    cache = DictCache()
    for run in range(2):  # computed, then cached
        steps = list(classify_photos(paths, colour_bundle(), FakeExtractor, batch_size=4, cache=cache))
        results = {r.path: r for step in steps for r in step.results}
        assert sum(s.cached for s in steps[-1:]) == (5 if run else 0)
        for path, r in results.items():
            assert r.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
            assert (r.feature is not None) == r.ok
