"""Pipeline scheduling that the throughput depends on: decode ahead, build the model while decoding, laziness."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
import pytest

import sakura_sorter.vision.photos as photos
from sakura_sorter.vision.photos import ImageLoadError
from sakura_sorter.vision.pipeline import BUILD_PREFETCH_PHOTOS, iter_features


class CountingExtractor:
    batch_size = 4

    def __init__(self) -> None:
        self.batches: list[int] = []

    def extract(self, images: np.ndarray) -> np.ndarray:
        self.batches.append(len(images))
        return np.zeros((len(images), 1024), np.float32)


@pytest.fixture
def fake_decode(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Replace decoding by a short sleep; paths whose name starts with 'bad' fail. Returns the decode log."""
    log: list[str] = []
    lock = threading.Lock()

    def load(path: Path) -> np.ndarray:
        time.sleep(0.02)
        with lock:
            log.append(path.name)
        if path.name.startswith("bad"):
            raise ImageLoadError("not an image")
        return np.zeros((224, 224, 3), np.uint8)

    monkeypatch.setattr(photos, "load_for_model", load)  # what the pipeline decodes with
    return log


def names(prefix: str, n: int) -> list[Path]:
    return [Path(f"/nowhere/{prefix}{i:03d}.jpg") for i in range(n)]


def test_model_is_built_while_photos_keep_decoding(fake_decode: list[str]) -> None:
    extractor = CountingExtractor()
    decoded_at_build: list[int] = []
    decoded_after_build: list[int] = []

    def slow_build() -> CountingExtractor:
        decoded_at_build.append(len(fake_decode))
        time.sleep(0.4)  # building VGG16 takes seconds; decoding must go on meanwhile
        decoded_after_build.append(len(fake_decode))
        return extractor

    batches = list(iter_features(names("ok", 80), slow_build, batch_size=4, decode_workers=2, prefetch_batches=2))
    assert decoded_at_build[0] < 4  # built as soon as one photo decoded, not after the whole first batch
    assert decoded_after_build[0] > 3 * 4  # decoded beyond the normal prefetch depth while building
    assert sum(len(b.paths) for b in batches) == 80 and extractor.batches == [4] * 20


def test_decoding_ahead_during_the_build_is_bounded(fake_decode: list[str]) -> None:
    seen: list[int] = []

    def slow_build() -> CountingExtractor:
        time.sleep(1.0)
        seen.append(len(fake_decode))
        return CountingExtractor()

    list(iter_features(names("ok", 300), slow_build, batch_size=4, decode_workers=4))
    assert seen[0] <= BUILD_PREFETCH_PHOTOS


def test_nothing_is_built_when_no_photo_decodes(fake_decode: list[str]) -> None:
    def must_not_build() -> CountingExtractor:
        raise AssertionError("built the extractor although no photo could be decoded")

    batches = list(iter_features(names("bad", 10), must_not_build, batch_size=4))
    assert [len(b.paths) for b in batches] == [4, 4, 2]
    assert all(f is None for b in batches for f in b.features)
    assert all(e == "not an image" for b in batches for e in b.errors)


def test_first_batch_all_broken_then_good_builds_later(fake_decode: list[str]) -> None:
    extractor = CountingExtractor()
    builds: list[int] = []

    def build() -> CountingExtractor:
        builds.append(1)
        return extractor

    paths = names("bad", 4) + names("ok", 6)
    batches = list(iter_features(paths, build, batch_size=4))
    assert builds == [1] and extractor.batches == [4, 2]
    assert [sum(f is not None for f in b.features) for b in batches] == [0, 4, 2]


def test_cancel_while_waiting_for_the_first_photo_builds_nothing(fake_decode: list[str]) -> None:
    def must_not_build() -> CountingExtractor:
        raise AssertionError("built after cancel")

    assert list(iter_features(names("ok", 40), must_not_build, batch_size=4, cancel=lambda: True)) == []


def test_fixed_size_batches_reach_the_model(fake_decode: list[str]) -> None:
    extractor = CountingExtractor()
    paths = names("ok", 9) + names("bad", 1) + names("ok", 2)
    list(iter_features(paths, lambda: extractor, batch_size=4))
    assert extractor.batches == [4, 4, 3]  # the extractor pads each call to its fixed batch size
